/**
 * What the Metadata API gained after the WSDL jsforce ships (API 47.0), for the types this project
 * deploys: the one list the metadata-schema rule reads instead of failing on, or silently skipping,
 * what the old WSDL does not know. Each entry carries the API version that added it (Metadata API
 * Developer Guide); the rule prints a note for every entry it meets. An element's type is a WSDL type,
 * a type of NEWER_TYPES or `xsd:…`; `[]` marks a list; no type means its content is not checked.
 */

export interface NewerType {
  type: string;
  since: number;
  /** Element name → type; absent: the content is not checked (said in a note). */
  elements?: Record<string, string>;
}

export interface NewerElement {
  /** The WSDL type (or a NEWER_TYPES type) that gained the element. */
  type: string;
  element: string;
  since: number;
  elementType?: string;
}

export interface NewerValue {
  enumeration: string;
  value: string;
  since: number;
}

const s = 'xsd:string';

export const NEWER_TYPES: readonly NewerType[] = [
  {
    type: 'ExternalCredential',
    since: 56,
    elements: {
      authenticationProtocol: s,
      description: s,
      externalCredentialParameters: 'ExternalCredentialParameter[]',
      label: s
    }
  },
  {
    type: 'ExternalCredentialParameter',
    since: 56,
    elements: {
      authProvider: s,
      certificate: s,
      description: s,
      externalAuthIdentityProvider: s,
      parameterGroup: s,
      parameterName: s,
      parameterType: s,
      parameterValue: s,
      sequenceNumber: 'xsd:int'
    }
  },
  {
    type: 'NamedCredentialParameter',
    since: 56,
    elements: {
      certificate: s,
      description: s,
      externalCredential: s,
      outboundNetworkConnection: s,
      parameterName: s,
      parameterType: s,
      parameterValue: s,
      sequenceNumber: 'xsd:int'
    }
  },
  {
    type: 'PermissionSetExternalCredentialPrincipalAccess',
    since: 56,
    elements: { enabled: 'xsd:boolean', externalCredentialPrincipal: s }
  },
  {
    type: 'PlatformEventSubscriberConfig',
    since: 51,
    elements: { batchSize: 'xsd:int', masterLabel: s, platformEventConsumer: s, user: s }
  },
  // Lightning pages: itemInstances replaced componentInstances (48.0); Dynamic Forms fields (49.0).
  {
    type: 'ItemInstance',
    since: 48,
    elements: { componentInstance: 'ComponentInstance', fieldInstance: 'FieldInstance' }
  },
  {
    type: 'FieldInstance',
    since: 49,
    elements: {
      fieldInstanceProperties: 'FieldInstanceProperty[]',
      fieldItem: s,
      identifier: s,
      visibilityRule: 'UiFormulaRule'
    }
  },
  { type: 'FieldInstanceProperty', since: 49, elements: { name: s, value: s } },
  {
    type: 'ComponentInstancePropertyList',
    since: 49,
    elements: { valueListItems: 'ComponentInstancePropertyListItem[]' }
  },
  {
    type: 'ComponentInstancePropertyListItem',
    since: 49,
    elements: { value: s, visibilityRule: 'UiFormulaRule' }
  }
];

export const NEWER_ELEMENTS: readonly NewerElement[] = [
  {
    type: 'CustomApplication',
    element: 'isNavTabPersistenceDisabled',
    since: 54,
    elementType: 'xsd:boolean'
  },
  // Documented on CustomPermission (type since 31.0) but absent from the 47.0 WSDL.
  { type: 'CustomPermission', element: 'isLicensed', since: 31, elementType: 'xsd:boolean' },
  { type: 'Group', element: 'description', since: 62, elementType: s },
  { type: 'NamedCredential', element: 'calloutStatus', since: 56, elementType: s },
  {
    type: 'NamedCredential',
    element: 'namedCredentialParameters',
    since: 56,
    elementType: 'NamedCredentialParameter[]'
  },
  { type: 'NamedCredential', element: 'namedCredentialType', since: 56, elementType: s },
  {
    type: 'PermissionSet',
    element: 'externalCredentialPrincipalAccesses',
    since: 56,
    elementType: 'PermissionSetExternalCredentialPrincipalAccess[]'
  },
  { type: 'FlexiPageRegion', element: 'itemInstances', since: 48, elementType: 'ItemInstance[]' },
  { type: 'ComponentInstance', element: 'identifier', since: 48, elementType: s },
  {
    type: 'ComponentInstanceProperty',
    element: 'valueList',
    since: 49,
    elementType: 'ComponentInstancePropertyList'
  },
  { type: 'PlatformEventSubscriberConfig', element: 'numPartitions', since: 61, elementType: 'xsd:int' },
  { type: 'PlatformEventSubscriberConfig', element: 'partitionKey', since: 61, elementType: s }
];

export const NEWER_VALUES: readonly NewerValue[] = [];
