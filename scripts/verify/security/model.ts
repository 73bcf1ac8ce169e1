/**
 * The security model on disk as the security gates read it (permission sets, the object model,
 * layouts, list views, compact layouts, the security document) and the checks against
 * scripts/spec/security.ts. Every check returns a list of problem sentences; the rules under
 * scripts/verify/rules/ turn them into findings at file and line.
 */
import fs from 'node:fs';
import path from 'node:path';
import {
  APP,
  COMPACT_LAYOUTS,
  EDITABLE_ON_LAYOUT,
  FIELD_ACCESS,
  FIELDS,
  GRANTS,
  LIST_VIEWS,
  OBJECT_ACCESS,
  ORDER,
  PERSONAS,
  REQUIRED_ON_LAYOUT,
  type FieldObject,
  type LayoutSpec,
  type Persona
} from '../../spec/security.js';
import { projectIndex } from '../metadata/project-index.js';
import { parseXml as parseXmlText, toPlain, type XmlElement } from '../metadata/xml.js';

// ================================================================================================
// Loading
// ================================================================================================

export type Xml = Record<string, unknown>;
export type Ordered = Record<string, unknown>[];

const ARRAYS = new Set([
  'applicationVisibilities',
  'classAccesses',
  'customMetadataTypeAccesses',
  'customPermissions',
  'externalCredentialPrincipalAccesses',
  'fieldPermissions',
  'objectPermissions',
  'tabSettings',
  'userPermissions',
  'layoutSections',
  'layoutColumns',
  'layoutItems',
  'relatedLists',
  'fields',
  'columns',
  'filters',
  'formFactors',
  'tabs',
  'externalCredentialParameters'
]);

/** The `<root>` element of an XML text as a plain object (the ARRAYS names always arrays). */
export function parseXml(text: string, root: string, where: string): Xml {
  const el = parseXmlText(text, where);
  if (el.name !== root) throw new Error(`${where}: no <${root}> root`);
  const body = toPlain(el, (name) => ARRAYS.has(name));
  return typeof body === 'object' ? (body as Xml) : {};
}

export const read = (file: string): string => fs.readFileSync(file, 'utf8');
export const str = (v: unknown): string => (typeof v === 'string' ? v : '');
export const list = (v: unknown): Xml[] => (Array.isArray(v) ? (v as Xml[]) : []);
export const strings = (v: unknown): string[] => (Array.isArray(v) ? v.map((s) => str(s)) : []);

/** Element-order problems in an XML document, recursively for the element types ORDER knows. */
export function checkOrder(text: string, where: string): string[] {
  const problems: string[] = [];
  const visit = (el: XmlElement): void => {
    const expected = ORDER[el.name];
    if (expected) {
      let last = -1;
      for (const key of el.children.map((c) => c.name)) {
        const index = expected.indexOf(key);
        if (index < 0) problems.push(`${where}: <${el.name}> has unexpected <${key}>`);
        else if (index < last) problems.push(`${where}: <${el.name}>: <${key}> is out of Metadata API order`);
        else last = index;
      }
    }
    el.children.forEach(visit);
  };
  visit(parseXmlText(text, where));
  return problems;
}

// ---- the object model on disk (other people's files: read, never written here) -----------------

export interface FieldInfo {
  type: string;
  required: boolean;
  formula: boolean;
  referenceTo: string;
}
export interface ObjectInfo {
  kind: 'custom' | 'event' | 'metadata' | 'standard';
  nameType: string;
  sharingModel: string;
  fields: Map<string, FieldInfo>;
}
export type Schema = Map<string, ObjectInfo>;

