/**
 * The security model and the users' surfaces as tables: the five persona permission sets (objects,
 * fields, other grants), the Stripe Billing app, tabs, page layouts, compact layouts and list views.
 * docs/security-model.md explains each decision. The security gates (scripts/verify/rules/
 * permission-set-spec.ts and its neighbours) require the metadata to match these tables exactly:
 * a permission added or removed in the XML, or a field added to an object without deciding who may
 * see it, fails a gate. Change a table together with the metadata, never to make a gate pass.
 */

export const PERSONAS = [
  'Stripe_Integration',
  'Stripe_Sales',
  'Stripe_Service',
  'Stripe_Finance',
  'Stripe_Admin'
] as const;
export type Persona = (typeof PERSONAS)[number];

export const without = (all: readonly string[], drop: readonly string[]): string[] =>
  all.filter((f) => !drop.includes(f));

/**
 * Every custom field of the objects the permission sets cover, except master-detail fields (always
 * readable with the object; a permission set may not name them). Must equal the fields on disk, so a
 * new field fails the tests until someone decides below who may read and edit it.
 */
export const FIELDS = {
  Stripe_Customer__c: [
    'Account__c',
    'Balance__c',
    'Churn_Risk__c',
    'Contact__c',
    'Currency__c',
    'Deleted_At__c',
    'Delinquent__c',
    'Dunning_Stage__c',
    'Email__c',
    'Failed_Payments__c',
    'Health_Score__c',
    'Last_Stripe_Event_At__c',
    'Last_Synced_At__c',
    'Lifetime_Revenue__c',
    'MRR__c',
    'Stripe_Created_At__c',
    'Stripe_Customer_Id__c',
    'Sync_Error__c',
    'Sync_Status__c',
    'Trial_MRR__c'
  ],
  Stripe_Subscription__c: [
    'Amount__c',
    'Cancel_At_Period_End__c',
    'Canceled_At__c',
    'Currency__c',
    'Current_Period_End__c',
    'Current_Period_Start__c',
    'Interval_Count__c',
    'Interval__c',
    'Last_Stripe_Event_At__c',
    'MRR__c',
    'Pricing_Plan__c',
    'Quantity__c',
    'Status__c',
    'Stripe_Subscription_Id__c',
    'Trial_End__c'
  ],
  Stripe_Invoice__c: [
    'Amount_Due__c',
    'Amount_Paid__c',
    'Amount_Remaining__c',
    'Attempt_Count__c',
    'Currency__c',
    'Due_Date__c',
    'Dunning_Stage__c',
    'Hosted_Invoice_Url__c',
    'Invoice_Pdf__c',
    'Last_Stripe_Event_At__c',
    'Next_Payment_Attempt__c',
    'Number__c',
    'Paid_At__c',
    'Status__c',
    'Stripe_Customer__c',
    'Stripe_Invoice_Id__c',
    'Stripe_Subscription__c'
  ],
  Payment_Transaction__c: [
    'Amount__c',
    'Card_Brand__c',
    'Card_Last4__c',
    'Currency__c',
    'Failure_Code__c',
    'Failure_Message__c',
    'Payment_Method_Type__c',
    'Processed_At__c',
    'Refunded_Amount__c',
    'Status__c',
    'Stripe_Customer__c',
    'Stripe_Invoice__c',
    'Stripe_Payment_Intent_Id__c'
  ],
  Pricing_Plan__c: [
    'Active__c',
    'Billing_Scheme__c',
    'Currency__c',
    'Interval_Count__c',
    'Interval__c',
    'Stripe_Price_Id__c',
    'Stripe_Product_Id__c',
    'Tiers_Mode__c',
    'Unit_Amount__c'
  ],
  Pricing_Tier__c: ['Flat_Amount__c', 'Unit_Amount__c', 'Up_To__c'],
  Stripe_Checkout_Link__c: [
    'Amount_Total__c',
    'Contact__c',
    'Currency__c',
    'Expires_At__c',
    'Line_Items__c',
    'Session_Id__c',
    'Status__c',
    'Stripe_Customer__c',
    'Stripe_Subscription__c',
    'Url__c'
  ],
  Stripe_Webhook_Event__c: [
    'Attempts__c',
    'Error__c',
    'Event_Id__c',
    'Payload__c',
    'Processed_At__c',
    'Status__c',
    'Stripe_Created_At__c',
    'Type__c'
  ],
  Stripe_Mrr_Movement__c: [
    'Currency__c',
    'MRR_Change__c',
    'New_MRR__c',
    'Occurred_At__c',
    'Previous_MRR__c',
    'Stripe_Customer__c',
    'Type__c'
  ],
  Stripe_Batch_Run__c: [
    'Async_Job_Id__c',
    'Errors__c',
    'Finished_At__c',
    'Job_Name__c',
    'Records_Failed__c',
    'Records_Processed__c',
    'Records_Written__c',
    'Started_At__c'
  ],
  Account: ['ARR__c', 'Churn_Risk__c', 'Health_Score__c', 'MRR_Currency__c', 'MRR__c', 'Trial_MRR__c'],
  Contact: ['Stripe_Customer__c']
} as const satisfies Record<string, readonly string[]>;
export type FieldObject = keyof typeof FIELDS;

