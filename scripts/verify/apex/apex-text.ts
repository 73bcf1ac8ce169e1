/**
 * Light lexical views of Apex source for rules that look for declarations: comments and string
 * literals blanked out (offsets and line breaks kept, so `lineOf` still points at the source), and
 * the comments themselves with their lines (consecutive `//` lines form one comment).
 */

export interface ApexComment {
  text: string;
  /** 1-based first and last line of the comment. */
  line: number;
  endLine: number;
}

export interface ApexText {
  /** The source with comments and the contents of string literals replaced by spaces. */
  code: string;
  comments: ApexComment[];
}

const blank = (s: string): string => s.replace(/[^\n]/g, ' ');

/** Splits Apex source into code (comments and strings blanked) and comments. */
export function apexText(source: string): ApexText {
  let code = '';
  const comments: ApexComment[] = [];
  let line = 1;
  let i = 0;
  while (i < source.length) {
    const c = source[i];
    const next = source[i + 1];
    if (c === '/' && next === '/') {
      const end = source.indexOf('\n', i);
      const stop = end < 0 ? source.length : end;
      const text = source.slice(i, stop);
      // Consecutive line comments read as one comment.
      const previous = comments.at(-1);
      const between = previous ? code.slice(code.lastIndexOf('\n', code.length - 1)) : '';
      if (
        previous &&
        previous.text.startsWith('//') &&
        previous.endLine === line - 1 &&
        !/\S/.test(between)
      ) {
        previous.text += `\n${text}`;
        previous.endLine = line;
      } else comments.push({ text, line, endLine: line });
      code += blank(text);
      i = stop;
    } else if (c === '/' && next === '*') {
      const end = source.indexOf('*/', i + 2);
      const stop = end < 0 ? source.length : end + 2;
      const text = source.slice(i, stop);
      const lines = text.split('\n').length - 1;
      comments.push({ text, line, endLine: line + lines });
      code += blank(text);
      line += lines;
      i = stop;
    } else if (c === "'") {
      let j = i + 1;
      while (j < source.length && source[j] !== "'" && source[j] !== '\n') j += source[j] === '\\' ? 2 : 1;
      code += `'${blank(source.slice(i + 1, j))}'`;
      i = j + 1;
    } else {
      if (c === '\n') line++;
      code += c;
      i++;
    }
  }
  return { code: code.slice(0, source.length), comments };
}

/** A comment of at least three words (the same bar the suppression check sets for a reason). */
export const isReason = (comment: string): boolean =>
  comment
    .replace(/^\s*(\/\/+|\/\*+)|\*+\/\s*$/g, '')
    .replace(/^\s*\*+/gm, '')
    .replace(/@\w+/g, '')
    .trim()
    .split(/\s+/)
    .filter((w) => /\w/.test(w)).length >= 3;
