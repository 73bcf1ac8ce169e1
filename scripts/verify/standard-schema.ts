/**
 * The standard Salesforce objects and fields this project names, and nothing more. The schema check
 * accepts a standard name only if it is listed here, so a typo in a standard field fails just like a
 * typo in a custom one. Add to this list deliberately, when the code starts using a new standard name.
 */
export interface StandardObject {
  fields: string[];
  /** Relationship name → target object (e.g. Owner → User). */
  relationships?: Record<string, string>;
  /** Child relationship name → child object (e.g. Contacts → Contact). */
  children?: Record<string, string>;
}

/** Fields every custom object (`__c`) has. */
export const CUSTOM_OBJECT_SYSTEM_FIELDS = [
  'Id',
  'Name',
  'OwnerId',
  'CreatedDate',
  'CreatedById',
  'LastModifiedDate',
  'LastModifiedById',
  'SystemModstamp',
  'IsDeleted',
  'LastViewedDate',
  'LastReferencedDate'
];

export const CUSTOM_OBJECT_SYSTEM_RELATIONSHIPS: Record<string, string> = {
  Owner: 'User',
  CreatedBy: 'User',
  LastModifiedBy: 'User'
};

/** Fields every platform event (`__e`) has. */
export const PLATFORM_EVENT_SYSTEM_FIELDS = ['ReplayId', 'EventUuid', 'CreatedDate', 'CreatedById'];

/** Fields every custom metadata type (`__mdt`) has. */
export const CUSTOM_METADATA_SYSTEM_FIELDS = [
  'Id',
  'DeveloperName',
  'MasterLabel',
  'Label',
  'Language',
  'NamespacePrefix',
  'QualifiedApiName'
];

const AUDIT_FIELDS = [
  'Id',
  'CreatedDate',
  'CreatedById',
  'LastModifiedDate',
  'LastModifiedById',
  'SystemModstamp'
];

export const STANDARD_OBJECTS: Record<string, StandardObject> = {
  Account: {
    fields: [...AUDIT_FIELDS, 'Name', 'OwnerId', 'Type', 'Industry', 'Phone', 'Website', 'BillingCountry'],
    relationships: { Owner: 'User', CreatedBy: 'User', LastModifiedBy: 'User' },
    children: { Contacts: 'Contact' }
  },
  Contact: {
    fields: [
      ...AUDIT_FIELDS,
      'Name',
      'FirstName',
      'LastName',
      'Email',
      'Phone',
      'AccountId',
      'OwnerId',
      'MailingStreet',
      'MailingCity',
      'MailingState',
      'MailingPostalCode',
      'MailingCountry'
    ],
    relationships: { Account: 'Account', Owner: 'User', CreatedBy: 'User', LastModifiedBy: 'User' }
  },
  User: {
    fields: [
      ...AUDIT_FIELDS,
      'Name',
      'FirstName',
      'LastName',
      'Email',
      'Username',
      'Alias',
      'IsActive',
      'ProfileId'
    ],
    relationships: { Profile: 'Profile' }
  },
  Task: {
    fields: [
      ...AUDIT_FIELDS,
      'Subject',
      'Description',
      'Status',
      'Priority',
      'ActivityDate',
      'OwnerId',
      'WhatId',
      'WhoId'
    ],
    relationships: { Owner: 'User' }
  },
  Group: { fields: ['Id', 'Name', 'DeveloperName', 'Type'] },
  Profile: { fields: ['Id', 'Name'] },
  PermissionSet: { fields: ['Id', 'Name', 'Label'] },
  PermissionSetAssignment: {
    fields: ['Id', 'AssigneeId', 'PermissionSetId'],
    relationships: { Assignee: 'User', PermissionSet: 'PermissionSet' }
  },
  CustomNotificationType: { fields: ['Id', 'DeveloperName', 'MasterLabel'] },
  AsyncApexJob: {
    fields: [
      'Id',
      'Status',
      'JobType',
      'NumberOfErrors',
      'JobItemsProcessed',
      'TotalJobItems',
      'CreatedDate',
      'ApexClassId'
    ],
    relationships: { ApexClass: 'ApexClass' }
  },
  ApexClass: { fields: ['Id', 'Name'] },
  Organization: { fields: ['Id', 'Name', 'IsSandbox', 'InstanceName'] },
  CronTrigger: {
    fields: ['Id', 'CronJobDetailId', 'CronExpression', 'State', 'NextFireTime'],
    relationships: { CronJobDetail: 'CronJobDetail' }
  },
  CronJobDetail: { fields: ['Id', 'Name', 'JobType'] },
  StaticResource: { fields: ['Id', 'Name', 'Body', 'ContentType'] }
};

/** List view column tokens Salesforce uses for standard fields on custom objects. */
export const LIST_VIEW_STANDARD_COLUMNS = [
  'NAME',
  'OWNER.ALIAS',
  'OWNER.FIRST_NAME',
  'OWNER.LAST_NAME',
  'CREATED_DATE',
  'CREATEDBY_USER',
  'LAST_UPDATE',
  'UPDATEDBY_USER',
  'OBJECT_ID'
];
