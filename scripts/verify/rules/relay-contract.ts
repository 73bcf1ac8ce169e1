/**
 * Rule relay-contract: the answer of the Apex REST resource behind `/stripe/v1/*`
 * (`StripeEventsRestResource.BatchResponse { accepted, duplicates, rejected[{ id, reason }] }`), the
 * relay's zod `batchResponseSchema` that reads it, and the relay's Salesforce stand-in that imitates
 * it must name the same keys with the same shapes. The Apex class is the source of truth; the other
 * two are checked against it, statically (the relay is read with the TypeScript compiler, not run).
 */
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { listFiles } from '../files.js';
import { lineOf, type Finding } from '../findings.js';
import { apexText, loadApexProject } from '../apex-project.js';
import { result, type Rule } from './rule.js';

const RULE = 'relay-contract';

/**
 * While the Apex resource is not in force-app, the rule notes that and passes (false) or fails
 * (true). Flip to true once StripeEventsRestResource is merged.
 */
export const REQUIRE_REST_RESOURCE = true;

export const URL_MAPPING = '/stripe/v1/*';
export const RESPONSE_CLASS = 'BatchResponse';
export const SCHEMA_NAME = 'batchResponseSchema';
export const STANDIN_FILE = 'relay/test/support/salesforce-standin.ts';

/** A JSON shape: a scalar, a list of a shape, or an object of named shapes. */
export type Shape =
  | { kind: 'string' | 'number' | 'boolean' | 'unknown' }
  | { kind: 'array'; of: Shape }
  | {
      kind: 'object';
      fields: Map<string, { shape: Shape; line: number; nullable?: boolean; initialised?: boolean }>;
    };

export const describeShape = (s: Shape): string =>
  s.kind === 'array'
    ? `${describeShape(s.of)}[]`
    : s.kind === 'object'
      ? `{${[...s.fields.keys()].join(', ')}}`
      : s.kind;

// ---- Apex ----------------------------------------------------------------------------------------

/** The body (between braces) of `class <name>` in masked code, with its offset. */
function classBody(code: string, name: string, from = 0): { body: string; offset: number } | undefined {
  const decl = new RegExp(`\\bclass\\s+${name}\\b[^{]*\\{`, 'i').exec(code.slice(from));
  if (!decl) return undefined;
  const start = from + decl.index + decl[0].length;
  let depth = 1;
  for (let i = start; i < code.length; i++) {
    if (code[i] === '{') depth++;
    else if (code[i] === '}' && --depth === 0) return { body: code.slice(start, i), offset: start };
  }
  return undefined;
}

/** The body with nested blocks blanked, so only the class's own member declarations remain. */
function topLevel(body: string): string {
  let depth = 0;
  let out = '';
  for (const c of body) {
    if (c === '{') depth++;
    out += depth > 0 && c !== '\n' ? ' ' : c;
    if (c === '}') depth--;
  }
  return out;
}

function apexShape(type: string, code: string, resolving: Set<string>): Shape {
  const t = type.replace(/\s+/g, '');
  const list = /^(?:List<(.+)>|(.+)\[\])$/i.exec(t);
  if (list) return { kind: 'array', of: apexShape(list[1] ?? list[2] ?? '', code, resolving) };
  if (/^(String|Id)$/i.test(t)) return { kind: 'string' };
  if (/^(Integer|Long|Decimal|Double)$/i.test(t)) return { kind: 'number' };
  if (/^Boolean$/i.test(t)) return { kind: 'boolean' };
  if (!resolving.has(t.toLowerCase())) {
    const inner = apexClassShape(code, t, new Set([...resolving, t.toLowerCase()]));
    if (inner) return inner;
  }
  return { kind: 'unknown' };
}

/** Fields of an (inner) Apex class as a JSON object shape, as JSON.serialize writes them. */
export function apexClassShape(code: string, name: string, resolving = new Set<string>()): Shape | undefined {
  const found = classBody(code, name);
  if (!found) return undefined;
  const own = topLevel(found.body);
  const fields = new Map<string, { shape: Shape; line: number; initialised?: boolean }>();
  const member =
    /(?:^|[;}\n])\s*((?:(?:public|global|private|protected|static|final|transient)\s+)*)([\w.]+(?:\s*<[\w\s.,<>]+>)?(?:\[\])?)\s+(\w+)\s*(=\s*[^;]+)?(;|\{)/g;
  for (const m of own.matchAll(member)) {
    const modifiers = m[1] ?? '';
    const type = m[2] ?? '';
    const fieldName = m[3] ?? '';
    if (/\bstatic\b|\btransient\b/i.test(modifiers) || /^(class|enum|interface|return|new)$/i.test(type))
      continue;
    const initialised =
      Boolean(m[4] && /=\s*new\b/i.test(m[4])) ||
      new RegExp(`\\b(this\\.)?${fieldName}\\s*=\\s*new\\b`, 'i').test(found.body);
    fields.set(fieldName, {
      shape: apexShape(type, code, resolving),
      line: lineOf(code, found.offset + (m.index ?? 0) + m[0].indexOf(fieldName)),
      initialised
    });
  }
  return { kind: 'object', fields };
}