/** Sync plumbing: for the pipeline and admins, not for business users. */
export const TECHNICAL = ['Last_Stripe_Event_At__c', 'Sync_Error__c'];
/** How a customer pays and why a payment failed: for service and finance, not for sales. */
export const PAYMENT_INSTRUMENT = ['Card_Brand__c', 'Card_Last4__c', 'Failure_Code__c', 'Failure_Message__c'];
/** What a rep chooses when building a checkout link; Stripe's answer (session, URL, amounts) is server-set. */
export const CHECKOUT_REP_INPUT = ['Contact__c', 'Line_Items__c', 'Stripe_Customer__c'];
/** What an admin resets to replay a failed event. */
export const REPLAY_FIELDS = ['Attempts__c', 'Error__c', 'Status__c'];

/** Object access letters: C create, R read, E edit, D delete, V view all, M modify all. */
export const OBJECT_ACCESS: Record<Persona, Record<string, string>> = {
  Stripe_Integration: {
    Payment_Transaction__c: 'CRE',
    Pricing_Plan__c: 'CRE',
    Pricing_Tier__c: 'CRE',
    Stripe_Checkout_Link__c: 'CRE',
    Stripe_Customer__c: 'CRE',
    Stripe_Event__e: 'C',
    Stripe_Invoice__c: 'CRE',
    Stripe_Subscription__c: 'CRE',
    Stripe_Webhook_Event__c: 'CRE'
  },
  Stripe_Sales: {
    Payment_Transaction__c: 'R',
    Pricing_Plan__c: 'R',
    Pricing_Tier__c: 'R',
    Stripe_Checkout_Link__c: 'CR',
    Stripe_Customer__c: 'R',
    Stripe_Invoice__c: 'R',
    Stripe_Subscription__c: 'R'
  },
  Stripe_Service: {
    Payment_Transaction__c: 'R',
    Pricing_Plan__c: 'R',
    Pricing_Tier__c: 'R',
    Stripe_Customer__c: 'R',
    Stripe_Invoice__c: 'R',
    Stripe_Subscription__c: 'R'
  },
  Stripe_Finance: {
    Payment_Transaction__c: 'RV',
    Pricing_Plan__c: 'R',
    Pricing_Tier__c: 'R',
    Stripe_Checkout_Link__c: 'RV',
    Stripe_Customer__c: 'RV',
    Stripe_Invoice__c: 'RV',
    Stripe_Mrr_Movement__c: 'RV',
    Stripe_Subscription__c: 'RV'
  },
  Stripe_Admin: {
    Payment_Transaction__c: 'RV',
    Pricing_Plan__c: 'R',
    Pricing_Tier__c: 'R',
    Stripe_Batch_Run__c: 'RV',
    Stripe_Checkout_Link__c: 'RV',
    Stripe_Customer__c: 'RV',
    Stripe_Event__e: 'C',
    Stripe_Invoice__c: 'RV',
    Stripe_Mrr_Movement__c: 'RV',
    Stripe_Subscription__c: 'RV',
    Stripe_Webhook_Event__c: 'REV'
  }
};

export interface FieldGrant {
  /** Readable, not editable. */
  read?: readonly string[];
  /** Readable and editable. */
  edit?: readonly string[];
}

export const readAll = (o: FieldObject): FieldGrant => ({ read: [...FIELDS[o]] });
export const editAll = (o: FieldObject): FieldGrant => ({ edit: [...FIELDS[o]] });
export const readBusiness = (o: FieldObject, alsoHidden: readonly string[] = []): FieldGrant => ({
  read: without(FIELDS[o], [...TECHNICAL, ...alsoHidden])
});
/** Rollups on Account and the Contact link: object access itself comes from the user's CRM profile. */
export const CRM_FIELDS = { Account: readAll('Account'), Contact: readAll('Contact') };

