/**
 * Speed: every rule over the project grown to the size it will reach (≈10,000 lines of Apex plus the
 * metadata that comes with it). The tree is built once for both budgets: the project's metadata
 * copied to a temporary folder, with the generated Apex of apex-tree-generator.ts (services with entry points,
 * DTOs, SOQL, loops, selectors and their tests) and generated objects, fields and flexipages added.
 * Budgets are CPU time, so that a busy machine does not fail them: the four Apex rules of issue 7
 * (which parse the Apex, shared by every later rule) under 1 s per 1,000 lines of Apex (the project's
 * own and the generated), the rule gates under 20 s; the
 * figures are printed, wall time too.
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkApexLimits } from '../verify/apex-limits.js';
import { checkApexTestAssertions } from '../verify/apex-test-assertions.js';
import { checkLwcImports } from '../verify/lwc-imports.js';
import { checkPicklistValues } from '../verify/picklist-values.js';
import { isApexSource, listSourceFiles } from '../verify/files.js';
import { RULE_GATES } from '../verify/rules/index.js';
import { generateApexTree } from './apex-tree-generator.js';
import { META_DIR as M, NS } from './support/sample-project.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const RULES = RULE_GATES.map((g) => g.rule);

/** CPU and wall seconds `fn` takes. */
function timed<T>(fn: () => T): { value: T; cpu: number; wall: number } {
  const cpu0 = process.cpuUsage();
  const wall0 = performance.now();
  const value = fn();
  const cpu = process.cpuUsage(cpu0);
  return { value, cpu: (cpu.user + cpu.system) / 1e6, wall: (performance.now() - wall0) / 1000 };
}

function write(root: string, file: string, text: string): void {
  const full = path.join(root, file);
  fs.mkdirSync(path.dirname(full), { recursive: true });
  fs.writeFileSync(full, text);
}

/** The project copied to a temporary folder and grown; returns its root and the Apex line count. */
/**
 * The project's own Apex and LWC stay out: the generated tree is the 10,000 lines the budgets are
 * about, and parsing the project's code as well would only repeat what the gates do on it.
 */
const PROJECT_CODE = ['classes', 'triggers', 'lwc'].map((d) => path.join(ROOT, M, d));
const notProjectCode = (source: string): boolean => !PROJECT_CODE.includes(source);

function grownProject(): { root: string; apexLines: number; metaFiles: number; entryPoints: number } {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'rules-speed-'));
  for (const entry of [
    'sfdx-project.json',
    'force-app',
    'docs',
    'relay/src',
    'relay/test/support',
    'scripts/data'
  ])
    fs.cpSync(path.join(ROOT, entry), path.join(root, entry), { recursive: true, filter: notProjectCode });
  const { files, entryPoints, apexLines } = generateApexTree(10_000);
  for (const [file, text] of Object.entries(files)) write(root, `${M}/${file}`, text);
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
  const metaFiles = [...fs.readdirSync(path.join(root, M), { recursive: true })].filter((f) =>
    String(f).endsWith('-meta.xml')
  ).length;
  return { root, apexLines, metaFiles, entryPoints };
}

const grown = grownProject();
after(() => fs.rmSync(grown.root, { recursive: true, force: true }));

/** Every line of Apex in the grown project: the project's own and the generated ones. */
const totalApexLines = (root: string): number =>
  listSourceFiles(root, isApexSource).reduce((n, f) => n + fs.readFileSync(f, 'utf8').split('\n').length, 0);

test('apex-limits, apex-tests, picklist-values and lwc-imports take under 1 s of CPU per 1,000 lines', () => {
  const { root, apexLines, entryPoints } = grown;
  const lines = totalApexLines(root);
  const { value, cpu, wall } = timed(() => ({
    limits: checkApexLimits(root),
    others: [...checkApexTestAssertions(root), ...checkPicklistValues(root), ...checkLwcImports(root)]
  }));
  console.log(
    `${lines} lines of Apex (${apexLines} generated): ${cpu.toFixed(2)} s CPU, ${wall.toFixed(2)} s wall`
  );
  assert.ok(apexLines >= 10_000, `generated ${apexLines} lines`);
  const generated = value.limits.entries.filter((e) =>
    /[/\\](gen[/\\]|InvoiceTrigger)/.test(e.method.owner.file)
  );
  assert.equal(generated.length, entryPoints, 'every generated entry point is found');
  assert.deepEqual(
    value.limits.findings.filter((f) => f.rule !== 'limits-budget'),
    [],
    'the generated tree is bulk-safe'
  );
  assert.deepEqual(value.others, [], 'the grown project passes the other rules');
  assert.ok(cpu < lines / 1000, `took ${cpu.toFixed(2)} s of CPU for ${lines} lines`);
});

test('the rule gates together take under 20 s of CPU on the grown project', () => {
  const { root, apexLines, metaFiles } = grown;
  const times: string[] = [];
  const { cpu, wall } = timed(() => {
    for (const rule of RULES) {
      const t0 = performance.now();
      rule.check(root);
      times.push(`${rule.name} ${Math.round(performance.now() - t0)} ms`);
    }
  });
  console.log(
    `rules over ${apexLines} generated Apex lines and ${metaFiles} metadata files: ${cpu.toFixed(2)} s CPU, ${wall.toFixed(2)} s wall`
  );
  console.log(`  ${times.join(', ')}`);
  assert.ok(cpu < 20, `took ${cpu.toFixed(2)} s of CPU`);
});