/** A top-level Apex class with its source. */
export interface ApexClassSource {
  name: string;
  file: string;
  source: string;
}

/** The class whose `@RestResource(urlMapping=…)` is `/stripe/v1/*`. */
export function findRestResource(classes: ApexClassSource[]): ApexClassSource | undefined {
  const mapping = /@RestResource\s*\(\s*urlMapping\s*=\s*'([^']*)'\s*\)/gi;
  return classes.find((c) => {
    const { code } = apexText(c.source); // a match inside a comment does not count
    return [...c.source.matchAll(mapping)].some((m) => m[1] === URL_MAPPING && code[m.index ?? 0] === '@');
  });
}

// ---- TypeScript ----------------------------------------------------------------------------------

const sourceFile = (file: string): ts.SourceFile =>
  ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);

const lineOfNode = (sf: ts.SourceFile, node: ts.Node): number =>
  sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1;

const propName = (p: ts.ObjectLiteralElementLike): string | undefined =>
  p.name && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name)) ? p.name.text : undefined;

/** The shape a zod expression accepts (`z.array(z.object({…})).default([])` etc.). */
function zodShape(sf: ts.SourceFile, node: ts.Expression): { shape: Shape; nullable: boolean } {
  let nullable = false;
  let expr: ts.Expression = node;
  // Peel modifiers: .default(), .optional(), .nullable(), .nullish(), .catch(), .describe().
  while (ts.isCallExpression(expr) && ts.isPropertyAccessExpression(expr.expression)) {
    const method = expr.expression.name.text;
    const target = expr.expression.expression;
    if (ts.isIdentifier(target) && target.text === 'z') break;
    if (method === 'nullable' || method === 'nullish') nullable = true;
    expr = target;
  }
  if (!ts.isCallExpression(expr) || !ts.isPropertyAccessExpression(expr.expression))
    return { shape: { kind: 'unknown' }, nullable };
  const kind = expr.expression.name.text;
  const arg = expr.arguments[0];
  if (kind === 'string') return { shape: { kind: 'string' }, nullable };
  if (kind === 'number' || kind === 'int') return { shape: { kind: 'number' }, nullable };
  if (kind === 'boolean') return { shape: { kind: 'boolean' }, nullable };
  if (kind === 'array' && arg) return { shape: { kind: 'array', of: zodShape(sf, arg).shape }, nullable };
  if (kind === 'object' && arg && ts.isObjectLiteralExpression(arg)) {
    const fields = new Map<string, { shape: Shape; line: number; nullable?: boolean }>();
    for (const p of arg.properties) {
      const name = propName(p);
      if (!name || !ts.isPropertyAssignment(p)) continue;
      const inner = zodShape(sf, p.initializer);
      fields.set(name, { shape: inner.shape, line: lineOfNode(sf, p), nullable: inner.nullable });
    }
    return { shape: { kind: 'object', fields }, nullable };
  }
  return { shape: { kind: 'unknown' }, nullable };
}

/** Where `const batchResponseSchema = z.object(…)` is declared under relay/src, and its shape. */
export function findZodSchema(root: string): { file: string; line: number; shape: Shape } | undefined {
  const files = listFiles(path.join(root, 'relay', 'src'), (f) => f.endsWith('.ts'));
  for (const file of files) {
    if (!fs.readFileSync(file, 'utf8').includes(SCHEMA_NAME)) continue;
    const sf = sourceFile(file);
    let found: { file: string; line: number; shape: Shape } | undefined;
    const visit = (node: ts.Node): void => {
      if (
        !found &&
        ts.isVariableDeclaration(node) &&
        ts.isIdentifier(node.name) &&
        node.name.text === SCHEMA_NAME &&
        node.initializer
      ) {
        found = { file, line: lineOfNode(sf, node), shape: zodShape(sf, node.initializer).shape };
      }
      ts.forEachChild(node, visit);
    };
    visit(sf);
    if (found) return found;
  }
  return undefined;
}

/**
 * What the stand-in answers: the object literal that has an `accepted` property (its keys), and the
 * object literals pushed onto `….rejected` (the keys of one rejection).
 */