/** Field-level security, persona by persona, object by object. */
export const FIELD_ACCESS: Record<Persona, Partial<Record<FieldObject, FieldGrant>>> = {
  Stripe_Integration: {
    Payment_Transaction__c: editAll('Payment_Transaction__c'),
    Pricing_Plan__c: editAll('Pricing_Plan__c'),
    Pricing_Tier__c: editAll('Pricing_Tier__c'),
    Stripe_Checkout_Link__c: editAll('Stripe_Checkout_Link__c'),
    Stripe_Customer__c: editAll('Stripe_Customer__c'),
    Stripe_Invoice__c: editAll('Stripe_Invoice__c'),
    Stripe_Subscription__c: editAll('Stripe_Subscription__c'),
    Stripe_Webhook_Event__c: editAll('Stripe_Webhook_Event__c')
  },
  Stripe_Sales: {
    ...CRM_FIELDS,
    Payment_Transaction__c: readBusiness('Payment_Transaction__c', PAYMENT_INSTRUMENT),
    Pricing_Plan__c: readAll('Pricing_Plan__c'),
    Pricing_Tier__c: readAll('Pricing_Tier__c'),
    Stripe_Checkout_Link__c: {
      read: without(FIELDS.Stripe_Checkout_Link__c, CHECKOUT_REP_INPUT),
      edit: CHECKOUT_REP_INPUT
    },
    Stripe_Customer__c: readBusiness('Stripe_Customer__c'),
    Stripe_Invoice__c: readBusiness('Stripe_Invoice__c'),
    Stripe_Subscription__c: readBusiness('Stripe_Subscription__c')
  },
  Stripe_Service: {
    ...CRM_FIELDS,
    Payment_Transaction__c: readBusiness('Payment_Transaction__c'),
    Pricing_Plan__c: readAll('Pricing_Plan__c'),
    Pricing_Tier__c: readAll('Pricing_Tier__c'),
    Stripe_Customer__c: readBusiness('Stripe_Customer__c'),
    Stripe_Invoice__c: readBusiness('Stripe_Invoice__c'),
    Stripe_Subscription__c: readBusiness('Stripe_Subscription__c')
  },
  Stripe_Finance: {
    ...CRM_FIELDS,
    Payment_Transaction__c: readBusiness('Payment_Transaction__c'),
    Pricing_Plan__c: readAll('Pricing_Plan__c'),
    Pricing_Tier__c: readAll('Pricing_Tier__c'),
    Stripe_Checkout_Link__c: readAll('Stripe_Checkout_Link__c'),
    Stripe_Customer__c: readBusiness('Stripe_Customer__c'),
    Stripe_Invoice__c: readBusiness('Stripe_Invoice__c'),
    Stripe_Mrr_Movement__c: readAll('Stripe_Mrr_Movement__c'),
    Stripe_Subscription__c: readBusiness('Stripe_Subscription__c')
  },
  Stripe_Admin: {
    ...CRM_FIELDS,
    Payment_Transaction__c: readAll('Payment_Transaction__c'),
    Pricing_Plan__c: readAll('Pricing_Plan__c'),
    Pricing_Tier__c: readAll('Pricing_Tier__c'),
    Stripe_Checkout_Link__c: readAll('Stripe_Checkout_Link__c'),
    Stripe_Customer__c: readAll('Stripe_Customer__c'),
    Stripe_Invoice__c: readAll('Stripe_Invoice__c'),
    Stripe_Subscription__c: readAll('Stripe_Subscription__c'),
    Stripe_Mrr_Movement__c: readAll('Stripe_Mrr_Movement__c'),
    Stripe_Batch_Run__c: readAll('Stripe_Batch_Run__c'),
    Stripe_Webhook_Event__c: {
      read: without(FIELDS.Stripe_Webhook_Event__c, REPLAY_FIELDS),
      edit: REPLAY_FIELDS
    }
  }
};

export const APP = 'Stripe_Billing';
export const PRINCIPAL = 'Stripe-StripeApiKey';
export const MANAGE_SUBSCRIPTIONS = 'Stripe_Manage_Subscriptions';
/** Admins only: sync the price catalogue from Stripe (StripeCatalogSyncController checks it). */
export const SYNC_CATALOG = 'Stripe_Sync_Catalog';
/**
 * Granted with the External Credential principal, by exactly the permission sets that grant it: Apex
 * cannot ask whether the running user holds the principal, so StripeCustomerSyncRouter asks for this
 * and hands the Contact sync of everyone else to the integration user.
 */
export const CREDENTIAL_ACCESS = 'Stripe_Credential_Access';
export const SETTINGS = 'Stripe_Settings__mdt';

export const BUSINESS_TABS = [
  'Payment_Transaction__c',
  'Pricing_Plan__c',
  'Stripe_Customer__c',
  'Stripe_Invoice__c',
  'Stripe_Subscription__c'
];
export const ALL_TABS = [...BUSINESS_TABS, 'Stripe_Checkout_Link__c', 'Stripe_Webhook_Event__c'].sort();
/** Lightning page tabs (CustomTab with flexiPage): the finance console and the admins' event monitor. */
export const CONSOLE_TAB = 'Stripe_Subscription_Console';
export const MONITOR_TAB = 'Stripe_Event_Monitor';
export const PAGE_TABS = [MONITOR_TAB, CONSOLE_TAB];

