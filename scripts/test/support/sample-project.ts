/**
 * The one sample-project helper of the rule tests, in the style of ESLint's RuleTester: a sample is a
 * handful of files written to a fresh temporary sfdx project; the rule runs on it and the test asserts
 * what it found, where (`file:line`, a message naming the defect).
 *
 * Two ways to write a test: `assertValid` / `assertInvalid` for one sample of a `Rule` (paths relative
 * to the project root), and `runRuleTests` for a table of valid and invalid samples of any check
 * (paths relative to force-app/main/default, or to the root when they start with `/`).
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { formatFinding, sortFindings, type Finding } from '../../verify/findings.js';
import type { Rule, RuleResult } from '../../verify/rules/rule.js';

export const META_DIR = 'force-app/main/default';
export const xmlHead = '<?xml version="1.0" encoding="UTF-8"?>\n';
export const NS = 'xmlns="http://soap.sforce.com/2006/04/metadata"';

/** Files of a sample: path → text. */
export type Files = Record<string, string>;

/** Writes `files` (paths relative to the project root) under a new temporary project; its root. */
export function sampleProject(files: Files): string {
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

/** Package-relative paths (`classes/A.cls`) made root-relative; `/x` stays `x` at the root. */
const fromPackage = (file: string): string => (file.startsWith('/') ? file.slice(1) : `${META_DIR}/${file}`);

export function inPackage(files: Files): Files {
  return Object.fromEntries(Object.entries(files).map(([file, text]) => [fromPackage(file), text]));
}

/** Runs `check` on a sample and removes it; the findings sorted and printed as `file:line: message [rule]`. */
function onSample<R extends { findings: Finding[] }>(
  files: Files,
  check: (root: string) => R
): R & { printed: string[] } {
  const root = sampleProject(files);
  try {
    const result = check(root);
    const findings = sortFindings(result.findings);
    return { ...result, findings, printed: findings.map((f) => formatFinding(f, root)) };
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}

/** Runs `rule` on a sample; the findings printed as `relative/file:line: message [rule]`. */
export function runRule(rule: Rule, files: Files): RuleResult & { printed: string[] } {
  return onSample(files, (root) => rule.check(root));
}

/** The sample passes: no findings. */
export function assertValid(rule: Rule, files: Files): RuleResult {
  const result = runRule(rule, files);
  assert.deepEqual(result.printed, [], 'expected no findings');
  return result;
}

/**
 * The sample fails with exactly the expected findings: each `file:line` plus a pattern its message
 * must match, in file/line order.
 */
export function assertInvalid(rule: Rule, files: Files, expected: { at: string; message: RegExp }[]): void {
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

export interface ExpectedFinding {
  /** Path relative to force-app/main/default (or to the project root when it starts with `/`). */
  file: string;
  line: number;
  message: RegExp;
  rule?: string;
}

export interface ValidSample {
  name: string;
  files: Files;
}

export interface InvalidSample extends ValidSample {
  errors: ExpectedFinding[];
}

/**
 * A table of samples for `check`: each valid one must give no finding, each invalid one exactly its
 * listed findings (in any order), each matched by file, line, message and, when given, rule.
 */
export function runRuleTests(
  ruleName: string,
  check: (root: string) => Finding[],
  samples: { valid: ValidSample[]; invalid: InvalidSample[] },
  shared: Files = {}
): void {
  const run = (sample: ValidSample): { findings: Finding[]; printed: string[] } =>
    onSample(inPackage({ ...shared, ...sample.files }), (root) => ({ findings: check(root) }));
  describe(ruleName, () => {
    for (const sample of samples.valid) {
      test(`valid: ${sample.name}`, () => {
        const { printed } = run(sample);
        assert.deepEqual(printed, [], `expected no findings, got:\n${printed.join('\n')}`);
      });
    }
    for (const sample of samples.invalid) {
      test(`invalid: ${sample.name}`, () => {
        const { findings, printed } = run(sample);
        assert.equal(
          findings.length,
          sample.errors.length,
          `expected ${sample.errors.length} finding(s), got:\n${printed.join('\n')}`
        );
        for (const expected of sample.errors) {
          const prefix = `${fromPackage(expected.file)}:${expected.line}: `;
          const hit = findings.find(
            (f, i) =>
              printed[i]?.startsWith(prefix) &&
              expected.message.test(f.message) &&
              (!expected.rule || f.rule === expected.rule)
          );
          assert.ok(hit, `expected ${prefix}${String(expected.message)}, got:\n${printed.join('\n')}`);
        }
      });
    }
  });
}
