/**
 * Rule tests in the style of ESLint's RuleTester: a sample is a handful of files written to a fresh
 * temporary sfdx project; the rule runs on it and the test asserts what it found, where.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { formatFinding } from '../../verify/findings.js';
import type { Rule, RuleResult } from '../../verify/rules/rule.js';

export const META_DIR = 'force-app/main/default';

/** Writes `files` (paths relative to the project root) under a new temporary project; its root. */
export function sampleProject(files: Record<string, string>): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'rule-sample-'));
  fs.writeFileSync(
    path.join(root, 'sfdx-project.json'),
    JSON.stringify({ packageDirectories: [{ path: 'force-app', default: true }], sourceApiVersion: '65.0' })
  );
  for (const [file, text] of Object.entries(files)) {
    const full = path.join(root, file);
    fs.mkdirSync(path.dirname(full), { recursive: true });
    fs.writeFileSync(full, text);
  }
  return root;
}

/** Runs `rule` on a sample; the findings printed as `relative/file:line: message [rule]`. */
export function runRule(rule: Rule, files: Record<string, string>): RuleResult & { printed: string[] } {
  const root = sampleProject(files);
  try {
    const result = rule.check(root);
    return { ...result, printed: result.findings.map((f) => formatFinding(f, root)) };
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}

/** The sample passes: no findings. */
export function assertValid(rule: Rule, files: Record<string, string>): RuleResult {
  const result = runRule(rule, files);
  assert.deepEqual(result.printed, [], 'expected no findings');
  return result;
}

/**
 * The sample fails with exactly the expected findings: each `file:line` plus a pattern its message
 * must match, in file/line order.
 */
export function assertInvalid(
  rule: Rule,
  files: Record<string, string>,
  expected: { at: string; message: RegExp }[]
): void {
  const { printed } = runRule(rule, files);
  const sorted = [...printed].sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
  assert.equal(
    sorted.length,
    expected.length,
    `expected ${expected.length} finding(s), got:\n${sorted.join('\n')}`
  );
  expected.forEach(({ at, message }, i) => {
    const line = sorted[i] ?? '';
    assert.ok(line.startsWith(`${at}: `), `finding ${i + 1} should be at ${at}:\n${sorted.join('\n')}`);
    assert.match(line, message);
    assert.ok(line.endsWith(`[${rule.name}]`) || line.endsWith('[xml]'), line);
  });
}

export const xmlHead = '<?xml version="1.0" encoding="UTF-8"?>\n';
export const NS = 'xmlns="http://soap.sforce.com/2006/04/metadata"';