export interface PersonaGrants {
  app: boolean;
  tabs: readonly string[];
  customPermissions: readonly string[];
  customMetadataTypes: readonly string[];
  externalCredentialPrincipals: readonly string[];
  /** Apex class access; StripeEventsRestResource and the action controllers join once they exist. */
  classes: readonly string[];
  userPermissions: readonly string[];
}

/** Everything a permission set grants besides objects and fields. */
export const GRANTS: Record<Persona, PersonaGrants> = {
  Stripe_Integration: {
    app: false,
    tabs: [],
    customPermissions: [CREDENTIAL_ACCESS],
    customMetadataTypes: [SETTINGS],
    externalCredentialPrincipals: [PRINCIPAL],
    classes: ['StripeEventsRestResource'],
    userPermissions: ['ApiEnabled']
  },
  Stripe_Sales: {
    app: true,
    tabs: without(ALL_TABS, ['Stripe_Webhook_Event__c']),
    customPermissions: [CREDENTIAL_ACCESS],
    customMetadataTypes: [],
    externalCredentialPrincipals: [PRINCIPAL],
    classes: ['CheckoutLinkController', 'CustomerBillingPanelController', 'CustomerSyncController'],
    userPermissions: []
  },
  Stripe_Service: {
    app: true,
    tabs: BUSINESS_TABS,
    customPermissions: [],
    customMetadataTypes: [],
    externalCredentialPrincipals: [],
    classes: ['CustomerBillingPanelController', 'CustomerSyncController'],
    userPermissions: []
  },
  Stripe_Finance: {
    app: true,
    tabs: [...without(ALL_TABS, ['Stripe_Webhook_Event__c']), CONSOLE_TAB],
    customPermissions: [CREDENTIAL_ACCESS, MANAGE_SUBSCRIPTIONS],
    customMetadataTypes: [],
    externalCredentialPrincipals: [PRINCIPAL],
    classes: [
      'CheckoutLinkController',
      'CustomerBillingPanelController',
      'CustomerSyncController',
      'SubscriptionActionsController',
      'SubscriptionConsoleController'
    ],
    userPermissions: []
  },
  Stripe_Admin: {
    app: true,
    tabs: [...ALL_TABS, ...PAGE_TABS],
    customPermissions: [CREDENTIAL_ACCESS, MANAGE_SUBSCRIPTIONS, SYNC_CATALOG],
    customMetadataTypes: [SETTINGS],
    externalCredentialPrincipals: [PRINCIPAL],
    classes: [
      'CheckoutLinkController',
      'CustomerBillingPanelController',
      'CustomerSyncController',
      'StripeCatalogSyncController',
      'StripeEventMonitorController',
      'StripeEventReplayService',
      'SubscriptionActionsController',
      'SubscriptionConsoleController'
    ],
    userPermissions: []
  }
};

/** One layout per object; a column is a list of field names; behaviours follow the two tables below. */
export interface LayoutSpec {
  name: string;
  sections: readonly { label: string; columns: readonly (readonly string[])[] }[];
  relatedLists: readonly { relatedList: string; fields: readonly string[] }[];
}

export const SYSTEM_OWNED = { label: 'System', columns: [['OwnerId'], ['CreatedById', 'LastModifiedById']] };

