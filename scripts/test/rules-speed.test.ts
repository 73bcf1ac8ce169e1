/**
 * Speed: the rule gates over the project grown to the size it will reach (≈10,000 lines of Apex plus
 * the metadata that comes with it). The tree is the project copied to a temporary folder with
 * generated classes (entry points, DTOs, SOQL), objects, fields, flexipages and reports added; the
 * budget is the 20 s for all new rules together, and the figure is printed.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { RULE_GATES } from '../verify/rules/index.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const NS = 'xmlns="http://soap.sforce.com/2006/04/metadata"';
const BUDGET_MS = 20_000;

const RULES = RULE_GATES.map((g) => g.rule);

/** One generated service class of about `lines` lines: DTOs, an entry point, queries, loops. */
function apexClass(name: string, lines: number): string {
  const out = [
    '/**',
    ` * @description Generated ${name} for the speed test.`,
    ' */',
    `public with sharing class ${name} {`,
    '  /** @description A row. */',
    '  public class Row {',
    '    @AuraEnabled',
    '    public String label { get; set; }',
    '  }'
  ];
  let i = 0;
  while (out.length < lines - 1) {
    out.push(
      '  /**',
      `   * @description Step ${i}.`,
      '   * @param ids records',
      '   * @return rows',
      '   */',
      `  public static List<Row> step${i}(Set<Id> ids) {`,
      '    List<Row> rows = new List<Row>();',
      '    for (Stripe_Invoice__c inv : [SELECT Id, Status__c FROM Stripe_Invoice__c WHERE Id IN :ids WITH USER_MODE]) {',
      "      if (inv.Status__c == 'open') {",
      '        Row r = new Row();',
      "        r.label = 'x';",
      '        rows.add(r);',
      '      }',
      '    }',
      '    return rows;',
      '  }'
    );
    i++;
  }
  out.push('}');
  return out.join('\n');
}

function write(root: string, file: string, text: string): void {
  const full = path.join(root, file);
  fs.mkdirSync(path.dirname(full), { recursive: true });
  fs.writeFileSync(full, text);
}

/** The project copied to a temporary folder and grown; returns its root and the Apex line count. */
function grownProject(): { root: string; apexLines: number; metaFiles: number } {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'rules-speed-'));
  for (const entry of [
    'sfdx-project.json',
    'force-app',
    'docs',
    'relay/src',
    'relay/test/support',
    'scripts/data'
  ])
    fs.cpSync(path.join(ROOT, entry), path.join(root, entry), { recursive: true });
  const M = 'force-app/main/default';
  for (let c = 0; c < 50; c++) {
    write(root, `${M}/classes/generated/GeneratedService${c}.cls`, apexClass(`GeneratedService${c}`, 200));
    write(
      root,
      `${M}/classes/generated/GeneratedService${c}.cls-meta.xml`,
      `<?xml version="1.0" encoding="UTF-8"?>\n<ApexClass ${NS}>\n    <apiVersion>65.0</apiVersion>\n    <status>Active</status>\n</ApexClass>\n`
    );
  }
  for (let o = 0; o < 20; o++) {
    const object = `Generated_${o}__c`;
    write(
      root,
      `${M}/objects/${object}/${object}.object-meta.xml`,
      `<?xml version="1.0" encoding="UTF-8"?>\n<CustomObject ${NS}>\n    <deploymentStatus>Deployed</deploymentStatus>\n    <label>Generated ${o}</label>\n    <nameField>\n        <label>Name</label>\n        <type>Text</type>\n    </nameField>\n    <pluralLabel>Generated ${o}</pluralLabel>\n    <sharingModel>Private</sharingModel>\n</CustomObject>\n`
    );
    for (let f = 0; f < 10; f++)
      write(
        root,
        `${M}/objects/${object}/fields/Status_${f}__c.field-meta.xml`,
        `<?xml version="1.0" encoding="UTF-8"?>\n<CustomField ${NS}>\n    <fullName>Status_${f}__c</fullName>\n    <label>Status ${f}</label>\n    <type>Picklist</type>\n    <valueSet>\n        <restricted>true</restricted>\n        <valueSetDefinition>\n            <sorted>false</sorted>\n            <value>\n                <fullName>open</fullName>\n                <default>false</default>\n                <label>Open</label>\n            </value>\n        </valueSetDefinition>\n    </valueSet>\n</CustomField>\n`
      );
    write(
      root,
      `${M}/flexipages/Generated_${o}.flexipage-meta.xml`,
      `<?xml version="1.0" encoding="UTF-8"?>\n<FlexiPage ${NS}>\n    <flexiPageRegions>\n        <itemInstances>\n            <componentInstance>\n                <componentName>force:detailPanel</componentName>\n                <identifier>detail</identifier>\n            </componentInstance>\n        </itemInstances>\n        <name>main</name>\n        <type>Region</type>\n    </flexiPageRegions>\n    <masterLabel>Generated ${o}</masterLabel>\n    <sobjectType>${object}</sobjectType>\n    <template>\n        <name>flexipage:recordHomeTemplateDesktop</name>\n    </template>\n    <type>RecordPage</type>\n</FlexiPage>\n`
    );
  }
  const apexLines = 50 * 200;
  const metaFiles = [...fs.readdirSync(path.join(root, M), { recursive: true })].filter((f) =>
    String(f).endsWith('-meta.xml')
  ).length;
  return { root, apexLines, metaFiles };
}

test(`the new rules together stay under ${BUDGET_MS / 1000} s on a project with ~10,000 lines of Apex`, () => {
  const { root, apexLines, metaFiles } = grownProject();
  try {
    const started = performance.now();
    const times = RULES.map((rule) => {
      const t0 = performance.now();
      rule.check(root);
      return `${rule.name} ${Math.round(performance.now() - t0)} ms`;
    });
    const total = performance.now() - started;
    console.log(
      `rules over ${apexLines} Apex lines and ${metaFiles} metadata files: ${Math.round(total)} ms`
    );
    console.log(`  ${times.join(', ')}`);
    assert.ok(total < BUDGET_MS, `${Math.round(total)} ms`);
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
});