export function standInAnswer(
  file: string
): { line: number; keys: string[]; rejectedKeys?: string[]; rejectedLine?: number } | undefined {
  const sf = sourceFile(file);
  let answer: { line: number; keys: string[]; rejectedKeys?: string[]; rejectedLine?: number } | undefined;
  const rejections: { line: number; keys: string[] }[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isObjectLiteralExpression(node)) {
      const keys = node.properties.map(propName).filter((k): k is string => k !== undefined);
      if (!answer && keys.includes('accepted')) answer = { line: lineOfNode(sf, node), keys };
    }
    if (
      ts.isCallExpression(node) &&
      ts.isPropertyAccessExpression(node.expression) &&
      node.expression.name.text === 'push' &&
      ts.isPropertyAccessExpression(node.expression.expression) &&
      node.expression.expression.name.text === 'rejected'
    ) {
      const arg = node.arguments[0];
      if (arg && ts.isObjectLiteralExpression(arg))
        rejections.push({
          line: lineOfNode(sf, arg),
          keys: arg.properties.map(propName).filter((k): k is string => !!k)
        });
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  if (answer && rejections[0]) {
    answer.rejectedKeys = rejections[0].keys;
    answer.rejectedLine = rejections[0].line;
  }
  return answer;
}

// ---- comparison ----------------------------------------------------------------------------------

const sameKeys = (a: Iterable<string>, b: Iterable<string>): boolean =>
  JSON.stringify([...a].sort()) === JSON.stringify([...b].sort());

/** Differences between the Apex shape (truth) and another, as messages. */
function compareShapes(apex: Shape, other: Shape, where: string, path_ = ''): string[] {
  if (apex.kind === 'object' && other.kind === 'object') {
    const out: string[] = [];
    for (const key of apex.fields.keys())
      if (!other.fields.has(key)) out.push(`${where} lacks '${path_}${key}' that the Apex response has`);
    for (const key of other.fields.keys())
      if (!apex.fields.has(key))
        out.push(`${where} reads '${path_}${key}' that the Apex response does not have`);
    for (const [key, f] of apex.fields) {
      const o = other.fields.get(key);
      if (o) out.push(...compareShapes(f.shape, o.shape, where, `${path_}${key}.`));
    }
    return out;
  }
  if (apex.kind === 'array' && other.kind === 'array')
    return compareShapes(apex.of, other.of, where, `${path_}[].`);
  if (apex.kind === 'unknown' || other.kind === 'unknown' || apex.kind === other.kind) return [];
  return [
    `${where}: '${path_.replace(/\.$/, '')}' is ${describeShape(other)} but Apex has ${describeShape(apex)}`
  ];
}

export const relayContractRule: Rule = {
  name: RULE,
  check: (root) => {
    const findings: Finding[] = [];
    const classes = loadApexProject(root)
      .sources.filter((s) => !s.isTrigger)
      .map((s) => ({ name: path.basename(s.file, '.cls'), file: s.file, source: s.text }));
    const resource = findRestResource(classes);
    if (!resource) {
      const message = `no Apex class has @RestResource(urlMapping='${URL_MAPPING}'): the relay's endpoint is missing`;
      if (REQUIRE_REST_RESOURCE)
        return result([{ file: path.join(root, 'force-app'), line: 1, message, rule: RULE }]);
      return result(
        [],
        [
          `${message}; contract not checked (set REQUIRE_REST_RESOURCE in scripts/verify/rules/relay-contract.ts once it lands)`
        ]
      );
    }
    const { code } = apexText(resource.source);
    const apex = apexClassShape(code, RESPONSE_CLASS);
    if (!apex || apex.kind !== 'object') {
      return result([
        {
          file: resource.file,
          line: 1,
          message: `${resource.name} has no inner class ${RESPONSE_CLASS} (the response DTO the relay reads)`,
          rule: RULE
        }
      ]);
    }
    const schema = findZodSchema(root);
    if (!schema) {
      findings.push({
        file: path.join(root, 'relay', 'src'),
        line: 1,
        message: `no '${SCHEMA_NAME}' zod schema under relay/src`,
        rule: RULE
      });
    } else {
      for (const message of compareShapes(apex, schema.shape, `relay ${SCHEMA_NAME}`))
        findings.push({ file: schema.file, line: schema.line, message, rule: RULE });
      // Apex serialises an unset list as null; zod's .default([]) covers a missing key, not null.
      if (schema.shape.kind === 'object') {
        for (const [key, f] of apex.fields) {
          const z = schema.shape.fields.get(key);
          if (f.shape.kind === 'array' && !f.initialised && z && !z.nullable) {
            findings.push({
              file: resource.file,
              line: f.line,
              message: `${RESPONSE_CLASS}.${key} is not initialised: JSON.serialize writes null, which the relay's schema rejects`,
              rule: RULE
            });
          }
        }
      }
    }
    const standInFile = path.join(root, STANDIN_FILE);
    const answer = fs.existsSync(standInFile) ? standInAnswer(standInFile) : undefined;
    if (!answer) {
      findings.push({
        file: standInFile,
        line: 1,
        message: 'the Salesforce stand-in builds no answer object with an `accepted` key',
        rule: RULE
      });
    } else {
      if (!sameKeys(answer.keys, apex.fields.keys()))
        findings.push({
          file: standInFile,
          line: answer.line,
          message: `the stand-in answers {${answer.keys.join(', ')}} but the Apex response is {${[...apex.fields.keys()].join(', ')}}`,
          rule: RULE
        });
      const rejected = apex.fields.get('rejected')?.shape;
      const rejection = rejected?.kind === 'array' && rejected.of.kind === 'object' ? rejected.of : undefined;
      if (rejection && answer.rejectedKeys && !sameKeys(answer.rejectedKeys, rejection.fields.keys()))
        findings.push({
          file: standInFile,
          line: answer.rejectedLine ?? answer.line,
          message: `the stand-in rejects with {${answer.rejectedKeys.join(', ')}} but Apex's rejection is {${[...rejection.fields.keys()].join(', ')}}`,
          rule: RULE
        });
    }
    return result(findings);
  }
};
