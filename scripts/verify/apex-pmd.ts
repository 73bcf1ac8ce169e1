import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { isApexSource, listSourceFiles } from './files.js';
import type { Finding } from './findings.js';
import { runJava } from './java.js';

export const RULESET = path.join(path.dirname(fileURLToPath(import.meta.url)), 'pmd-ruleset.xml');

interface PmdOutput {
  violations: { rule: string; message: string; codeLocation: { file: string; startLine: number } }[];
  processingErrors: { file: string; message: string; detail?: string }[];
}

/** Runs the PMD 7 Apex rules of `ruleset` over the given files through the analyzer's PmdWrapper. */
export function runPmd(root: string, files: string[], ruleset = RULESET): Finding[] {
  if (files.length === 0) return [];
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pmd-'));
  try {
    const input = path.join(dir, 'in.json');
    const output = path.join(dir, 'out.json');
    fs.writeFileSync(
      input,
      JSON.stringify({ ruleSetInputFile: ruleset, runDataPerLanguage: { apex: { filesToScan: files } } })
    );
    const result = runJava('com.salesforce.sfca.pmdwrapper.PmdWrapper', ['run', input, output], root);
    if (!fs.existsSync(output)) {
      throw new Error(
        `PMD did not run (exit ${result.status}): ${(result.stderr || result.stdout).slice(0, 2000)}`
      );
    }
    const out = JSON.parse(fs.readFileSync(output, 'utf8')) as PmdOutput;
    const findings: Finding[] = out.violations.map((v) => ({
      file: v.codeLocation.file,
      line: v.codeLocation.startLine,
      message: v.message,
      rule: `PMD ${v.rule}`
    }));
    for (const e of out.processingErrors) {
      findings.push({
        file: e.file,
        line: 1,
        message: `PMD could not process the file: ${e.message}`,
        rule: 'PMD'
      });
    }
    return findings;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const SUPPRESSION = /@SuppressWarnings\s*\(|\/\/\s*NOPMD/i;
// Counts three words on the raw line; unlike apex-project's isReason it also counts punctuation-only
// words and ApexDoc tags. Moving it onto isReason would make it stricter: a follow-up, not a refactor.
const REASON_COMMENT = /\/\/\s*\S+(\s+\S+){2,}|\/\*[\s\S]*\S+(\s+\S+){2,}[\s\S]*\*\//;

/**
 * Every suppression must say why: `@SuppressWarnings('PMD.X')` needs a comment of at least three
 * words on its line or the line above; `// NOPMD` needs three words of reason after it.
 */
export function checkSuppressionReasons(files: string[]): Finding[] {
  const findings: Finding[] = [];
  for (const file of files) {
    const lines = fs.readFileSync(file, 'utf8').split('\n');
    lines.forEach((text, i) => {
      if (!SUPPRESSION.test(text)) return;
      const nopmd = /\/\/\s*NOPMD(.*)$/i.exec(text);
      const explained = nopmd
        ? (nopmd[1] ?? '').trim().split(/\s+/).filter(Boolean).length >= 3
        : REASON_COMMENT.test(text.replace(/@SuppressWarnings\s*\([^)]*\)/i, '')) ||
          REASON_COMMENT.test(lines[i - 1] ?? '');
      if (!explained) {
        findings.push({
          file,
          line: i + 1,
          message: 'suppression without a comment giving the reason',
          rule: 'suppression'
        });
      }
    });
  }
  return findings;
}

/** The PMD gate over the whole project: rule violations plus unexplained suppressions. */
export function checkApexPmd(root: string): Finding[] {
  const files = listSourceFiles(root, isApexSource);
  return [...runPmd(root, files), ...checkSuppressionReasons(files)];
}
