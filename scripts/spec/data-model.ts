/**
 * The data model as a table: every object and field of DESIGN.md with its intended type. This file is
 * the specification the data-model gates (scripts/verify/rules/data-model-*.ts, settings-defaults, sample-data) check the metadata and the sample data against; change it
 * together with the metadata, never to make a failing check pass.
 */

export type FieldType =
  | 'Checkbox'
  | 'Date'
  | 'DateTime'
  | 'Email'
  | 'Lookup'
  | 'LongTextArea'
  | 'MasterDetail'
  | 'Number'
  | 'Picklist'
  | 'Text'
  | 'Url';

export interface FieldSpec {
  type: FieldType;
  /** Target object of a Lookup or MasterDetail. */
  ref?: string;
  /** Lookup delete behaviour. */
  onDelete?: 'SetNull' | 'Restrict';
  /** Exact picklist API values, in display order. */
  values?: readonly string[];
  /** Unique, case-sensitive external id. */
  externalId?: boolean;
  /** Field history tracking on. */
  tracked?: boolean;
  length?: number;
  precision?: number;
  scale?: number;
}

export interface ObjectSpec {
  kind: 'custom' | 'event' | 'metadata' | 'standard';
  /** Name field: an auto-number display format, or 'Text'. */
  name?: { autoNumber: string } | 'Text';
  sharing?: 'Private' | 'Read' | 'ControlledByParent';
  /**
   * Platform events: when a published event reaches the bus. PublishImmediately (the default) for an
   * event whose publisher must know it was accepted whatever happens next; PublishAfterCommit for an
   * event that stands for a change, so a save that rolls back publishes nothing.
   */
  publishBehavior?: 'PublishImmediately' | 'PublishAfterCommit';
  fields: Record<string, FieldSpec>;
}

export const SUBSCRIPTION_STATUSES = [
  'incomplete',
  'incomplete_expired',
  'trialing',
  'active',
  'past_due',
  'canceled',
  'unpaid',
  'paused'
] as const;
export const INVOICE_STATUSES = ['draft', 'open', 'paid', 'uncollectible', 'void'] as const;
/** PaymentIntent statuses plus the mirror's own failed / refunded / partially_refunded. */
export const PAYMENT_STATUSES = [
  'requires_payment_method',
  'requires_confirmation',
  'requires_action',
  'processing',
  'requires_capture',
  'canceled',
  'succeeded',
  'failed',
  'refunded',
  'partially_refunded'
] as const;
export const DUNNING_STAGES = ['None', 'Reminder', 'Warning', 'Final Notice', 'Collections'] as const;
export const SYNC_STATUSES = ['Pending', 'Synced', 'Error'] as const;
export const CHURN_RISKS = ['Low', 'Medium', 'High', 'Critical'] as const;
export const CHECKOUT_STATUSES = ['Open', 'Completed', 'Expired'] as const;
export const WEBHOOK_STATUSES = ['Received', 'Processed', 'Skipped', 'Failed'] as const;
export const INTERVALS = ['day', 'week', 'month', 'year'] as const;
export const BILLING_SCHEMES = ['per_unit', 'tiered'] as const;
export const TIERS_MODES = ['graduated', 'volume'] as const;
export const MRR_MOVEMENT_TYPES = ['New', 'Expansion', 'Contraction', 'Churn'] as const;

const stripeId: FieldSpec = { type: 'Text', length: 255, externalId: true };
/** Money actually billed or paid: decimal in the record's Currency__c. */
const money: FieldSpec = { type: 'Number', precision: 16, scale: 2, tracked: true };
/** Price definitions: Stripe allows unit_amount_decimal below one minor unit. */
const unitPrice: FieldSpec = { type: 'Number', precision: 18, scale: 6, tracked: true };
const currency: FieldSpec = { type: 'Text', length: 3 };
const dateTime: FieldSpec = { type: 'DateTime' };

