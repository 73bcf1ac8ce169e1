/** The rule gates, in the order `npm test` runs them, each with what its findings are. */
import { apexAccessModeRule } from './apex-access-mode.js';
import { appAndTabsRule } from './app-and-tabs.js';
import { compactLayoutsRule } from './compact-layouts.js';
import { customPermissionAndNotificationRule } from './custom-permission-and-notification.js';
import { dataModelFieldsRule } from './data-model-fields.js';
import { dataModelObjectsRule } from './data-model-objects.js';
import { entryPointAccessRule } from './entry-point-access.js';
import { listViewsRule } from './list-views.js';
import { metadataSchemaRule } from './metadata-schema.js';
import { pageLayoutsRule } from './page-layouts.js';
import { permissionSetPlatformRule } from './permission-set-platform.js';
import { permissionSetSpecRule } from './permission-set-spec.js';
import { relayContractRule } from './relay-contract.js';
import { sampleDataRule } from './sample-data.js';
import { securityDocRule } from './security-doc.js';
import { settingsDefaultsRule } from './settings-defaults.js';
import { stripeCredentialsRule } from './stripe-credentials.js';
import type { Rule } from './rule.js';

export const RULE_GATES: { rule: Rule; what: string }[] = [
  { rule: metadataSchemaRule, what: 'element(s) the Metadata API would reject' },
  { rule: entryPointAccessRule, what: 'entry point access or sharing problem(s)' },
  {
    rule: apexAccessModeRule,
    what: 'query or DML statement(s) with no access mode or unexplained system mode'
  },
  { rule: relayContractRule, what: 'difference(s) between the Apex REST answer and the relay' },
  { rule: dataModelObjectsRule, what: 'object(s) differing from scripts/spec/data-model.ts' },
  { rule: dataModelFieldsRule, what: 'field(s) differing from scripts/spec/data-model.ts' },
  { rule: settingsDefaultsRule, what: 'problem(s) in the Default settings record' },
  { rule: stripeCredentialsRule, what: 'credential problem(s) or secret(s) in source' },
  { rule: sampleDataRule, what: 'sample data problem(s)' },
  { rule: permissionSetSpecRule, what: 'permission set grant(s) differing from scripts/spec/security.ts' },
  {
    rule: permissionSetPlatformRule,
    what: 'permission set(s) the platform would reject or that contradict themselves'
  },
  { rule: appAndTabsRule, what: 'app or tab problem(s)' },
  { rule: pageLayoutsRule, what: 'page layout(s) differing from the spec' },
  { rule: compactLayoutsRule, what: 'compact layout(s) differing from the spec' },
  { rule: listViewsRule, what: 'list view(s) differing from the spec' },
  { rule: customPermissionAndNotificationRule, what: 'custom permission or notification type problem(s)' },
  {
    rule: securityDocRule,
    what: 'difference(s) between docs/security-model.md or the Apex security test and the spec'
  }
];