export const LAYOUTS: Record<string, LayoutSpec> = {
  Stripe_Customer__c: {
    name: 'Stripe_Customer__c-Stripe Customer Layout',
    sections: [
      {
        label: 'Stripe',
        columns: [
          ['Name', 'Stripe_Customer_Id__c', 'Email__c', 'Currency__c'],
          ['Account__c', 'Contact__c', 'Stripe_Created_At__c', 'Deleted_At__c']
        ]
      },
      {
        label: 'Billing',
        columns: [
          ['MRR__c', 'Trial_MRR__c', 'Lifetime_Revenue__c'],
          ['Balance__c', 'Delinquent__c']
        ]
      },
      {
        label: 'Dunning & Health',
        columns: [
          ['Health_Score__c', 'Churn_Risk__c'],
          ['Dunning_Stage__c', 'Failed_Payments__c']
        ]
      },
      {
        label: 'System',
        columns: [
          ['Sync_Status__c', 'Last_Synced_At__c', 'Last_Stripe_Event_At__c', 'Sync_Error__c'],
          ['OwnerId', 'CreatedById', 'LastModifiedById']
        ]
      }
    ],
    relatedLists: [
      {
        relatedList: 'Stripe_Subscription__c.Stripe_Customer__c',
        fields: ['NAME', 'Status__c', 'Pricing_Plan__c', 'Quantity__c', 'MRR__c', 'Current_Period_End__c']
      },
      {
        relatedList: 'Stripe_Invoice__c.Stripe_Customer__c',
        fields: [
          'NAME',
          'Number__c',
          'Status__c',
          'Amount_Due__c',
          'Amount_Remaining__c',
          'Due_Date__c',
          'Dunning_Stage__c'
        ]
      },
      {
        relatedList: 'Payment_Transaction__c.Stripe_Customer__c',
        fields: ['NAME', 'Status__c', 'Amount__c', 'Currency__c', 'Processed_At__c']
      },
      {
        relatedList: 'Stripe_Checkout_Link__c.Stripe_Customer__c',
        fields: ['NAME', 'Status__c', 'Amount_Total__c', 'Currency__c', 'Expires_At__c']
      }
    ]
  },
  Stripe_Subscription__c: {
    name: 'Stripe_Subscription__c-Stripe Subscription Layout',
    sections: [
      {
        label: 'Stripe',
        columns: [
          ['Name', 'Stripe_Subscription_Id__c', 'Stripe_Customer__c', 'Status__c', 'Pricing_Plan__c'],
          [
            'Current_Period_Start__c',
            'Current_Period_End__c',
            'Trial_End__c',
            'Cancel_At_Period_End__c',
            'Canceled_At__c'
          ]
        ]
      },
      {
        label: 'Billing',
        columns: [
          ['Amount__c', 'Quantity__c', 'Currency__c'],
          ['Interval__c', 'Interval_Count__c', 'MRR__c']
        ]
      },
      { label: 'System', columns: [['Last_Stripe_Event_At__c'], ['CreatedById', 'LastModifiedById']] }
    ],
    relatedLists: [
      {
        relatedList: 'Stripe_Invoice__c.Stripe_Subscription__c',
        fields: ['NAME', 'Number__c', 'Status__c', 'Amount_Due__c', 'Due_Date__c', 'Dunning_Stage__c']
      },
      {
        relatedList: 'Stripe_Checkout_Link__c.Stripe_Subscription__c',
        fields: ['NAME', 'Status__c', 'Amount_Total__c', 'Currency__c']
      }
    ]
  },
  Stripe_Invoice__c: {
    name: 'Stripe_Invoice__c-Stripe Invoice Layout',
    sections: [
      {
        label: 'Stripe',
        columns: [
          ['Name', 'Stripe_Invoice_Id__c', 'Number__c', 'Status__c'],
          ['Stripe_Customer__c', 'Stripe_Subscription__c', 'Hosted_Invoice_Url__c', 'Invoice_Pdf__c']
        ]
      },
      {
        label: 'Billing',
        columns: [
          ['Amount_Due__c', 'Amount_Paid__c', 'Amount_Remaining__c', 'Currency__c'],
          ['Due_Date__c', 'Paid_At__c']
        ]
      },
      { label: 'Dunning', columns: [['Dunning_Stage__c', 'Attempt_Count__c'], ['Next_Payment_Attempt__c']] },
      {
        label: 'System',
        columns: [
          ['Last_Stripe_Event_At__c', 'OwnerId'],
          ['CreatedById', 'LastModifiedById']
        ]
      }
    ],
    relatedLists: [
      {
        relatedList: 'Payment_Transaction__c.Stripe_Invoice__c',
        fields: ['NAME', 'Status__c', 'Amount__c', 'Currency__c', 'Failure_Code__c', 'Processed_At__c']
      }
    ]
  },
  Payment_Transaction__c: {
    name: 'Payment_Transaction__c-Payment Transaction Layout',
    sections: [
      {
        label: 'Stripe',
        columns: [
          ['Name', 'Stripe_Payment_Intent_Id__c', 'Status__c', 'Processed_At__c'],
          ['Stripe_Customer__c', 'Stripe_Invoice__c']
        ]
      },
      {
        label: 'Billing',
        columns: [
          ['Amount__c', 'Refunded_Amount__c', 'Currency__c'],
          ['Payment_Method_Type__c', 'Card_Brand__c', 'Card_Last4__c']
        ]
      },
      { label: 'Failure', columns: [['Failure_Code__c'], ['Failure_Message__c']] },
      SYSTEM_OWNED
    ],
    relatedLists: []
  },
  Pricing_Plan__c: {
    name: 'Pricing_Plan__c-Pricing Plan Layout',
    sections: [
      { label: 'Stripe', columns: [['Name', 'Stripe_Price_Id__c', 'Stripe_Product_Id__c'], ['Active__c']] },
      {
        label: 'Billing',
        columns: [
          ['Unit_Amount__c', 'Currency__c', 'Billing_Scheme__c', 'Tiers_Mode__c'],
          ['Interval__c', 'Interval_Count__c']
        ]
      },
      SYSTEM_OWNED
    ],
    relatedLists: [
      {
        relatedList: 'Pricing_Tier__c.Pricing_Plan__c',
        fields: ['NAME', 'Up_To__c', 'Unit_Amount__c', 'Flat_Amount__c']
      },
      {
        relatedList: 'Stripe_Subscription__c.Pricing_Plan__c',
        fields: ['NAME', 'Stripe_Customer__c', 'Status__c', 'Quantity__c', 'MRR__c']
      }
    ]
  },
  Pricing_Tier__c: {
    name: 'Pricing_Tier__c-Pricing Tier Layout',
    sections: [
      { label: 'Stripe', columns: [['Name'], ['Pricing_Plan__c']] },
      { label: 'Billing', columns: [['Up_To__c'], ['Unit_Amount__c', 'Flat_Amount__c']] },
      { label: 'System', columns: [['CreatedById'], ['LastModifiedById']] }
    ],
    relatedLists: []
  },
  Stripe_Checkout_Link__c: {
    name: 'Stripe_Checkout_Link__c-Stripe Checkout Link Layout',
    sections: [
      {
        label: 'Stripe',
        columns: [
          ['Name', 'Session_Id__c', 'Status__c', 'Expires_At__c'],
          ['Contact__c', 'Stripe_Customer__c', 'Stripe_Subscription__c']
        ]
      },
      { label: 'Checkout URL', columns: [['Url__c']] },
      { label: 'Billing', columns: [['Amount_Total__c', 'Currency__c'], ['Line_Items__c']] },
      SYSTEM_OWNED
    ],
    relatedLists: []
  },
  Stripe_Webhook_Event__c: {
    name: 'Stripe_Webhook_Event__c-Stripe Webhook Event Layout',
    sections: [
      { label: 'Stripe', columns: [['Name', 'Event_Id__c', 'Type__c'], ['Stripe_Created_At__c']] },
      { label: 'Processing', columns: [['Status__c', 'Attempts__c', 'Processed_At__c'], ['Error__c']] },
      { label: 'Payload', columns: [['Payload__c']] },
      SYSTEM_OWNED
    ],
    relatedLists: []
  }
};