export const DATA_MODEL: Record<string, ObjectSpec> = {
  Stripe_Customer__c: {
    kind: 'custom',
    name: 'Text',
    sharing: 'Private',
    fields: {
      Contact__c: { type: 'Lookup', ref: 'Contact', onDelete: 'SetNull', tracked: true },
      Account__c: { type: 'Lookup', ref: 'Account', onDelete: 'SetNull', tracked: true },
      Stripe_Customer_Id__c: stripeId,
      Email__c: { type: 'Email' },
      Currency__c: currency,
      Balance__c: money,
      Delinquent__c: { type: 'Checkbox', tracked: true },
      Sync_Status__c: { type: 'Picklist', values: SYNC_STATUSES, tracked: true },
      Sync_Error__c: { type: 'LongTextArea', length: 32768 },
      Last_Synced_At__c: dateTime,
      Last_Stripe_Event_At__c: dateTime,
      Stripe_Created_At__c: dateTime,
      Deleted_At__c: { type: 'DateTime', tracked: true },
      Health_Score__c: { type: 'Number', precision: 3, scale: 0, tracked: true },
      Churn_Risk__c: { type: 'Picklist', values: CHURN_RISKS, tracked: true },
      MRR__c: money,
      Trial_MRR__c: money,
      Lifetime_Revenue__c: money,
      Failed_Payments__c: { type: 'Number', precision: 5, scale: 0 },
      Dunning_Stage__c: { type: 'Picklist', values: DUNNING_STAGES, tracked: true }
    }
  },
  Stripe_Subscription__c: {
    kind: 'custom',
    name: { autoNumber: 'SUB-{00000}' },
    sharing: 'ControlledByParent',
    fields: {
      Stripe_Customer__c: { type: 'MasterDetail', ref: 'Stripe_Customer__c' },
      Stripe_Subscription_Id__c: stripeId,
      Status__c: { type: 'Picklist', values: SUBSCRIPTION_STATUSES, tracked: true },
      Pricing_Plan__c: { type: 'Lookup', ref: 'Pricing_Plan__c', onDelete: 'SetNull', tracked: true },
      Quantity__c: { type: 'Number', precision: 9, scale: 0, tracked: true },
      Amount__c: unitPrice,
      Currency__c: currency,
      Interval__c: { type: 'Picklist', values: INTERVALS },
      Interval_Count__c: { type: 'Number', precision: 4, scale: 0 },
      MRR__c: money,
      Current_Period_Start__c: dateTime,
      Current_Period_End__c: dateTime,
      Cancel_At_Period_End__c: { type: 'Checkbox', tracked: true },
      Canceled_At__c: dateTime,
      Trial_End__c: dateTime,
      Last_Stripe_Event_At__c: dateTime
    }
  },
  Stripe_Invoice__c: {
    kind: 'custom',
    name: { autoNumber: 'INV-{00000}' },
    sharing: 'Private',
    fields: {
      Stripe_Customer__c: { type: 'Lookup', ref: 'Stripe_Customer__c', onDelete: 'Restrict' },
      Stripe_Subscription__c: { type: 'Lookup', ref: 'Stripe_Subscription__c', onDelete: 'Restrict' },
      Stripe_Invoice_Id__c: stripeId,
      Number__c: { type: 'Text', length: 80 },
      Status__c: { type: 'Picklist', values: INVOICE_STATUSES, tracked: true },
      Amount_Due__c: money,
      Amount_Paid__c: money,
      Amount_Remaining__c: money,
      Currency__c: currency,
      Due_Date__c: { type: 'Date' },
      Attempt_Count__c: { type: 'Number', precision: 4, scale: 0, tracked: true },
      Next_Payment_Attempt__c: dateTime,
      Hosted_Invoice_Url__c: { type: 'Url' },
      Invoice_Pdf__c: { type: 'Url' },
      Paid_At__c: dateTime,
      Dunning_Stage__c: { type: 'Picklist', values: DUNNING_STAGES, tracked: true },
      Last_Stripe_Event_At__c: dateTime
    }
  },
  Payment_Transaction__c: {
    kind: 'custom',
    name: { autoNumber: 'PAY-{00000}' },
    sharing: 'Private',
    fields: {
      Stripe_Customer__c: { type: 'Lookup', ref: 'Stripe_Customer__c', onDelete: 'Restrict' },
      Stripe_Invoice__c: { type: 'Lookup', ref: 'Stripe_Invoice__c', onDelete: 'Restrict' },
      Stripe_Payment_Intent_Id__c: stripeId,
      Amount__c: money,
      Currency__c: currency,
      Status__c: { type: 'Picklist', values: PAYMENT_STATUSES, tracked: true },
      Failure_Code__c: { type: 'Text', length: 100 },
      Failure_Message__c: { type: 'LongTextArea', length: 32768 },
      Payment_Method_Type__c: { type: 'Text', length: 64 },
      Card_Brand__c: { type: 'Text', length: 32 },
      Card_Last4__c: { type: 'Text', length: 4 },
      Refunded_Amount__c: money,
      Processed_At__c: dateTime
    }
  },
  Pricing_Plan__c: {
    kind: 'custom',
    name: 'Text',
    sharing: 'Read',
    fields: {
      Stripe_Price_Id__c: stripeId,
      Stripe_Product_Id__c: { type: 'Text', length: 255 },
      Unit_Amount__c: unitPrice,
      Currency__c: currency,
      Interval__c: { type: 'Picklist', values: INTERVALS },
      Interval_Count__c: { type: 'Number', precision: 4, scale: 0 },
      Billing_Scheme__c: { type: 'Picklist', values: BILLING_SCHEMES },
      Tiers_Mode__c: { type: 'Picklist', values: TIERS_MODES },
      Active__c: { type: 'Checkbox', tracked: true }
    }
  },
  Pricing_Tier__c: {
    kind: 'custom',
    name: { autoNumber: 'TIER-{00000}' },
    sharing: 'ControlledByParent',
    fields: {
      Pricing_Plan__c: { type: 'MasterDetail', ref: 'Pricing_Plan__c' },
      Up_To__c: { type: 'Number', precision: 18, scale: 0, tracked: true },
      Unit_Amount__c: unitPrice,
      Flat_Amount__c: unitPrice
    }
  },
  Stripe_Checkout_Link__c: {
    kind: 'custom',
    name: { autoNumber: 'LINK-{00000}' },
    sharing: 'Private',
    fields: {
      Contact__c: { type: 'Lookup', ref: 'Contact', onDelete: 'SetNull' },
      Stripe_Customer__c: { type: 'Lookup', ref: 'Stripe_Customer__c', onDelete: 'SetNull' },
      Session_Id__c: stripeId,
      Url__c: { type: 'LongTextArea', length: 2048 },
      Status__c: { type: 'Picklist', values: CHECKOUT_STATUSES, tracked: true },
      Expires_At__c: dateTime,
      Amount_Total__c: money,
      Currency__c: currency,
      Line_Items__c: { type: 'LongTextArea', length: 32768 },
      Stripe_Subscription__c: { type: 'Lookup', ref: 'Stripe_Subscription__c', onDelete: 'SetNull' }
    }
  },
  Stripe_Webhook_Event__c: {
    kind: 'custom',
    name: { autoNumber: 'EVT-{0000000}' },
    sharing: 'Private',
    fields: {
      Event_Id__c: stripeId,
      Type__c: { type: 'Text', length: 255 },
      Status__c: { type: 'Picklist', values: WEBHOOK_STATUSES },
      Attempts__c: { type: 'Number', precision: 3, scale: 0 },
      Error__c: { type: 'LongTextArea', length: 32768 },
      Payload__c: { type: 'LongTextArea', length: 131072 },
      Stripe_Created_At__c: dateTime,
      Processed_At__c: dateTime
    }
  },
  Stripe_Mrr_Movement__c: {
    kind: 'custom',
    name: { autoNumber: 'MRRM-{0000000}' },
    sharing: 'Private',
    fields: {
      Stripe_Customer__c: { type: 'Lookup', ref: 'Stripe_Customer__c', onDelete: 'SetNull' },
      Currency__c: currency,
      Type__c: { type: 'Picklist', values: MRR_MOVEMENT_TYPES },
      Previous_MRR__c: { type: 'Number', precision: 16, scale: 2 },
      New_MRR__c: { type: 'Number', precision: 16, scale: 2 },
      MRR_Change__c: { type: 'Number', precision: 16, scale: 2 },
      Occurred_At__c: dateTime
    }
  },
  Stripe_Batch_Run__c: {
    kind: 'custom',
    name: { autoNumber: 'RUN-{0000000}' },
    sharing: 'Private',
    fields: {
      Job_Name__c: { type: 'Text', length: 80 },
      Async_Job_Id__c: { type: 'Text', length: 18 },
      Started_At__c: dateTime,
      Finished_At__c: dateTime,
      Records_Processed__c: { type: 'Number', precision: 9, scale: 0 },
      Records_Written__c: { type: 'Number', precision: 9, scale: 0 },
      Records_Failed__c: { type: 'Number', precision: 9, scale: 0 },
      Errors__c: { type: 'LongTextArea', length: 32768 }
    }
  },
  Stripe_Event__e: {
    kind: 'event',
    fields: {
      Event_Id__c: { type: 'Text', length: 255 },
      Type__c: { type: 'Text', length: 255 },
      Created__c: dateTime,
      Livemode__c: { type: 'Checkbox' },
      Api_Version__c: { type: 'Text', length: 50 },
      Payload__c: { type: 'LongTextArea', length: 131072 }
    }
  },
  Stripe_Customer_Sync_Request__e: {
    kind: 'event',
    publishBehavior: 'PublishAfterCommit',
    fields: {
      Contact_Id__c: { type: 'Text', length: 18 },
      Reason__c: { type: 'Text', length: 40 },
      Requested_By__c: { type: 'Text', length: 18 }
    }
  },
  Stripe_Settings__mdt: {
    kind: 'metadata',
    fields: {
      Health_Max_Failed_Payment_Penalty__c: { type: 'Number' },
      Health_Failure_Lookback_Days__c: { type: 'Number' },
      Health_Reminder_Penalty__c: { type: 'Number' },
      Health_Warning_Penalty__c: { type: 'Number' },
      Health_Final_Notice_Penalty__c: { type: 'Number' },
      Health_Collections_Penalty__c: { type: 'Number' },
      Health_Past_Due_Penalty__c: { type: 'Number' },
      Health_Unpaid_Penalty__c: { type: 'Number' },
      Health_Max_Tenure_Bonus__c: { type: 'Number' },
      Health_Full_Tenure_Months__c: { type: 'Number' },
      Churn_Critical_Below__c: { type: 'Number' },
      Churn_High_Below__c: { type: 'Number' },
      Churn_Medium_Below__c: { type: 'Number' },
      Dunning_Warning_After_Days__c: { type: 'Number' },
      Dunning_Final_Notice_After_Days__c: { type: 'Number' },
      Dunning_Collections_After_Days__c: { type: 'Number' },
      Finance_Queue__c: { type: 'Text', length: 80 },
      Checkout_Success_Url__c: { type: 'Text', length: 255 },
      Checkout_Cancel_Url__c: { type: 'Text', length: 255 },
      Checkout_Link_Lifetime_Hours__c: { type: 'Number' },
      Inbound_Max_Retries__c: { type: 'Number' },
      Event_Log_Retention_Days__c: { type: 'Number' },
      Dunning_Batch_Size__c: { type: 'Number' },
      Rollup_Batch_Size__c: { type: 'Number' },
      Sync_Batch_Size__c: { type: 'Number' },
      Stripe_Api_Version__c: { type: 'Text', length: 40 },
      Trialing_Counts_In_MRR__c: { type: 'Checkbox' }
    }
  },
  Account: {
    kind: 'standard',
    fields: {
      MRR__c: { type: 'Number', precision: 16, scale: 2 },
      ARR__c: { type: 'Number', precision: 16, scale: 2 },
      Trial_MRR__c: { type: 'Number', precision: 16, scale: 2 },
      MRR_Currency__c: currency,
      Health_Score__c: { type: 'Number', precision: 3, scale: 0 },
      Churn_Risk__c: { type: 'Picklist', values: CHURN_RISKS }
    }
  },
  Contact: {
    kind: 'standard',
    fields: {
      Stripe_Customer__c: { type: 'Lookup', ref: 'Stripe_Customer__c', onDelete: 'SetNull' }
    }
  }
};

