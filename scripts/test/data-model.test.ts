/**
 * Offline checks of the data model: the object/field metadata, Stripe_Settings__mdt, the Stripe
 * credentials and the sample data, all against the table in data-model.spec.ts.
 *
 * Every check is a function returning a list of problems. The real project must give none; the
 * "catches" tests break a copy of the model on purpose and require the check to name the breakage,
 * so a check that can no longer fail fails itself.
 */
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import {
  DATA_MODEL,
  HISTORY_EXEMPT,
  NON_UNIQUE_STRIPE_IDS,
  SAMPLE_AS_OF,
  SAMPLE_COVERAGE,
  SETTINGS_DEFAULTS,
  STANDARD_SAMPLE_FIELDS,
  ZERO_DECIMAL_SAMPLE_CURRENCIES,
  DUNNING_STAGES,
  type ObjectSpec
} from './data-model.spec.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const META = path.join(ROOT, 'force-app', 'main', 'default');
const DATA = path.join(ROOT, 'scripts', 'data');

// ------------------------------------------------------------------------------------------------
// Loading
// ------------------------------------------------------------------------------------------------

type Xml = Record<string, unknown>;

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  parseTagValue: false,
  trimValues: true,
  isArray: (name) =>
    ['value', 'values', 'externalCredentialParameters', 'namedCredentialParameters'].includes(name)
});

function readXml(file: string, root: string): Xml {
  const text = fs.readFileSync(file, 'utf8');
  const valid = XMLValidator.validate(text);
  if (valid !== true) throw new Error(`${file}: malformed XML: ${valid.err.msg}`);
  const doc = parser.parse(text) as Record<string, unknown>;
  const body = doc[root];
  if (!body || typeof body !== 'object') throw new Error(`${file}: no <${root}> root`);
  return body as Xml;
}

interface ObjectMeta {
  object?: Xml;
  fields: Map<string, Xml>;
}
type Model = Map<string, ObjectMeta>;

