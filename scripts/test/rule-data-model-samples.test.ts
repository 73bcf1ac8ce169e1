/**
 * data-model-objects and data-model-fields on small samples: a one-object spec and a project holding
 * just that object, valid and broken one way at a time.
 */
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import type { ObjectSpec } from '../spec/data-model.js';
import { loadModel } from '../verify/data-model/model.js';
import { checkFields } from '../verify/rules/data-model-fields.js';
import { checkObjects } from '../verify/rules/data-model-objects.js';
import { META_DIR as M, NS, sampleProject, xmlHead } from './support/sample-project.js';

const SPEC: Record<string, ObjectSpec> = {
  Widget__c: {
    kind: 'custom',
    name: 'Text',
    sharing: 'Private',
    fields: {
      Status__c: { type: 'Picklist', values: ['open', 'closed'], tracked: true },
      Code__c: { type: 'Text', length: 40 }
    }
  }
};

const object = `${xmlHead}<CustomObject ${NS}>
    <description>Widgets for the sample.</description>
    <enableBulkApi>true</enableBulkApi>
    <enableHistory>true</enableHistory>
    <enableSharing>true</enableSharing>
    <enableStreamingApi>true</enableStreamingApi>
    <externalSharingModel>Private</externalSharingModel>
    <label>Widget</label>
    <nameField>
        <label>Widget Name</label>
        <type>Text</type>
    </nameField>
    <pluralLabel>Widgets</pluralLabel>
    <sharingModel>Private</sharingModel>
</CustomObject>
`;
const value = (name: string): string =>
  `            <value>\n                <fullName>${name}</fullName>\n                <default>false</default>\n                <label>${name}</label>\n            </value>\n`;
const status = (values: string[], restricted = 'true'): string => `${xmlHead}<CustomField ${NS}>
    <fullName>Status__c</fullName>
    <description>Where the widget is.</description>
    <inlineHelpText>Open or closed.</inlineHelpText>
    <label>Status</label>
    <trackHistory>true</trackHistory>
    <type>Picklist</type>
    <valueSet>
        <restricted>${restricted}</restricted>
        <valueSetDefinition>
            <sorted>false</sorted>
${values.map(value).join('')}        </valueSetDefinition>
    </valueSet>
</CustomField>
`;
const code = (length: number): string => `${xmlHead}<CustomField ${NS}>
    <fullName>Code__c</fullName>
    <description>The widget's code.</description>
    <inlineHelpText>Up to 40 characters.</inlineHelpText>
    <label>Code</label>
    <length>${length}</length>
    <type>Text</type>
</CustomField>
`;

function problems(files: Record<string, string>): { objects: string[]; fields: string[] } {
  const root = sampleProject(files);
  try {
    const model = loadModel(root, SPEC);
    return { objects: checkObjects(model, SPEC, () => true), fields: checkFields(model, SPEC) };
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}

const project = (overrides: Record<string, string> = {}): Record<string, string> => ({
  [`${M}/objects/Widget__c/Widget__c.object-meta.xml`]: object,
  [`${M}/objects/Widget__c/fields/Status__c.field-meta.xml`]: status(['open', 'closed']),
  [`${M}/objects/Widget__c/fields/Code__c.field-meta.xml`]: code(40),
  ...overrides
});

describe('valid sample', () => {
  test('an object and fields as the spec says', () => {
    assert.deepEqual(problems(project()), { objects: [], fields: [] });
  });
});

describe('invalid samples', () => {
  test('an unrestricted picklist, values out of order, a wrong length', () => {
    const { fields } = problems(
      project({
        [`${M}/objects/Widget__c/fields/Status__c.field-meta.xml`]: status(['closed', 'open'], 'false'),
        [`${M}/objects/Widget__c/fields/Code__c.field-meta.xml`]: code(80)
      })
    );
    assert.deepEqual(fields, [
      'Widget__c.Status__c: picklist must be restricted',
      'Widget__c.Status__c: picklist values [closed, open] != [open, closed]',
      'Widget__c.Code__c: length 80 != 40'
    ]);
  });

  test('a field the spec does not know, and a spec field missing', () => {
    const files = project({
      [`${M}/objects/Widget__c/fields/Colour__c.field-meta.xml`]: code(40).replaceAll('Code__c', 'Colour__c')
    });
    delete files[`${M}/objects/Widget__c/fields/Code__c.field-meta.xml`];
    assert.deepEqual(problems(files).fields, [
      'Widget__c.Colour__c: not in the spec',
      'Widget__c.Code__c: field missing'
    ]);
  });

  test('a public object and history off', () => {
    const { objects } = problems(
      project({
        [`${M}/objects/Widget__c/Widget__c.object-meta.xml`]: object
          .replace('<sharingModel>Private', '<sharingModel>ReadWrite')
          .replace('<enableHistory>true', '<enableHistory>false')
      })
    );
    assert.deepEqual(objects, [
      'Widget__c: sharingModel ReadWrite != Private',
      'Widget__c: enableHistory should be true'
    ]);
  });
});