/**
 * Objects without field history on purpose: the webhook log (the row is the audit trail and the log
 * is high volume), the MRR movement ledger and the batch run log (rows are written once and never
 * edited, so each row is its own audit record) and the standard objects (their history settings belong
 * to the org).
 */
export const HISTORY_EXEMPT = new Set([
  'Stripe_Webhook_Event__c',
  'Stripe_Mrr_Movement__c',
  'Stripe_Batch_Run__c',
  'Account',
  'Contact'
]);

/** Stripe ids that are deliberately not unique (many prices share one product). */
export const NON_UNIQUE_STRIPE_IDS = new Set(['Pricing_Plan__c.Stripe_Product_Id__c']);

/** The Default Stripe_Settings__mdt record: DESIGN.md's defaults. */
export const SETTINGS_DEFAULTS: Record<string, number | boolean | string> = {
  Health_Max_Failed_Payment_Penalty__c: 40,
  Health_Failure_Lookback_Days__c: 90,
  Health_Reminder_Penalty__c: 5,
  Health_Warning_Penalty__c: 15,
  Health_Final_Notice_Penalty__c: 30,
  Health_Collections_Penalty__c: 50,
  Health_Past_Due_Penalty__c: 20,
  Health_Unpaid_Penalty__c: 40,
  Health_Max_Tenure_Bonus__c: 10,
  Health_Full_Tenure_Months__c: 24,
  Churn_Critical_Below__c: 25,
  Churn_High_Below__c: 50,
  Churn_Medium_Below__c: 75,
  Dunning_Warning_After_Days__c: 7,
  Dunning_Final_Notice_After_Days__c: 14,
  Dunning_Collections_After_Days__c: 30,
  Finance_Queue__c: 'Stripe_Finance',
  Checkout_Success_Url__c: 'https://example.com/checkout/success?session_id={CHECKOUT_SESSION_ID}',
  Checkout_Cancel_Url__c: 'https://example.com/checkout/cancel',
  Checkout_Link_Lifetime_Hours__c: 24,
  Inbound_Max_Retries__c: 5,
  Event_Log_Retention_Days__c: 30,
  Dunning_Batch_Size__c: 200,
  Rollup_Batch_Size__c: 200,
  Sync_Batch_Size__c: 50,
  Stripe_Api_Version__c: '2026-10-28.endive',
  Trialing_Counts_In_MRR__c: false
};

