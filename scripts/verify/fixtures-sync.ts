/**
 * One set of Stripe event fixtures, read by the relay's tests from `fixtures/stripe/events/` and by
 * the Apex tests from the static resource `StripeEventFixtures` (one JSON object: fixture name ->
 * event). `npm run fixtures:sync` writes the resource and `scripts/fixtures/stripe-events.typecheck.ts`
 * (the fixtures of the `stripe` package's API version, checked by `tsc -b` against its event types);
 * the `fixtures-sync` gate fails when either has drifted from the folder, when a fixture's file
 * name does not start with its event type, or when the Apex reads a Stripe field (a literal path given
 * to a `StripeJson` reader) that no fixture carries: a misspelt or retired field, or a shape nobody
 * tested.
 */
import fs from 'node:fs';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { fileURLToPath } from 'node:url';
import * as prettier from 'prettier';
import { lineOf, type Finding } from './findings.js';
import { loadApexProject } from './apex-project.js';

export const FIXTURE_DIR = 'fixtures/stripe/events';
export const RESOURCE = 'force-app/main/default/staticresources/StripeEventFixtures.json';
export const RESOURCE_META = 'force-app/main/default/staticresources/StripeEventFixtures.resource-meta.xml';
export const TYPECHECK = 'scripts/fixtures/stripe-events.typecheck.ts';

const RESOURCE_META_XML = `<?xml version="1.0" encoding="UTF-8"?>
<StaticResource xmlns="http://soap.sforce.com/2006/04/metadata">
    <cacheControl>Private</cacheControl>
    <contentType>application/json</contentType>
    <description>Stripe event fixtures for Apex tests (fixture name -> event). Generated from fixtures/stripe/events by npm run fixtures:sync.</description>
</StaticResource>
`;

/** `<type>[.<variant>].json`: the type is Stripe's dotted event type, the variant one more segment. */
const FIXTURE_NAME = /^([a-z_]+(?:\.[a-z_]+)+?)(?:\.([a-z0-9-]+))?\.json$/;

export type Fixtures = Record<string, Record<string, unknown>>;

/** Reads every fixture, sorted by name; findings for unreadable files or names that lie about the type. */
export function readFixtures(root: string): { fixtures: Fixtures; findings: Finding[] } {
  const dir = path.join(root, FIXTURE_DIR);
  const fixtures: Fixtures = {};
  const findings: Finding[] = [];
  const files = fs.existsSync(dir)
    ? fs
        .readdirSync(dir)
        .filter((f) => f.endsWith('.json'))
        .sort()
    : [];
  for (const file of files) {
    const full = path.join(dir, file);
    let event: Record<string, unknown>;
    try {
      event = JSON.parse(fs.readFileSync(full, 'utf8')) as Record<string, unknown>;
    } catch (error) {
      findings.push({
        file: full,
        line: 1,
        message: `not JSON: ${(error as Error).message}`,
        rule: 'fixtures-sync'
      });
      continue;
    }
    const type = typeof event.type === 'string' ? event.type : '';
    const name = file.slice(0, -'.json'.length);
    if (!FIXTURE_NAME.test(file) || !(name === type || name.startsWith(`${type}.`))) {
      findings.push({
        file: full,
        line: 1,
        message: `a fixture is named <type>[.<variant>].json; this one holds a ${type || 'typeless'} event`,
        rule: 'fixtures-sync'
      });
    }
    fixtures[name] = event;
  }
  return { fixtures, findings };
}

