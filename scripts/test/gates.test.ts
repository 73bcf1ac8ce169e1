/**
 * Every gate proves it can fail: each fixture under fixtures/gates/ holds one planted defect, and the
 * gate that owns that defect must reject it, naming the file and the line. The `valid` fixture holds
 * the same shapes without the defects and must pass every gate, so a gate that rejects everything fails too.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkApexPmd } from '../verify/apex-pmd.js';
import { checkApexSemantics } from '../verify/apex-semantics.js';
import { formatFinding, type Finding } from '../verify/findings.js';
import { checkMetadata } from '../verify/metadata-check.js';
import { checkSchema } from '../verify/schema-check.js';

const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures', 'gates');
const fixture = (name: string): string => path.join(fixtures, name);

/** Asserts exactly one finding names `file` at `line`, and that its text matches `pattern`. */
function assertRejected(
  findings: Finding[],
  root: string,
  file: string,
  line: number,
  pattern: RegExp
): void {
  const printed = findings.map((f) => formatFinding(f, root));
  const hit = printed.filter((p) => p.startsWith(`${file}:${line}:`));
  assert.equal(hit.length, 1, `expected one finding at ${file}:${line}, got:\n${printed.join('\n')}`);
  assert.match(hit[0] ?? '', pattern);
}

/** Each planted defect: the fixture, the gate's check, and where and how it must be named. */
const REJECTIONS: {
  name: string;
  fixture: string;
  check: (root: string) => Finding[] | Promise<Finding[]>;
  at: [file: string, line: number];
  message: RegExp;
  /** The gate's only finding (so that the valid parts of the fixture are not reported). */
  only?: boolean;
}[] = [
  {
    name: 'apex-ls gate rejects an Apex syntax error with file and line',
    fixture: 'apex-syntax',
    check: (root) => checkApexSemantics(root).errors,
    at: ['classes/WidgetService.cls', 3],
    message: /apex-ls Syntax/
  },
  {
    name: 'schema gate rejects an unknown field in a SOQL WHERE clause (not Color__c, which exists)',
    fixture: 'soql-unknown-field',
    check: checkSchema,
    at: ['classes/WidgetSelector.cls', 6],
    message: /unknown field 'Colour__c' on Widget__c/,
    only: true
  },
  {
    name: 'schema gate rejects an unknown custom object in FROM',
    fixture: 'soql-unknown-object',
    check: checkSchema,
    at: ['classes/GadgetSelector.cls', 3],
    message: /unknown object 'Gadget__c' \(SOQL FROM\)/
  },
  {
    name: 'PMD gate rejects DML inside a loop',
    fixture: 'dml-in-loop',
    check: checkApexPmd,
    at: ['classes/WidgetPainter.cls', 12],
    message: /OperationWithLimitsInLoop/
  },
  {
    name: 'PMD gate rejects a trigger with logic in it instead of one line handing off to a handler',
    fixture: 'trigger-logic',
    check: checkApexPmd,
    at: ['triggers/WidgetTrigger.trigger', 1],
    message: /AvoidLogicInTrigger/
  },
  {
    name: 'PMD gate rejects a suppression that gives no reason',
    fixture: 'unexplained-suppression',
    check: (root) => checkApexPmd(root).filter((f) => f.rule === 'suppression'),
    at: ['classes/WidgetCounter.cls', 4],
    message: /without a comment/
  },
  {
    name: 'schema gate rejects an @salesforce/schema import of a missing field (not of Color__c, which exists)',
    fixture: 'lwc-missing-field',
    check: checkSchema,
    at: ['lwc/widgetCard/widgetCard.ts', 3],
    message: /unknown field 'Size__c' on Widget__c \(@salesforce\/schema import\)/,
    only: true
  },
  {
    name: 'metadata gate rejects a malformed -meta.xml',
    fixture: 'malformed-meta-xml',
    check: checkMetadata,
    at: ['classes/WidgetNames.cls-meta.xml', 5],
    message: /malformed XML/
  },
  {
    name: 'metadata gate rejects a tab for an object that does not exist',
    fixture: 'tab-for-missing-object',
    check: checkMetadata,
    at: ['tabs/Gizmo__c.tab-meta.xml', 1],
    message: /tab for unknown object 'Gizmo__c'/
  }
];

for (const { name, fixture: dir, check, at, message, only } of REJECTIONS) {
  test(name, async () => {
    const root = fixture(dir);
    const findings = await check(root);
    assertRejected(findings, root, `force-app/main/default/${at[0]}`, at[1], message);
    if (only) assert.equal(findings.length, 1, 'only the planted defect is reported');
  });
}

test('the valid fixture passes every gate', async () => {
  const root = fixture('valid');
  assert.deepEqual(checkApexSemantics(root).errors, []);
  assert.deepEqual(checkApexPmd(root), []);
  assert.deepEqual(checkSchema(root), []);
  assert.deepEqual(await checkMetadata(root), []);
});
