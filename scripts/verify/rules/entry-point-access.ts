/**
 * Rule entry-point-access: every Apex class with entry points (`@RestResource`, an `@AuraEnabled`
 * method, an `@InvocableMethod`) has a row in scripts/spec/entry-points.ts and is granted
 * (`classAccesses`, enabled) in exactly the permission sets of its row; every `without sharing`
 * carries a comment saying why it needs to bypass sharing.
 */
import { ENTRY_POINT_ACCESS } from '../../spec/entry-points.js';
import { GRANTS, PERSONAS } from '../../spec/security.js';
import { lineOf, type Finding } from '../findings.js';
import { apexText, isReason, type ApexComment } from '../apex/apex-text.js';
import { projectIndex, type ApexSource } from '../metadata/project-index.js';
import { childrenNamed, textOf } from '../metadata/xml.js';
import { result, type Rule } from './rule.js';

const RULE = 'entry-point-access';

export interface EntryPoint {
  kind: '@RestResource' | '@AuraEnabled' | '@InvocableMethod';
  line: number;
}

/** `@Name` or `@Name(…)`, case-insensitive as Apex annotations are. */
const ANNOTATION = /@(RestResource|AuraEnabled|InvocableMethod)\b(\s*\([^)]*\))?/gi;

/**
 * The entry points declared in a class: `@RestResource` on a class, `@AuraEnabled` on a method (not
 * on a property or field: DTO members need no class access), `@InvocableMethod`.
 */
export function entryPoints(source: string): EntryPoint[] {
  const { code } = apexText(source);
  const out: EntryPoint[] = [];
  for (const match of code.matchAll(ANNOTATION)) {
    const name = (match[1] ?? '').toLowerCase();
    const line = lineOf(code, match.index ?? 0);
    if (name === 'restresource') out.push({ kind: '@RestResource', line });
    else if (name === 'invocablemethod') out.push({ kind: '@InvocableMethod', line });
    else {
      // What follows the annotation up to `(`, `{`, `;` or `=`: a `(` first means a method.
      const rest = code.slice((match.index ?? 0) + match[0].length);
      const stop = /[({;=]/.exec(rest);
      if (stop?.[0] === '(') out.push({ kind: '@AuraEnabled', line });
    }
  }
  return out;
}

/** Lines declaring `without sharing` that no comment explains. */
export function unexplainedWithoutSharing(source: string): number[] {
  const { code, comments } = apexText(source);
  const lines = source.split('\n');
  const out: number[] = [];
  for (const match of code.matchAll(/\bwithout\s+sharing\b/gi)) {
    const line = lineOf(code, match.index ?? 0);
    // The comment may sit on the declaration's line or directly above it (annotations between).
    let above = line - 1;
    while (above > 0 && /^\s*@\w+(\s*\(.*\))?\s*$/.test(lines[above - 1] ?? '')) above--;
    const attached = (c: ApexComment): boolean =>
      c.line === line || c.endLine === line || c.endLine === above;
    const explained = comments.some(
      (c) => attached(c) && isReason(c.text) && /sharing|system (mode|context)/i.test(c.text)
    );
    if (!explained) out.push(line);
  }
  return out;
}

/** Which persona permission sets scripts/spec/security.ts's GRANTS give a class. */
export const securitySpecGrants = (cls: string): string[] =>
  PERSONAS.filter((p) => GRANTS[p].classes.includes(cls));

/**
 * The rule over a spec of entry points; `otherSpec`, when given, is a second table of the same
 * grants (the permission-set spec's GRANTS) that must agree with it.
 */
export function makeEntryPointAccessRule(
  spec: Record<string, readonly string[]> = ENTRY_POINT_ACCESS,
  otherSpec?: (cls: string) => string[]
): Rule {
  return {
    name: RULE,
    check: (root) => {
      const index = projectIndex(root);
      const findings: Finding[] = [...index.parseErrors];
      // class → permission sets granting it (enabled), with where each grant sits.
      const grants = new Map<string, Map<string, { file: string; line: number }>>();
      for (const [name, { file, root: ps }] of index.permissionSets) {
        for (const access of childrenNamed(ps, 'classAccesses')) {
          const cls = textOf(access, 'apexClass') ?? '';
          if (textOf(access, 'enabled') !== 'true') continue;
          if (!grants.has(cls)) grants.set(cls, new Map());
          grants.get(cls)?.set(name, { file, line: access.line });
        }
      }
      const classes = new Map<string, ApexSource>(index.classes().map((c) => [c.name, c]));
      for (const cls of classes.values()) {
        const points = entryPoints(cls.source);
        for (const line of unexplainedWithoutSharing(cls.source)) {
          findings.push({
            file: cls.file,
            line,
            message: '`without sharing` without a comment saying why this code must ignore sharing',
            rule: RULE
          });
        }
        const row = spec[cls.name];
        const first = points[0];
        if (!row) {
          if (first) {
            findings.push({
              file: cls.file,
              line: first.line,
              message: `${cls.name} has ${first.kind} entry points but no row in scripts/spec/entry-points.ts saying which permission sets grant it`,
              rule: RULE
            });
          }
          continue;
        }
        if (!first) {
          findings.push({
            file: cls.file,
            line: 1,
            message: `${cls.name} has a row in scripts/spec/entry-points.ts but no @RestResource, @AuraEnabled method or @InvocableMethod (remove the row)`,
            rule: RULE
          });
          continue;
        }
        // The permission-set spec lists class access per persona too; the two tables must agree.
        const inSecuritySpec = otherSpec?.(cls.name) ?? [...row];
        if (JSON.stringify([...inSecuritySpec].sort()) !== JSON.stringify([...row].sort())) {
          findings.push({
            file: cls.file,
            line: first.line,
            message: `scripts/spec/entry-points.ts grants ${cls.name} to ${row.join(', ')} but GRANTS in scripts/spec/security.ts to ${inSecuritySpec.join(', ') || 'nobody'}`,
            rule: RULE
          });
        }
        const granted = grants.get(cls.name) ?? new Map<string, { file: string; line: number }>();
        for (const ps of row) {
          if (!granted.has(ps)) {
            const psFile = index.permissionSets.get(ps)?.file;
            findings.push({
              file: psFile ?? cls.file,
              line: psFile ? 1 : first.line,
              message: `${ps} does not grant ${cls.name} (classAccesses), but the spec lists it: ${row.join(', ')}`,
              rule: RULE
            });
          }
        }
        for (const [ps, where] of granted) {
          if (!row.includes(ps)) {
            findings.push({
              file: where.file,
              line: where.line,
              message: `${ps} grants ${cls.name}, but the spec allows only ${row.join(', ')}`,
              rule: RULE
            });
          }
        }
      }
      const pending = Object.keys(spec).filter((c) => !classes.has(c));
      const notes =
        pending.length > 0 ? [`spec rows for classes not in force-app yet: ${pending.join(', ')}`] : [];
      return result(findings, notes);
    }
  };
}

export const entryPointAccessRule: Rule = makeEntryPointAccessRule(ENTRY_POINT_ACCESS, securitySpecGrants);
