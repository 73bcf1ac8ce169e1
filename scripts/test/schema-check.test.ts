/**
 * The schema gate resolves relationship paths, child subqueries, semi-joins, SOSL and metadata
 * references the way Salesforce does. Each case builds a small project in a temp folder.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { formatFinding, sortFindings } from '../verify/findings.js';
import { checkSchema } from '../verify/schema-check.js';

const OBJECT = `<?xml version="1.0" encoding="UTF-8"?>
<CustomObject xmlns="http://soap.sforce.com/2006/04/metadata"><label>X</label></CustomObject>`;

const field = (type: string, extra = ''): string => `<?xml version="1.0" encoding="UTF-8"?>
<CustomField xmlns="http://soap.sforce.com/2006/04/metadata"><type>${type}</type>${extra}</CustomField>`;

/** A project with Parent__c ← Child__c (lookup Parent__c, child relationship Children) and a Contact lookup. */
function project(files: Record<string, string>): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'schema-'));
  const base: Record<string, string> = {
    'sfdx-project.json': JSON.stringify({ packageDirectories: [{ path: 'force-app' }] }),
    'force-app/main/default/objects/Parent__c/Parent__c.object-meta.xml': OBJECT,
    'force-app/main/default/objects/Parent__c/fields/Tier__c.field-meta.xml': field('Text'),
    'force-app/main/default/objects/Parent__c/fields/Contact__c.field-meta.xml': field(
      'Lookup',
      '<referenceTo>Contact</referenceTo><relationshipName>Parents</relationshipName>'
    ),
    'force-app/main/default/objects/Child__c/Child__c.object-meta.xml': OBJECT,
    'force-app/main/default/objects/Child__c/fields/Amount__c.field-meta.xml': field('Number'),
    'force-app/main/default/objects/Child__c/fields/Parent__c.field-meta.xml': field(
      'MasterDetail',
      '<referenceTo>Parent__c</referenceTo><relationshipName>Children</relationshipName>'
    )
  };
  for (const [rel, text] of Object.entries({ ...base, ...files })) {
    const full = path.join(root, rel);
    fs.mkdirSync(path.dirname(full), { recursive: true });
    fs.writeFileSync(full, text);
  }
  return root;
}

const apexClass = (body: string): Record<string, string> => ({
  'force-app/main/default/classes/Q.cls': `public with sharing class Q {\n  void m() {\n${body}\n  }\n}\n`
});

/** The gate's findings as printed, sorted by file and line, without the `[schema]` rule tag. */
const findings = (root: string): string[] =>
  sortFindings(checkSchema(root)).map((f) => formatFinding({ ...f, rule: undefined }, root));

test('resolves relationship paths, child subqueries, aliases, aggregates and semi-joins', () => {
  const root = project(
    apexClass(`    List<Parent__c> ps = [
      SELECT Id, p.Tier__c, Contact__r.Email, Contact__r.Account.Name, Owner.Name,
        (SELECT Amount__c, Parent__r.Tier__c FROM Children__r ORDER BY Amount__c)
      FROM Parent__c p
      WHERE Id IN (SELECT Parent__c FROM Child__c WHERE Amount__c > 0)
      WITH USER_MODE
    ];
    AggregateResult[] r = [SELECT Parent__c, SUM(Amount__c) total FROM Child__c GROUP BY Parent__c];
    List<List<SObject>> s = [FIND 'a' IN ALL FIELDS RETURNING Parent__c(Id, Tier__c), Contact(Email)];`)
  );
  assert.deepEqual(findings(root), []);
});