function loadModel(): Model {
  const model: Model = new Map();
  const objectsDir = path.join(META, 'objects');
  for (const name of Object.keys(DATA_MODEL)) {
    const dir = path.join(objectsDir, name);
    const meta: ObjectMeta = { fields: new Map() };
    const objectFile = path.join(dir, `${name}.object-meta.xml`);
    if (fs.existsSync(objectFile)) meta.object = readXml(objectFile, 'CustomObject');
    const fieldsDir = path.join(dir, 'fields');
    if (fs.existsSync(fieldsDir)) {
      for (const file of fs.readdirSync(fieldsDir).filter((f) => f.endsWith('.field-meta.xml'))) {
        meta.fields.set(
          file.replace('.field-meta.xml', ''),
          readXml(path.join(fieldsDir, file), 'CustomField')
        );
      }
    }
    model.set(name, meta);
  }
  return model;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const bool = (v: unknown): boolean => v === 'true';
const num = (v: unknown): number | undefined => (typeof v === 'string' && v !== '' ? Number(v) : undefined);

function picklistValues(field: Xml): string[] {
  const def = (field.valueSet as Xml | undefined)?.valueSetDefinition as Xml | undefined;
  const values = (def?.value as Xml[] | undefined) ?? [];
  return values.map((v) => String(v.fullName));
}

// ------------------------------------------------------------------------------------------------
// Metadata checks
// ------------------------------------------------------------------------------------------------

const compactLayoutOnDisk = (objectName: string, layout: string): boolean =>
  fs.existsSync(path.join(META, 'objects', objectName, 'compactLayouts', `${layout}.compactLayout-meta.xml`));

/** Objects: file present, name field, sharing, history flag, compact layout, platform event settings. */
function checkObjects(
  model: Model,
  spec: Record<string, ObjectSpec>,
  layoutExists: (objectName: string, layout: string) => boolean = compactLayoutOnDisk
): string[] {
  const problems: string[] = [];
  for (const [name, os] of Object.entries(spec)) {
    const meta = model.get(name);
    if (os.kind === 'standard') continue;
    const obj = meta?.object;
    if (!obj) {
      problems.push(`${name}: object file missing`);
      continue;
    }
    if (!str(obj.label) || String(obj.label).length > 40) problems.push(`${name}: label missing or > 40`);
    if (!str(obj.pluralLabel)) problems.push(`${name}: pluralLabel missing`);
    if (!str(obj.description) || String(obj.description).length > 1000)
      problems.push(`${name}: description missing or > 1000`);
    if (os.kind === 'event') {
      if (obj.eventType !== 'HighVolume') problems.push(`${name}: eventType is not HighVolume`);
      if (obj.publishBehavior !== 'PublishImmediately')
        problems.push(`${name}: publishBehavior is not PublishImmediately`);
      continue;
    }
    if (os.kind === 'metadata') continue;
    if (obj.sharingModel !== os.sharing)
      problems.push(`${name}: sharingModel ${String(obj.sharingModel)} != ${os.sharing}`);
    if (obj.externalSharingModel !== os.sharing)
      problems.push(`${name}: externalSharingModel ${String(obj.externalSharingModel)} != ${os.sharing}`);
    const nameField = obj.nameField as Xml | undefined;
    if (!nameField) problems.push(`${name}: nameField missing`);
    else if (os.name === 'Text') {
      if (nameField.type !== 'Text') problems.push(`${name}: name field should be Text`);
    } else if (os.name) {
      if (nameField.type !== 'AutoNumber') problems.push(`${name}: name field should be AutoNumber`);
      if (nameField.displayFormat !== os.name.autoNumber)
        problems.push(
          `${name}: auto-number format ${String(nameField.displayFormat)} != ${os.name.autoNumber}`
        );
    }
    const compact = str(obj.compactLayoutAssignment);
    if (compact && compact !== 'SYSTEM' && !layoutExists(name, compact))
      problems.push(`${name}: compactLayoutAssignment ${compact} has no compact layout file`);
    const hasMasterDetail = Object.values(os.fields).some((f) => f.type === 'MasterDetail');
    if (hasMasterDetail && os.sharing !== 'ControlledByParent')
      problems.push(`${name}: master-detail child must be ControlledByParent`);
    const tracked = Object.values(os.fields).some((f) => f.tracked);
    if (bool(obj.enableHistory) !== tracked) problems.push(`${name}: enableHistory should be ${tracked}`);
    for (const flag of ['enableBulkApi', 'enableSharing', 'enableStreamingApi'])
      if (!bool(obj[flag])) problems.push(`${name}: ${flag} must be true (required for a Private/Read OWD)`);
  }
  return problems;
}

const MONEY_NAME = /(Amount|MRR|Balance|Revenue)/;

/** Fields: presence (both ways), type, references, external ids, picklists, help, history. */
function checkFields(model: Model, spec: Record<string, ObjectSpec>): string[] {
  const problems: string[] = [];
  const childRelationships = new Map<string, string>();
  for (const [objectName, os] of Object.entries(spec)) {
    const meta = model.get(objectName) ?? { fields: new Map<string, Xml>() };
    for (const fieldName of meta.fields.keys())
      if (!(fieldName in os.fields)) problems.push(`${objectName}.${fieldName}: not in the spec`);
    let trackedCount = 0;
    for (const [fieldName, fs_] of Object.entries(os.fields)) {
      const id = `${objectName}.${fieldName}`;
      const f = meta.fields.get(fieldName);
      if (!f) {
        problems.push(`${id}: field missing`);
        continue;
      }
      if (f.fullName !== fieldName)
        problems.push(`${id}: fullName ${String(f.fullName)} does not match the file`);
      if (f.type !== fs_.type) problems.push(`${id}: type ${String(f.type)} != ${fs_.type}`);
      const label = str(f.label);
      if (!label || label.length > 40) problems.push(`${id}: label missing or longer than 40`);
      const description = str(f.description);
      if (!description || description.length > 1000) problems.push(`${id}: description missing or > 1000`);
      const help = str(f.inlineHelpText);
      if (!help || help.length > 510) problems.push(`${id}: inlineHelpText missing or > 510`);
      if (bool(f.required)) problems.push(`${id}: required fields cannot be granted in permission sets`);
      if (fs_.length !== undefined && num(f.length) !== fs_.length)
        problems.push(`${id}: length ${String(f.length)} != ${fs_.length}`);
      if (fs_.precision !== undefined && num(f.precision) !== fs_.precision)
        problems.push(`${id}: precision ${String(f.precision)} != ${fs_.precision}`);
      if (fs_.scale !== undefined && num(f.scale) !== fs_.scale)
        problems.push(`${id}: scale ${String(f.scale)} != ${fs_.scale}`);
      if (f.type === 'Number' && (num(f.precision) ?? 0) > 18) problems.push(`${id}: precision above 18`);
      if (f.type === 'Text' && (num(f.length) ?? 0) > 255) problems.push(`${id}: Text longer than 255`);
      if (f.type === 'LongTextArea') {
        if ((num(f.length) ?? 0) > 131072) problems.push(`${id}: long text above 131072`);
        if (num(f.visibleLines) === undefined) problems.push(`${id}: long text needs visibleLines`);
      }
      if (f.type === 'Checkbox' && str(f.defaultValue) === undefined)
        problems.push(`${id}: checkbox needs defaultValue`);

      // References.
      if (fs_.type === 'Lookup' || fs_.type === 'MasterDetail') {
        if (f.referenceTo !== fs_.ref)
          problems.push(`${id}: referenceTo ${String(f.referenceTo)} != ${fs_.ref}`);
        const rel = str(f.relationshipName);
        if (!rel) problems.push(`${id}: relationshipName missing`);
        else {
          const key = `${String(f.referenceTo)}.${rel}`;
          const other = childRelationships.get(key);
          if (other) problems.push(`${id}: relationshipName ${rel} already used by ${other}`);
          childRelationships.set(key, id);
        }
      }
      if (fs_.type === 'Lookup' && f.deleteConstraint !== fs_.onDelete)
        problems.push(`${id}: deleteConstraint ${String(f.deleteConstraint)} != ${fs_.onDelete}`);
      if (fs_.type === 'MasterDetail') {
        if ('required' in f) problems.push(`${id}: master-detail must not declare required`);
        if ('deleteConstraint' in f) problems.push(`${id}: master-detail must not declare deleteConstraint`);
        for (const tag of ['relationshipOrder', 'reparentableMasterDetail', 'writeRequiresMasterRead'])
          if (!(tag in f)) problems.push(`${id}: master-detail needs ${tag}`);
      }

      // External ids.
      const isExternal = bool(f.externalId);
      if (Boolean(fs_.externalId) !== isExternal)
        problems.push(`${id}: externalId should be ${Boolean(fs_.externalId)}`);
      if (isExternal || fs_.externalId) {
        if (f.type !== 'Text') problems.push(`${id}: external id must be Text`);
        if (!bool(f.unique)) problems.push(`${id}: external id must be unique`);
        if (!bool(f.caseSensitive))
          problems.push(`${id}: external id must be case-sensitive (Stripe ids are)`);
      }
      if (
        os.kind === 'custom' &&
        /^Stripe_\w+_Id__c$/.test(fieldName) &&
        !NON_UNIQUE_STRIPE_IDS.has(id) &&
        !isExternal
      )
        problems.push(`${id}: Stripe id fields must be unique external ids`);

      // Picklists.
      if (fs_.values) {
        const valueSet = f.valueSet as Xml | undefined;
        if (!valueSet || !bool(valueSet.restricted)) problems.push(`${id}: picklist must be restricted`);
        const actual = picklistValues(f);
        if (JSON.stringify(actual) !== JSON.stringify(fs_.values))
          problems.push(`${id}: picklist values [${actual.join(', ')}] != [${fs_.values.join(', ')}]`);
      } else if (f.type === 'Picklist') problems.push(`${id}: picklist without expected values in the spec`);

      // History.
      const isTracked = bool(f.trackHistory);
      if (isTracked) trackedCount++;
      if (Boolean(fs_.tracked) !== isTracked)
        problems.push(`${id}: trackHistory should be ${Boolean(fs_.tracked)}`);
      if (
        os.kind === 'custom' &&
        !HISTORY_EXEMPT.has(objectName) &&
        (fieldName === 'Status__c' || (fs_.type === 'Number' && MONEY_NAME.test(fieldName))) &&
        !fs_.tracked
      )
        problems.push(`${id}: status and amount fields must be history-tracked`);

      // Kind-specific rules.
      if (os.kind === 'event') {
        for (const tag of ['unique', 'externalId', 'trackHistory', 'caseSensitive'])
          if (bool(f[tag])) problems.push(`${id}: platform event fields cannot be ${tag}`);
      }
      if (os.kind === 'metadata') {
        const m = str(f.fieldManageability);
        if (m !== 'DeveloperControlled' && m !== 'SubscriberControlled')
          problems.push(`${id}: custom metadata field needs fieldManageability`);
      }
    }
    if (trackedCount > 20) problems.push(`${objectName}: ${trackedCount} tracked fields (max 20)`);
  }
  return problems;
}

// ------------------------------------------------------------------------------------------------
// Custom metadata record
// ------------------------------------------------------------------------------------------------

type Settings = Map<string, { type: string; value: string }>;

function loadSettings(): Settings {
  const record = readXml(
    path.join(META, 'customMetadata', 'Stripe_Settings.Default.md-meta.xml'),
    'CustomMetadata'
  );
  const settings: Settings = new Map();
  for (const v of (record.values as Xml[] | undefined) ?? []) {
    const value = (v.value as Xml[] | undefined)?.[0];
    settings.set(String(v.field), {
      type: String(value?.['@_xsi:type'] ?? ''),
      value: String(value?.['#text'] ?? '')
    });
  }
  if (record.label !== 'Default') throw new Error('the settings record must be labelled Default');
  return settings;
}

function settingValue(settings: Settings, name: string): number | boolean | string | undefined {
  const s = settings.get(name);
  if (!s) return undefined;
  if (s.type === 'xsd:double') return Number(s.value);
  if (s.type === 'xsd:boolean') return s.value === 'true';
  return s.value;
}

function checkSettings(settings: Settings, spec: ObjectSpec, expected: typeof SETTINGS_DEFAULTS): string[] {
  const problems: string[] = [];
  const xsi: Record<string, string> = { Number: 'xsd:double', Checkbox: 'xsd:boolean', Text: 'xsd:string' };
  for (const [name, fs_] of Object.entries(spec.fields)) {
    const s = settings.get(name);
    if (!s) {
      problems.push(`Default: no value for ${name}`);
      continue;
    }
    if (s.type !== xsi[fs_.type]) problems.push(`Default.${name}: xsi:type ${s.type} != ${xsi[fs_.type]}`);
    if (!(name in expected)) problems.push(`Default.${name}: no expected default in the spec`);
    else if (settingValue(settings, name) !== expected[name])
      problems.push(`Default.${name}: ${s.value} != ${String(expected[name])}`);
  }
  for (const name of settings.keys())
    if (!(name in spec.fields)) problems.push(`Default: unknown field ${name}`);
  const n = (k: string): number => Number(settingValue(settings, k));
  const hours = n('Checkout_Link_Lifetime_Hours__c');
  if (!(hours >= 0.5 && hours <= 24))
    problems.push('Default: checkout link lifetime must be 0.5 to 24 hours');
  if (!(n('Inbound_Max_Retries__c') >= 0 && n('Inbound_Max_Retries__c') <= 9))
    problems.push('Default: EventBus allows at most 9 retries');
  if (!(
    n('Churn_Critical_Below__c') < n('Churn_High_Below__c') &&
    n('Churn_High_Below__c') < n('Churn_Medium_Below__c')
  ))
    problems.push('Default: churn thresholds must ascend Critical < High < Medium');
  if (!(
    n('Dunning_Warning_After_Days__c') < n('Dunning_Final_Notice_After_Days__c') &&
    n('Dunning_Final_Notice_After_Days__c') < n('Dunning_Collections_After_Days__c')
  ))
    problems.push('Default: dunning escalation days must ascend');
  for (const k of ['Dunning_Batch_Size__c', 'Rollup_Batch_Size__c'])
    if (!(n(k) >= 1 && n(k) <= 2000)) problems.push(`Default: ${k} must be 1..2000`);
  if (!(n('Sync_Batch_Size__c') >= 1 && n('Sync_Batch_Size__c') <= 100))
    problems.push('Default: Sync_Batch_Size__c must stay within 100 callouts');
  return problems;
}

// ------------------------------------------------------------------------------------------------
// Credentials
// ------------------------------------------------------------------------------------------------

const SECRET_PATTERNS: RegExp[] = [
  /\b[sr]k_(live|test)_[0-9A-Za-z]{8,}/, // Stripe secret / restricted keys
  /\bwhsec_[0-9A-Za-z]{8,}/, // webhook signing secrets
  /Bearer\s+[A-Za-z0-9_]{16,}/, // a literal bearer token instead of a formula
  /-----BEGIN [A-Z ]*PRIVATE KEY-----/
];

function findSecrets(files: { file: string; text: string }[]): string[] {
  const problems: string[] = [];
  for (const { file, text } of files)
    for (const p of SECRET_PATTERNS)
      if (p.test(text)) problems.push(`${file}: secret-looking value (${p.source})`);
  return problems;
}

function filesUnder(dir: string, accept: (f: string) => boolean): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { recursive: true, withFileTypes: true }).flatMap((e) => {
    const full = path.join(e.parentPath, e.name);
    return e.isFile() && accept(full) ? [full] : [];
  });
}

