/**
 * Offline checks of the security model and the users' surfaces: the five permission sets, the
 * Stripe Billing app, tabs, page layouts, compact layouts, list views, the custom permission and the
 * dunning notification type.
 *
 * The tables at the top are the specification (docs/security-model.md explains each decision). Each
 * permission set must grant exactly what its row says: a permission added or removed in the XML, or a
 * field added to an object without deciding who may see it, fails a test. Every check is a function
 * returning a list of problems; the "catches" tests break a copy on purpose and require the check to
 * name the breakage, so a check that can no longer fail fails itself.
 */
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { XMLParser, XMLValidator } from 'fast-xml-parser';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const META = path.join(ROOT, 'force-app', 'main', 'default');

// ================================================================================================
// Specification
// ================================================================================================

const PERSONAS = [
  'Stripe_Integration',
  'Stripe_Sales',
  'Stripe_Service',
  'Stripe_Finance',
  'Stripe_Admin'
] as const;
type Persona = (typeof PERSONAS)[number];

const without = (all: readonly string[], drop: readonly string[]): string[] =>
  all.filter((f) => !drop.includes(f));

/**
 * Every custom field of the objects the permission sets cover, except master-detail fields (always
 * readable with the object; a permission set may not name them). Must equal the fields on disk, so a
 * new field fails the tests until someone decides below who may read and edit it.
 */
const FIELDS = {
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
  Account: ['ARR__c', 'Churn_Risk__c', 'Health_Score__c', 'MRR_Currency__c', 'MRR__c', 'Trial_MRR__c'],
  Contact: ['Stripe_Customer__c']
} as const satisfies Record<string, readonly string[]>;
type FieldObject = keyof typeof FIELDS;

/** Sync plumbing: for the pipeline and admins, not for business users. */
const TECHNICAL = ['Last_Stripe_Event_At__c', 'Sync_Error__c'];
/** How a customer pays and why a payment failed: for service and finance, not for sales. */
const PAYMENT_INSTRUMENT = ['Card_Brand__c', 'Card_Last4__c', 'Failure_Code__c', 'Failure_Message__c'];
/** What a rep chooses when building a checkout link; Stripe's answer (session, URL, amounts) is server-set. */
const CHECKOUT_REP_INPUT = ['Contact__c', 'Line_Items__c', 'Stripe_Customer__c'];
/** What an admin resets to replay a failed event. */
const REPLAY_FIELDS = ['Attempts__c', 'Error__c', 'Status__c'];

/** Object access letters: C create, R read, E edit, D delete, V view all, M modify all. */
const OBJECT_ACCESS: Record<Persona, Record<string, string>> = {
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
    Stripe_Subscription__c: 'RV'
  },
  Stripe_Admin: {
    Payment_Transaction__c: 'RV',
    Pricing_Plan__c: 'R',
    Pricing_Tier__c: 'R',
    Stripe_Checkout_Link__c: 'RV',
    Stripe_Customer__c: 'RV',
    Stripe_Event__e: 'C',
    Stripe_Invoice__c: 'RV',
    Stripe_Subscription__c: 'RV',
    Stripe_Webhook_Event__c: 'REV'
  }
};

interface FieldGrant {
  /** Readable, not editable. */
  read?: readonly string[];
  /** Readable and editable. */
  edit?: readonly string[];
}

const readAll = (o: FieldObject): FieldGrant => ({ read: [...FIELDS[o]] });
const editAll = (o: FieldObject): FieldGrant => ({ edit: [...FIELDS[o]] });
const readBusiness = (o: FieldObject, alsoHidden: readonly string[] = []): FieldGrant => ({
  read: without(FIELDS[o], [...TECHNICAL, ...alsoHidden])
});
/** Rollups on Account and the Contact link: object access itself comes from the user's CRM profile. */
const CRM_FIELDS = { Account: readAll('Account'), Contact: readAll('Contact') };

/** Field-level security, persona by persona, object by object. */
const FIELD_ACCESS: Record<Persona, Partial<Record<FieldObject, FieldGrant>>> = {
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
    Stripe_Webhook_Event__c: {
      read: without(FIELDS.Stripe_Webhook_Event__c, REPLAY_FIELDS),
      edit: REPLAY_FIELDS
    }
  }
};

const APP = 'Stripe_Billing';
const PRINCIPAL = 'Stripe-StripeApiKey';
const MANAGE_SUBSCRIPTIONS = 'Stripe_Manage_Subscriptions';
const SETTINGS = 'Stripe_Settings__mdt';

const BUSINESS_TABS = [
  'Payment_Transaction__c',
  'Pricing_Plan__c',
  'Stripe_Customer__c',
  'Stripe_Invoice__c',
  'Stripe_Subscription__c'
];
const ALL_TABS = [...BUSINESS_TABS, 'Stripe_Checkout_Link__c', 'Stripe_Webhook_Event__c'].sort();