/** The objects under `meta`/objects with their fields, from the shared project index. */
export function loadSchema(meta: string): Schema {
  const schema: Schema = new Map();
  const index = projectIndex(path.resolve(meta, '..', '..', '..'));
  const dir = path.join(meta, 'objects');
  for (const [name, object] of index.objects) {
    if (path.dirname(object.dir) !== dir) continue;
    const obj = object.element ? (toPlain(object.element) as Xml) : undefined;
    const kind = name.endsWith('__e')
      ? 'event'
      : name.endsWith('__mdt')
        ? 'metadata'
        : name.endsWith('__c')
          ? 'custom'
          : 'standard';
    const info: ObjectInfo = {
      kind,
      nameType: str((obj?.nameField as Xml | undefined)?.type),
      sharingModel: str(obj?.sharingModel),
      fields: new Map()
    };
    for (const [fieldName, field] of object.fields) {
      const f = toPlain(field.element) as Xml;
      info.fields.set(fieldName, {
        type: str(f.type),
        required: f.required === 'true',
        formula: str(f.formula) !== '' || f.type === 'Summary' || f.type === 'AutoNumber',
        referenceTo: str(f.referenceTo)
      });
    }
    schema.set(name, info);
  }
  return schema;
}

/** Standard fields the surfaces may name; OwnerId only where the object has an owner. */
export const STANDARD_FIELDS = [
  'Name',
  'OwnerId',
  'CreatedById',
  'LastModifiedById',
  'CreatedDate',
  'LastModifiedDate'
];
export const LIST_VIEW_TOKENS = [
  'NAME',
  'OWNER.ALIAS',
  'CREATED_DATE',
  'LAST_UPDATE',
  'CREATEDBY_USER',
  'UPDATEDBY_USER'
];

export const isDetail = (schema: Schema, object: string): boolean =>
  [...(schema.get(object)?.fields.values() ?? [])].some((f) => f.type === 'MasterDetail');

/** Why `field` cannot be named on `object` (unknown or not there), or undefined when it can. */
export function unknownField(schema: Schema, object: string, field: string): string | undefined {
  const info = schema.get(object);
  if (!info) return `unknown object ${object}`;
  if (info.fields.has(field)) return undefined;
  if (STANDARD_FIELDS.includes(field)) {
    if (field === 'OwnerId' && isDetail(schema, object))
      return `${object} is a master-detail child and has no OwnerId`;
    return undefined;
  }
  return `unknown field ${object}.${field}`;
}

// ---- permission sets ---------------------------------------------------------------------------

const ACCESS_LETTERS: [string, string][] = [
  ['C', 'allowCreate'],
  ['R', 'allowRead'],
  ['E', 'allowEdit'],
  ['D', 'allowDelete'],
  ['V', 'viewAllRecords'],
  ['M', 'modifyAllRecords']
];
export const canonical = (access: string): string =>
  ACCESS_LETTERS.map(([l]) => l)
    .filter((l) => access.includes(l))
    .join('');

export interface PermSet {
  name: string;
  text: string;
  label: string;
  description: string;
  objects: Map<string, string>;
  fields: Map<string, { readable: boolean; editable: boolean }>;
  apps: Map<string, boolean>;
  tabs: Map<string, string>;
  customPermissions: Map<string, boolean>;
  customMetadataTypes: Map<string, boolean>;
  principals: Map<string, boolean>;
  classes: Map<string, boolean>;
  userPermissions: Map<string, boolean>;
  duplicates: string[];
}

export function parsePermSet(name: string, text: string): PermSet {
  const x = parseXml(text, 'PermissionSet', name);
  const ps: PermSet = {
    name,
    text,
    label: str(x.label),
    description: str(x.description),
    objects: new Map(),
    fields: new Map(),
    apps: new Map(),
    tabs: new Map(),
    customPermissions: new Map(),
    customMetadataTypes: new Map(),
    principals: new Map(),
    classes: new Map(),
    userPermissions: new Map(),
    duplicates: []
  };
  const put = <V>(map: Map<string, V>, key: string, value: V, what: string): void => {
    if (map.has(key)) ps.duplicates.push(`${what} ${key}`);
    map.set(key, value);
  };
  for (const o of list(x.objectPermissions)) {
    const letters = ACCESS_LETTERS.filter(([, tag]) => o[tag] === 'true')
      .map(([l]) => l)
      .join('');
    put(ps.objects, str(o.object), letters, 'objectPermissions');
  }
  for (const f of list(x.fieldPermissions))
    put(
      ps.fields,
      str(f.field),
      { readable: f.readable === 'true', editable: f.editable === 'true' },
      'fieldPermissions'
    );
  for (const a of list(x.applicationVisibilities))
    put(ps.apps, str(a.application), a.visible === 'true', 'applicationVisibilities');
  for (const t of list(x.tabSettings)) put(ps.tabs, str(t.tab), str(t.visibility), 'tabSettings');
  const enabled = (items: unknown, key: string, map: Map<string, boolean>, what: string): void => {
    for (const i of list(items)) put(map, str(i[key]), i.enabled === 'true', what);
  };
  enabled(x.customPermissions, 'name', ps.customPermissions, 'customPermissions');
  enabled(x.customMetadataTypeAccesses, 'name', ps.customMetadataTypes, 'customMetadataTypeAccesses');
  enabled(x.externalCredentialPrincipalAccesses, 'externalCredentialPrincipal', ps.principals, 'principal');
  enabled(x.classAccesses, 'apexClass', ps.classes, 'classAccesses');
  enabled(x.userPermissions, 'name', ps.userPermissions, 'userPermissions');
  return ps;
}