function checkCredentials(ec: Xml, nc: Xml): string[] {
  const problems: string[] = [];
  if (ec.authenticationProtocol !== 'Custom')
    problems.push('Stripe external credential: protocol must be Custom');
  const params = (ec.externalCredentialParameters as Xml[] | undefined) ?? [];
  const principals = params.filter((p) => p.parameterType === 'NamedPrincipal');
  if (principals.length !== 1 || principals[0]?.parameterName !== 'StripeApiKey')
    problems.push('Stripe external credential: exactly one NamedPrincipal, StripeApiKey');
  const header = params.find((p) => p.parameterType === 'AuthHeader' && p.parameterName === 'Authorization');
  const formula = str(header?.parameterValue) ?? '';
  if (!/^\{!.*'Bearer '.*\$Credential\.Stripe\.ApiKey.*\}$/.test(formula))
    problems.push(
      'Stripe external credential: Authorization header must be a Bearer formula over $Credential.Stripe.ApiKey'
    );
  for (const p of params)
    if (p.parameterType !== 'AuthHeader' && 'parameterValue' in p)
      problems.push(
        `Stripe external credential: ${String(p.parameterName)} must not carry a value in source`
      );

  if (nc.namedCredentialType !== 'SecuredEndpoint')
    problems.push('Stripe named credential: must be SecuredEndpoint');
  if ('endpoint' in nc)
    problems.push('Stripe named credential: <endpoint> is Legacy-only; use a Url parameter');
  const ncParams = (nc.namedCredentialParameters as Xml[] | undefined) ?? [];
  const url = ncParams.find((p) => p.parameterType === 'Url');
  if (url?.parameterValue !== 'https://api.stripe.com')
    problems.push('Stripe named credential: Url must be https://api.stripe.com');
  const auth = ncParams.find((p) => p.parameterType === 'Authentication');
  if (auth?.externalCredential !== 'Stripe')
    problems.push('Stripe named credential: must authenticate with external credential Stripe');
  if (nc.generateAuthorizationHeader !== 'false')
    problems.push(
      'Stripe named credential: generateAuthorizationHeader must be false (the AuthHeader supplies it)'
    );
  if (nc.allowMergeFieldsInHeader !== 'true')
    problems.push('Stripe named credential: allowMergeFieldsInHeader must be true');
  return problems;
}