/** Fields people type into on a layout; every other field of a mirror is read-only (Stripe is the truth). */
export const EDITABLE_ON_LAYOUT: Record<string, readonly string[]> = {
  Stripe_Checkout_Link__c: [...CHECKOUT_REP_INPUT, 'OwnerId'],
  Stripe_Webhook_Event__c: [...REPLAY_FIELDS, 'OwnerId'],
  Stripe_Customer__c: ['OwnerId'],
  Stripe_Invoice__c: ['OwnerId'],
  Payment_Transaction__c: ['OwnerId'],
  Pricing_Plan__c: ['OwnerId']
};
/** Required by the platform on every layout: a text Name field and a master-detail field. */
export const REQUIRED_ON_LAYOUT: Record<string, readonly string[]> = {
  Stripe_Customer__c: ['Name'],
  Pricing_Plan__c: ['Name'],
  Stripe_Subscription__c: ['Stripe_Customer__c'],
  Pricing_Tier__c: ['Pricing_Plan__c']
};

/**
 * Compact layouts (record highlights): key ids, status and amounts. They are not assigned here; the
 * object owner sets `<compactLayoutAssignment>` to these names in each object file.
 */
export const COMPACT_LAYOUTS: Record<string, { name: string; label: string; fields: readonly string[] }> = {
  Stripe_Customer__c: {
    name: 'Stripe_Customer_Compact',
    label: 'Stripe Customer Compact',
    fields: [
      'Name',
      'Stripe_Customer_Id__c',
      'MRR__c',
      'Health_Score__c',
      'Churn_Risk__c',
      'Dunning_Stage__c',
      'Sync_Status__c'
    ]
  },
  Stripe_Subscription__c: {
    name: 'Stripe_Subscription_Compact',
    label: 'Stripe Subscription Compact',
    fields: [
      'Name',
      'Status__c',
      'Stripe_Customer__c',
      'Pricing_Plan__c',
      'MRR__c',
      'Current_Period_End__c',
      'Stripe_Subscription_Id__c'
    ]
  },
  Stripe_Invoice__c: {
    name: 'Stripe_Invoice_Compact',
    label: 'Stripe Invoice Compact',
    fields: [
      'Name',
      'Number__c',
      'Status__c',
      'Amount_Due__c',
      'Amount_Remaining__c',
      'Due_Date__c',
      'Dunning_Stage__c',
      'Stripe_Invoice_Id__c'
    ]
  },
  Payment_Transaction__c: {
    name: 'Payment_Transaction_Compact',
    label: 'Payment Transaction Compact',
    fields: [
      'Name',
      'Status__c',
      'Amount__c',
      'Currency__c',
      'Processed_At__c',
      'Stripe_Payment_Intent_Id__c'
    ]
  },
  Pricing_Plan__c: {
    name: 'Pricing_Plan_Compact',
    label: 'Pricing Plan Compact',
    fields: ['Name', 'Active__c', 'Unit_Amount__c', 'Currency__c', 'Interval__c', 'Stripe_Price_Id__c']
  },
  Pricing_Tier__c: {
    name: 'Pricing_Tier_Compact',
    label: 'Pricing Tier Compact',
    fields: ['Name', 'Pricing_Plan__c', 'Up_To__c', 'Unit_Amount__c', 'Flat_Amount__c']
  },
  Stripe_Checkout_Link__c: {
    name: 'Stripe_Checkout_Link_Compact',
    label: 'Stripe Checkout Link Compact',
    fields: [
      'Name',
      'Status__c',
      'Amount_Total__c',
      'Currency__c',
      'Expires_At__c',
      'Contact__c',
      'Session_Id__c'
    ]
  },
  Stripe_Webhook_Event__c: {
    name: 'Stripe_Webhook_Event_Compact',
    label: 'Stripe Webhook Event Compact',
    fields: ['Name', 'Type__c', 'Status__c', 'Attempts__c', 'Processed_At__c', 'Event_Id__c']
  }
};

