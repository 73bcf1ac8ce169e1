/**
 * Markdown gate: every relative link in every tracked Markdown file resolves. A link to a file must
 * name a file or folder that exists; a `#fragment` on a Markdown target (or on its own, within the same
 * file) must name one of that file's headings as GitHub renders them, or an `<a id>`/`<a name>`.
 * Absolute URLs (`https:`, `mailto:` …) are not fetched. A Markdown file named in prose (`see
 * notes.md`) must exist too: beside the file, from the repository root, or anywhere by that name.
 * Docs stand alone: this keeps references to files that are not in the repository out of them.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { listFiles } from './files.js';
import type { Finding } from './findings.js';

/** Planted broken links for the gate's own test live here; they are not the project's docs. */
const FIXTURE_DIR = path.join('scripts', 'test', 'fixtures');

/** Markdown files git tracks under `root` (every `.md` file when `root` is not in a git work tree). */
export function trackedMarkdown(root: string): string[] {
  const git = spawnSync('git', ['ls-files', '-z', '--', '*.md'], { cwd: root, encoding: 'utf8' });
  if (git.status === 0) {
    return git.stdout
      .split('\0')
      .filter((f) => f !== '')
      .map((f) => path.join(root, f))
      .filter((f) => fs.existsSync(f))
      .sort();
  }
  return listFiles(root, (f) => f.endsWith('.md'));
}

interface Link {
  target: string;
  line: number;
}

const blank = (s: string) => s.replace(/[^\n]/g, ' ');

/** Text with fenced code blocks blanked out (lengths and newlines kept). */
function withoutFences(text: string): string {
  return text.replace(/^( {0,3})(`{3,}|~{3,})[^\n]*\n[\s\S]*?(?:^\1\2[^\n]*$|(?![\s\S]))/gm, blank);
}

/** Text with fenced code blocks and inline code blanked out. */
function withoutCode(text: string): string {
  return withoutFences(text).replace(/(`+)[^`\n]+?\1/g, blank);
}

/** Inline links and images `[text](target "title")` and reference definitions `[label]: target`. */
export function linksIn(text: string): Link[] {
  const code = withoutCode(text);
  const links: Link[] = [];
  const lineAt = (offset: number) => code.slice(0, offset).split('\n').length;
  for (const m of code.matchAll(/\]\(\s*(<[^>\n]*>|[^)\s]+)(?:\s+(?:"[^"]*"|'[^']*'))?\s*\)/g)) {
    links.push({ target: (m[1] ?? '').replace(/^<|>$/g, ''), line: lineAt(m.index ?? 0) });
  }
  for (const m of code.matchAll(/^ {0,3}\[[^\]\n]+\]:\s*(<[^>\n]*>|\S+)/gm)) {
    links.push({ target: (m[1] ?? '').replace(/^<|>$/g, ''), line: lineAt(m.index ?? 0) });
  }
  return links.sort((a, b) => a.line - b.line);
}

/** GitHub's anchor for a heading: lower case, punctuation dropped, each space a hyphen. */
export function headingSlug(heading: string): string {
  const rendered = heading
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/<[^>]+>/g, '')
    .replace(/[`*]/g, '')
    .trim()
    .toLowerCase();
  return rendered.replace(/[^\p{L}\p{N}\s_-]/gu, '').replace(/ /g, '-');
}

/** Every anchor a Markdown file offers: heading slugs (with GitHub's -1, -2 for repeats) and HTML ids. */
export function anchorsOf(text: string): Set<string> {
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  for (const m of withoutFences(text).matchAll(/^ {0,3}#{1,6}[ \t]+(.+?)[ \t#]*$/gm)) {
    const slug = headingSlug(m[1] ?? '');
    const count = seen.get(slug) ?? 0;
    seen.set(slug, count + 1);
    anchors.add(count === 0 ? slug : `${slug}-${count}`);
  }
  for (const m of text.matchAll(/<a\s+(?:id|name)="([^"]+)"/g)) anchors.add(m[1] ?? '');
  return anchors;
}

/** Names of Markdown files mentioned in prose or inline code (fenced blocks skipped), with their lines. */
export function mentionsIn(text: string): Link[] {
  // Link targets are checked as links; here only what a reader sees as prose or inline code.
  const prose = withoutFences(text)
    .replace(/\]\([^)\n]*\)/g, blank)
    .replace(/^ {0,3}\[[^\]\n]+\]:.*$/gm, blank);
  const mentions: Link[] = [];
  for (const m of prose.matchAll(/(?<![\w/.:-])((?:\.\.?\/)*[\w-][\w./-]*\.md)(?![\w-])/g)) {
    mentions.push({ target: m[1] ?? '', line: prose.slice(0, m.index).split('\n').length });
  }
  return mentions;
}

const hasScheme = (target: string) => /^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith('//');

/** Every relative link in `files` that does not resolve, as a finding on the line of the link. */
export function checkMarkdownLinks(root: string, files = trackedMarkdown(root)): Finding[] {
  const findings: Finding[] = [];
  const texts = new Map<string, string>();
  const textOf = (file: string) => {
    let text = texts.get(file);
    if (text === undefined) {
      text = fs.readFileSync(file, 'utf8');
      texts.set(file, text);
    }
    return text;
  };
  const fixtures = path.join(root, FIXTURE_DIR) + path.sep;
  const checked = files.filter((f) => !f.startsWith(fixtures));
  const known = new Set(files.map((f) => path.basename(f)));
  for (const file of checked) {
    for (const { target, line } of mentionsIn(textOf(file))) {
      const exists = [path.resolve(path.dirname(file), target), path.resolve(root, target)].some((p) =>
        fs.existsSync(p)
      );
      if (!exists && !known.has(path.basename(target))) {
        findings.push({
          file,
          line,
          message: `${target} is named but is not in the repository`,
          rule: 'markdown-mention'
        });
      }
    }
  }
  for (const file of checked) {
    for (const { target, line } of linksIn(textOf(file))) {
      if (target === '' || hasScheme(target)) continue;
      const hash = target.indexOf('#');
      const pathPart = decodeURIComponent(hash < 0 ? target : target.slice(0, hash)).split('?')[0] ?? '';
      const fragment = hash < 0 ? undefined : decodeURIComponent(target.slice(hash + 1));
      const resolved = pathPart === '' ? file : path.resolve(path.dirname(file), pathPart);
      if (!resolved.startsWith(root + path.sep) && resolved !== root) {
        findings.push({
          file,
          line,
          message: `link "${target}" points outside the repository`,
          rule: 'markdown-link'
        });
        continue;
      }
      if (!fs.existsSync(resolved)) {
        findings.push({
          file,
          line,
          message: `link "${target}": ${path.relative(root, resolved)} does not exist`,
          rule: 'markdown-link'
        });
        continue;
      }
      if (fragment === undefined || fragment === '' || !resolved.endsWith('.md')) continue;
      if (!anchorsOf(textOf(resolved)).has(fragment.toLowerCase())) {
        findings.push({
          file,
          line,
          message: `link "${target}": no heading or anchor "#${fragment}" in ${path.relative(root, resolved)}`,
          rule: 'markdown-anchor'
        });
      }
    }
  }
  return findings;
}