// ------------------------------------------------------------------------------------------------
// Sample data
// ------------------------------------------------------------------------------------------------

type SampleRecord = Record<string, unknown> & { attributes: { type: string; referenceId: string } };
type Sample = Map<string, SampleRecord[]>;
interface PlanEntry {
  sobject: string;
  files: string[];
}

function loadSample(): { plan: PlanEntry[]; sample: Sample } {
  const plan = JSON.parse(fs.readFileSync(path.join(DATA, 'sample-plan.json'), 'utf8')) as PlanEntry[];
  const sample: Sample = new Map();
  for (const entry of plan) {
    const records: SampleRecord[] = [];
    for (const file of entry.files) {
      const parsed = JSON.parse(fs.readFileSync(path.join(DATA, file), 'utf8')) as {
        records: SampleRecord[];
      };
      records.push(...parsed.records);
    }
    sample.set(entry.sobject, records);
  }
  return { plan, sample };
}

/** Fields exist, types fit, references resolve to earlier records of the right object. */
function checkSampleShape(plan: PlanEntry[], sample: Sample, spec: Record<string, ObjectSpec>): string[] {
  const problems: string[] = [];
  const refs = new Map<string, string>();
  for (const entry of plan) {
    const os = spec[entry.sobject];
    if (!os) {
      problems.push(`plan: ${entry.sobject} is not in the data model`);
      continue;
    }
    const standard = STANDARD_SAMPLE_FIELDS[entry.sobject] ?? {};
    for (const r of sample.get(entry.sobject) ?? []) {
      const rid = r.attributes.referenceId;
      if (r.attributes.type !== entry.sobject)
        problems.push(`${rid}: type ${r.attributes.type} in ${entry.sobject} file`);
      if (refs.has(rid)) problems.push(`${rid}: duplicate referenceId`);
      for (const [field, value] of Object.entries(r)) {
        if (field === 'attributes') continue;
        const id = `${rid}.${field}`;
        const fs_ = os.fields[field];
        const isName = field === 'Name' && os.kind === 'custom';
        if (isName) {
          if (os.name !== 'Text') problems.push(`${id}: auto-number names are not set in import data`);
          continue;
        }
        if (!fs_ && !(field in standard)) {
          problems.push(`${id}: no such field on ${entry.sobject}`);
          continue;
        }
        const target = fs_ ? fs_.ref : standard[field];
        if (target) {
          const ref = typeof value === 'string' && value.startsWith('@') ? value.slice(1) : undefined;
          if (!ref) problems.push(`${id}: reference must be @referenceId`);
          else if (refs.get(ref) !== target)
            problems.push(`${id}: @${ref} is not an earlier ${target} record`);
          continue;
        }
        if (!fs_) continue;
        if (fs_.values && !fs_.values.includes(String(value)))
          problems.push(`${id}: '${String(value)}' is not a picklist value`);
        if (
          (fs_.type === 'Text' || fs_.type === 'LongTextArea') &&
          (typeof value !== 'string' || value.length > (fs_.length ?? 255))
        )
          problems.push(`${id}: text missing or too long`);
        if (
          fs_.type === 'Url' &&
          (typeof value !== 'string' || !/^https:\/\//.test(value) || value.length > 255)
        )
          problems.push(`${id}: not an https URL of at most 255 characters`);
        if (fs_.type === 'Checkbox' && typeof value !== 'boolean')
          problems.push(`${id}: checkbox must be boolean`);
        if (fs_.type === 'Number') {
          if (typeof value !== 'number') problems.push(`${id}: number expected`);
          else {
            const [int = '', dec = ''] = Math.abs(value).toString().split('.');
            if (dec.length > (fs_.scale ?? 0)) problems.push(`${id}: more than ${fs_.scale ?? 0} decimals`);
            if (int.length > (fs_.precision ?? 18) - (fs_.scale ?? 0))
              problems.push(`${id}: too many digits`);
          }
        }
        if (
          fs_.type === 'DateTime' &&
          (typeof value !== 'string' || Number.isNaN(Date.parse(value)) || !value.endsWith('Z'))
        )
          problems.push(`${id}: UTC ISO date-time expected`);
        if (fs_.type === 'Date' && (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)))
          problems.push(`${id}: YYYY-MM-DD expected`);
        if (field === 'Currency__c' || field === 'MRR_Currency__c')
          if (!/^[a-z]{3}$/.test(String(value))) problems.push(`${id}: lowercase ISO currency expected`);
      }
      refs.set(rid, entry.sobject);
    }
  }
  return problems;
}

const n = (r: SampleRecord | undefined, f: string): number =>
  typeof r?.[f] === 'number' ? (r[f] as number) : 0;
const s = (r: SampleRecord | undefined, f: string): string | undefined =>
  typeof r?.[f] === 'string' ? (r[f] as string) : undefined;
const near = (a: number, b: number, eps = 0.011): boolean => Math.abs(a - b) < eps;
const ref = (r: SampleRecord, f: string): string | undefined => s(r, f)?.slice(1);

