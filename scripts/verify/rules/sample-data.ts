/**
 * Rule sample-data: the sample records under scripts/data fit the data model (fields exist, values of
 * the right type and picklist, references to earlier records of the right object), cover every
 * status value and several currencies with well-formed Stripe ids, and agree with the finance rules
 * (MRR, tier pricing, dunning ladder, rollups, churn bands); the contact link script names only
 * fields of the model.
 */
import fs from 'node:fs';
import path from 'node:path';
import {
  DATA_MODEL,
  DUNNING_STAGES,
  SAMPLE_AS_OF,
  SAMPLE_COVERAGE,
  STANDARD_SAMPLE_FIELDS,
  ZERO_DECIMAL_SAMPLE_CURRENCIES,
  type ObjectSpec
} from '../../spec/data-model.js';
import {
  dataDir,
  loadSample,
  loadSettings,
  SampleFileError,
  n,
  near,
  ref,
  s,
  settingValue,
  type PlanEntry,
  type Sample,
  type SampleRecord,
  type Settings
} from '../data-model/model.js';
import { projectIndex } from '../metadata/project-index.js';
import type { Finding } from '../findings.js';
import { MONEY_NAME } from './data-model-fields.js';
import { lineFor } from './problems.js';
import { result, type Rule } from './rule.js';

export const RULE = 'sample-data';

export function checkSampleShape(
  plan: PlanEntry[],
  sample: Sample,
  spec: Record<string, ObjectSpec>
): string[] {
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

export function checkSampleCoverage(sample: Sample, spec: Record<string, ObjectSpec>): string[] {
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

export function checkSampleFinance(sample: Sample, settings: Settings): string[] {
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

/** Model names (objects, custom fields, relationships) the contact link script uses that do not exist. */
export function checkLinkScript(apex: string, spec: Record<string, ObjectSpec>): string[] {
  const known = new Set(
    Object.values(spec)
      .flatMap((o) => Object.keys(o.fields))
      .concat(Object.keys(spec))
  );
  const used = [...apex.matchAll(/\b(\w+__[cr])\b/g)].map((m) => (m[1] ?? '').replace(/__r$/, '__c'));
  if (used.length === 0) return ['link-primary-customers.apex: names no field of the model'];
  return used
    .filter((u) => !known.has(u))
    .map((u) => `link-primary-customers.apex: ${u} is not in the model`);
}

/** The data file holding a record (by its referenceId), for pinning a problem to it. */
function fileOfProblem(root: string, plan: PlanEntry[], problem: string): string {
  const data = dataDir(root);
  const subject = problem.slice(0, problem.indexOf(':')).split('.')[0] ?? '';
  if (subject.endsWith('.apex') || subject === 'link-primary-customers')
    return path.join(data, 'link-primary-customers.apex');
  for (const entry of plan)
    for (const file of entry.files) {
      const full = path.join(data, file);
      if (entry.sobject === subject || fs.readFileSync(full, 'utf8').includes(`"${subject}"`)) return full;
    }
  return path.join(data, 'sample-plan.json');
}

export const sampleDataRule: Rule = {
  name: RULE,
  check: (root) => {
    const index = projectIndex(root);
    if (index.parseErrors.length > 0) return result(index.parseErrors);
    const data = dataDir(root);
    let loaded: { plan: PlanEntry[]; sample: Sample };
    let settings: Settings;
    try {
      loaded = loadSample(root);
      settings = loadSettings(root);
    } catch (error) {
      const file = error instanceof SampleFileError ? error.file : path.join(data, 'sample-plan.json');
      const message = error instanceof SampleFileError ? error.reason : (error as Error).message;
      return result([{ file, line: 1, message, rule: RULE }]);
    }
    const { plan, sample } = loaded;
    const findings: Finding[] = [];
    if (plan.length !== new Set(plan.map((p) => p.sobject)).size)
      findings.push({
        file: path.join(data, 'sample-plan.json'),
        line: 1,
        message: 'an object appears twice in the plan',
        rule: RULE
      });
    const problems = [
      ...checkSampleShape(plan, sample, DATA_MODEL),
      ...checkSampleCoverage(sample, DATA_MODEL),
      ...checkSampleFinance(sample, settings),
      ...checkLinkScript(fs.readFileSync(path.join(data, 'link-primary-customers.apex'), 'utf8'), DATA_MODEL)
    ];
    for (const message of problems) {
      const file = fileOfProblem(root, plan, message);
      findings.push({ file, line: lineFor(file, message), message, rule: RULE });
    }
    return result(findings);
  }
};