export const permSetFile = (meta: string, persona: string): string =>
  path.join(meta, 'permissionsets', `${persona}.permissionset-meta.xml`);

export function loadPermSets(meta: string): Map<Persona, PermSet> {
  return new Map(PERSONAS.map((p) => [p, parsePermSet(p, read(permSetFile(meta, p)))]));
}

// ================================================================================================
// Checks
// ================================================================================================

/** Compares a granted set with the intended one, both ways. */
export function compareSets(
  what: string,
  granted: Map<string, boolean>,
  intended: readonly string[],
  problems: string[]
): void {
  for (const [key, on] of granted) {
    if (!on) problems.push(`${what} ${key}: listed but disabled (grant it or leave it out)`);
    else if (!intended.includes(key)) problems.push(`${what} ${key}: granted but not in the spec`);
  }
  for (const key of intended)
    if (!granted.get(key)) problems.push(`${what} ${key}: in the spec but not granted`);
}

/** The permission set grants exactly its row of the spec: no more, no less. */
export function checkAgainstSpec(persona: Persona, ps: PermSet): string[] {
  const problems: string[] = ps.duplicates.map((d) => `${persona}: duplicate ${d}`);
  const p = (s: string): string => `${persona}: ${s}`;
  const local: string[] = [];

  const intendedObjects = OBJECT_ACCESS[persona];
  for (const [object, letters] of ps.objects) {
    const want = intendedObjects[object];
    if (want === undefined) local.push(`object ${object} (${letters || 'no access'}) is not in the spec`);
    else if (letters !== canonical(want))
      local.push(`object ${object} grants ${letters}, spec says ${canonical(want)}`);
  }
  for (const object of Object.keys(intendedObjects))
    if (!ps.objects.has(object)) local.push(`object ${object} missing (spec ${intendedObjects[object]})`);

  const intendedFields = new Map<string, { readable: boolean; editable: boolean }>();
  for (const [object, grant] of Object.entries(FIELD_ACCESS[persona])) {
    for (const f of grant?.read ?? [])
      intendedFields.set(`${object}.${f}`, { readable: true, editable: false });
    for (const f of grant?.edit ?? [])
      intendedFields.set(`${object}.${f}`, { readable: true, editable: true });
  }
  for (const [field, got] of ps.fields) {
    const want = intendedFields.get(field);
    const show = (a: { readable: boolean; editable: boolean }): string =>
      a.editable ? 'edit' : a.readable ? 'read' : 'nothing';
    if (!want) local.push(`field ${field} (${show(got)}) is not in the spec`);
    else if (want.readable !== got.readable || want.editable !== got.editable)
      local.push(`field ${field} grants ${show(got)}, spec says ${show(want)}`);
  }
  for (const [field, want] of intendedFields)
    if (!ps.fields.has(field)) local.push(`field ${field} missing (spec ${want.editable ? 'edit' : 'read'})`);

  const grants = GRANTS[persona];
  compareSets('app', ps.apps, grants.app ? [APP] : [], local);
  for (const [tab, visibility] of ps.tabs) {
    if (!grants.tabs.includes(tab)) local.push(`tab ${tab} is not in the spec`);
    else if (visibility !== 'Visible') local.push(`tab ${tab} is ${visibility}, spec says Visible`);
  }
  for (const tab of grants.tabs) if (!ps.tabs.has(tab)) local.push(`tab ${tab} missing`);
  compareSets('custom permission', ps.customPermissions, grants.customPermissions, local);
  compareSets('custom metadata type', ps.customMetadataTypes, grants.customMetadataTypes, local);
  compareSets('external credential principal', ps.principals, grants.externalCredentialPrincipals, local);
  compareSets('Apex class', ps.classes, grants.classes, local);
  compareSets('user permission', ps.userPermissions, grants.userPermissions, local);
  return [...problems, ...local.map(p)];
}

