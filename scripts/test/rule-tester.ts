/**
 * ESLint-style rule tests for the project gates: each sample is a tiny project written to a temporary
 * directory (files relative to `force-app/main/default/`); a valid sample must give no finding, an
 * invalid one exactly the listed findings, each matched by file, line and message.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { formatFinding, sortFindings, type Finding } from '../verify/findings.js';

export type Files = Record<string, string>;

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

const SOURCE = path.join('force-app', 'main', 'default');

/** Writes a sample project and returns its root. */
export function writeProject(files: Files): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'gate-rule-'));
  fs.writeFileSync(
    path.join(root, 'sfdx-project.json'),
    JSON.stringify({ packageDirectories: [{ path: 'force-app', default: true }] })
  );
  for (const [rel, text] of Object.entries(files)) {
    const file = rel.startsWith('/') ? path.join(root, rel.slice(1)) : path.join(root, SOURCE, rel);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
  }
  return root;
}

const relative = (file: string): string => (file.startsWith('/') ? file.slice(1) : path.join(SOURCE, file));

export function runRuleTests(
  ruleName: string,
  check: (root: string) => Finding[],
  samples: { valid: ValidSample[]; invalid: InvalidSample[] },
  shared: Files = {}
): void {
  describe(ruleName, () => {
    for (const sample of samples.valid) {
      test(`valid: ${sample.name}`, () => {
        const root = writeProject({ ...shared, ...sample.files });
        try {
          const printed = sortFindings(check(root)).map((f) => formatFinding(f, root));
          assert.deepEqual(printed, [], `expected no findings, got:\n${printed.join('\n')}`);
        } finally {
          fs.rmSync(root, { recursive: true, force: true });
        }
      });
    }
    for (const sample of samples.invalid) {
      test(`invalid: ${sample.name}`, () => {
        const root = writeProject({ ...shared, ...sample.files });
        try {
          const findings = sortFindings(check(root));
          const printed = findings.map((f) => formatFinding(f, root));
          assert.equal(
            findings.length,
            sample.errors.length,
            `expected ${sample.errors.length} finding(s), got:\n${printed.join('\n')}`
          );
          for (const expected of sample.errors) {
            const prefix = `${relative(expected.file)}:${expected.line}: `;
            const hit = findings.find(
              (f, i) =>
                printed[i]?.startsWith(prefix) &&
                expected.message.test(f.message) &&
                (!expected.rule || f.rule === expected.rule)
            );
            assert.ok(hit, `expected ${prefix}${String(expected.message)}, got:\n${printed.join('\n')}`);
          }
        } finally {
          fs.rmSync(root, { recursive: true, force: true });
        }
      });
    }
  });
}
