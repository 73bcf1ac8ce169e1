/**
 * The Metadata API's own type definitions, read from the WSDL jsforce ships
 * (`jsforce/src/api/metadata/wsdl.xml`; `lib/api/metadata/schema.js` is generated from it but drops
 * enumerations and occurrence limits, so the WSDL is read directly). API 47.0: what later APIs added
 * is listed in scripts/spec/mdapi-newer.ts.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { childNamed, childrenNamed, parseXml, type XmlElement } from './xml.js';

export interface ElementDef {
  name: string;
  /** Local type name: a complex or simple type of the WSDL, or `xsd:…` for built-ins. */
  type: string;
  list: boolean;
  /** API version that added the element, when the WSDL lacks it (scripts/spec/mdapi-newer.ts). */
  since?: number;
}

export interface ComplexType {
  name: string;
  base?: string;
  /** Own and inherited elements, by name. */
  elements: Map<string, ElementDef>;
  /** `<xsd:any>`: lax content the schema does not describe. */
  open: boolean;
  /** API version that added the type, when the WSDL lacks it. */
  since?: number;
}

export interface SimpleType {
  name: string;
  base: string;
  enumeration?: ReadonlySet<string>;
}

export interface MdapiSchema {
  version: string;
  complex: Map<string, ComplexType>;
  simple: Map<string, SimpleType>;
}

const localName = (qualified: string): string =>
  qualified.startsWith('tns:') ? qualified.slice(4) : qualified;

/** The WSDL's path in node_modules. */
export function wsdlPath(): string {
  const require = createRequire(import.meta.url);
  const pkg = require.resolve('jsforce/package.json');
  return path.join(path.dirname(pkg), 'src', 'api', 'metadata', 'wsdl.xml');
}

let loaded: MdapiSchema | undefined;

/** The schema of the shipped WSDL, parsed once per process. */
export function mdapiSchema(file = wsdlPath()): MdapiSchema {
  if (loaded) return loaded;
  const text = fs.readFileSync(file, 'utf8');
  const version = /Metadata API version ([\d.]+)/.exec(text)?.[1] ?? 'unknown';
  const definitions = parseXml(text, file);
  const schema = childNamed(childNamed(definitions, 'types'), 'xsd:schema');
  if (!schema) throw new Error(`${file}: no <types><xsd:schema>`);
  const raw = new Map<string, { base?: string; own: ElementDef[]; open: boolean }>();
  const simple = new Map<string, SimpleType>();
  for (const node of schema.children) {
    const name = node.attrs.name ?? '';
    if (node.name === 'xsd:complexType') {
      const extension = childNamed(childNamed(node, 'xsd:complexContent'), 'xsd:extension');
      const sequence = childNamed(extension ?? node, 'xsd:sequence');
      const own = childrenNamed(sequence, 'xsd:element').map((e) => ({
        name: e.attrs.name ?? '',
        type: localName(e.attrs.type ?? 'xsd:string'),
        list: e.attrs.maxOccurs === 'unbounded'
      }));
      const entry: { base?: string; own: ElementDef[]; open: boolean } = {
        own,
        open: childrenNamed(sequence, 'xsd:any').length > 0
      };
      if (extension?.attrs.base) entry.base = localName(extension.attrs.base);
      raw.set(name, entry);
    } else if (node.name === 'xsd:simpleType') {
      const restriction = childNamed(node, 'xsd:restriction');
      const values = childrenNamed(restriction, 'xsd:enumeration').map((e) => e.attrs.value ?? '');
      const type: SimpleType = { name, base: restriction?.attrs.base ?? 'xsd:string' };
      if (values.length > 0) type.enumeration = new Set(values);
      simple.set(name, type);
    }
  }
  const complex = new Map<string, ComplexType>();
  const resolve = (name: string): ComplexType | undefined => {
    const done = complex.get(name);
    if (done) return done;
    const entry = raw.get(name);
    if (!entry) return undefined;
    const parent = entry.base ? resolve(entry.base) : undefined;
    const elements = new Map(parent?.elements ?? []);
    for (const e of entry.own) elements.set(e.name, e);
    const type: ComplexType = { name, elements, open: entry.open || Boolean(parent?.open) };
    if (entry.base) type.base = entry.base;
    complex.set(name, type);
    return type;
  };
  for (const name of raw.keys()) resolve(name);
  loaded = { version, complex, simple };
  return loaded;
}

/** True when `type` is `Metadata` or extends it (a deployable metadata type). */
export function isMetadataType(schema: MdapiSchema, type: string): boolean {
  for (let t = schema.complex.get(type); t; t = t.base ? schema.complex.get(t.base) : undefined) {
    if (t.name === 'Metadata') return true;
  }
  return false;
}

export type { XmlElement };