/** Standard fields the sample data may set, and the standard references among them. */
export const STANDARD_SAMPLE_FIELDS: Record<string, Record<string, string | null>> = {
  Account: { Name: null, BillingCity: null, BillingCountry: null, Website: null },
  Contact: { FirstName: null, LastName: null, Email: null, Title: null, AccountId: 'Account' }
};

/** Picklists whose every value the sample data must show. */
export const SAMPLE_COVERAGE: readonly string[] = [
  'Stripe_Subscription__c.Status__c',
  'Stripe_Subscription__c.Interval__c',
  'Stripe_Invoice__c.Status__c',
  'Stripe_Invoice__c.Dunning_Stage__c',
  'Payment_Transaction__c.Status__c',
  'Stripe_Customer__c.Churn_Risk__c',
  'Stripe_Customer__c.Sync_Status__c',
  'Account.Churn_Risk__c',
  'Pricing_Plan__c.Billing_Scheme__c',
  'Pricing_Plan__c.Tiers_Mode__c',
  'Stripe_Checkout_Link__c.Status__c',
  'Stripe_Webhook_Event__c.Status__c'
];

/** The day the sample data's health scores and dunning stages were computed for. */
export const SAMPLE_AS_OF = '2026-11-28T00:00:00.000Z';

/** Currencies Stripe bills without a minor unit. */
export const ZERO_DECIMAL_SAMPLE_CURRENCIES = new Set(['jpy']);
