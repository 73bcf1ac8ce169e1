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