/** Rules the platform enforces on deploy, and ones that keep a permission set coherent. */
export function checkPlatformRules(meta: string, persona: string, ps: PermSet, schema: Schema): string[] {
  const problems: string[] = [];
  const p = (s: string): void => void problems.push(`${persona}: ${s}`);
  if (!ps.label || ps.label.length > 80) p('label missing or longer than 80');
  if (!ps.description || ps.description.length > 255) p('description missing or longer than 255');

  for (const [object, letters] of ps.objects) {
    const info = schema.get(object);
    if (!info) {
      p(`object ${object} does not exist in force-app`);
      continue;
    }
    const has = (l: string): boolean => letters.includes(l);
    if (info.kind === 'event') {
      if (/[EDVM]/.test(letters))
        p(`platform event ${object} allows only create (publish) and read (subscribe)`);
      continue;
    }
    if (info.kind === 'metadata')
      p(`${object}: custom metadata access belongs in customMetadataTypeAccesses`);
    if (letters === '') p(`object ${object} listed without any access`);
    if (/[CEDV]/.test(letters) && !has('R'))
      p(`object ${object}: create, edit, delete and view all need read`);
    if (has('D') && !has('E')) p(`object ${object}: delete needs edit`);
    if (has('M') && canonical(letters) !== 'CREDVM')
      p(`object ${object}: modify all needs C, R, E, D and view all`);
    for (const [field, f] of info.fields) {
      if (f.type === 'MasterDetail' && /[CR]/.test(letters)) {
        const master = ps.objects.get(f.referenceTo) ?? '';
        if (!master.includes('R'))
          p(`object ${object}: reading a detail needs read on its master ${f.referenceTo} (${field})`);
      }
    }
  }

  for (const [qualified, access] of ps.fields) {
    const [object = '', field = ''] = qualified.split('.');
    const missing = unknownField(schema, object, field);
    if (missing) {
      p(`field ${qualified}: ${missing}`);
      continue;
    }
    const info = schema.get(object);
    const f = info?.fields.get(field);
    if (!f) {
      p(`field ${qualified}: a permission set names custom fields only`);
      continue;
    }
    if (!access.readable && !access.editable) p(`field ${qualified}: listed without granting anything`);
    if (access.editable && !access.readable) p(`field ${qualified}: editable needs readable`);
    if (f.required) p(`field ${qualified}: required fields cannot be granted (always accessible)`);
    if (f.type === 'MasterDetail') p(`field ${qualified}: master-detail fields cannot be granted`);
    if (f.formula && access.editable)
      p(`field ${qualified}: formula, roll-up and auto-number fields are read only`);
    if (info?.kind === 'event' || info?.kind === 'metadata')
      p(`field ${qualified}: no field security on ${object}`);
    if (info?.kind === 'custom') {
      const letters = ps.objects.get(object) ?? '';
      if (!letters.includes('R')) p(`field ${qualified}: granted without read on ${object}`);
      if (access.editable && !/[CE]/.test(letters))
        p(`field ${qualified}: editable without create or edit on ${object}`);
    }
  }

  for (const [tab] of ps.tabs) {
    if (!fs.existsSync(path.join(meta, 'tabs', `${tab}.tab-meta.xml`))) p(`tab ${tab} does not exist`);
    if (schema.has(tab) && !(ps.objects.get(tab) ?? '').includes('R'))
      p(`tab ${tab} visible without read on the object`);
  }
  for (const [app] of ps.apps)
    if (!fs.existsSync(path.join(meta, 'applications', `${app}.app-meta.xml`)))
      p(`app ${app} does not exist`);
  for (const [cp] of ps.customPermissions)
    if (!fs.existsSync(path.join(meta, 'customPermissions', `${cp}.customPermission-meta.xml`)))
      p(`custom permission ${cp} does not exist`);
  for (const [type] of ps.customMetadataTypes)
    if (schema.get(type)?.kind !== 'metadata') p(`custom metadata type ${type} does not exist`);
  const principals = knownPrincipals(meta);
  for (const [principal] of ps.principals)
    if (!principals.includes(principal))
      p(
        `external credential principal ${principal} does not exist (known: ${principals.join(', ') || 'none'})`
      );
  for (const [cls] of ps.classes) if (!findApexClass(meta, cls)) p(`Apex class ${cls} does not exist`);
  return problems;
}

