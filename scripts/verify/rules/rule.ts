import type { Finding } from '../findings.js';

/** What a rule found: findings fail the gate; notes are printed and do not. */
export interface RuleResult {
  findings: Finding[];
  notes: string[];
}

/** One check of the project, run by a gate and tested on its own passing and failing samples. */
export interface Rule {
  /** Short kebab-case name, printed with each finding (`[name]`). */
  name: string;
  check: (root: string) => RuleResult;
}

export const result = (findings: Finding[] = [], notes: string[] = []): RuleResult => ({ findings, notes });

/**
 * Runs a check over the shared index: files that did not parse are the findings (named with the
 * parser's message) instead of a crash; an error the check throws becomes a finding on `file`.
 */
export function guarded(
  root: string,
  rule: string,
  file: string,
  parseErrors: Finding[],
  check: () => RuleResult
): RuleResult {
  if (parseErrors.length > 0) return result(parseErrors);
  try {
    return check();
  } catch (error) {
    return result([{ file, line: 1, message: (error as Error).message, rule }]);
  }
}