interface PersonaGrants {
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
const GRANTS: Record<Persona, PersonaGrants> = {
  Stripe_Integration: {
    app: false,
    tabs: [],
    customPermissions: [],
    customMetadataTypes: [SETTINGS],
    externalCredentialPrincipals: [PRINCIPAL],
    classes: ['StripeEventsRestResource'],
    userPermissions: ['ApiEnabled']
  },
  Stripe_Sales: {
    app: true,
    tabs: without(ALL_TABS, ['Stripe_Webhook_Event__c']),
    customPermissions: [],
    customMetadataTypes: [],
    externalCredentialPrincipals: [PRINCIPAL],
    classes: [],
    userPermissions: []
  },
  Stripe_Service: {
    app: true,
    tabs: BUSINESS_TABS,
    customPermissions: [],
    customMetadataTypes: [],
    externalCredentialPrincipals: [],
    classes: [],
    userPermissions: []
  },
  Stripe_Finance: {
    app: true,
    tabs: without(ALL_TABS, ['Stripe_Webhook_Event__c']),
    customPermissions: [MANAGE_SUBSCRIPTIONS],
    customMetadataTypes: [],
    externalCredentialPrincipals: [PRINCIPAL],
    classes: [],
    userPermissions: []
  },
  Stripe_Admin: {
    app: true,
    tabs: ALL_TABS,
    customPermissions: [MANAGE_SUBSCRIPTIONS],
    customMetadataTypes: [SETTINGS],
    externalCredentialPrincipals: [PRINCIPAL],
    classes: ['StripeEventReplayService'],
    userPermissions: []
  }
};

/** One layout per object; a column is a list of field names; behaviours follow the two tables below. */
interface LayoutSpec {
  name: string;
  sections: readonly { label: string; columns: readonly (readonly string[])[] }[];
  relatedLists: readonly { relatedList: string; fields: readonly string[] }[];
}

const SYSTEM_OWNED = { label: 'System', columns: [['OwnerId'], ['CreatedById', 'LastModifiedById']] };

const LAYOUTS: Record<string, LayoutSpec> = {
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
      { label: 'Dunning & Health', columns: [['Health_Score__c', 'Churn_Risk__c'], ['Dunning_Stage__c']] },
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
const EDITABLE_ON_LAYOUT: Record<string, readonly string[]> = {
  Stripe_Checkout_Link__c: [...CHECKOUT_REP_INPUT, 'OwnerId'],
  Stripe_Webhook_Event__c: [...REPLAY_FIELDS, 'OwnerId'],
  Stripe_Customer__c: ['OwnerId'],
  Stripe_Invoice__c: ['OwnerId'],
  Payment_Transaction__c: ['OwnerId'],
  Pricing_Plan__c: ['OwnerId']
};
/** Required by the platform on every layout: a text Name field and a master-detail field. */
const REQUIRED_ON_LAYOUT: Record<string, readonly string[]> = {
  Stripe_Customer__c: ['Name'],
  Pricing_Plan__c: ['Name'],
  Stripe_Subscription__c: ['Stripe_Customer__c'],
  Pricing_Tier__c: ['Pricing_Plan__c']
};

/**
 * Compact layouts (record highlights): key ids, status and amounts. They are not assigned here; the
 * object owner sets `<compactLayoutAssignment>` to these names in each object file.
 */
const COMPACT_LAYOUTS: Record<string, { name: string; label: string; fields: readonly string[] }> = {
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

interface ListViewSpec {
  label: string;
  filterScope: 'Everything' | 'Mine';
  columns: readonly string[];
  filters: readonly { field: string; operation: string; value: string }[];
}

/** Every list view of every object, exactly; each tabbed object has an "All" view. */
const LIST_VIEWS: Record<string, Record<string, ListViewSpec>> = {
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
const APP_TABS = [
  'standard-home',
  'standard-Account',
  'standard-Contact',
  'Stripe_Customer__c',
  'Stripe_Subscription__c',
  'Stripe_Invoice__c',
  'Payment_Transaction__c',
  'Pricing_Plan__c',
  'Stripe_Checkout_Link__c',
  'Stripe_Webhook_Event__c',
  'standard-report',
  'standard-Dashboard'
];

// ================================================================================================
// Metadata API shapes: element order as the Metadata API WSDL declares it
// ================================================================================================

const ORDER: Record<string, readonly string[]> = {
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
  CustomTab: ['actionOverrides', 'customObject', 'description', 'motif'],
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

// ================================================================================================
// Loading
// ================================================================================================

type Xml = Record<string, unknown>;
type Ordered = Record<string, unknown>[];

const ARRAYS = new Set([
  'applicationVisibilities',
  'classAccesses',
  'customMetadataTypeAccesses',
  'customPermissions',
  'externalCredentialPrincipalAccesses',
  'fieldPermissions',
  'objectPermissions',
  'tabSettings',
  'userPermissions',
  'layoutSections',
  'layoutColumns',
  'layoutItems',
  'relatedLists',
  'fields',
  'columns',
  'filters',
  'formFactors',
  'tabs',
  'externalCredentialParameters'
]);

const parser = new XMLParser({
  ignoreAttributes: true,
  parseTagValue: false,
  trimValues: true,
  isArray: (name) => ARRAYS.has(name)
});
const orderedParser = new XMLParser({ ignoreAttributes: true, parseTagValue: false, preserveOrder: true });

function parseXml(text: string, root: string, where: string): Xml {
  const valid = XMLValidator.validate(text);
  if (valid !== true) throw new Error(`${where}: malformed XML: ${valid.err.msg}`);
  const body = (parser.parse(text) as Xml)[root];
  if (!body || typeof body !== 'object') throw new Error(`${where}: no <${root}> root`);
  return body as Xml;
}

const read = (file: string): string => fs.readFileSync(file, 'utf8');
const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const list = (v: unknown): Xml[] => (Array.isArray(v) ? (v as Xml[]) : []);
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.map((s) => str(s)) : []);

/** Element-order problems in an XML document, recursively for the element types ORDER knows. */
function checkOrder(text: string, where: string): string[] {
  const problems: string[] = [];
  const visit = (name: string, children: Ordered): void => {
    const expected = ORDER[name];
    const keys = children.map((c) => Object.keys(c)[0] ?? '').filter((k) => k !== '#text' && k !== ':@');
    if (expected) {
      let last = -1;
      for (const key of keys) {
        const index = expected.indexOf(key);
        if (index < 0) problems.push(`${where}: <${name}> has unexpected <${key}>`);
        else if (index < last) problems.push(`${where}: <${name}>: <${key}> is out of Metadata API order`);
        else last = index;
      }
    }
    for (const child of children) {
      const key = Object.keys(child)[0] ?? '';
      const value = child[key];
      if (Array.isArray(value) && key !== '#text') visit(key, value as Ordered);
    }
  };
  const doc = orderedParser.parse(text) as Ordered;
  for (const top of doc) {
    const key = Object.keys(top)[0] ?? '';
    if (key === '?xml') continue;
    visit(key, top[key] as Ordered);
  }
  return problems;
}

// ---- the object model on disk (other people's files: read, never written here) -----------------

interface FieldInfo {
  type: string;
  required: boolean;
  formula: boolean;
  referenceTo: string;
}
interface ObjectInfo {
  kind: 'custom' | 'event' | 'metadata' | 'standard';
  nameType: string;
  sharingModel: string;
  fields: Map<string, FieldInfo>;
}
type Schema = Map<string, ObjectInfo>;

function loadSchema(): Schema {
  const schema: Schema = new Map();
  const dir = path.join(META, 'objects');
  for (const name of fs.readdirSync(dir)) {
    const objectFile = path.join(dir, name, `${name}.object-meta.xml`);
    const obj = fs.existsSync(objectFile)
      ? parseXml(read(objectFile), 'CustomObject', objectFile)
      : undefined;
    const kind = name.endsWith('__e')
      ? 'event'
      : name.endsWith('__mdt')
        ? 'metadata'
        : name.endsWith('__c')
          ? 'custom'
          : 'standard';
    const info: ObjectInfo = {
      kind,
      nameType: str((obj?.nameField as Xml | undefined)?.type),
      sharingModel: str(obj?.sharingModel),
      fields: new Map()
    };
    const fieldsDir = path.join(dir, name, 'fields');
    if (fs.existsSync(fieldsDir)) {
      for (const file of fs.readdirSync(fieldsDir).filter((f) => f.endsWith('.field-meta.xml'))) {
        const f = parseXml(read(path.join(fieldsDir, file)), 'CustomField', file);
        info.fields.set(file.replace('.field-meta.xml', ''), {
          type: str(f.type),
          required: f.required === 'true',
          formula: str(f.formula) !== '' || f.type === 'Summary' || f.type === 'AutoNumber',
          referenceTo: str(f.referenceTo)
        });
      }
    }
    schema.set(name, info);
  }
  return schema;
}

/** Standard fields the surfaces may name; OwnerId only where the object has an owner. */
const STANDARD_FIELDS = [
  'Name',
  'OwnerId',
  'CreatedById',
  'LastModifiedById',
  'CreatedDate',
  'LastModifiedDate'
];
const LIST_VIEW_TOKENS = [
  'NAME',
  'OWNER.ALIAS',
  'CREATED_DATE',
  'LAST_UPDATE',
  'CREATEDBY_USER',
  'UPDATEDBY_USER'
];

const isDetail = (schema: Schema, object: string): boolean =>
  [...(schema.get(object)?.fields.values() ?? [])].some((f) => f.type === 'MasterDetail');

/** Why `field` cannot be named on `object` (unknown or not there), or undefined when it can. */
function unknownField(schema: Schema, object: string, field: string): string | undefined {
  const info = schema.get(object);
  if (!info) return `unknown object ${object}`;
  if (info.fields.has(field)) return undefined;
  if (STANDARD_FIELDS.includes(field)) {
    if (field === 'OwnerId' && isDetail(schema, object))
      return `${object} is a master-detail child and has no OwnerId`;
    return undefined;
  }
  return `unknown field ${object}.${field}`;
}

// ---- permission sets ---------------------------------------------------------------------------

const ACCESS_LETTERS: [string, string][] = [
  ['C', 'allowCreate'],
  ['R', 'allowRead'],
  ['E', 'allowEdit'],
  ['D', 'allowDelete'],
  ['V', 'viewAllRecords'],
  ['M', 'modifyAllRecords']
];
const canonical = (access: string): string =>
  ACCESS_LETTERS.map(([l]) => l)
    .filter((l) => access.includes(l))
    .join('');

interface PermSet {
  name: string;
  text: string;
  label: string;
  description: string;
  objects: Map<string, string>;
  fields: Map<string, { readable: boolean; editable: boolean }>;
  apps: Map<string, boolean>;
  tabs: Map<string, string>;
  customPermissions: Map<string, boolean>;
  customMetadataTypes: Map<string, boolean>;
  principals: Map<string, boolean>;
  classes: Map<string, boolean>;
  userPermissions: Map<string, boolean>;
  duplicates: string[];
}

function parsePermSet(name: string, text: string): PermSet {
  const x = parseXml(text, 'PermissionSet', name);
  const ps: PermSet = {
    name,
    text,
    label: str(x.label),
    description: str(x.description),
    objects: new Map(),
    fields: new Map(),
    apps: new Map(),
    tabs: new Map(),
    customPermissions: new Map(),
    customMetadataTypes: new Map(),
    principals: new Map(),
    classes: new Map(),
    userPermissions: new Map(),
    duplicates: []
  };
  const put = <V>(map: Map<string, V>, key: string, value: V, what: string): void => {
    if (map.has(key)) ps.duplicates.push(`${what} ${key}`);
    map.set(key, value);
  };
  for (const o of list(x.objectPermissions)) {
    const letters = ACCESS_LETTERS.filter(([, tag]) => o[tag] === 'true')
      .map(([l]) => l)
      .join('');
    put(ps.objects, str(o.object), letters, 'objectPermissions');
  }
  for (const f of list(x.fieldPermissions))
    put(
      ps.fields,
      str(f.field),
      { readable: f.readable === 'true', editable: f.editable === 'true' },
      'fieldPermissions'
    );
  for (const a of list(x.applicationVisibilities))
    put(ps.apps, str(a.application), a.visible === 'true', 'applicationVisibilities');
  for (const t of list(x.tabSettings)) put(ps.tabs, str(t.tab), str(t.visibility), 'tabSettings');
  const enabled = (items: unknown, key: string, map: Map<string, boolean>, what: string): void => {
    for (const i of list(items)) put(map, str(i[key]), i.enabled === 'true', what);
  };
  enabled(x.customPermissions, 'name', ps.customPermissions, 'customPermissions');
  enabled(x.customMetadataTypeAccesses, 'name', ps.customMetadataTypes, 'customMetadataTypeAccesses');
  enabled(x.externalCredentialPrincipalAccesses, 'externalCredentialPrincipal', ps.principals, 'principal');
  enabled(x.classAccesses, 'apexClass', ps.classes, 'classAccesses');
  enabled(x.userPermissions, 'name', ps.userPermissions, 'userPermissions');
  return ps;
}

const permSetFile = (persona: string): string =>
  path.join(META, 'permissionsets', `${persona}.permissionset-meta.xml`);

function loadPermSets(): Map<Persona, PermSet> {
  return new Map(PERSONAS.map((p) => [p, parsePermSet(p, read(permSetFile(p)))]));
}

// ================================================================================================
// Checks
// ================================================================================================

/** Compares a granted set with the intended one, both ways. */
function compareSets(
  what: string,
  granted: Map<string, boolean>,
  intended: readonly string[],
  problems: string[]
): void {
  for (const [key, on] of granted) {
    if (!on) problems.push(`${what} ${key}: listed but disabled (grant it or leave it out)`);
    else if (!intended.includes(key)) problems.push(`${what} ${key}: granted but not in the spec`);
  }
  for (const key of intended)
    if (!granted.get(key)) problems.push(`${what} ${key}: in the spec but not granted`);
}

/** The permission set grants exactly its row of the spec: no more, no less. */
function checkAgainstSpec(persona: Persona, ps: PermSet): string[] {
  const problems: string[] = ps.duplicates.map((d) => `${persona}: duplicate ${d}`);
  const p = (s: string): string => `${persona}: ${s}`;
  const local: string[] = [];

  const intendedObjects = OBJECT_ACCESS[persona];
  for (const [object, letters] of ps.objects) {
    const want = intendedObjects[object];
    if (want === undefined) local.push(`object ${object} (${letters || 'no access'}) is not in the spec`);
    else if (letters !== canonical(want))
      local.push(`object ${object} grants ${letters}, spec says ${canonical(want)}`);
  }
  for (const object of Object.keys(intendedObjects))
    if (!ps.objects.has(object)) local.push(`object ${object} missing (spec ${intendedObjects[object]})`);

  const intendedFields = new Map<string, { readable: boolean; editable: boolean }>();
  for (const [object, grant] of Object.entries(FIELD_ACCESS[persona])) {
    for (const f of grant?.read ?? [])
      intendedFields.set(`${object}.${f}`, { readable: true, editable: false });
    for (const f of grant?.edit ?? [])
      intendedFields.set(`${object}.${f}`, { readable: true, editable: true });
  }
  for (const [field, got] of ps.fields) {
    const want = intendedFields.get(field);
    const show = (a: { readable: boolean; editable: boolean }): string =>
      a.editable ? 'edit' : a.readable ? 'read' : 'nothing';
    if (!want) local.push(`field ${field} (${show(got)}) is not in the spec`);
    else if (want.readable !== got.readable || want.editable !== got.editable)
      local.push(`field ${field} grants ${show(got)}, spec says ${show(want)}`);
  }
  for (const [field, want] of intendedFields)
    if (!ps.fields.has(field)) local.push(`field ${field} missing (spec ${want.editable ? 'edit' : 'read'})`);

  const grants = GRANTS[persona];
  compareSets('app', ps.apps, grants.app ? [APP] : [], local);
  for (const [tab, visibility] of ps.tabs) {
    if (!grants.tabs.includes(tab)) local.push(`tab ${tab} is not in the spec`);
    else if (visibility !== 'Visible') local.push(`tab ${tab} is ${visibility}, spec says Visible`);
  }
  for (const tab of grants.tabs) if (!ps.tabs.has(tab)) local.push(`tab ${tab} missing`);
  compareSets('custom permission', ps.customPermissions, grants.customPermissions, local);
  compareSets('custom metadata type', ps.customMetadataTypes, grants.customMetadataTypes, local);
  compareSets('external credential principal', ps.principals, grants.externalCredentialPrincipals, local);
  compareSets('Apex class', ps.classes, grants.classes, local);
  compareSets('user permission', ps.userPermissions, grants.userPermissions, local);
  return [...problems, ...local.map(p)];
}

/** Rules the platform enforces on deploy, and ones that keep a permission set coherent. */
function checkPlatformRules(persona: string, ps: PermSet, schema: Schema): string[] {
  const problems: string[] = [];
  const p = (s: string): void => void problems.push(`${persona}: ${s}`);
  if (!ps.label || ps.label.length > 80) p('label missing or longer than 80');
  if (!ps.description || ps.description.length > 255) p('description missing or longer than 255');

  for (const [object, letters] of ps.objects) {
    const info = schema.get(object);
    if (!info) {
      p(`object ${object} does not exist in force-app`);
      continue;
    }
    const has = (l: string): boolean => letters.includes(l);
    if (info.kind === 'event') {
      if (/[EDVM]/.test(letters))
        p(`platform event ${object} allows only create (publish) and read (subscribe)`);
      continue;
    }
    if (info.kind === 'metadata')
      p(`${object}: custom metadata access belongs in customMetadataTypeAccesses`);
    if (letters === '') p(`object ${object} listed without any access`);
    if (/[CEDV]/.test(letters) && !has('R'))
      p(`object ${object}: create, edit, delete and view all need read`);
    if (has('D') && !has('E')) p(`object ${object}: delete needs edit`);
    if (has('M') && canonical(letters) !== 'CREDVM')
      p(`object ${object}: modify all needs C, R, E, D and view all`);
    for (const [field, f] of info.fields) {
      if (f.type === 'MasterDetail' && /[CR]/.test(letters)) {
        const master = ps.objects.get(f.referenceTo) ?? '';
        if (!master.includes('R'))
          p(`object ${object}: reading a detail needs read on its master ${f.referenceTo} (${field})`);
      }
    }
  }

  for (const [qualified, access] of ps.fields) {
    const [object = '', field = ''] = qualified.split('.');
    const missing = unknownField(schema, object, field);
    if (missing) {
      p(`field ${qualified}: ${missing}`);
      continue;
    }
    const info = schema.get(object);
    const f = info?.fields.get(field);
    if (!f) {
      p(`field ${qualified}: a permission set names custom fields only`);
      continue;
    }
    if (!access.readable && !access.editable) p(`field ${qualified}: listed without granting anything`);
    if (access.editable && !access.readable) p(`field ${qualified}: editable needs readable`);
    if (f.required) p(`field ${qualified}: required fields cannot be granted (always accessible)`);
    if (f.type === 'MasterDetail') p(`field ${qualified}: master-detail fields cannot be granted`);
    if (f.formula && access.editable)
      p(`field ${qualified}: formula, roll-up and auto-number fields are read only`);
    if (info?.kind === 'event' || info?.kind === 'metadata')
      p(`field ${qualified}: no field security on ${object}`);
    if (info?.kind === 'custom') {
      const letters = ps.objects.get(object) ?? '';
      if (!letters.includes('R')) p(`field ${qualified}: granted without read on ${object}`);
      if (access.editable && !/[CE]/.test(letters))
        p(`field ${qualified}: editable without create or edit on ${object}`);
    }
  }

  for (const [tab] of ps.tabs) {
    if (!fs.existsSync(path.join(META, 'tabs', `${tab}.tab-meta.xml`))) p(`tab ${tab} does not exist`);
    if (schema.has(tab) && !(ps.objects.get(tab) ?? '').includes('R'))
      p(`tab ${tab} visible without read on the object`);
  }
  for (const [app] of ps.apps)
    if (!fs.existsSync(path.join(META, 'applications', `${app}.app-meta.xml`)))
      p(`app ${app} does not exist`);
  for (const [cp] of ps.customPermissions)
    if (!fs.existsSync(path.join(META, 'customPermissions', `${cp}.customPermission-meta.xml`)))
      p(`custom permission ${cp} does not exist`);
  for (const [type] of ps.customMetadataTypes)
    if (schema.get(type)?.kind !== 'metadata') p(`custom metadata type ${type} does not exist`);
  const principals = knownPrincipals();
  for (const [principal] of ps.principals)
    if (!principals.includes(principal))
      p(
        `external credential principal ${principal} does not exist (known: ${principals.join(', ') || 'none'})`
      );
  for (const [cls] of ps.classes) if (!findApexClass(cls)) p(`Apex class ${cls} does not exist`);
  return problems;
}

function findApexClass(name: string): boolean {
  const visit = (dir: string): boolean =>
    fs.existsSync(dir) &&
    fs
      .readdirSync(dir, { withFileTypes: true })
      .some((e) => (e.isDirectory() ? visit(path.join(dir, e.name)) : e.name === `${name}.cls`));
  return visit(path.join(META, 'classes'));
}

/** `<ExternalCredential>-<principal>` names declared by the External Credentials in force-app. */
function knownPrincipals(): string[] {
  const dir = path.join(META, 'externalCredentials');
  if (!fs.existsSync(dir)) return [];
  const out: string[] = [];
  for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.externalCredential-meta.xml'))) {
    const credential = file.replace('.externalCredential-meta.xml', '');
    const x = parseXml(read(path.join(dir, file)), 'ExternalCredential', file);
    for (const param of list(x.externalCredentialParameters))
      if (param.parameterType === 'NamedPrincipal') out.push(`${credential}-${str(param.parameterName)}`);
  }
  return out;
}

/** FIELDS must list exactly the (non master-detail) custom fields on disk. */
function checkFieldInventory(schema: Schema): string[] {
  const problems: string[] = [];
  for (const [object, fields] of Object.entries(FIELDS)) {
    const onDisk = [...(schema.get(object)?.fields ?? new Map<string, FieldInfo>())]
      .filter(([, f]) => f.type !== 'MasterDetail')
      .map(([name]) => name);
    for (const f of onDisk)
      if (!(fields as readonly string[]).includes(f))
        problems.push(`${object}.${f}: new field; decide who reads and edits it in FIELD_ACCESS`);
    for (const f of fields)
      if (!onDisk.includes(f)) problems.push(`${object}.${f}: in the spec but not on disk`);
  }
  for (const [object, info] of schema)
    if (info.kind === 'custom' && !(object in FIELDS))
      problems.push(`${object}: object without a row in FIELDS (decide its security)`);
  return problems;
}

// ---- layouts, compact layouts, list views -------------------------------------------------------

function checkLayout(object: string, spec: LayoutSpec, text: string, schema: Schema): string[] {
  const problems: string[] = [];
  const p = (s: string): void => void problems.push(`${spec.name}: ${s}`);
  const x = parseXml(text, 'Layout', spec.name);
  problems.push(...checkOrder(text, spec.name));
  const sections = list(x.layoutSections).map((s) => ({
    label: str(s.label),
    style: str(s.style),
    columns: list(s.layoutColumns).map((c) =>
      list(c.layoutItems).map((i) => ({ field: str(i.field), behavior: str(i.behavior) }))
    )
  }));
  const shape = (ss: readonly { label: string; columns: readonly (readonly string[])[] }[]): string =>
    JSON.stringify(ss.map((s) => ({ label: s.label, columns: s.columns })));
  const actual = sections.map((s) => ({
    label: s.label,
    columns: s.columns.map((c) => c.map((i) => i.field))
  }));
  if (shape(actual) !== shape(spec.sections))
    p(`sections differ from the spec:\n  got  ${shape(actual)}\n  want ${shape(spec.sections)}`);
  const seen = new Set<string>();
  for (const s of sections) {
    const wantStyle = s.columns.length === 1 ? 'OneColumn' : 'TwoColumnsTopToBottom';
    if (s.style !== wantStyle) p(`section ${s.label}: style ${s.style}, want ${wantStyle}`);
    for (const item of s.columns.flat()) {
      if (seen.has(item.field)) p(`${item.field} appears twice`);
      seen.add(item.field);
      const missing = unknownField(schema, object, item.field);
      if (missing) p(missing);
      const info = schema.get(object)?.fields.get(item.field);
      const mustRequire =
        (REQUIRED_ON_LAYOUT[object] ?? []).includes(item.field) ||
        info?.required === true ||
        info?.type === 'MasterDetail';
      const want = mustRequire
        ? 'Required'
        : (EDITABLE_ON_LAYOUT[object] ?? []).includes(item.field)
          ? 'Edit'
          : 'Readonly';
      if (item.behavior !== want) p(`${item.field}: behavior ${item.behavior}, want ${want}`);
    }
  }
  for (const f of schema.get(object)?.fields.keys() ?? [])
    if (!seen.has(f)) p(`field ${f} is not on the layout (place it in a section)`);
  const related = list(x.relatedLists).map((r) => ({
    relatedList: str(r.relatedList),
    fields: strings(r.fields)
  }));
  if (JSON.stringify(related) !== JSON.stringify(spec.relatedLists))
    p(
      `related lists differ:\n  got  ${JSON.stringify(related)}\n  want ${JSON.stringify(spec.relatedLists)}`
    );
  for (const r of related) {
    const [child = '', lookup = ''] = r.relatedList.split('.');
    const f = schema.get(child)?.fields.get(lookup);
    if (!f || f.referenceTo !== object) p(`related list ${r.relatedList} is not a relationship to ${object}`);
    for (const col of r.fields) {
      if (LIST_VIEW_TOKENS.includes(col)) continue;
      const missing = unknownField(schema, child, col);
      if (missing) p(`related list ${r.relatedList}: ${missing}`);
    }
  }
  return problems;
}

function checkCompactLayout(object: string, text: string, schema: Schema): string[] {
  const spec = COMPACT_LAYOUTS[object];
  if (!spec) return [`${object}: compact layout without a spec`];
  const where = `${object}/${spec.name}`;
  const problems = checkOrder(text, where);
  const x = parseXml(text, 'CompactLayout', where);
  if (str(x.fullName) !== spec.name) problems.push(`${where}: fullName ${str(x.fullName)}`);
  if (str(x.label) !== spec.label) problems.push(`${where}: label ${str(x.label)}, want ${spec.label}`);
  const fields = strings(x.fields);
  if (JSON.stringify(fields) !== JSON.stringify(spec.fields))
    problems.push(`${where}: fields ${fields.join(',')}, want ${spec.fields.join(',')}`);
  if (fields.length > 10) problems.push(`${where}: more than 10 fields`);
  for (const f of fields) {
    const missing = unknownField(schema, object, f);
    if (missing) problems.push(`${where}: ${missing}`);
    if (schema.get(object)?.fields.get(f)?.type === 'LongTextArea')
      problems.push(`${where}: long text ${f} cannot be on a compact layout`);
  }
  return problems;
}

function checkListView(object: string, name: string, text: string, schema: Schema): string[] {
  const where = `${object}/${name}`;
  const spec = LIST_VIEWS[object]?.[name];
  if (!spec) return [`${where}: list view not in the spec`];
  const problems = checkOrder(text, where);
  const x = parseXml(text, 'ListView', where);
  const actual = {
    fullName: str(x.fullName),
    label: str(x.label),
    filterScope: str(x.filterScope),
    columns: strings(x.columns),
    filters: list(x.filters).map((f) => ({
      field: str(f.field),
      operation: str(f.operation),
      value: str(f.value)
    }))
  };
  const want = { fullName: name, ...spec };
  for (const key of ['fullName', 'label', 'filterScope', 'columns', 'filters'] as const)
    if (JSON.stringify(actual[key]) !== JSON.stringify(want[key]))
      problems.push(`${where}: ${key} ${JSON.stringify(actual[key])}, want ${JSON.stringify(want[key])}`);
  if (actual.label.length > 40) problems.push(`${where}: label longer than 40`);
  for (const column of actual.columns) {
    if (LIST_VIEW_TOKENS.includes(column)) continue;
    const missing = unknownField(schema, object, column);
    if (missing) problems.push(`${where}: column ${missing}`);
  }
  for (const filter of actual.filters) {
    const missing = unknownField(schema, object, filter.field);
    if (missing) problems.push(`${where}: filter ${missing}`);
  }
  return problems;
}

/** Files under objects/<Object>/<dir>: object → names. */
function childFiles(dir: string, suffix: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const objects = path.join(META, 'objects');
  for (const object of fs.readdirSync(objects)) {
    const d = path.join(objects, object, dir);
    if (!fs.existsSync(d)) continue;
    out.set(
      object,
      fs
        .readdirSync(d)
        .filter((f) => f.endsWith(suffix))
        .map((f) => f.slice(0, -suffix.length))
    );
  }
  return out;
}

// ---- the documentation ------------------------------------------------------------------------

const DOC_COLUMNS: Record<string, Persona> = {
  Integration: 'Stripe_Integration',
  Sales: 'Stripe_Sales',
  Service: 'Stripe_Service',
  Finance: 'Stripe_Finance',
  Admin: 'Stripe_Admin'
};

/** How docs/security-model.md words an object grant. */
function docObjectCell(object: string, access: string | undefined): string {
  if (!access) return '—';
  if (object.endsWith('__e')) return access.includes('C') ? 'publish' : '—';
  const words: [string, string][] = [
    ['C', 'create'],
    ['R', 'read'],
    ['E', 'edit'],
    ['D', 'delete'],
    ['V', '**View All**'],
    ['M', '**Modify All**']
  ];
  return words
    .filter(([l]) => access.includes(l))
    .map(([, w]) => w)
    .join(', ');
}

/** How docs/security-model.md words a field grant. */
function docFieldCell(persona: Persona, object: FieldObject, field: string): string {
  const grant = FIELD_ACCESS[persona][object];
  if (grant?.edit?.includes(field)) return 'edit';
  if (grant?.read?.includes(field)) return 'read';
  return '—';
}

/** Differences between the tables in the security model document and the spec. */
function docTableProblems(doc: string): string[] {
  const problems: string[] = [];
  const rows = new Map<string, string[]>();
  let heading = '';
  let columns: Persona[] = [];
  for (const line of doc.split('\n')) {
    const h = /^#### `([^`]+)`/.exec(line);
    if (h) heading = h[1] ?? '';
    else if (/^#/.test(line)) heading = '';
    if (!line.startsWith('|')) continue;
    const cells = line
      .split('|')
      .slice(1, -1)
      .map((c) => c.trim());
    if (cells[0] === 'object' || cells[0] === 'field') {
      columns = cells.slice(1).flatMap((c) => (DOC_COLUMNS[c] ? [DOC_COLUMNS[c]] : []));
      continue;
    }
    const name = /^`([^`]+)`$/.exec(cells[0] ?? '')?.[1];
    if (!name || columns.length !== PERSONAS.length) continue;
    const key = heading ? `${heading}.${name}` : name;
    rows.set(key, cells.slice(1));
  }
  const expect = (key: string, want: string[]): void => {
    const got = rows.get(key);
    if (!got) problems.push(`${key}: no row in the document`);
    else if (JSON.stringify(got) !== JSON.stringify(want))
      problems.push(`${key}: document says ${got.join(' | ')}, spec says ${want.join(' | ')}`);
    rows.delete(key);
  };
  const objects = new Set(PERSONAS.flatMap((p) => Object.keys(OBJECT_ACCESS[p])));
  for (const object of objects)
    expect(
      object,
      PERSONAS.map((p) => docObjectCell(object, OBJECT_ACCESS[p][object]))
    );
  for (const [object, fields] of Object.entries(FIELDS) as [FieldObject, readonly string[]][])
    for (const field of fields)
      expect(
        `${object}.${field}`,
        PERSONAS.map((p) => docFieldCell(p, object, field))
      );
  for (const key of rows.keys()) problems.push(`${key}: row in the document but not in the spec`);
  return problems;
}

// ================================================================================================
// Tests
// ================================================================================================

const schema = loadSchema();
const permSets = loadPermSets();

describe('permission sets', () => {
  test('exactly the five persona permission sets exist', () => {
    const files = fs
      .readdirSync(path.join(META, 'permissionsets'))
      .filter((f) => f.endsWith('.permissionset-meta.xml'))
      .map((f) => f.replace('.permissionset-meta.xml', ''))
      .sort();
    assert.deepEqual(files, [...PERSONAS].sort());
  });

  test('the field table lists every custom field on disk, and only those', () => {
    assert.deepEqual(checkFieldInventory(schema), []);
  });

  for (const persona of PERSONAS) {
    test(`${persona} grants exactly its row of the spec`, () => {
      const ps = permSets.get(persona);
      assert.ok(ps);
      assert.deepEqual(checkAgainstSpec(persona, ps), []);
    });

    test(`${persona} is deployable: platform rules, references, Metadata API element order`, () => {
      const ps = permSets.get(persona);
      assert.ok(ps);
      assert.deepEqual([...checkPlatformRules(persona, ps, schema), ...checkOrder(ps.text, persona)], []);
    });
  }

  test('the spec itself holds the security decisions', () => {
    const has = (p: Persona, o: string, l: string): boolean => (OBJECT_ACCESS[p][o] ?? '').includes(l);
    // No persona deletes or modifies all: Stripe owns the data, the log is evidence.
    for (const p of PERSONAS)
      for (const [o, letters] of Object.entries(OBJECT_ACCESS[p]))
        assert.doesNotMatch(letters, /[DM]/, `${p} ${o}: no delete or modify all`);
    // Only the integration user writes the mirrors; only reps create checkout links by hand.
    for (const o of [
      'Stripe_Customer__c',
      'Stripe_Subscription__c',
      'Stripe_Invoice__c',
      'Payment_Transaction__c'
    ])
      for (const p of PERSONAS)
        assert.equal(has(p, o, 'E') || has(p, o, 'C'), p === 'Stripe_Integration', `${p} writes ${o}?`);
    assert.ok(has('Stripe_Sales', 'Stripe_Checkout_Link__c', 'C'));
    assert.ok(!has('Stripe_Sales', 'Stripe_Checkout_Link__c', 'E'));
    // View All only where a persona needs every record.
    for (const p of ['Stripe_Integration', 'Stripe_Sales', 'Stripe_Service'] as const)
      for (const letters of Object.values(OBJECT_ACCESS[p]))
        assert.doesNotMatch(letters, /V/, `${p}: no view all`);
    for (const p of ['Stripe_Finance', 'Stripe_Admin'] as const)
      for (const o of [
        'Stripe_Customer__c',
        'Stripe_Subscription__c',
        'Stripe_Invoice__c',
        'Payment_Transaction__c'
      ])
        assert.ok(has(p, o, 'V'), `${p} views all ${o}`);
    // The webhook log (payloads) is for the pipeline and admins only.
    for (const p of ['Stripe_Sales', 'Stripe_Service', 'Stripe_Finance'] as const)
      assert.equal(OBJECT_ACCESS[p].Stripe_Webhook_Event__c, undefined);
    // The custom permission gates subscription actions: finance and admins.
    for (const p of PERSONAS)
      assert.equal(
        GRANTS[p].customPermissions.includes(MANAGE_SUBSCRIPTIONS),
        p === 'Stripe_Finance' || p === 'Stripe_Admin'
      );
    // Service is read only and never calls Stripe.
    assert.deepEqual(GRANTS.Stripe_Service.externalCredentialPrincipals, []);
    // Business users never see sync errors or the order guard's timestamp.
    for (const p of ['Stripe_Sales', 'Stripe_Service', 'Stripe_Finance'] as const)
      for (const grant of Object.values(FIELD_ACCESS[p]))
        for (const f of [...(grant?.read ?? []), ...(grant?.edit ?? [])])
          assert.ok(!TECHNICAL.includes(f), `${p} must not see ${f}`);
  });
});

describe('users’ surfaces', () => {
  test('the Stripe Billing app: Lightning, standard navigation, every Stripe tab', () => {
    const file = path.join(META, 'applications', `${APP}.app-meta.xml`);
    const text = read(file);
    const x = parseXml(text, 'CustomApplication', file);
    assert.deepEqual(checkOrder(text, APP), []);
    assert.equal(str(x.label), 'Stripe Billing');
    assert.equal(str(x.navType), 'Standard');
    assert.equal(str(x.uiType), 'Lightning');
    assert.ok(strings(x.formFactors).includes('Large'));
    assert.deepEqual(strings(x.tabs), APP_TABS);
  });

  test('one custom-object tab per tabbed object, each in the app', () => {
    const tabs = fs
      .readdirSync(path.join(META, 'tabs'))
      .filter((f) => f.endsWith('.tab-meta.xml'))
      .map((f) => f.replace('.tab-meta.xml', ''))
      .sort();
    assert.deepEqual(tabs, ALL_TABS);
    for (const tab of tabs) {
      const text = read(path.join(META, 'tabs', `${tab}.tab-meta.xml`));
      const x = parseXml(text, 'CustomTab', tab);
      assert.deepEqual(checkOrder(text, tab), []);
      assert.equal(x.customObject, 'true', tab);
      assert.match(str(x.motif), /^Custom\d+: \S/, tab);
      assert.equal(schema.get(tab)?.kind, 'custom', `${tab} is a custom object`);
    }
  });

  test('a page layout per Stripe object, as specified', () => {
    const files = fs.readdirSync(path.join(META, 'layouts')).filter((f) => f.endsWith('.layout-meta.xml'));
    assert.deepEqual(
      files.map((f) => f.replace('.layout-meta.xml', '')).sort(),
      Object.values(LAYOUTS)
        .map((l) => l.name)
        .sort()
    );
    const problems: string[] = [];
    for (const [object, spec] of Object.entries(LAYOUTS))
      problems.push(
        ...checkLayout(object, spec, read(path.join(META, 'layouts', `${spec.name}.layout-meta.xml`)), schema)
      );
    assert.deepEqual(problems, []);
  });

  test('compact layouts: key ids, status and amounts for every Stripe object', () => {
    const found = childFiles('compactLayouts', '.compactLayout-meta.xml');
    const problems: string[] = [];
    for (const [object, spec] of Object.entries(COMPACT_LAYOUTS)) {
      if (JSON.stringify(found.get(object)) !== JSON.stringify([spec.name]))
        problems.push(`${object}: compact layouts ${JSON.stringify(found.get(object))}, want [${spec.name}]`);
      const file = path.join(
        META,
        'objects',
        object,
        'compactLayouts',
        `${spec.name}.compactLayout-meta.xml`
      );
      if (fs.existsSync(file)) problems.push(...checkCompactLayout(object, read(file), schema));
      // The object owner assigns it; when assigned, it must be this one.
      const objectFile = path.join(META, 'objects', object, `${object}.object-meta.xml`);
      const assigned = /<compactLayoutAssignment>([^<]+)<\/compactLayoutAssignment>/.exec(
        read(objectFile)
      )?.[1];
      if (assigned !== undefined && assigned !== spec.name)
        problems.push(`${object}: compactLayoutAssignment ${assigned}, want ${spec.name}`);
    }
    for (const object of found.keys())
      if (!COMPACT_LAYOUTS[object]) problems.push(`${object}: unexpected compact layout`);
    assert.deepEqual(problems, []);
  });

  test('list views: exactly the intended views, filters and columns; an All view on every tab', () => {
    const found = childFiles('listViews', '.listView-meta.xml');
    const problems: string[] = [];
    for (const [object, names] of found)
      for (const name of names)
        problems.push(
          ...checkListView(
            object,
            name,
            read(path.join(META, 'objects', object, 'listViews', `${name}.listView-meta.xml`)),
            schema
          )
        );
    for (const [object, views] of Object.entries(LIST_VIEWS))
      for (const name of Object.keys(views))
        if (!(found.get(object) ?? []).includes(name)) problems.push(`${object}/${name}: missing`);
    for (const tab of ALL_TABS) if (!LIST_VIEWS[tab]?.All) problems.push(`${tab}: no All view`);
    assert.deepEqual(problems, []);
  });

  test('the four working views filter on the intended field values', () => {
    const filters = (o: string, v: string): string =>
      JSON.stringify(LIST_VIEWS[o]?.[v]?.filters.map((f) => `${f.field} ${f.operation} ${f.value}`));
    assert.equal(
      filters('Stripe_Subscription__c', 'Past_Due_Subscriptions'),
      '["Status__c equals past_due"]'
    );
    assert.equal(
      filters('Payment_Transaction__c', 'Failed_Payments_Last_30_Days'),
      '["Status__c equals failed","Processed_At__c equals LAST_N_DAYS:30"]'
    );
    assert.equal(
      filters('Stripe_Invoice__c', 'Invoices_In_Collections'),
      '["Dunning_Stage__c equals Collections"]'
    );
    assert.equal(filters('Stripe_Webhook_Event__c', 'Failed_Webhook_Events'), '["Status__c equals Failed"]');
    // The values are real picklist values of those fields.
    const values = (object: string, field: string): string[] => {
      const text = read(path.join(META, 'objects', object, 'fields', `${field}.field-meta.xml`));
      return [...text.matchAll(/<fullName>([^<]+)<\/fullName>/g)].map((m) => m[1] ?? '');
    };
    assert.ok(values('Stripe_Subscription__c', 'Status__c').includes('past_due'));
    assert.ok(values('Payment_Transaction__c', 'Status__c').includes('failed'));
    assert.ok(values('Stripe_Invoice__c', 'Dunning_Stage__c').includes('Collections'));
    assert.ok(values('Stripe_Webhook_Event__c', 'Status__c').includes('Failed'));
    assert.equal(schema.get('Payment_Transaction__c')?.fields.get('Processed_At__c')?.type, 'DateTime');
  });

  test('the custom permission and the dunning notification type', () => {
    const cpFile = path.join(META, 'customPermissions', `${MANAGE_SUBSCRIPTIONS}.customPermission-meta.xml`);
    const cpText = read(cpFile);
    const cp = parseXml(cpText, 'CustomPermission', cpFile);
    assert.deepEqual(checkOrder(cpText, MANAGE_SUBSCRIPTIONS), []);
    assert.ok(str(cp.label));
    assert.equal(cp.isLicensed, 'false');
    const ntFile = path.join(META, 'notificationtypes', 'Stripe_Dunning_Alert.notiftype-meta.xml');
    const ntText = read(ntFile);
    const nt = parseXml(ntText, 'CustomNotificationType', ntFile);
    assert.deepEqual(checkOrder(ntText, 'Stripe_Dunning_Alert'), []);
    assert.equal(nt.desktop, 'true');
    assert.equal(nt.mobile, 'true');
    assert.ok(str(nt.masterLabel) && str(nt.customNotifTypeName));
  });

  test('docs/security-model.md shows the same object and field tables as the spec', () => {
    assert.deepEqual(docTableProblems(read(path.join(ROOT, 'docs', 'security-model.md'))), []);
  });

  test('the Apex security test covers every persona and the custom permission', () => {
    const apex = read(path.join(META, 'classes', 'security', 'StripeSecurityModelTest.cls'));
    for (const p of PERSONAS) assert.ok(apex.includes(`'${p}'`), `StripeSecurityModelTest names ${p}`);
    assert.ok(apex.includes(`'${MANAGE_SUBSCRIPTIONS}'`));
  });
});

// ================================================================================================
// The checks catch real breakage
// ================================================================================================

/** The persona's permission set text with `from` replaced by `to` (first occurrence), parsed. */
function mutated(persona: Persona, from: string | RegExp, to: string): PermSet {
  const original = permSets.get(persona)?.text ?? '';
  const text = original.replace(from, to);
  assert.notEqual(text, original, `mutation ${String(from)} applied`);
  return parsePermSet(persona, text);
}
const block = (tag: string, inner: string): string => `    <${tag}>\n${inner}\n    </${tag}>\n`;

describe('the checks catch real breakage', () => {
  test('an object permission added, widened or removed', () => {
    const widened = mutated(
      'Stripe_Sales',
      /(<allowEdit>)false(<\/allowEdit>\s*<allowRead>true<\/allowRead>\s*<modifyAllRecords>false<\/modifyAllRecords>\s*<object>Stripe_Customer__c)/,
      '$1true$2'
    );
    assert.match(
      checkAgainstSpec('Stripe_Sales', widened).join('\n'),
      /Stripe_Customer__c grants RE, spec says R/
    );

    const viewAll = mutated(
      'Stripe_Service',
      /(<object>Stripe_Invoice__c<\/object>\s*<viewAllRecords>)false/,
      '$1true'
    );
    assert.match(
      checkAgainstSpec('Stripe_Service', viewAll).join('\n'),
      /Stripe_Invoice__c grants RV, spec says R/
    );

    const removed = mutated(
      'Stripe_Integration',
      /\s*<objectPermissions>(?:(?!<\/objectPermissions>)[\s\S])*<object>Stripe_Event__e<\/object>[\s\S]*?<\/objectPermissions>/,
      ''
    );
    assert.match(
      checkAgainstSpec('Stripe_Integration', removed).join('\n'),
      /object Stripe_Event__e missing/
    );

    const added = mutated(
      'Stripe_Service',
      '    <tabSettings>',
      block(
        'objectPermissions',
        [
          '        <allowCreate>false</allowCreate>',
          '        <allowDelete>false</allowDelete>',
          '        <allowEdit>false</allowEdit>',
          '        <allowRead>true</allowRead>',
          '        <modifyAllRecords>false</modifyAllRecords>',
          '        <object>Stripe_Webhook_Event__c</object>',
          '        <viewAllRecords>false</viewAllRecords>'
        ].join('\n')
      ) + '    <tabSettings>'
    );
    const problems = checkAgainstSpec('Stripe_Service', added).join('\n');
    assert.match(problems, /object Stripe_Webhook_Event__c \(R\) is not in the spec/);
    assert.deepEqual(checkOrder(added.text, 'Stripe_Service'), []);

    const misplaced = mutated(
      'Stripe_Service',
      /(\s*<description>[^<]*<\/description>)([\s\S]*)(\s*<\/PermissionSet>)/,
      '$2$1$3'
    );
    assert.deepEqual(checkAgainstSpec('Stripe_Service', misplaced), []);
    assert.match(checkOrder(misplaced.text, 'Stripe_Service').join('\n'), /out of Metadata API order/);
  });

  test('a field permission added, made editable or removed', () => {
    const editable = mutated(
      'Stripe_Sales',
      /<editable>false<\/editable>(\s*<field>Stripe_Customer__c\.MRR__c<\/field>)/,
      '<editable>true</editable>$1'
    );
    assert.match(
      checkAgainstSpec('Stripe_Sales', editable).join('\n'),
      /Stripe_Customer__c\.MRR__c grants edit, spec says read/
    );

    const removed = mutated(
      'Stripe_Finance',
      /\s*<fieldPermissions>\s*<editable>false<\/editable>\s*<field>Payment_Transaction__c\.Card_Last4__c<\/field>\s*<readable>true<\/readable>\s*<\/fieldPermissions>/,
      ''
    );
    assert.match(
      checkAgainstSpec('Stripe_Finance', removed).join('\n'),
      /Payment_Transaction__c\.Card_Last4__c missing/
    );

    const leaked = mutated(
      'Stripe_Sales',
      '    <hasActivationRequired>',
      block(
        'fieldPermissions',
        '        <editable>false</editable>\n        <field>Stripe_Customer__c.Sync_Error__c</field>\n        <readable>true</readable>'
      ) + '    <hasActivationRequired>'
    );
    assert.match(
      checkAgainstSpec('Stripe_Sales', leaked).join('\n'),
      /Sync_Error__c \(read\) is not in the spec/
    );
  });

  test('fields a permission set may not name, and unknown references', () => {
    const md = mutated(
      'Stripe_Admin',
      '    <hasActivationRequired>',
      block(
        'fieldPermissions',
        '        <editable>false</editable>\n        <field>Stripe_Subscription__c.Stripe_Customer__c</field>\n        <readable>true</readable>'
      ) +
        block(
          'fieldPermissions',
          '        <editable>true</editable>\n        <field>Stripe_Invoice__c.No_Such_Field__c</field>\n        <readable>false</readable>'
        ) +
        '    <hasActivationRequired>'
    );
    const problems = checkPlatformRules('Stripe_Admin', md, schema).join('\n');
    assert.match(problems, /master-detail fields cannot be granted/);
    assert.match(problems, /unknown field Stripe_Invoice__c\.No_Such_Field__c/);

    const event = mutated(
      'Stripe_Integration',
      /(<allowEdit>)false(<\/allowEdit>\s*<allowRead>false<\/allowRead>\s*<modifyAllRecords>false<\/modifyAllRecords>\s*<object>Stripe_Event__e)/,
      '$1true$2'
    );
    assert.match(checkPlatformRules('Stripe_Integration', event, schema).join('\n'), /platform event/);

    const principal = mutated('Stripe_Sales', `>${PRINCIPAL}<`, '>Stripe-NoSuchPrincipal<');
    assert.match(
      checkPlatformRules('Stripe_Sales', principal, schema).join('\n'),
      /principal Stripe-NoSuchPrincipal does not exist/
    );
  });

  test('a custom permission, principal, app or user permission added or removed', () => {
    const noCp = mutated('Stripe_Finance', /\s*<customPermissions>[\s\S]*?<\/customPermissions>/, '');
    assert.match(
      checkAgainstSpec('Stripe_Finance', noCp).join('\n'),
      /custom permission Stripe_Manage_Subscriptions: in the spec but not granted/
    );

    const extraCp = mutated(
      'Stripe_Sales',
      '    <description>',
      block(
        'customPermissions',
        `        <enabled>true</enabled>\n        <name>${MANAGE_SUBSCRIPTIONS}</name>`
      ) + '    <description>'
    );
    assert.match(
      checkAgainstSpec('Stripe_Sales', extraCp).join('\n'),
      /custom permission Stripe_Manage_Subscriptions: granted but not in the spec/
    );

    const serviceCallout = mutated(
      'Stripe_Service',
      '    <fieldPermissions>',
      block(
        'externalCredentialPrincipalAccesses',
        `        <enabled>true</enabled>\n        <externalCredentialPrincipal>${PRINCIPAL}</externalCredentialPrincipal>`
      ) + '    <fieldPermissions>'
    );
    assert.match(
      checkAgainstSpec('Stripe_Service', serviceCallout).join('\n'),
      /principal Stripe-StripeApiKey: granted but not in the spec/
    );

    const noApi = mutated('Stripe_Integration', /\s*<userPermissions>[\s\S]*?<\/userPermissions>/, '');
    assert.match(
      checkAgainstSpec('Stripe_Integration', noApi).join('\n'),
      /user permission ApiEnabled: in the spec but not granted/
    );

    const hiddenApp = mutated('Stripe_Service', '<visible>true</visible>', '<visible>false</visible>');
    assert.match(
      checkAgainstSpec('Stripe_Service', hiddenApp).join('\n'),
      /app Stripe_Billing: listed but disabled/
    );

    const noTab = mutated(
      'Stripe_Sales',
      /\s*<tabSettings>\s*<tab>Stripe_Checkout_Link__c<\/tab>[\s\S]*?<\/tabSettings>/,
      ''
    );
    assert.match(checkAgainstSpec('Stripe_Sales', noTab).join('\n'), /tab Stripe_Checkout_Link__c missing/);
  });

  test('a document table that drifts from the spec', () => {
    const doc = read(path.join(ROOT, 'docs', 'security-model.md'));
    const drifted = doc.replace(/(\| `Card_Last4__c` +\| edit +\| )—/, '$1read');
    assert.notEqual(drifted, doc);
    assert.match(
      docTableProblems(drifted).join('\n'),
      /Payment_Transaction__c\.Card_Last4__c: document says/
    );
  });

  test('a new field on an object that nobody has decided about', () => {
    const copy: Schema = new Map(schema);
    const customer = schema.get('Stripe_Customer__c');
    assert.ok(customer);
    const fields = new Map(customer.fields);
    fields.set('Tax_Id__c', { type: 'Text', required: false, formula: false, referenceTo: '' });
    copy.set('Stripe_Customer__c', { ...customer, fields });
    assert.match(checkFieldInventory(copy).join('\n'), /Stripe_Customer__c\.Tax_Id__c: new field/);
  });

  test('a layout, list view or compact layout that drifts from the spec', () => {
    const spec = LAYOUTS.Stripe_Subscription__c;
    assert.ok(spec);
    const layoutText = read(path.join(META, 'layouts', `${spec.name}.layout-meta.xml`));
    const editable = layoutText.replace(
      /<behavior>Readonly<\/behavior>(\s*<field>Status__c<\/field>)/,
      '<behavior>Edit</behavior>$1'
    );
    assert.match(
      checkLayout('Stripe_Subscription__c', spec, editable, schema).join('\n'),
      /Status__c: behavior Edit, want Readonly/
    );
    const owner = layoutText.replace('<field>CreatedById</field>', '<field>OwnerId</field>');
    assert.match(checkLayout('Stripe_Subscription__c', spec, owner, schema).join('\n'), /has no OwnerId/);

    const viewFile = path.join(
      META,
      'objects',
      'Payment_Transaction__c',
      'listViews',
      'Failed_Payments_Last_30_Days.listView-meta.xml'
    );
    const view = read(viewFile).replace('LAST_N_DAYS:30', 'LAST_N_DAYS:90');
    assert.match(
      checkListView('Payment_Transaction__c', 'Failed_Payments_Last_30_Days', view, schema).join('\n'),
      /filters .*LAST_N_DAYS:90/
    );
    const extra = read(viewFile).replace(
      '<label>',
      '<filters>\n        <field>Amount__c</field>\n        <operation>greaterThan</operation>\n        <value>0</value>\n    </filters>\n    <label>'
    );
    assert.match(
      checkListView('Payment_Transaction__c', 'Failed_Payments_Last_30_Days', extra, schema).join('\n'),
      /filters/
    );

    const compactFile = path.join(
      META,
      'objects',
      'Stripe_Checkout_Link__c',
      'compactLayouts',
      'Stripe_Checkout_Link_Compact.compactLayout-meta.xml'
    );
    const compact = read(compactFile).replace('<fields>Session_Id__c</fields>', '<fields>Url__c</fields>');
    const problems = checkCompactLayout('Stripe_Checkout_Link__c', compact, schema).join('\n');
    assert.match(problems, /long text Url__c/);
  });
});