function findApexClass(meta: string, name: string): boolean {
  const visit = (dir: string): boolean =>
    fs.existsSync(dir) &&
    fs
      .readdirSync(dir, { withFileTypes: true })
      .some((e) => (e.isDirectory() ? visit(path.join(dir, e.name)) : e.name === `${name}.cls`));
  return visit(path.join(meta, 'classes'));
}

/** `<ExternalCredential>-<principal>` names declared by the External Credentials in force-app. */
function knownPrincipals(meta: string): string[] {
  const dir = path.join(meta, 'externalCredentials');
  if (!fs.existsSync(dir)) return [];
  const out: string[] = [];
  for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.externalCredential-meta.xml'))) {
    const credential = file.replace('.externalCredential-meta.xml', '');
    const x = parseXml(read(path.join(dir, file)), 'ExternalCredential', file);
    for (const param of list(x.externalCredentialParameters))
      if (param.parameterType === 'NamedPrincipal') out.push(`${credential}-${str(param.parameterName)}`);
  }
  return out;
}

/** FIELDS must list exactly the (non master-detail) custom fields on disk. */
export function checkFieldInventory(schema: Schema): string[] {
  const problems: string[] = [];
  for (const [object, fields] of Object.entries(FIELDS)) {
    const onDisk = [...(schema.get(object)?.fields ?? new Map<string, FieldInfo>())]
      .filter(([, f]) => f.type !== 'MasterDetail')
      .map(([name]) => name);
    for (const f of onDisk)
      if (!(fields as readonly string[]).includes(f))
        problems.push(`${object}.${f}: new field; decide who reads and edits it in FIELD_ACCESS`);
    for (const f of fields)
      if (!onDisk.includes(f)) problems.push(`${object}.${f}: in the spec but not on disk`);
  }
  for (const [object, info] of schema)
    if (info.kind === 'custom' && !(object in FIELDS))
      problems.push(`${object}: object without a row in FIELDS (decide its security)`);
  return problems;
}

// ---- layouts, compact layouts, list views -------------------------------------------------------