/** Coverage of status values, currencies and Stripe ids. */
function checkSampleCoverage(sample: Sample, spec: Record<string, ObjectSpec>): string[] {
  const problems: string[] = [];
  for (const key of SAMPLE_COVERAGE) {
    const [objectName = '', fieldName = ''] = key.split('.');
    const expected = spec[objectName]?.fields[fieldName]?.values ?? [];
    const seen = new Set((sample.get(objectName) ?? []).map((r) => r[fieldName]));
    const missing = expected.filter((v) => !seen.has(v));
    if (expected.length === 0 || missing.length > 0)
      problems.push(`${key}: sample data lacks ${missing.join(', ') || 'values'}`);
  }
  const currencies = new Set(
    (sample.get('Stripe_Customer__c') ?? []).map((r) => s(r, 'Currency__c')).filter(Boolean)
  );
  if (currencies.size < 3) problems.push('sample customers should bill in at least three currencies');
  if (![...currencies].some((c) => ZERO_DECIMAL_SAMPLE_CURRENCIES.has(String(c))))
    problems.push('sample customers need a zero-decimal currency');
  const prefixes: Record<string, string> = {
    Stripe_Customer_Id__c: 'cus_',
    Stripe_Subscription_Id__c: 'sub_',
    Stripe_Invoice_Id__c: 'in_',
    Stripe_Payment_Intent_Id__c: 'pi_',
    Stripe_Price_Id__c: 'price_',
    Stripe_Product_Id__c: 'prod_',
    Session_Id__c: 'cs_',
    Event_Id__c: 'evt_'
  };
  for (const [objectName, records] of sample) {
    for (const [field, prefix] of Object.entries(prefixes)) {
      if (!spec[objectName]?.fields[field]) continue;
      const ids = records.map((r) => s(r, field)).filter((v): v is string => v !== undefined);
      for (const id of ids)
        if (!id.startsWith(prefix)) problems.push(`${objectName}.${field}: '${id}' lacks ${prefix}`);
      if (spec[objectName]?.fields[field]?.externalId && new Set(ids).size !== ids.length)
        problems.push(`${objectName}.${field}: duplicate Stripe ids`);
    }
    for (const r of records)
      if (ZERO_DECIMAL_SAMPLE_CURRENCIES.has(String(r.Currency__c)))
        for (const [field, fs_] of Object.entries(spec[objectName]?.fields ?? {}))
          if (fs_.type === 'Number' && MONEY_NAME.test(field) && !Number.isInteger(n(r, field)))
            problems.push(`${r.attributes.referenceId}.${field}: zero-decimal amount with decimals`);
  }
  return problems;
}

const PER_MONTH: Record<string, number> = { day: 365 / 12, week: 52 / 12, month: 1, year: 1 / 12 };
const COUNTING = new Set(['active', 'past_due', 'trialing']);