test('reports each unknown name with its line: field, relationship, child relationship, SOSL field', () => {
  const root = project(
    apexClass(`    List<Parent__c> ps = [
      SELECT Id, Tierr__c, Contakt__r.Email,
        (SELECT Amount__c FROM Kids__r)
      FROM Parent__c
    ];
    List<Child__c> cs = [SELECT Id FROM Child__c WHERE Parent__r.Nope__c = 'x'];
    List<List<SObject>> s = [FIND 'a' RETURNING Contact(Emial)];`)
  );
  assert.deepEqual(findings(root), [
    "force-app/main/default/classes/Q.cls:4: unknown field 'Tierr__c' on Parent__c (SOQL)",
    "force-app/main/default/classes/Q.cls:4: unknown relationship 'Contakt__r' on Parent__c (SOQL)",
    "force-app/main/default/classes/Q.cls:5: unknown child relationship 'Kids__r' on Parent__c (SOQL subquery)",
    "force-app/main/default/classes/Q.cls:8: unknown field 'Nope__c' on Parent__c (SOQL)",
    "force-app/main/default/classes/Q.cls:9: unknown field 'Emial' on Contact (SOQL)"
  ]);
});

test('checks permission sets, list views, layouts with related lists, and compact layouts', () => {
  const root = project({
    'force-app/main/default/permissionsets/P.permissionset-meta.xml': `<?xml version="1.0" encoding="UTF-8"?>
<PermissionSet xmlns="http://soap.sforce.com/2006/04/metadata">
    <fieldPermissions><editable>false</editable><field>Parent__c.Tier__c</field><readable>true</readable></fieldPermissions>
    <fieldPermissions><editable>false</editable><field>Parent__c.Size__c</field><readable>true</readable></fieldPermissions>
    <objectPermissions><allowRead>true</allowRead><object>Gadget__c</object></objectPermissions>
</PermissionSet>`,
    'force-app/main/default/objects/Parent__c/listViews/All.listView-meta.xml': `<?xml version="1.0" encoding="UTF-8"?>
<ListView xmlns="http://soap.sforce.com/2006/04/metadata">
    <columns>NAME</columns>
    <columns>Tier__c</columns>
    <filters><field>Colour__c</field><operation>equals</operation><value>red</value></filters>
</ListView>`,
    'force-app/main/default/layouts/Parent__c-Parent Layout.layout-meta.xml': `<?xml version="1.0" encoding="UTF-8"?>
<Layout xmlns="http://soap.sforce.com/2006/04/metadata">
    <layoutSections><layoutColumns><layoutItems><field>Tier__c</field></layoutItems></layoutColumns></layoutSections>
    <relatedLists><fields>NAME</fields><fields>Amount__c</fields><fields>Tier__c</fields><relatedList>Child__c.Parent__c</relatedList></relatedLists>
</Layout>`,
    'force-app/main/default/objects/Child__c/compactLayouts/Key.compactLayout-meta.xml': `<?xml version="1.0" encoding="UTF-8"?>
<CompactLayout xmlns="http://soap.sforce.com/2006/04/metadata"><fields>Name</fields><fields>Amount__c</fields><fields>Amt__c</fields></CompactLayout>`
  });
  assert.deepEqual(findings(root), [
    "force-app/main/default/layouts/Parent__c-Parent Layout.layout-meta.xml:4: unknown field 'Tier__c' on Child__c (related list column)",
    "force-app/main/default/objects/Child__c/compactLayouts/Key.compactLayout-meta.xml:2: unknown field 'Amt__c' on Child__c (compact layout)",
    "force-app/main/default/objects/Parent__c/listViews/All.listView-meta.xml:5: unknown field 'Colour__c' on Parent__c (list view filter)",
    "force-app/main/default/permissionsets/P.permissionset-meta.xml:4: unknown field 'Size__c' on Parent__c (permission set field)",
    "force-app/main/default/permissionsets/P.permissionset-meta.xml:5: unknown object 'Gadget__c' (permission set object)"
  ]);
});

test('accepts only the standard names listed in standard-schema.ts', () => {
  const root = project(apexClass(`    List<Contact> cs = [SELECT Id, Email, Birthdate FROM Contact];`));
  assert.deepEqual(findings(root), [
    "force-app/main/default/classes/Q.cls:3: unknown field 'Birthdate' on Contact (SOQL)"
  ]);
});