export function checkLayout(object: string, spec: LayoutSpec, text: string, schema: Schema): string[] {
  const problems: string[] = [];
  const p = (s: string): void => void problems.push(`${spec.name}: ${s}`);
  const x = parseXml(text, 'Layout', spec.name);
  problems.push(...checkOrder(text, spec.name));
  const sections = list(x.layoutSections).map((s) => ({
    label: str(s.label),
    style: str(s.style),
    columns: list(s.layoutColumns).map((c) =>
      list(c.layoutItems).map((i) => ({ field: str(i.field), behavior: str(i.behavior) }))
    )
  }));
  const shape = (ss: readonly { label: string; columns: readonly (readonly string[])[] }[]): string =>
    JSON.stringify(ss.map((s) => ({ label: s.label, columns: s.columns })));
  const actual = sections.map((s) => ({
    label: s.label,
    columns: s.columns.map((c) => c.map((i) => i.field))
  }));
  if (shape(actual) !== shape(spec.sections))
    p(`sections differ from the spec:\n  got  ${shape(actual)}\n  want ${shape(spec.sections)}`);
  const seen = new Set<string>();
  for (const s of sections) {
    const wantStyle = s.columns.length === 1 ? 'OneColumn' : 'TwoColumnsTopToBottom';
    if (s.style !== wantStyle) p(`section ${s.label}: style ${s.style}, want ${wantStyle}`);
    for (const item of s.columns.flat()) {
      if (seen.has(item.field)) p(`${item.field} appears twice`);
      seen.add(item.field);
      const missing = unknownField(schema, object, item.field);
      if (missing) p(missing);
      const info = schema.get(object)?.fields.get(item.field);
      const mustRequire =
        (REQUIRED_ON_LAYOUT[object] ?? []).includes(item.field) ||
        info?.required === true ||
        info?.type === 'MasterDetail';
      const want = mustRequire
        ? 'Required'
        : (EDITABLE_ON_LAYOUT[object] ?? []).includes(item.field)
          ? 'Edit'
          : 'Readonly';
      if (item.behavior !== want) p(`${item.field}: behavior ${item.behavior}, want ${want}`);
    }
  }
  for (const f of schema.get(object)?.fields.keys() ?? [])
    if (!seen.has(f)) p(`field ${f} is not on the layout (place it in a section)`);
  const related = list(x.relatedLists).map((r) => ({
    relatedList: str(r.relatedList),
    fields: strings(r.fields)
  }));
  if (JSON.stringify(related) !== JSON.stringify(spec.relatedLists))
    p(
      `related lists differ:\n  got  ${JSON.stringify(related)}\n  want ${JSON.stringify(spec.relatedLists)}`
    );
  for (const r of related) {
    const [child = '', lookup = ''] = r.relatedList.split('.');
    const f = schema.get(child)?.fields.get(lookup);
    if (!f || f.referenceTo !== object) p(`related list ${r.relatedList} is not a relationship to ${object}`);
    for (const col of r.fields) {
      if (LIST_VIEW_TOKENS.includes(col)) continue;
      const missing = unknownField(schema, child, col);
      if (missing) p(`related list ${r.relatedList}: ${missing}`);
    }
  }
  return problems;
}

export function checkCompactLayout(object: string, text: string, schema: Schema): string[] {
  const spec = COMPACT_LAYOUTS[object];
  if (!spec) return [`${object}: compact layout without a spec`];
  const where = `${object}/${spec.name}`;
  const problems = checkOrder(text, where);
  const x = parseXml(text, 'CompactLayout', where);
  if (str(x.fullName) !== spec.name) problems.push(`${where}: fullName ${str(x.fullName)}`);
  if (str(x.label) !== spec.label) problems.push(`${where}: label ${str(x.label)}, want ${spec.label}`);
  const fields = strings(x.fields);
  if (JSON.stringify(fields) !== JSON.stringify(spec.fields))
    problems.push(`${where}: fields ${fields.join(',')}, want ${spec.fields.join(',')}`);
  if (fields.length > 10) problems.push(`${where}: more than 10 fields`);
  for (const f of fields) {
    const missing = unknownField(schema, object, f);
    if (missing) problems.push(`${where}: ${missing}`);
    if (schema.get(object)?.fields.get(f)?.type === 'LongTextArea')
      problems.push(`${where}: long text ${f} cannot be on a compact layout`);
  }
  return problems;
}

export function checkListView(object: string, name: string, text: string, schema: Schema): string[] {
  const where = `${object}/${name}`;
  const spec = LIST_VIEWS[object]?.[name];
  if (!spec) return [`${where}: list view not in the spec`];
  const problems = checkOrder(text, where);
  const x = parseXml(text, 'ListView', where);
  const actual = {
    fullName: str(x.fullName),
    label: str(x.label),
    filterScope: str(x.filterScope),
    columns: strings(x.columns),
    filters: list(x.filters).map((f) => ({
      field: str(f.field),
      operation: str(f.operation),
      value: str(f.value)
    }))
  };
  const want = { fullName: name, ...spec };
  for (const key of ['fullName', 'label', 'filterScope', 'columns', 'filters'] as const)
    if (JSON.stringify(actual[key]) !== JSON.stringify(want[key]))
      problems.push(`${where}: ${key} ${JSON.stringify(actual[key])}, want ${JSON.stringify(want[key])}`);
  if (actual.label.length > 40) problems.push(`${where}: label longer than 40`);
  for (const column of actual.columns) {
    if (LIST_VIEW_TOKENS.includes(column)) continue;
    const missing = unknownField(schema, object, column);
    if (missing) problems.push(`${where}: column ${missing}`);
  }
  for (const filter of actual.filters) {
    const missing = unknownField(schema, object, filter.field);
    if (missing) problems.push(`${where}: filter ${missing}`);
  }
  return problems;
}

