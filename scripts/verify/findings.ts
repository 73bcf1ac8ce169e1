import path from 'node:path';

/** One problem a gate found, pinned to a file and line so the reader can jump to it. */
export interface Finding {
  file: string;
  line: number;
  message: string;
  /** The rule or check that produced it (e.g. `OperationWithLimitsInLoop`, `soql-field`). */
  rule?: string;
}

/** `relative/path:line: message [rule]` — the form every gate prints. */
export function formatFinding(finding: Finding, root: string): string {
  const rel = path.isAbsolute(finding.file) ? path.relative(root, finding.file) : finding.file;
  const rule = finding.rule ? ` [${finding.rule}]` : '';
  return `${rel}:${finding.line}: ${finding.message}${rule}`;
}

/** Sorts findings by file then line so output is stable run to run. */
export function sortFindings(findings: Finding[]): Finding[] {
  return [...findings].sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line);
}

/** 1-based line number of a character offset in a text. */
export function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) line++;
  }
  return line;
}
