import path from 'node:path';
import type { Finding } from './findings.js';
import { runJava } from './java.js';

interface ApexLsReport {
  files: { path: string; messages: { start: { line: number }; category: string; message: string }[] }[];
}

/** Categories apex-ls uses for problems a deploy would reject or that hide a real bug. */
const FAILING_CATEGORIES = new Set(['Syntax', 'Error', 'Missing']);

export interface ApexSemanticsResult {
  errors: Finding[];
  warnings: Finding[];
}

/**
 * Runs apex-ls CheckForIssues over the project (Apex, triggers, object metadata) and returns its
 * findings split into errors (syntax, unknown types/methods/fields, bad metadata) and warnings.
 */
export function checkApexSemantics(root: string): ApexSemanticsResult {
  const result = runJava(
    'io.github.apexdevtools.apexls.CheckForIssues',
    ['-w', root, '-n', '-d', 'warnings', '-f', 'json'],
    root
  );
  const jsonStart = result.stdout.indexOf('{');
  if (jsonStart < 0) {
    if (result.status === 0) return { errors: [], warnings: [] };
    throw new Error(
      `apex-ls failed (exit ${result.status}): ${(result.stderr || result.stdout).trim().slice(0, 2000)}`
    );
  }
  const report = JSON.parse(result.stdout.slice(jsonStart)) as ApexLsReport;
  const errors: Finding[] = [];
  const warnings: Finding[] = [];
  for (const file of report.files) {
    for (const m of file.messages) {
      const finding: Finding = {
        file: path.resolve(root, file.path),
        line: m.start.line,
        message: m.message,
        rule: `apex-ls ${m.category}`
      };
      (FAILING_CATEGORIES.has(m.category) ? errors : warnings).push(finding);
    }
  }
  return { errors, warnings };
}
