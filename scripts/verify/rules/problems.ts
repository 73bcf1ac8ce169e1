/**
 * Checks written as "list of problem sentences" become findings: each problem is pinned to the file
 * it is about and to the line of the first element or value the sentence names (line 1 otherwise).
 */
import fs from 'node:fs';
import { lineOf, type Finding } from '../findings.js';

const texts = new Map<string, string>();
const textOf = (file: string): string => {
  let text = texts.get(file);
  if (text === undefined) {
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch {
      text = '';
    }
    texts.set(file, text);
  }
  return text;
};

/**
 * The line a problem is about: the first API name it mentions after its subject (a word with `_` or
 * `.`) found as a value or tag, else the first element it names, else its subject, else line 1.
 */
export function lineFor(file: string, message: string): number {
  const text = textOf(file);
  if (!text) return 1;
  const colon = message.indexOf(': ');
  const [subject = '', rest = message] =
    colon >= 0 ? [message.slice(0, colon), message.slice(colon + 2)] : ['', message];
  const words = [...rest.matchAll(/[A-Za-z_$][\w$.-]*[\w$]/g)].map((m) => m[0]);
  const find = (probes: string[]): number | undefined => {
    for (const probe of probes) {
      const at = text.indexOf(probe);
      if (at >= 0) return lineOf(text, at);
    }
    return undefined;
  };
  for (const word of words.filter((w) => /[_.]/.test(w))) {
    const line = find([`>${word}<`, `<${word}>`, `"${word}"`]);
    if (line) return line;
  }
  for (const word of words) {
    const line = find([`<${word}>`, `>${word}<`]);
    if (line) return line;
  }
  const last = subject.split('.').at(-1) ?? '';
  return (last && find([last])) || 1;
}

/** Findings for `problems`, each in the file `fileOf` names for it. */
export function toFindings(problems: string[], rule: string, fileOf: (problem: string) => string): Finding[] {
  return problems.map((message) => {
    const file = fileOf(message);
    return { file, line: lineFor(file, message), message, rule };
  });
}
