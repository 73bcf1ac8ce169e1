/**
 * The data model as the data-model rules read it: objects and fields of scripts/spec/data-model.ts
 * from the shared project index, the Default settings record and the sample data under scripts/data.
 */
import fs from 'node:fs';
import path from 'node:path';
import { DATA_MODEL, type ObjectSpec } from '../../spec/data-model.js';
import { projectIndex } from '../metadata/project-index.js';
import { childNamed, childrenNamed, textOf, toPlain, type XmlElement } from '../metadata/xml.js';

export const metaDir = (root: string): string => path.join(root, 'force-app', 'main', 'default');
export const dataDir = (root: string): string => path.join(root, 'scripts', 'data');

export type Xml = Record<string, unknown>;

const ARRAYS = new Set(['value', 'values', 'externalCredentialParameters', 'namedCredentialParameters']);

/** A metadata element as a plain object (leaf text as strings; the ARRAYS names as arrays). */
export const plain = (el: XmlElement): Xml => toPlain(el, (name) => ARRAYS.has(name)) as Xml;

export interface ObjectMeta {
  object?: Xml;
  /** The object file, when there is one. */
  file?: string;
  fields: Map<string, Xml>;
  fieldFiles: Map<string, string>;
}
export type Model = Map<string, ObjectMeta>;

/** The objects of the spec with their fields, as found in force-app. */
export function loadModel(root: string, spec: Record<string, ObjectSpec> = DATA_MODEL): Model {
  const index = projectIndex(root);
  const model: Model = new Map();
  for (const name of Object.keys(spec)) {
    const obj = index.objects.get(name);
    const meta: ObjectMeta = { fields: new Map(), fieldFiles: new Map() };
    if (obj?.element) {
      meta.object = plain(obj.element);
      if (obj.file) meta.file = obj.file;
    }
    for (const [fieldName, field] of obj?.fields ?? []) {
      meta.fields.set(fieldName, plain(field.element));
      meta.fieldFiles.set(fieldName, field.file);
    }
    model.set(name, meta);
  }
  return model;
}

export const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
export const bool = (v: unknown): boolean => v === 'true';
export const num = (v: unknown): number | undefined =>
  typeof v === 'string' && v !== '' ? Number(v) : undefined;

export function picklistValues(field: Xml): string[] {
  const def = (field.valueSet as Xml | undefined)?.valueSetDefinition as Xml | undefined;
  const values = (def?.value as Xml[] | undefined) ?? [];
  return values.map((v) => String(v.fullName));
}

export type Settings = Map<string, { type: string; value: string }>;

export const SETTINGS_FILE = 'customMetadata/Stripe_Settings.Default.md-meta.xml';

/** The Default Stripe_Settings__mdt record: field → xsi:type and text. */
export function loadSettings(root: string): Settings {
  const file = path.join(metaDir(root), SETTINGS_FILE);
  const index = projectIndex(root);
  const record = index.files.get(file);
  if (!record) throw new Error('the Default settings record is missing');
  const settings: Settings = new Map();
  for (const v of childrenNamed(record, 'values')) {
    const value = childNamed(v, 'value');
    settings.set(textOf(v, 'field') ?? '', {
      type: value?.attrs['xsi:type'] ?? '',
      value: value?.text ?? ''
    });
  }
  if (textOf(record, 'label') !== 'Default') throw new Error('the settings record must be labelled Default');
  return settings;
}

export function settingValue(settings: Settings, name: string): number | boolean | string | undefined {
  const s = settings.get(name);
  if (!s) return undefined;
  if (s.type === 'xsd:double') return Number(s.value);
  if (s.type === 'xsd:boolean') return s.value === 'true';
  return s.value;
}

export type SampleRecord = Record<string, unknown> & { attributes: { type: string; referenceId: string } };
export type Sample = Map<string, SampleRecord[]>;
export interface PlanEntry {
  sobject: string;
  files: string[];
}

/** A sample data file that cannot be read or parsed: the file and the parser's message. */
export class SampleFileError extends Error {
  constructor(
    readonly file: string,
    readonly reason: string
  ) {
    super(`${file}: ${reason}`);
  }
}

function readJson(file: string): unknown {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as unknown;
  } catch (error) {
    throw new SampleFileError(file, `cannot parse JSON: ${(error as Error).message}`);
  }
}

/** The sample plan and every record of its files, in plan order. */
export function loadSample(root: string): { plan: PlanEntry[]; sample: Sample } {
  const plan = readJson(path.join(dataDir(root), 'sample-plan.json')) as PlanEntry[];
  const sample: Sample = new Map();
  for (const entry of plan) {
    const records: SampleRecord[] = [];
    for (const file of entry.files) {
      const parsed = readJson(path.join(dataDir(root), file)) as { records: SampleRecord[] };
      records.push(...parsed.records);
    }
    sample.set(entry.sobject, records);
  }
  return { plan, sample };
}

export const n = (r: SampleRecord | undefined, f: string): number =>
  typeof r?.[f] === 'number' ? (r[f] as number) : 0;
export const s = (r: SampleRecord | undefined, f: string): string | undefined =>
  typeof r?.[f] === 'string' ? (r[f] as string) : undefined;
export const near = (a: number, b: number, eps = 0.011): boolean => Math.abs(a - b) < eps;
export const ref = (r: SampleRecord, f: string): string | undefined => s(r, f)?.slice(1);
