/**
 * Rule metadata-schema: every element of every `*-meta.xml` against the Metadata API's type
 * definitions (the WSDL jsforce ships, plus scripts/spec/mdapi-newer.ts for what came later).
 *
 * It flags what a deploy rejects: an element the type does not have ("invalid at this location",
 * with a did-you-mean and, when it belongs elsewhere, where), a single-valued element given twice and
 * a list element whose items are split by other elements ("duplicated at this location"), a boolean
 * or number that does not parse, an enumeration value the type does not allow, and a root element
 * that is not the type the file's suffix names. Element order is not checked: the Metadata API reads
 * the elements of a type in any order, and the WSDL's sequence order is not enforced on deploy. What
 * it does reject is a repeated element whose items are not consecutive ("Error parsing file: Element
 * tabVisibilities is duplicated at this location in type Profile", Salesforce Help article 000383335).
 */
import path from 'node:path';
import { createRequire } from 'node:module';
import { NEWER_ELEMENTS, NEWER_TYPES, NEWER_VALUES } from '../../spec/mdapi-newer.js';
import type { Finding } from '../findings.js';
import { mdapiSchema, type ComplexType, type MdapiSchema } from '../metadata/mdapi-schema.js';
import { projectIndex } from '../metadata/project-index.js';
import type { XmlElement } from '../metadata/xml.js';
import { result, type Rule, type RuleResult } from './rule.js';

const RULE = 'metadata-schema';
const METADATA_NS = 'http://soap.sforce.com/2006/04/metadata';

/** Source-format suffixes whose type the registry files under a bundle or mixed-content strategy. */
const BUNDLE_SUFFIXES: Record<string, string> = {
  js: 'LightningComponentBundle',
  resource: 'StaticResource',
  cmp: 'AuraDefinitionBundle'
};

let suffixTypes: Map<string, string> | undefined;

/** `field` → `CustomField`, from @salesforce/source-deploy-retrieve's registry (children included). */
function typeOfSuffix(suffix: string): string | undefined {
  if (!suffixTypes) {
    const require = createRequire(import.meta.url);
    const registryFile = path.join(
      path.dirname(require.resolve('@salesforce/source-deploy-retrieve/package.json')),
      'lib',
      'src',
      'registry',
      'metadataRegistry.json'
    );
    type RegistryType = { name: string; suffix?: string; children?: { types: Record<string, RegistryType> } };
    const registry = require(registryFile) as { types: Record<string, RegistryType> };
    suffixTypes = new Map(Object.entries(BUNDLE_SUFFIXES));
    for (const type of Object.values(registry.types)) {
      if (type.suffix && !suffixTypes.has(type.suffix)) suffixTypes.set(type.suffix, type.name);
      for (const child of Object.values(type.children?.types ?? {}))
        if (child.suffix && !suffixTypes.has(child.suffix)) suffixTypes.set(child.suffix, child.name);
    }
  }
  return suffixTypes.get(suffix);
}

/** Levenshtein distance, for "did you mean". */
function distance(a: string, b: string): number {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  let prev = Array.from({ length: y.length + 1 }, (_, i) => i);
  for (let i = 1; i <= x.length; i++) {
    const cur = [i];
    for (let j = 1; j <= y.length; j++)
      cur[j] = Math.min(
        (prev[j] ?? 0) + 1,
        (cur[j - 1] ?? 0) + 1,
        (prev[j - 1] ?? 0) + (x[i - 1] === y[j - 1] ? 0 : 1)
      );
    prev = cur;
  }
  return prev[y.length] ?? 0;
}

function closest(name: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestScore = Infinity;
  for (const c of candidates) {
    const d = distance(name, c);
    if (d < bestScore) {
      best = c;
      bestScore = d;
    }
  }
  return best !== undefined && bestScore <= Math.max(2, Math.floor(name.length / 3)) ? best : undefined;
}

