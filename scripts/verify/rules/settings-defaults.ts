/**
 * Rule settings-defaults: the Default Stripe_Settings__mdt record holds a value of the right xsi:type
 * for every field of the settings type, equal to the spec's default, and the values are coherent
 * (thresholds ascend, batch sizes within platform limits).
 */
import path from 'node:path';
import { DATA_MODEL, SETTINGS_DEFAULTS, type ObjectSpec } from '../../spec/data-model.js';
import { loadSettings, metaDir, SETTINGS_FILE, settingValue, type Settings } from '../data-model/model.js';
import { projectIndex, parseFinding } from '../metadata/project-index.js';
import { toFindings } from './problems.js';
import { result, type Rule } from './rule.js';

export const RULE = 'settings-defaults';

export function checkSettings(
  settings: Settings,
  spec: ObjectSpec,
  expected: typeof SETTINGS_DEFAULTS
): string[] {
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

export const settingsDefaultsRule: Rule = {
  name: RULE,
  check: (root) => {
    const file = path.join(metaDir(root), SETTINGS_FILE);
    const index = projectIndex(root);
    if (index.parseErrors.length > 0) return result(index.parseErrors);
    let settings: Settings;
    try {
      settings = loadSettings(root);
    } catch (error) {
      return result([{ ...parseFinding(file, error), rule: RULE, message: (error as Error).message }]);
    }
    const problems = checkSettings(
      settings,
      DATA_MODEL.Stripe_Settings__mdt as ObjectSpec,
      SETTINGS_DEFAULTS
    );
    return result(toFindings(problems, RULE, () => file));
  }
};