/** DESIGN's finance rules hold between the sample records. */
function checkSampleFinance(sample: Sample, settings: Settings): string[] {
  const problems: string[] = [];
  const get = (o: string): SampleRecord[] => sample.get(o) ?? [];
  const byRef = new Map<string, SampleRecord>();
  for (const records of sample.values()) for (const r of records) byRef.set(r.attributes.referenceId, r);
  const setting = (k: string): number => Number(settingValue(settings, k));
  const trialingCounts = settingValue(settings, 'Trialing_Counts_In_MRR__c') === true;

  // Subscriptions: MRR normalisation, plan consistency, tier pricing.
  for (const sub of get('Stripe_Subscription__c')) {
    const id = sub.attributes.referenceId;
    const plan = byRef.get(ref(sub, 'Pricing_Plan__c') ?? '');
    const interval = s(sub, 'Interval__c') ?? '';
    const monthly =
      (n(sub, 'Amount__c') * n(sub, 'Quantity__c') * (PER_MONTH[interval] ?? NaN)) /
      n(sub, 'Interval_Count__c');
    const expected = COUNTING.has(String(sub.Status__c)) ? monthly : 0;
    if (!near(n(sub, 'MRR__c'), expected))
      problems.push(`${id}: MRR ${n(sub, 'MRR__c')} != ${expected.toFixed(2)}`);
    for (const f of ['Currency__c', 'Interval__c', 'Interval_Count__c'])
      if (plan && sub[f] !== plan[f]) problems.push(`${id}: ${f} differs from its pricing plan`);
    if (plan && plan.Billing_Scheme__c === 'per_unit' && n(sub, 'Amount__c') !== n(plan, 'Unit_Amount__c'))
      problems.push(`${id}: amount differs from the plan unit amount`);
    if (plan && plan.Billing_Scheme__c === 'tiered') {
      const tiers = get('Pricing_Tier__c')
        .filter((t) => ref(t, 'Pricing_Plan__c') === plan.attributes.referenceId)
        .sort((a, b) =>
          a.Up_To__c === undefined ? 1 : b.Up_To__c === undefined ? -1 : n(a, 'Up_To__c') - n(b, 'Up_To__c')
        );
      const qty = n(sub, 'Quantity__c');
      let total = 0;
      if (plan.Tiers_Mode__c === 'volume') {
        const tier = tiers.find((t) => t.Up_To__c === undefined || qty <= n(t, 'Up_To__c'));
        total = qty * n(tier, 'Unit_Amount__c') + n(tier, 'Flat_Amount__c');
      } else {
        let from = 0;
        for (const t of tiers) {
          if (qty <= from) break;
          const upTo = t.Up_To__c === undefined ? Infinity : n(t, 'Up_To__c');
          total += (Math.min(qty, upTo) - from) * n(t, 'Unit_Amount__c') + n(t, 'Flat_Amount__c');
          from = upTo;
        }
      }
      if (!near(n(sub, 'Amount__c') * qty, total))
        problems.push(`${id}: amount x quantity != tier price ${total}`);
    }
  }

  // Invoices: arithmetic and the dunning ladder as of SAMPLE_AS_OF.
  const asOf = Date.parse(SAMPLE_AS_OF);
  const stageIndex = (stage: unknown): number =>
    DUNNING_STAGES.indexOf(stage as (typeof DUNNING_STAGES)[number]);
  for (const inv of get('Stripe_Invoice__c')) {
    const id = inv.attributes.referenceId;
    if (!near(n(inv, 'Amount_Remaining__c'), n(inv, 'Amount_Due__c') - n(inv, 'Amount_Paid__c')))
      problems.push(`${id}: remaining != due - paid`);
    const status = inv.Status__c;
    if (status === 'paid' && n(inv, 'Amount_Paid__c') !== n(inv, 'Amount_Due__c'))
      problems.push(`${id}: paid but not fully`);
    let expected = 0;
    if (status === 'uncollectible') expected = 4;
    else if (status === 'open') {
      const days = Math.floor((asOf - Date.parse(`${s(inv, 'Due_Date__c')}T00:00:00Z`)) / 86400000);
      const byAttempts = Math.min(4, n(inv, 'Attempt_Count__c'));
      const byDays =
        days >= setting('Dunning_Collections_After_Days__c')
          ? 4
          : days >= setting('Dunning_Final_Notice_After_Days__c')
            ? 3
            : days >= setting('Dunning_Warning_After_Days__c')
              ? 2
              : 0;
      expected = Math.max(byAttempts, byDays);
    }
    if (stageIndex(inv.Dunning_Stage__c) !== expected)
      problems.push(`${id}: dunning stage ${String(inv.Dunning_Stage__c)} != ${DUNNING_STAGES[expected]}`);
    const customer = byRef.get(ref(inv, 'Stripe_Customer__c') ?? '');
    if (customer && customer.Currency__c !== inv.Currency__c)
      problems.push(`${id}: currency differs from its customer`);
    const sub = byRef.get(ref(inv, 'Stripe_Subscription__c') ?? '');
    if (sub && ref(sub, 'Stripe_Customer__c') !== ref(inv, 'Stripe_Customer__c'))
      problems.push(`${id}: subscription of another customer`);
  }
  for (const pay of get('Payment_Transaction__c')) {
    const id = pay.attributes.referenceId;
    const customer = byRef.get(ref(pay, 'Stripe_Customer__c') ?? '');
    if (customer && customer.Currency__c !== pay.Currency__c)
      problems.push(`${id}: currency differs from its customer`);
    const inv = byRef.get(ref(pay, 'Stripe_Invoice__c') ?? '');
    if (inv && ref(inv, 'Stripe_Customer__c') !== ref(pay, 'Stripe_Customer__c'))
      problems.push(`${id}: invoice of another customer`);
    const refunded = n(pay, 'Refunded_Amount__c');
    const st = pay.Status__c;
    if (st === 'refunded' && refunded !== n(pay, 'Amount__c')) problems.push(`${id}: refunded but not fully`);
    if (st === 'partially_refunded' && !(refunded > 0 && refunded < n(pay, 'Amount__c')))
      problems.push(`${id}: partial refund amount`);
    if (st !== 'refunded' && st !== 'partially_refunded' && refunded !== 0)
      problems.push(`${id}: refund on a ${String(st)} payment`);
    if (st === 'failed' && !s(pay, 'Failure_Code__c'))
      problems.push(`${id}: failed payment without failure code`);
  }

  // Customers: rollups of their subscriptions, invoices and payments; churn band of health.
  const band = (h: number): string =>
    h < setting('Churn_Critical_Below__c')
      ? 'Critical'
      : h < setting('Churn_High_Below__c')
        ? 'High'
        : h < setting('Churn_Medium_Below__c')
          ? 'Medium'
          : 'Low';
  for (const c of get('Stripe_Customer__c')) {
    const id = c.attributes.referenceId;
    const subs = get('Stripe_Subscription__c').filter((x) => ref(x, 'Stripe_Customer__c') === id);
    const mrr = subs
      .filter((x) => x.Status__c !== 'trialing' || trialingCounts)
      .reduce((a, x) => a + n(x, 'MRR__c'), 0);
    const trial = subs.filter((x) => x.Status__c === 'trialing').reduce((a, x) => a + n(x, 'MRR__c'), 0);
    if (!near(n(c, 'MRR__c'), mrr))
      problems.push(`${id}: MRR ${n(c, 'MRR__c')} != sum of subscriptions ${mrr.toFixed(2)}`);
    if (!near(n(c, 'Trial_MRR__c'), trial))
      problems.push(`${id}: Trial MRR != trialing subscriptions ${trial.toFixed(2)}`);
    for (const x of subs)
      if (x.Currency__c !== c.Currency__c)
        problems.push(`${x.attributes.referenceId}: currency differs from its customer`);
    const pays = get('Payment_Transaction__c').filter((x) => ref(x, 'Stripe_Customer__c') === id);
    const lifetime = pays
      .filter((x) => ['succeeded', 'refunded', 'partially_refunded'].includes(String(x.Status__c)))
      .reduce((a, x) => a + n(x, 'Amount__c') - n(x, 'Refunded_Amount__c'), 0);
    if (!near(n(c, 'Lifetime_Revenue__c'), lifetime))
      problems.push(`${id}: lifetime revenue != net collected ${lifetime}`);
    const worst = get('Stripe_Invoice__c')
      .filter(
        (x) =>
          ref(x, 'Stripe_Customer__c') === id && (x.Status__c === 'open' || x.Status__c === 'uncollectible')
      )
      .reduce((w, x) => Math.max(w, stageIndex(x.Dunning_Stage__c)), 0);
    if (stageIndex(c.Dunning_Stage__c) !== worst)
      problems.push(`${id}: dunning stage != worst open invoice ${DUNNING_STAGES[worst]}`);
    if (typeof c.Health_Score__c === 'number') {
      if (c.Health_Score__c < 0 || c.Health_Score__c > 100) problems.push(`${id}: health outside 0..100`);
      if (c.Churn_Risk__c !== band(c.Health_Score__c))
        problems.push(`${id}: churn risk ${String(c.Churn_Risk__c)} != ${band(c.Health_Score__c)}`);
    }
  }

  // Accounts: sums of their customers, in one currency.
  for (const a of get('Account')) {
    const id = a.attributes.referenceId;
    const customers = get('Stripe_Customer__c').filter(
      (c) => ref(c, 'Account__c') === id && c.Currency__c !== undefined
    );
    const currencies = new Set(customers.map((c) => c.Currency__c));
    if (currencies.size > 1) problems.push(`${id}: sample accounts keep one billing currency`);
    if (customers.length > 0 && a.MRR_Currency__c !== customers[0]?.Currency__c)
      problems.push(`${id}: MRR currency != customer currency`);
    const mrr = customers.reduce((x, c) => x + n(c, 'MRR__c'), 0);
    if (!near(n(a, 'MRR__c'), mrr)) problems.push(`${id}: MRR != sum of customers ${mrr}`);
    if (!near(n(a, 'ARR__c'), n(a, 'MRR__c') * 12)) problems.push(`${id}: ARR != 12 x MRR`);
    if (
      !near(
        n(a, 'Trial_MRR__c'),
        customers.reduce((x, c) => x + n(c, 'Trial_MRR__c'), 0)
      )
    )
      problems.push(`${id}: Trial MRR != sum`);
    const healths = customers.map((c) => c.Health_Score__c).filter((h): h is number => typeof h === 'number');
    if (healths.length > 0 && a.Health_Score__c !== Math.min(...healths))
      problems.push(`${id}: health != lowest customer health`);
    if (typeof a.Health_Score__c === 'number' && a.Churn_Risk__c !== band(a.Health_Score__c))
      problems.push(`${id}: churn risk != band of health`);
  }
  return problems;
}

