/**
 * The data-model rules (data-model-objects, data-model-fields, settings-defaults, stripe-credentials,
 * sample-data), tested like ESLint rules: the project is the passing sample, and each failing sample
 * is a copy of it broken on purpose; the rule must name the breakage (at its file and line when it
 * runs as a gate), so a rule that can no longer fail fails here.
 */
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DATA_MODEL, SETTINGS_DEFAULTS, type ObjectSpec } from '../spec/data-model.js';
import {
  loadModel,
  loadSample,
  loadSettings,
  metaDir,
  n,
  plain,
  type Model,
  type Sample,
  type Settings,
  type Xml
} from '../verify/data-model/model.js';
import { projectIndex } from '../verify/metadata/project-index.js';
import { checkObjects, checkSubscribers, dataModelObjectsRule } from '../verify/rules/data-model-objects.js';
import { checkFields, dataModelFieldsRule } from '../verify/rules/data-model-fields.js';
import { checkSettings, settingsDefaultsRule } from '../verify/rules/settings-defaults.js';
import {
  checkCredentials,
  EC_FILE,
  findSecrets,
  NC_FILE,
  stripeCredentialsRule
} from '../verify/rules/stripe-credentials.js';
import {
  checkLinkScript,
  checkSampleCoverage,
  checkSampleFinance,
  checkSampleShape,
  sampleDataRule
} from '../verify/rules/sample-data.js';
import { formatFinding } from '../verify/findings.js';
import { runRule, META_DIR as M } from './support/sample-project.js';
import { lineFor } from '../verify/rules/problems.js';
import type { Rule } from '../verify/rules/rule.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const META = metaDir(ROOT);

const model = loadModel(ROOT);
const settings = loadSettings(ROOT);
const settingsSpec = DATA_MODEL.Stripe_Settings__mdt as ObjectSpec;
const element = (file: string): Xml => {
  const el = projectIndex(ROOT).files.get(path.join(META, file));
  assert.ok(el, file);
  return plain(el);
};
const ec = element(EC_FILE);
const nc = element(NC_FILE);
const { plan, sample } = loadSample(ROOT);

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

