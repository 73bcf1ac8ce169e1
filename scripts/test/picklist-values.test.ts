import { checkPicklistValues } from '../verify/picklist-values.js';
import { runRuleTests, type Files } from './support/sample-project.js';

const picklist = (
  name: string,
  values: string[],
  restricted = true
): string => `<?xml version="1.0" encoding="UTF-8"?>
<CustomField xmlns="http://soap.sforce.com/2006/04/metadata">
    <fullName>${name}</fullName>
    <label>${name}</label>
    <type>Picklist</type>
    <valueSet>
        <restricted>${restricted}</restricted>
        <valueSetDefinition>
            <sorted>false</sorted>
${values.map((v) => `            <value><fullName>${v}</fullName><default>false</default><label>${v.toUpperCase()}</label></value>`).join('\n')}
        </valueSetDefinition>
    </valueSet>
</CustomField>
`;

const lookup = (name: string, target: string): string => `<?xml version="1.0" encoding="UTF-8"?>
<CustomField xmlns="http://soap.sforce.com/2006/04/metadata">
    <fullName>${name}</fullName>
    <label>${name}</label>
    <referenceTo>${target}</referenceTo>
    <relationshipName>Invoices</relationshipName>
    <type>Lookup</type>
</CustomField>
`;

const object = (label: string): string => `<?xml version="1.0" encoding="UTF-8"?>
<CustomObject xmlns="http://soap.sforce.com/2006/04/metadata">
    <label>${label}</label>
</CustomObject>
`;

const schema: Files = {
  'objects/Invoice__c/Invoice__c.object-meta.xml': object('Invoice'),
  'objects/Invoice__c/fields/Status__c.field-meta.xml': picklist('Status__c', [
    'draft',
    'open',
    'paid',
    'void'
  ]),
  'objects/Invoice__c/fields/Dunning_Stage__c.field-meta.xml': picklist('Dunning_Stage__c', [
    'None',
    'Reminder'
  ]),
  'objects/Invoice__c/fields/Kind__c.field-meta.xml': picklist('Kind__c', ['a', 'b'], false),
  'objects/Invoice__c/fields/Subscription__c.field-meta.xml': lookup('Subscription__c', 'Subscription__c'),
  'objects/Subscription__c/Subscription__c.object-meta.xml': object('Subscription'),
  'objects/Subscription__c/fields/Status__c.field-meta.xml': picklist('Status__c', [
    'active',
    'past_due',
    'canceled'
  ])
};

const cls = (body: string): Files => ({
  'classes/InvoiceRules.cls': `public with sharing class InvoiceRules {
  private static final String PAID = 'paid';
  private static final String VOIDED = 'voided';
${body}
}`
});

runRuleTests(
  'picklist-value',
  checkPicklistValues,
  {
    valid: [
      {
        name: 'values of the field, in any case; unrestricted picklists and other fields are free',
        files: cls(`  public static void apply(Invoice__c inv, List<Subscription__c> subs) {
    inv.Status__c = 'Paid';
    inv.Kind__c = 'anything';
    inv.Dunning_Stage__c = '';
    Boolean blank = inv.Status__c == '';
    inv.Description__c = 'anything';
    if (inv.Status__c == PAID || 'open' != inv.Status__c) {
      subs[0].Status__c = 'past_due';
    }
    for (Subscription__c s : subs) {
      switch on s.Status__c {
        when 'active', 'canceled' {
          s.Status__c = 'canceled';
        }
      }
    }
    List<Invoice__c> rows = [
      SELECT Id FROM Invoice__c
      WHERE Status__c IN ('draft', 'open') AND Subscription__r.Status__c = 'active' AND Status__c != :PAID
      WITH USER_MODE
    ];
    insert as user new Invoice__c(Status__c = 'void', Kind__c = 'c');
  }`)
      },
      {
        name: 'an untyped record whose field name belongs to several objects is left alone',
        files: cls(`  public static Boolean check(Map<Id, SObject> rows, Id key) {
    return ((Invoice__c) rows.get(key)).Status__c == 'paid' && unknownRecord().Status__c == 'whatever';
  }
  private static Object unknownRecord() {
    return null;
  }`)
      }
    ],
    invalid: [
      {
        name: 'assignments, comparisons, constructor values, constants and switch values outside the value set',
        files: cls(`  public static void apply(Invoice__c inv, Subscription__c sub) {
    inv.Status__c = 'Paid in full';
    if (sub.Status__c == 'trialing') {
      inv.Status__c = VOIDED;
    }
    inv.Subscription__r.Status__c = 'cancelled';
    Invoice__c draft = new Invoice__c(Status__c = 'new');
    switch on sub.Status__c {
      when 'active', 'unpaid' {
        draft.Status__c = 'open';
      }
    }
  }`),
        errors: [
          {
            file: 'classes/InvoiceRules.cls',
            line: 5,
            message:
              /'Paid in full' is not a value of restricted picklist Invoice__c\.Status__c \(assigned\); its values are draft, open, paid, void/,
            rule: 'picklist-value'
          },
          {
            file: 'classes/InvoiceRules.cls',
            line: 6,
            message:
              /'trialing' is not a value of restricted picklist Subscription__c\.Status__c \(compared \(==\)\)/
          },
          {
            file: 'classes/InvoiceRules.cls',
            line: 7,
            message: /'voided' is not a value of restricted picklist Invoice__c\.Status__c/
          },
          {
            file: 'classes/InvoiceRules.cls',
            line: 9,
            message: /'cancelled' is not a value of restricted picklist Subscription__c\.Status__c/
          },
          {
            file: 'classes/InvoiceRules.cls',
            line: 10,
            message: /'new' is not a value of restricted picklist Invoice__c\.Status__c \(set in new\)/
          },
          {
            file: 'classes/InvoiceRules.cls',
            line: 12,
            message:
              /'unpaid' is not a value of restricted picklist Subscription__c\.Status__c \(switch when\)/
          }
        ]
      },
      {
        name: 'SOQL comparisons, IN lists and bound constants outside the value set',
        files: cls(`  public static List<Invoice__c> open() {
    List<String> stages = new List<String>{ 'None', 'Final notice' };
    return [
      SELECT Id, (SELECT Id FROM Invoices__r WHERE Status__c = 'unpaid')
      FROM Subscription__c
      WHERE Status__c IN ('active', 'trialing')
        AND Id IN (SELECT Subscription__c FROM Invoice__c WHERE Status__c != :VOIDED)
      WITH USER_MODE
    ];
  }`),
        errors: [
          {
            file: 'classes/InvoiceRules.cls',
            line: 7,
            message: /'unpaid' is not a value of restricted picklist Invoice__c\.Status__c \(SOQL =\)/
          },
          {
            file: 'classes/InvoiceRules.cls',
            line: 9,
            message: /'trialing' is not a value of restricted picklist Subscription__c\.Status__c \(SOQL IN\)/
          },
          {
            file: 'classes/InvoiceRules.cls',
            line: 10,
            message: /'voided' is not a value of restricted picklist Invoice__c\.Status__c \(SOQL !=\)/
          }
        ]
      },
      {
        name: 'a record of unknown type is checked when only one object has the field',
        files: cls(`  public static Boolean late(Map<Id, SObject> rows, Id key) {
    return unknownRecord().Dunning_Stage__c == 'Final';
  }
  private static Object unknownRecord() {
    return null;
  }`),
        errors: [
          {
            file: 'classes/InvoiceRules.cls',
            line: 5,
            message: /'Final' is not a value of restricted picklist Invoice__c\.Dunning_Stage__c/
          }
        ]
      }
    ]
  },
  schema
);