// ------------------------------------------------------------------------------------------------
// Tests
// ------------------------------------------------------------------------------------------------

const model = loadModel();
const settings = loadSettings();
const settingsSpec = DATA_MODEL.Stripe_Settings__mdt as ObjectSpec;
const ec = readXml(
  path.join(META, 'externalCredentials', 'Stripe.externalCredential-meta.xml'),
  'ExternalCredential'
);
const nc = readXml(path.join(META, 'namedCredentials', 'Stripe.namedCredential-meta.xml'), 'NamedCredential');
const { plan, sample } = loadSample();

/** A deep copy of the model with one field changed (or removed with `undefined`). */
function mutate(objectName: string, fieldName: string, change: (f: Xml) => Xml | undefined): Model {
  const copy = structuredClone(model);
  const meta = copy.get(objectName);
  const field = meta?.fields.get(fieldName);
  assert.ok(meta && field, `fixture field ${objectName}.${fieldName} exists`);
  const next = change(field);
  if (next) meta.fields.set(fieldName, next);
  else meta.fields.delete(fieldName);
  return copy;
}
const has = (problems: string[], fragment: string): boolean => problems.some((p) => p.includes(fragment));

describe('metadata', () => {
  test('every XML file of the data model is well-formed', () => {
    const dirs = ['objects', 'customMetadata', 'externalCredentials', 'namedCredentials'].map((d) =>
      path.join(META, d)
    );
    const files = dirs.flatMap((d) => filesUnder(d, (f) => f.endsWith('.xml')));
    assert.ok(files.length > 100, `expected the data model files, found ${files.length}`);
    const bad = files.filter((f) => XMLValidator.validate(fs.readFileSync(f, 'utf8')) !== true);
    assert.deepEqual(bad, []);
  });

  test('objects have the intended name field, sharing model, history and event settings', () => {
    assert.deepEqual(checkObjects(model, DATA_MODEL), []);
  });

  test('every field of the spec exists with its type, references, picklist values, help and history', () => {
    assert.deepEqual(checkFields(model, DATA_MODEL), []);
  });

  test('the Default Stripe_Settings__mdt record holds every tunable with DESIGN defaults', () => {
    assert.deepEqual(checkSettings(settings, settingsSpec, SETTINGS_DEFAULTS), []);
  });

  test('the Stripe credentials authenticate with a Bearer formula and hold no secret', () => {
    assert.deepEqual(checkCredentials(ec, nc), []);
    const dirs = ['externalCredentials', 'namedCredentials', 'customMetadata', 'objects'].map((d) =>
      path.join(META, d)
    );
    const files = [...dirs.flatMap((d) => filesUnder(d, () => true)), ...filesUnder(DATA, () => true)];
    assert.deepEqual(findSecrets(files.map((file) => ({ file, text: fs.readFileSync(file, 'utf8') }))), []);
  });
});

describe('sample data', () => {
  test('only references fields that exist, with valid values and resolvable references', () => {
    assert.equal(plan.length, new Set(plan.map((p) => p.sobject)).size);
    for (const entry of plan)
      for (const file of entry.files) assert.ok(fs.existsSync(path.join(DATA, file)), file);
    assert.deepEqual(checkSampleShape(plan, sample, DATA_MODEL), []);
  });

  test('covers every status value, several currencies incl. a zero-decimal one, and well-formed Stripe ids', () => {
    assert.deepEqual(checkSampleCoverage(sample, DATA_MODEL), []);
  });

  test('is consistent with the finance rules (MRR, tiers, dunning ladder, rollups, churn bands)', () => {
    assert.deepEqual(checkSampleFinance(sample, settings), []);
  });

  test('the contact link script only names fields of the model', () => {
    const apex = fs.readFileSync(path.join(DATA, 'link-primary-customers.apex'), 'utf8');
    const known = new Set(
      Object.values(DATA_MODEL)
        .flatMap((o) => Object.keys(o.fields))
        .concat(Object.keys(DATA_MODEL))
    );
    const used = [...apex.matchAll(/\b(\w+__[cr])\b/g)].map((m) => (m[1] ?? '').replace(/__r$/, '__c'));
    assert.ok(used.length > 0);
    assert.deepEqual(
      used.filter((u) => !known.has(u)),
      []
    );
  });
});