describe('the project passes every data-model rule', () => {
  const rules: Rule[] = [
    dataModelObjectsRule,
    dataModelFieldsRule,
    settingsDefaultsRule,
    stripeCredentialsRule,
    sampleDataRule
  ];
  for (const rule of rules) {
    test(rule.name, () => {
      const { findings } = rule.check(ROOT);
      assert.deepEqual(
        findings.map((f) => formatFinding(f, ROOT)),
        []
      );
    });
  }

  test('the sample covers every spec object with data files that exist', () => {
    assert.ok(plan.length >= 8);
    assert.ok(checkLinkScript('x.Stripe_Customer__r.Email__c', DATA_MODEL).length === 0);
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
    // A sync request published before commit would send a rolled-back save to Stripe.
    const request = copy.get('Stripe_Customer_Sync_Request__e')?.object as Xml;
    request.publishBehavior = 'PublishImmediately';
    const problems = checkObjects(copy, DATA_MODEL, () => false);
    assert.ok(has(problems, 'auto-number format S-{0} != SUB-{00000}'));
    assert.ok(has(problems, 'Stripe_Subscription__c: compactLayoutAssignment'));
    assert.ok(has(problems, 'Stripe_Event__e: publishBehavior is not PublishImmediately'));
    assert.ok(has(problems, 'Stripe_Customer_Sync_Request__e: publishBehavior is not PublishAfterCommit'));
  });

  test('a platform event whose trigger would run as the Automated Process user', () => {
    const events = ['Stripe_Event__e', 'Stripe_Customer_Sync_Request__e'];
    const triggers = new Map([
      ['StripeEventTrigger', 'Stripe_Event__e'],
      ['StripeCustomerSyncRequestTrigger', 'Stripe_Customer_Sync_Request__e'],
      ['ContactTrigger', 'Contact']
    ]);
    const template = (consumer: string, batchSize = '200') => ({
      file: `/x/${consumer}.platformEventSubscriberConfig-meta.xml`,
      consumer,
      user: 'stripe-integration@yourcompany.example',
      batchSize
    });
    const both = [template('StripeEventTrigger', '500'), template('StripeCustomerSyncRequestTrigger')];
    assert.deepEqual(checkSubscribers(events, triggers, both), []);
    const missing = checkSubscribers(events, triggers, [template('StripeEventTrigger')]);
    assert.ok(
      has(missing, 'Stripe_Customer_Sync_Request__e: no subscriber config template'),
      missing.join('\n')
    );
    const wrong = checkSubscribers(events, triggers, [
      ...both,
      template('ContactTrigger'),
      { ...template('StripeEventTrigger', '5000'), user: undefined }
    ]);
    assert.ok(has(wrong, 'platformEventConsumer ContactTrigger is no trigger on a platform event'));
    assert.ok(has(wrong, 'batchSize 5000 is not 1 to 2000'));
    assert.ok(has(wrong, 'user missing'));
    const twoTriggers = new Map([...triggers, ['SecondSyncTrigger', 'Stripe_Customer_Sync_Request__e']]);
    assert.ok(
      has(
        checkSubscribers(events, twoTriggers, both),
        'Stripe_Customer_Sync_Request__e: 2 triggers subscribe'
      )
    );
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

  test('a secret hard-coded in Apex, an LWC, a static resource or the relay is named at its line', () => {
    // Built from parts so that this file itself holds no secret-looking value.
    const key = ['sk', 'live', '51Habcdefghijklmnopqrstuv'].join('_');
    const hook = ['whsec', 'abcdefghijklmnop1234'].join('_');
    const { printed } = runRule(stripeCredentialsRule, {
      [`${M}/classes/StripeKeys.cls`]: `public with sharing class StripeKeys {\n  static final String K = '${key}';\n}`,
      [`${M}/lwc/panel/panel.ts`]: `// test\nexport const HOOK = '${hook}';\n`,
      [`${M}/staticresources/keys.json`]: `{\n  "k": "${key}"\n}`,
      'relay/src/config.ts': `export const ERROR = 'expected -----BEGIN PRIVATE KEY-----';\nexport const KEY = '${hook}';\n`
    });
    const secrets = printed.filter((p) => p.includes('secret-looking value'));
    assert.deepEqual(
      secrets.map((p) => p.slice(0, p.indexOf(': '))),
      [
        `${M}/classes/StripeKeys.cls:2`,
        `${M}/lwc/panel/panel.ts:2`,
        `${M}/staticresources/keys.json:2`,
        'relay/src/config.ts:2'
      ]
    );
    assert.match(secrets[0] ?? '', /a Stripe secret or restricted key/);
    assert.match(secrets[1] ?? '', /a Stripe webhook signing secret/);
    assert.ok(!printed.some((p) => p.includes(key) || p.includes(hook)), 'the secret is never printed');
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

describe('rules as gates pin findings to file and line', () => {
  test('a field problem is reported at the field file, on the element it names', () => {
    const broken = mutate('Stripe_Invoice__c', 'Status__c', (f) => ({ ...f, trackHistory: 'false' }));
    const problem = checkFields(broken, DATA_MODEL).find((p) => p.includes('trackHistory'));
    assert.ok(problem);
    const file = model.get('Stripe_Invoice__c')?.fieldFiles.get('Status__c') ?? '';
    const line = lineFor(file, problem);
    assert.ok(line > 1, `line of <trackHistory> in ${file}`);
  });

  test('the contact link script naming a field the model lacks', () => {
    assert.deepEqual(checkLinkScript('c.Stripe_Customer__r.Nickname__c = 1;', DATA_MODEL), [
      'link-primary-customers.apex: Nickname__c is not in the model'
    ]);
  });
});