/** Files under objects/<Object>/<dir>: object → names. */
export function childFiles(meta: string, dir: string, suffix: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const objects = path.join(meta, 'objects');
  for (const object of fs.readdirSync(objects)) {
    const d = path.join(objects, object, dir);
    if (!fs.existsSync(d)) continue;
    out.set(
      object,
      fs
        .readdirSync(d)
        .filter((f) => f.endsWith(suffix))
        .map((f) => f.slice(0, -suffix.length))
    );
  }
  return out;
}

// ---- the documentation ------------------------------------------------------------------------

const DOC_COLUMNS: Record<string, Persona> = {
  Integration: 'Stripe_Integration',
  Sales: 'Stripe_Sales',
  Service: 'Stripe_Service',
  Finance: 'Stripe_Finance',
  Admin: 'Stripe_Admin'
};

/** How docs/security-model.md words an object grant. */
export function docObjectCell(object: string, access: string | undefined): string {
  if (!access) return '—';
  if (object.endsWith('__e')) return access.includes('C') ? 'publish' : '—';
  const words: [string, string][] = [
    ['C', 'create'],
    ['R', 'read'],
    ['E', 'edit'],
    ['D', 'delete'],
    ['V', '**View All**'],
    ['M', '**Modify All**']
  ];
  return words
    .filter(([l]) => access.includes(l))
    .map(([, w]) => w)
    .join(', ');
}

/** How docs/security-model.md words a field grant. */
export function docFieldCell(persona: Persona, object: FieldObject, field: string): string {
  const grant = FIELD_ACCESS[persona][object];
  if (grant?.edit?.includes(field)) return 'edit';
  if (grant?.read?.includes(field)) return 'read';
  return '—';
}

/** Differences between the tables in the security model document and the spec. */
export function docTableProblems(doc: string): string[] {
  const problems: string[] = [];
  const rows = new Map<string, string[]>();
  let heading = '';
  let columns: Persona[] = [];
  for (const line of doc.split('\n')) {
    const h = /^#### `([^`]+)`/.exec(line);
    if (h) heading = h[1] ?? '';
    else if (/^#/.test(line)) heading = '';
    if (!line.startsWith('|')) continue;
    const cells = line
      .split('|')
      .slice(1, -1)
      .map((c) => c.trim());
    if (cells[0] === 'object' || cells[0] === 'field') {
      columns = cells.slice(1).flatMap((c) => (DOC_COLUMNS[c] ? [DOC_COLUMNS[c]] : []));
      continue;
    }
    const name = /^`([^`]+)`$/.exec(cells[0] ?? '')?.[1];
    if (!name || columns.length !== PERSONAS.length) continue;
    const key = heading ? `${heading}.${name}` : name;
    rows.set(key, cells.slice(1));
  }
  const expect = (key: string, want: string[]): void => {
    const got = rows.get(key);
    if (!got) problems.push(`${key}: no row in the document`);
    else if (JSON.stringify(got) !== JSON.stringify(want))
      problems.push(`${key}: document says ${got.join(' | ')}, spec says ${want.join(' | ')}`);
    rows.delete(key);
  };
  const objects = new Set(PERSONAS.flatMap((p) => Object.keys(OBJECT_ACCESS[p])));
  for (const object of objects)
    expect(
      object,
      PERSONAS.map((p) => docObjectCell(object, OBJECT_ACCESS[p][object]))
    );
  for (const [object, fields] of Object.entries(FIELDS) as [FieldObject, readonly string[]][])
    for (const field of fields)
      expect(
        `${object}.${field}`,
        PERSONAS.map((p) => docFieldCell(p, object, field))
      );
  for (const key of rows.keys()) problems.push(`${key}: row in the document but not in the spec`);
  return problems;
}

// ================================================================================================
// Tests
// ================================================================================================
