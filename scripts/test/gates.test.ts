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

test('apex-ls gate rejects an Apex syntax error with file and line', () => {
  const root = fixture('apex-syntax');
  const { errors } = checkApexSemantics(root);
  assertRejected(errors, root, 'force-app/main/default/classes/WidgetService.cls', 3, /apex-ls Syntax/);
});

test('schema gate rejects an unknown field in a SOQL WHERE clause', () => {
  const root = fixture('soql-unknown-field');
  const findings = checkSchema(root);
  assertRejected(
    findings,
    root,
    'force-app/main/default/classes/WidgetSelector.cls',
    6,
    /unknown field 'Colour__c' on Widget__c/
  );
  assert.equal(findings.length, 1, 'Color__c (which exists) must not be reported');
});

test('schema gate rejects an unknown custom object in FROM', () => {
  const root = fixture('soql-unknown-object');
  assertRejected(
    checkSchema(root),
    root,
    'force-app/main/default/classes/GadgetSelector.cls',
    3,
    /unknown object 'Gadget__c' \(SOQL FROM\)/
  );
});

test('PMD gate rejects DML inside a loop', () => {
  const root = fixture('dml-in-loop');
  const findings = checkApexPmd(root);
  assertRejected(
    findings,
    root,
    'force-app/main/default/classes/WidgetPainter.cls',
    12,
    /OperationWithLimitsInLoop/
  );
});

test('PMD gate rejects a suppression that gives no reason', () => {
  const root = fixture('unexplained-suppression');
  const findings = checkApexPmd(root).filter((f) => f.rule === 'suppression');
  assertRejected(findings, root, 'force-app/main/default/classes/WidgetCounter.cls', 4, /without a comment/);
});

test('schema gate rejects an @salesforce/schema import of a missing field', () => {
  const root = fixture('lwc-missing-field');
  const findings = checkSchema(root);
  assertRejected(
    findings,
    root,
    'force-app/main/default/lwc/widgetCard/widgetCard.ts',
    3,
    /unknown field 'Size__c' on Widget__c \(@salesforce\/schema import\)/
  );
  assert.equal(findings.length, 1, 'the import of Color__c (which exists) must not be reported');
});

test('metadata gate rejects a malformed -meta.xml', async () => {
  const root = fixture('malformed-meta-xml');
  const findings = await checkMetadata(root);
  assertRejected(
    findings,
    root,
    'force-app/main/default/classes/WidgetNames.cls-meta.xml',
    5,
    /malformed XML/
  );
});

test('the valid fixture passes every gate', async () => {
  const root = fixture('valid');
  assert.deepEqual(checkApexSemantics(root).errors, []);
  assert.deepEqual(checkApexPmd(root), []);
  assert.deepEqual(checkSchema(root), []);
  assert.deepEqual(await checkMetadata(root), []);
});

test('metadata gate rejects a tab for an object that does not exist', async () => {
  const root = fixture('tab-for-missing-object');
  const findings = await checkMetadata(root);
  assertRejected(
    findings,
    root,
    'force-app/main/default/tabs/Gizmo__c.tab-meta.xml',
    1,
    /tab for unknown object 'Gizmo__c'/
  );
});