export interface ListViewSpec {
  label: string;
  filterScope: 'Everything' | 'Mine';
  columns: readonly string[];
  filters: readonly { field: string; operation: string; value: string }[];
}

/** Every list view of every object, exactly; each tabbed object has an "All" view. */
export const LIST_VIEWS: Record<string, Record<string, ListViewSpec>> = {
  Stripe_Customer__c: {
    All: {
      label: 'All',
      filterScope: 'Everything',
      columns: [
        'NAME',
        'Stripe_Customer_Id__c',
        'Email__c',
        'Account__c',
        'MRR__c',
        'Health_Score__c',
        'Dunning_Stage__c',
        'Sync_Status__c'
      ],
      filters: []
    }
  },
  Stripe_Subscription__c: {
    All: {
      label: 'All',
      filterScope: 'Everything',
      columns: [
        'NAME',
        'Stripe_Customer__c',
        'Status__c',
        'Pricing_Plan__c',
        'Quantity__c',
        'MRR__c',
        'Current_Period_End__c'
      ],
      filters: []
    },
    Past_Due_Subscriptions: {
      label: 'Past due subscriptions',
      filterScope: 'Everything',
      columns: [
        'NAME',
        'Stripe_Customer__c',
        'Status__c',
        'Pricing_Plan__c',
        'MRR__c',
        'Current_Period_End__c'
      ],
      filters: [{ field: 'Status__c', operation: 'equals', value: 'past_due' }]
    }
  },
  Stripe_Invoice__c: {
    All: {
      label: 'All',
      filterScope: 'Everything',
      columns: [
        'NAME',
        'Number__c',
        'Stripe_Customer__c',
        'Status__c',
        'Amount_Due__c',
        'Amount_Remaining__c',
        'Currency__c',
        'Due_Date__c',
        'Dunning_Stage__c'
      ],
      filters: []
    },
    Invoices_In_Collections: {
      label: 'Invoices in collections',
      filterScope: 'Everything',
      columns: [
        'NAME',
        'Number__c',
        'Stripe_Customer__c',
        'Amount_Remaining__c',
        'Currency__c',
        'Due_Date__c',
        'Attempt_Count__c',
        'Dunning_Stage__c'
      ],
      filters: [{ field: 'Dunning_Stage__c', operation: 'equals', value: 'Collections' }]
    }
  },
  Payment_Transaction__c: {
    All: {
      label: 'All',
      filterScope: 'Everything',
      columns: [
        'NAME',
        'Stripe_Customer__c',
        'Stripe_Invoice__c',
        'Status__c',
        'Amount__c',
        'Currency__c',
        'Processed_At__c'
      ],
      filters: []
    },
    Failed_Payments_Last_30_Days: {
      label: 'Failed payments – last 30 days',
      filterScope: 'Everything',
      columns: [
        'NAME',
        'Stripe_Customer__c',
        'Stripe_Invoice__c',
        'Amount__c',
        'Currency__c',
        'Failure_Code__c',
        'Processed_At__c'
      ],
      filters: [
        { field: 'Status__c', operation: 'equals', value: 'failed' },
        { field: 'Processed_At__c', operation: 'equals', value: 'LAST_N_DAYS:30' }
      ]
    }
  },
  Pricing_Plan__c: {
    All: {
      label: 'All',
      filterScope: 'Everything',
      columns: [
        'NAME',
        'Stripe_Price_Id__c',
        'Active__c',
        'Unit_Amount__c',
        'Currency__c',
        'Interval__c',
        'Billing_Scheme__c'
      ],
      filters: []
    }
  },
  Stripe_Checkout_Link__c: {
    All: {
      label: 'All',
      filterScope: 'Everything',
      columns: [
        'NAME',
        'Contact__c',
        'Stripe_Customer__c',
        'Status__c',
        'Amount_Total__c',
        'Currency__c',
        'Expires_At__c',
        'OWNER.ALIAS'
      ],
      filters: []
    }
  },
  Stripe_Webhook_Event__c: {
    All: {
      label: 'All',
      filterScope: 'Everything',
      columns: [
        'NAME',
        'Event_Id__c',
        'Type__c',
        'Status__c',
        'Attempts__c',
        'Stripe_Created_At__c',
        'Processed_At__c'
      ],
      filters: []
    },
    Failed_Webhook_Events: {
      label: 'Failed webhook events',
      filterScope: 'Everything',
      columns: ['NAME', 'Event_Id__c', 'Type__c', 'Attempts__c', 'Stripe_Created_At__c', 'CREATED_DATE'],
      filters: [{ field: 'Status__c', operation: 'equals', value: 'Failed' }]
    }
  }
};