describe('the checks catch real breakage', () => {
  test('a missing field', () => {
    const broken = mutate('Stripe_Invoice__c', 'Amount_Due__c', () => undefined);
    assert.ok(has(checkFields(broken, DATA_MODEL), 'Stripe_Invoice__c.Amount_Due__c: field missing'));
  });

  test('a field that is not in the spec', () => {
    const copy = structuredClone(model);
    copy.get('Stripe_Customer__c')?.fields.set('Surprise__c', { fullName: 'Surprise__c', type: 'Text' });
    assert.ok(has(checkFields(copy, DATA_MODEL), 'Stripe_Customer__c.Surprise__c: not in the spec'));
  });

  test('a wrong type and a wrong lookup target or delete rule', () => {
    const typed = mutate('Stripe_Subscription__c', 'MRR__c', (f) => ({ ...f, type: 'Currency' }));
    assert.ok(has(checkFields(typed, DATA_MODEL), 'MRR__c: type Currency != Number'));
    const target = mutate('Stripe_Invoice__c', 'Stripe_Customer__c', (f) => ({
      ...f,
      referenceTo: 'Account'
    }));
    assert.ok(has(checkFields(target, DATA_MODEL), 'referenceTo Account != Stripe_Customer__c'));
    const cascade = mutate('Payment_Transaction__c', 'Stripe_Invoice__c', (f) => ({
      ...f,
      deleteConstraint: 'SetNull'
    }));
    assert.ok(has(checkFields(cascade, DATA_MODEL), 'deleteConstraint SetNull != Restrict'));
  });

  test('a master-detail that declares required or deleteConstraint', () => {
    const broken = mutate('Pricing_Tier__c', 'Pricing_Plan__c', (f) => ({
      ...f,
      required: 'false',
      deleteConstraint: 'Restrict'
    }));
    const problems = checkFields(broken, DATA_MODEL);
    assert.ok(has(problems, 'must not declare required'));
    assert.ok(has(problems, 'must not declare deleteConstraint'));
  });

  test('a Stripe id that is not unique or not case-sensitive', () => {
    const broken = mutate('Stripe_Customer__c', 'Stripe_Customer_Id__c', (f) => ({
      ...f,
      caseSensitive: 'false',
      unique: 'false'
    }));
    const problems = checkFields(broken, DATA_MODEL);
    assert.ok(has(problems, 'must be case-sensitive'));
    assert.ok(has(problems, 'must be unique'));
  });

  test('an unrestricted picklist or one with a value missing', () => {
    const unrestricted = mutate('Stripe_Subscription__c', 'Status__c', (f) => ({
      ...f,
      valueSet: { ...(f.valueSet as Xml), restricted: 'false' }
    }));
    assert.ok(has(checkFields(unrestricted, DATA_MODEL), 'picklist must be restricted'));
    const short = mutate('Stripe_Subscription__c', 'Status__c', (f) => {
      const valueSet = structuredClone(f.valueSet as Xml);
      const def = valueSet.valueSetDefinition as Xml;
      def.value = (def.value as Xml[]).filter((v) => v.fullName !== 'paused');
      return { ...f, valueSet };
    });
    assert.ok(has(checkFields(short, DATA_MODEL), 'Stripe_Subscription__c.Status__c: picklist values'));
  });

  test('missing help text and untracked status history', () => {
    const noHelp = mutate('Stripe_Customer__c', 'Email__c', (f) => {
      const { inlineHelpText: _drop, ...rest } = f;
      return rest;
    });
    assert.ok(has(checkFields(noHelp, DATA_MODEL), 'Email__c: inlineHelpText missing'));
    const untracked = mutate('Stripe_Invoice__c', 'Status__c', (f) => ({ ...f, trackHistory: 'false' }));
    assert.ok(
      has(checkFields(untracked, DATA_MODEL), 'Stripe_Invoice__c.Status__c: trackHistory should be true')
    );
  });

  test('a wrong auto-number format, a missing compact layout and a wrong publish behaviour', () => {
    const copy = structuredClone(model);
    const sub = copy.get('Stripe_Subscription__c')?.object as Xml;
    sub.nameField = { ...(sub.nameField as Xml), displayFormat: 'S-{0}' };
    const event = copy.get('Stripe_Event__e')?.object as Xml;
    event.publishBehavior = 'PublishAfterCommit';
    const problems = checkObjects(copy, DATA_MODEL, () => false);
    assert.ok(has(problems, 'auto-number format S-{0} != SUB-{00000}'));
    assert.ok(has(problems, 'Stripe_Subscription__c: compactLayoutAssignment'));
    assert.ok(has(problems, 'publishBehavior is not PublishImmediately'));
  });

  test('a settings record with a value missing or changed', () => {
    const copy: Settings = new Map(settings);
    copy.delete('Health_Past_Due_Penalty__c');
    copy.set('Churn_Critical_Below__c', { type: 'xsd:double', value: '60' });
    const problems = checkSettings(copy, settingsSpec, SETTINGS_DEFAULTS);
    assert.ok(has(problems, 'no value for Health_Past_Due_Penalty__c'));
    assert.ok(has(problems, 'churn thresholds must ascend'));
  });

  test('a secret in credential metadata and a hard-coded header', () => {
    const fakeKey = ['sk', 'live', 'a1B2c3D4e5F6g7H8i9J0'].join('_');
    assert.equal(
      findSecrets([{ file: 'x.xml', text: `<parameterValue>${fakeKey}</parameterValue>` }]).length,
      1
    );
    const params = (ec.externalCredentialParameters as Xml[]).map((p) =>
      p.parameterType === 'AuthHeader' ? { ...p, parameterValue: 'Bearer literal' } : p
    );
    assert.ok(has(checkCredentials({ ...ec, externalCredentialParameters: params }, nc), 'Bearer formula'));
  });

  test('sample data naming an unknown field, a bad reference or an auto-number name', () => {
    const copy: Sample = structuredClone(sample);
    const sub = copy.get('Stripe_Subscription__c')?.[0];
    assert.ok(sub);
    sub.Discount__c = 5;
    sub.Name = 'SUB-00001';
    sub.Pricing_Plan__c = '@CustNorthwind';
    const problems = checkSampleShape(plan, copy, DATA_MODEL);
    assert.ok(has(problems, 'Discount__c: no such field'));
    assert.ok(has(problems, 'auto-number names are not set'));
    assert.ok(has(problems, 'is not an earlier Pricing_Plan__c record'));
  });

  test('sample data missing a status value or with inconsistent MRR', () => {
    const copy: Sample = structuredClone(sample);
    const subs = copy.get('Stripe_Subscription__c') ?? [];
    copy.set(
      'Stripe_Subscription__c',
      subs.filter((r) => r.Status__c !== 'paused')
    );
    assert.ok(
      has(checkSampleCoverage(copy, DATA_MODEL), 'Stripe_Subscription__c.Status__c: sample data lacks paused')
    );
    const active = (sample.get('Stripe_Subscription__c') ?? []).find((r) => r.Status__c === 'active');
    assert.ok(active);
    const skewed: Sample = structuredClone(sample);
    const target = skewed
      .get('Stripe_Subscription__c')
      ?.find((r) => r.attributes.referenceId === active.attributes.referenceId);
    assert.ok(target);
    target.Quantity__c = n(target, 'Quantity__c') + 1;
    assert.ok(has(checkSampleFinance(skewed, settings), `${active.attributes.referenceId}: MRR`));
  });
});