/** A `StripeJson` / `StripeJsonShapes` reader call; its first string literal is the field path it reads. */
const STRIPE_READ = /\bStripeJson(?:Shapes)?\.(?:get\w*|require\w+|firstListItem)\(/g;
const FIRST_LITERAL = /^[^;']*?'([^'\\]*)'/;
/** `// stripe-shape: <why>` on the reading line or the line above exempts a field no fixture can carry. */
const EXEMPTION = /\/\/\s*stripe-shape:\s*(\S.{9,})/;

/** Whether `keys` is a chain of object keys starting at `node`, lists crossed element by element. */
function carriesAt(node: unknown, keys: string[]): boolean {
  if (Array.isArray(node)) return node.some((element) => carriesAt(element, keys));
  if (keys.length === 0) return node !== null && node !== undefined;
  if (node === null || typeof node !== 'object') return false;
  const record = node as Record<string, unknown>;
  const [first, ...rest] = keys;
  return first !== undefined && first in record && carriesAt(record[first], rest);
}

/** Whether `keys` is a chain of object keys anywhere inside `node`. */
function carries(node: unknown, keys: string[]): boolean {
  if (carriesAt(node, keys)) return true;
  if (Array.isArray(node)) return node.some((element) => carries(element, keys));
  if (node !== null && typeof node === 'object') return Object.values(node).some((v) => carries(v, keys));
  return false;
}

/**
 * Every field path the (non-test) Apex reads through `StripeJson` with a literal must be carried, with
 * a value that is not null, by some fixture: a field misspelt, retired in the pinned API version, or
 * read in a shape no fixture shows fails here, before any org could tell.
 */
function checkApexReads(root: string, fixtures: Fixtures): Finding[] {
  const findings: Finding[] = [];
  const events = Object.values(fixtures);
  const apex = fs.existsSync(path.join(root, 'sfdx-project.json')) ? loadApexProject(root) : undefined;
  const testFiles = new Set(apex?.types.filter((t) => !t.outer && apex.isTestType(t)).map((t) => t.file));
  for (const { file, text } of apex?.sources ?? []) {
    if (testFiles.has(file)) continue;
    const lines = text.split('\n');
    for (const call of text.matchAll(STRIPE_READ)) {
      const literal = FIRST_LITERAL.exec(text.slice((call.index ?? 0) + call[0].length))?.[1];
      if (!literal || !/^[a-z0-9_]+(\.[a-z0-9_]+)*$/.test(literal)) continue;
      const line = lineOf(text, call.index ?? 0);
      const exempt = [lines[line - 1], lines[line - 2]].some((l) => l !== undefined && EXEMPTION.test(l));
      if (exempt || events.some((event) => carries(event, literal.split('.')))) continue;
      findings.push({
        file,
        line,
        message:
          `reads the Stripe field '${literal}', which no fixture in ${FIXTURE_DIR} carries (with a value): ` +
          'a misspelt or retired field, or a shape without a real-shaped fixture; add one, or say why ' +
          'none can exist with `// stripe-shape: <reason>`',
        rule: 'fixtures-sync'
      });
    }
  }
  return findings;
}

/** The static resource's text: one compact JSON object, keys sorted. */
export function resourceText(fixtures: Fixtures): string {
  return `${JSON.stringify(fixtures)}\n`;
}

/** The API version the installed `stripe` package types describe. */
export function packageApiVersion(root: string): string {
  const source = fs.readFileSync(path.join(root, 'node_modules/stripe/cjs/apiVersion.js'), 'utf8');
  const match = /ApiVersion = '([^']+)'/.exec(source);
  if (!match?.[1]) throw new Error('cannot read the stripe package API version');
  return match[1];
}

/** The generated TypeScript check: fixtures of the package's API version, each `satisfies` its event type. */
export async function typecheckText(root: string, fixtures: Fixtures): Promise<string> {
  const version = packageApiVersion(root);
  const entries = Object.entries(fixtures).filter(([, e]) => e.api_version === version);
  const body = entries
    .map(
      ([name, e]) =>
        `  ${JSON.stringify(name)}: ${JSON.stringify(e)} satisfies EventOf<${JSON.stringify(e.type)}>`
    )
    .join(',\n');
  const text = `// Generated by \`npm run fixtures:sync\` from ${FIXTURE_DIR}: do not edit by hand.
// Every fixture of API version ${version} (the stripe package's) must satisfy the package's type for
// its event, so a missing, misspelt or mistyped field fails \`tsc -b\`. Fixtures of older API versions
// (the pre-basil shapes) are not checked here: the package describes only its own version.
import type Stripe from 'stripe';

/** The JSON Stripe sends: the SDK turns decimal strings into Decimal objects, the wire keeps strings. */
type Wire<T> = T extends string
  ? T
  : T extends Stripe.Decimal
    ? string
    : T extends (infer U)[]
    ? Wire<U>[]
    : T extends object
      ? { [K in keyof T]: Wire<T[K]> }
      : T;

type EventOf<K extends Stripe.Event['type']> = Wire<Extract<Stripe.Event, { type: K }>>;

export const CURRENT_API_FIXTURES = {
${body}
};
`;
  const file = path.join(root, TYPECHECK);
  const options = (await prettier.resolveConfig(file)) ?? {};
  return prettier.format(text, { ...options, filepath: file });
}

/** Writes the static resource, its meta file and the TypeScript check from the folder. */
export async function syncFixtures(root: string): Promise<string[]> {
  const { fixtures, findings } = readFixtures(root);
  if (findings.length > 0) throw new Error(findings.map((f) => `${f.file}: ${f.message}`).join('\n'));
  const outputs: [string, string][] = [
    [RESOURCE, resourceText(fixtures)],
    [RESOURCE_META, RESOURCE_META_XML],
    [TYPECHECK, await typecheckText(root, fixtures)]
  ];
  for (const [rel, text] of outputs) {
    fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    fs.writeFileSync(path.join(root, rel), text);
  }
  return outputs.map(([rel]) => rel);
}

/** The gate: the resource and the TypeScript check hold exactly the folder's fixtures. */
export async function checkFixturesSync(root: string): Promise<Finding[]> {
  const { fixtures, findings } = readFixtures(root);
  const hint = 'run `npm run fixtures:sync`';
  const resourceFile = path.join(root, RESOURCE);
  if (Object.keys(fixtures).length === 0) {
    findings.push({
      file: path.join(root, FIXTURE_DIR),
      line: 1,
      message: 'no fixtures',
      rule: 'fixtures-sync'
    });
  }
  if (!fs.existsSync(resourceFile)) {
    findings.push({ file: resourceFile, line: 1, message: `missing; ${hint}`, rule: 'fixtures-sync' });
  } else {
    let resource: Fixtures = {};
    try {
      resource = JSON.parse(fs.readFileSync(resourceFile, 'utf8')) as Fixtures;
    } catch (error) {
      findings.push({
        file: resourceFile,
        line: 1,
        message: `not JSON: ${(error as Error).message}`,
        rule: 'fixtures-sync'
      });
    }
    const names = new Set([...Object.keys(fixtures), ...Object.keys(resource)]);
    for (const name of [...names].sort()) {
      let problem: string | undefined;
      if (!(name in resource)) problem = `lacks fixture ${name}`;
      else if (!(name in fixtures)) problem = `holds ${name}, which is not in ${FIXTURE_DIR}`;
      else if (!isDeepStrictEqual(resource[name], fixtures[name]))
        problem = `differs from ${FIXTURE_DIR}/${name}.json`;
      if (problem)
        findings.push({ file: resourceFile, line: 1, message: `${problem}; ${hint}`, rule: 'fixtures-sync' });
    }
  }
  const metaFile = path.join(root, RESOURCE_META);
  if (
    !fs.existsSync(metaFile) ||
    !fs.readFileSync(metaFile, 'utf8').includes('<contentType>application/json</contentType>')
  ) {
    findings.push({
      file: metaFile,
      line: 1,
      message: `missing or not application/json; ${hint}`,
      rule: 'fixtures-sync'
    });
  }
  findings.push(...checkApexReads(root, fixtures));
  const typecheckFile = path.join(root, TYPECHECK);
  const expected = await typecheckText(root, fixtures);
  if (!fs.existsSync(typecheckFile) || fs.readFileSync(typecheckFile, 'utf8') !== expected) {
    findings.push({
      file: typecheckFile,
      line: 1,
      message: `out of date with ${FIXTURE_DIR}; ${hint}`,
      rule: 'fixtures-sync'
    });
  }
  return findings;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
  for (const rel of await syncFixtures(root)) console.log(`wrote ${rel}`);
}