/** The app's navigation, in order. */
export const APP_TABS = [
  'standard-home',
  'standard-Account',
  'standard-Contact',
  CONSOLE_TAB,
  'Stripe_Customer__c',
  'Stripe_Subscription__c',
  'Stripe_Invoice__c',
  'Payment_Transaction__c',
  'Pricing_Plan__c',
  'Stripe_Checkout_Link__c',
  'Stripe_Webhook_Event__c',
  MONITOR_TAB,
  'standard-report',
  'standard-Dashboard'
];

// ================================================================================================
// Metadata API shapes: element order as the Metadata API WSDL declares it (checked for these files)
// ================================================================================================

export const ORDER: Record<string, readonly string[]> = {
  PermissionSet: [
    'applicationVisibilities',
    'classAccesses',
    'customMetadataTypeAccesses',
    'customPermissions',
    'customSettingAccesses',
    'description',
    'emailRoutingAddressAccesses',
    'externalCredentialPrincipalAccesses',
    'externalDataSourceAccesses',
    'fieldPermissions',
    'flowAccesses',
    'hasActivationRequired',
    'label',
    'license',
    'objectPermissions',
    'pageAccesses',
    'recordTypeVisibilities',
    'servicePresenceStatusAccesses',
    'tabSettings',
    'userPermissions'
  ],
  objectPermissions: [
    'allowCreate',
    'allowDelete',
    'allowEdit',
    'allowRead',
    'modifyAllRecords',
    'object',
    'viewAllFields',
    'viewAllRecords'
  ],
  fieldPermissions: ['editable', 'field', 'readable'],
  tabSettings: ['tab', 'visibility'],
  applicationVisibilities: ['application', 'visible'],
  classAccesses: ['apexClass', 'enabled'],
  customPermissions: ['enabled', 'name'],
  customMetadataTypeAccesses: ['enabled', 'name'],
  userPermissions: ['enabled', 'name'],
  externalCredentialPrincipalAccesses: ['enabled', 'externalCredentialPrincipal'],
  CustomApplication: [
    'actionOverrides',
    'brand',
    'consoleConfig',
    'defaultLandingTab',
    'description',
    'formFactors',
    'isNavAutoTempTabsDisabled',
    'isNavPersonalizationDisabled',
    'isNavTabPersistenceDisabled',
    'label',
    'logo',
    'navType',
    'preferences',
    'profileActionOverrides',
    'setupExperience',
    'subscriberTabs',
    'tabs',
    'uiType',
    'utilityBar',
    'workspaceConfig'
  ],
  CustomTab: ['actionOverrides', 'customObject', 'description', 'flexiPage', 'label', 'motif'],
  Layout: [
    'customButtons',
    'excludeButtons',
    'layoutSections',
    'relatedLists',
    'showEmailCheckbox',
    'showHighlightsPanel',
    'showInteractionLogPanel',
    'showRunAssignmentRulesCheckbox',
    'showSubmitAndAttachButton'
  ],
  layoutSections: ['customLabel', 'detailHeading', 'editHeading', 'label', 'layoutColumns', 'style'],
  layoutItems: ['behavior', 'field'],
  relatedLists: ['customButtons', 'excludeButtons', 'fields', 'relatedList', 'sortField', 'sortOrder'],
  ListView: ['fullName', 'booleanFilter', 'columns', 'filterScope', 'filters', 'label', 'sharedTo'],
  filters: ['field', 'operation', 'value'],
  CompactLayout: ['fullName', 'fields', 'label'],
  CustomPermission: ['description', 'isLicensed', 'label'],
  CustomNotificationType: ['customNotifTypeName', 'description', 'desktop', 'masterLabel', 'mobile']
};
