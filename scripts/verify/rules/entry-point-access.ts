/**
 * Rule entry-point-access: every Apex class with entry points (`@RestResource`, an `@AuraEnabled`
 * method, an `@InvocableMethod`) has a row in scripts/spec/entry-points.ts and is granted
 * (`classAccesses`, enabled) in exactly the permission sets of its row; every `without sharing`
 * carries a comment saying why it needs to bypass sharing.
 */
import { ENTRY_POINT_ACCESS } from '../../spec/entry-points.js';
import { GRANTS, PERSONAS } from '../../spec/security.js';
import { lineOf, type Finding } from '../findings.js';
import {
  ApexProject,
  apexText,
  hasAnnotation,
  isReason,
  loadApexProject,
  type ApexComment,
  type TypeDecl
} from '../apex-project.js';
import { projectIndex } from '../metadata/project-index.js';
import { childrenNamed, textOf } from '../metadata/xml.js';
import { result, type Rule } from './rule.js';

const RULE = 'entry-point-access';

export interface EntryPoint {
  kind: '@RestResource' | '@AuraEnabled' | '@InvocableMethod';
  line: number;
}

/**
 * The entry points declared in a file's types, in line order: `@RestResource` on a class,
 * `@AuraEnabled` on a method (not on a property or field: DTO members need no class access),
 * `@InvocableMethod`. Each at the line of its annotation.
 */
export function entryPointsOf(types: TypeDecl[]): EntryPoint[] {
  const out: EntryPoint[] = [];
  for (const t of types) {
    const rest = hasAnnotation(t, 'restresource');
    if (rest) out.push({ kind: '@RestResource', line: rest.line });
    for (const m of t.methods) {
      if (m.kind !== 'method') continue;
      const aura = hasAnnotation(m, 'auraenabled');
      if (aura) out.push({ kind: '@AuraEnabled', line: aura.line });
      const invocable = hasAnnotation(m, 'invocablemethod');
      if (invocable) out.push({ kind: '@InvocableMethod', line: invocable.line });
    }
  }
  return out.sort((a, b) => a.line - b.line);
}

/** The entry points of one class's source (parsed on its own). */
export function entryPoints(source: string): EntryPoint[] {
  const project = new ApexProject('');
  project.addFile('Class.cls', source);
  return entryPointsOf(project.types);
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
    // The reason names what it explains: a comment about system mode or the class's purpose that
    // happens to sit above the declaration does not say why sharing is bypassed.
    const explained = comments.some(
      (c) => attached(c) && isReason(c.text) && /without\s+sharing/i.test(c.text)
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
      const apex = loadApexProject(root);
      findings.push(...apex.parseFindings(RULE));
      const classes = new Map(apex.topLevelClasses().map((t) => [t.name, t]));
      for (const cls of classes.values()) {
        const points = entryPointsOf(apex.types.filter((t) => t.file === cls.file));
        for (const line of unexplainedWithoutSharing(apex.source(cls.file)?.text ?? '')) {
          findings.push({
            file: cls.file,
            line,
            message:
              '`without sharing` without a comment (naming `without sharing`, on its line or directly above) saying why this code must ignore sharing',
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