const BOOLEAN = /^(true|false|1|0)$/;
const INTEGER = /^[+-]?\d+$/;
const DOUBLE = /^([+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?|-?INF|NaN)$/;
const DATE = /^-?\d{4}-\d{2}-\d{2}(Z|[+-]\d{2}:\d{2})?$/;
const DATE_TIME = /^-?\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?$/;
const TIME = /^\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?$/;
const BUILTIN_FORMATS: Record<string, { pattern: RegExp; what: string }> = {
  'xsd:boolean': { pattern: BOOLEAN, what: 'a boolean (true or false)' },
  'xsd:int': { pattern: INTEGER, what: 'an integer' },
  'xsd:long': { pattern: INTEGER, what: 'an integer' },
  'xsd:double': { pattern: DOUBLE, what: 'a number' },
  'xsd:date': { pattern: DATE, what: 'a date (YYYY-MM-DD)' },
  'xsd:dateTime': { pattern: DATE_TIME, what: 'a date-time (YYYY-MM-DDThh:mm:ssZ)' },
  'xsd:time': { pattern: TIME, what: 'a time (hh:mm:ss)' }
};
/** Built-in types whose content may be anything, markup included (LWC targetConfigs is XML). */
const OPAQUE = new Set(['xsd:anyType', 'xsd:base64Binary']);

const newerValues = new Map(NEWER_VALUES.map((v) => [`${v.enumeration}.${v.value}`, v]));
/** Element type of a newer element whose content is not described. */
const UNCHECKED = '#unchecked';

const elementDef = (name: string, type: string | undefined, since: number) => ({
  name,
  type: type ? type.replace(/\[\]$/, '') : UNCHECKED,
  list: Boolean(type?.endsWith('[]')),
  since
});

let augmented: { base: MdapiSchema; schema: MdapiSchema } | undefined;

/** The WSDL's schema with scripts/spec/mdapi-newer.ts merged in (types and elements marked `since`). */
export function schemaWithNewer(base = mdapiSchema()): MdapiSchema {
  if (augmented?.base === base) return augmented.schema;
  const complex = new Map(base.complex);
  for (const t of NEWER_TYPES) {
    const elements = new Map(
      Object.entries(t.elements ?? {}).map(([name, type]) => [name, elementDef(name, type, t.since)])
    );
    complex.set(t.type, { name: t.type, elements, open: !t.elements, since: t.since });
  }
  for (const e of NEWER_ELEMENTS) {
    const holder = complex.get(e.type);
    if (!holder) throw new Error(`scripts/spec/mdapi-newer.ts: ${e.type}.${e.element} names an unknown type`);
    const elements = new Map(holder.elements);
    elements.set(e.element, elementDef(e.element, e.elementType, e.since));
    complex.set(e.type, { ...holder, elements });
  }
  const schema = { ...base, complex };
  augmented = { base, schema };
  return schema;
}

class Checker {
  readonly findings: Finding[] = [];
  /** Note text → how many times it was met. */
  readonly notes = new Map<string, number>();

  constructor(
    private readonly schema: MdapiSchema,
    private readonly file: string
  ) {}

  note(text: string): void {
    this.notes.set(text, (this.notes.get(text) ?? 0) + 1);
  }

  fail(line: number, message: string): void {
    this.findings.push({ file: this.file, line, message, rule: RULE });
  }

  /** Checks the children of `el`, an element of complex type `type`; `trail` names its ancestors' types. */
  complex(el: XmlElement, type: ComplexType, trail: ComplexType[]): void {
    if (el.text !== '' && el.children.length === 0 && type.elements.size > 0) {
      this.fail(
        el.line,
        `<${el.name}> holds text '${clip(el.text)}' but ${type.name} has elements, not a value`
      );
      return;
    }
    const seen = new Map<string, XmlElement>();
    let previous: XmlElement | undefined;
    for (const child of el.children) {
      const def = type.elements.get(child.name);
      if (!def) {
        this.unknown(child, type, trail);
      } else {
        const first = seen.get(child.name);
        if (first && !def.list) {
          this.fail(
            child.line,
            `<${child.name}> appears again (first at line ${first.line}); ${type.name}.${child.name} takes one value`
          );
        } else if (first && def.list && previous?.name !== child.name) {
          this.fail(
            child.line,
            `<${child.name}> items are split by <${previous?.name ?? '?'}> (line ${previous?.line ?? '?'}); ` +
              `keep the repeated ${type.name}.${child.name} elements together (a deploy fails: ` +
              `Element ${child.name} is duplicated at this location in type ${type.name})`
          );
        }
        if (!first) seen.set(child.name, child);
        if (def.since !== undefined && type.since === undefined) {
          const unchecked = def.type === UNCHECKED ? '; content not checked' : '';
          this.note(`${type.name}.${child.name}: API ${def.since.toFixed(1)}${unchecked}`);
        }
        if (def.type !== UNCHECKED) this.value(child, def.type, type, [...trail, type]);
      }
      previous = child;
    }
  }

  private unknown(child: XmlElement, type: ComplexType, trail: ComplexType[]): void {
    if (type.open) return;
    const hints: string[] = [];
    const suggestion = closest(child.name, type.elements.keys());
    if (suggestion) hints.push(`did you mean <${suggestion}>?`);
    const owner = [...trail].reverse().find((t) => t.elements.has(child.name));
    if (owner) hints.push(`<${child.name}> belongs to ${owner.name}, an enclosing element`);
    else {
      for (const def of type.elements.values()) {
        const inner = this.schema.complex.get(def.type);
        if (inner?.elements.has(child.name)) {
          hints.push(`<${child.name}> belongs inside <${def.name}>`);
          break;
        }
      }
    }
    const known = [...type.elements.keys()].filter((k) => k !== 'fullName');
    this.fail(
      child.line,
      `<${child.name}> is not an element of ${type.name}` +
        (hints.length > 0
          ? `: ${hints.join('; ')}`
          : ` (it has: ${known.slice(0, 12).join(', ')}${known.length > 12 ? ', …' : ''})`)
    );
  }

  /** Checks one element against its declared type. */
  private value(el: XmlElement, typeName: string, holder: ComplexType, trail: ComplexType[]): void {
    if (el.attrs['xsi:nil'] === 'true') return;
    const declared = el.attrs['xsi:type'];
    const effective = declared?.startsWith('tns:') ? declared.slice(4) : typeName;
    const where = `${holder.name}.${el.name}`;
    if (OPAQUE.has(effective) || (declared && !declared.startsWith('tns:') && OPAQUE.has(typeName))) {
      if (el.children.length > 0)
        this.note(`${where}: ${typeName} in the WSDL; the markup inside is not checked`);
      return;
    }
    const complex = this.schema.complex.get(effective);
    if (complex) {
      if (complex.since !== undefined && complex.open)
        this.note(`${complex.name}: API ${complex.since.toFixed(1)}; content not checked`);
      else this.complex(el, complex, trail);
      return;
    }
    if (el.children.length > 0) {
      this.fail(el.line, `<${el.name}> holds elements but ${where} is a ${effective} value`);
      return;
    }
    const builtin = BUILTIN_FORMATS[effective];
    if (builtin) {
      if (!builtin.pattern.test(el.text))
        this.fail(el.line, `${where} must be ${builtin.what}, not '${clip(el.text)}'`);
      return;
    }
    const simple = this.schema.simple.get(effective);
    if (!simple?.enumeration || simple.enumeration.has(el.text)) return;
    const newer = newerValues.get(`${simple.name}.${el.text}`);
    if (newer) {
      this.note(`${simple.name} value '${el.text}' is API ${newer.since.toFixed(1)} (newer than the WSDL)`);
      return;
    }
    const suggestion = closest(el.text, simple.enumeration);
    this.fail(
      el.line,
      `'${clip(el.text)}' is not a ${simple.name} value (${where})` +
        (suggestion
          ? `: did you mean '${suggestion}'?`
          : `; allowed: ${[...simple.enumeration].slice(0, 12).join(', ')}${simple.enumeration.size > 12 ? ', …' : ''}`)
    );
  }
}

const clip = (text: string): string => (text.length > 60 ? `${text.slice(0, 57)}…` : text);

/** The type a source file's suffix names: `Foo.field-meta.xml` → CustomField. */
export function expectedRootType(file: string): { suffix: string; type?: string } {
  const base = path.basename(file, '-meta.xml');
  const suffix = base.slice(base.lastIndexOf('.') + 1);
  const type = typeOfSuffix(suffix);
  return type ? { suffix, type } : { suffix };
}

/** Checks one parsed metadata file. */
export function checkMetadataFile(file: string, root: XmlElement, schema = schemaWithNewer()): RuleResult {
  const checker = new Checker(schema, file);
  const { suffix, type: expected } = expectedRootType(file);
  if (!expected) {
    checker.fail(root.line, `unknown metadata file suffix '.${suffix}-meta.xml' (no metadata type uses it)`);
  } else if (root.name !== expected) {
    checker.fail(
      root.line,
      `root element <${root.name}> does not match the suffix '.${suffix}-meta.xml', which holds a ${expected}`
    );
  } else if (root.attrs.xmlns !== METADATA_NS) {
    checker.fail(
      root.line,
      `<${root.name}> must declare xmlns="${METADATA_NS}" (the Metadata API namespace)`
    );
  } else {
    const type = schema.complex.get(expected);
    if (type?.since !== undefined)
      checker.note(`${expected}: API ${type.since.toFixed(1)}${type.open ? '; content not checked' : ''}`);
    if (type && !type.open) checker.complex(root, type, []);
    else if (!type)
      checker.fail(
        root.line,
        `${expected} is neither in the Metadata API WSDL ${schema.version} nor in scripts/spec/mdapi-newer.ts`
      );
  }
  const notes = [...checker.notes].map(([text, count]) => (count > 1 ? `${text} (${count}×)` : text));
  return result(checker.findings, notes);
}

export const metadataSchemaRule: Rule = {
  name: RULE,
  check: (root) => {
    const index = projectIndex(root);
    const schema = schemaWithNewer();
    const findings: Finding[] = [...index.parseErrors];
    const notes = new Map<string, number>();
    for (const [file, element] of index.files) {
      const r = checkMetadataFile(file, element, schema);
      findings.push(...r.findings);
      for (const n of r.notes) {
        const [text, count] = /^(.*) \((\d+)×\)$/.exec(n)?.slice(1) ?? [n, '1'];
        notes.set(text ?? n, (notes.get(text ?? n) ?? 0) + Number(count));
      }
    }
    const header = `checked against the Metadata API WSDL ${schema.version}; met newer than it (scripts/spec/mdapi-newer.ts):`;
    const lines = [...notes].sort().map(([text, count]) => `  ${text}${count > 1 ? ` (${count}×)` : ''}`);
    return result(findings, lines.length > 0 ? [header, ...lines] : []);
  }
};
