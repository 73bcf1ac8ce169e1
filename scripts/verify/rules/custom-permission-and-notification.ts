/**
 * Rule custom-permission-and-notification: the Stripe_Manage_Subscriptions custom permission (label,
 * not licensed) and the Stripe_Dunning_Alert notification type (desktop and mobile, labelled and
 * named) exist, in Metadata API element order.
 */
import fs from 'node:fs';
import path from 'node:path';
import { MANAGE_SUBSCRIPTIONS } from '../../spec/security.js';
import { metaDir } from '../data-model/model.js';
import { projectIndex } from '../metadata/project-index.js';
import { checkOrder, parseXml, read, str } from '../security/model.js';
import { toFindings } from './problems.js';
import { guarded, result, type Rule } from './rule.js';

export const RULE = 'custom-permission-and-notification';
export const NOTIFICATION_TYPE = 'Stripe_Dunning_Alert';

export function checkCustomPermission(text: string): string[] {
  const cp = parseXml(text, 'CustomPermission', MANAGE_SUBSCRIPTIONS);
  const problems = checkOrder(text, MANAGE_SUBSCRIPTIONS);
  if (!str(cp.label)) problems.push(`${MANAGE_SUBSCRIPTIONS}: label missing`);
  if (cp.isLicensed !== 'false') problems.push(`${MANAGE_SUBSCRIPTIONS}: isLicensed must be false`);
  return problems;
}

export function checkNotificationType(text: string): string[] {
  const nt = parseXml(text, 'CustomNotificationType', NOTIFICATION_TYPE);
  const problems = checkOrder(text, NOTIFICATION_TYPE);
  if (nt.desktop !== 'true') problems.push(`${NOTIFICATION_TYPE}: desktop must be true`);
  if (nt.mobile !== 'true') problems.push(`${NOTIFICATION_TYPE}: mobile must be true`);
  if (!str(nt.masterLabel) || !str(nt.customNotifTypeName))
    problems.push(`${NOTIFICATION_TYPE}: masterLabel and customNotifTypeName are required`);
  return problems;
}

export const customPermissionAndNotificationRule: Rule = {
  name: RULE,
  check: (root) => {
    const meta = metaDir(root);
    const cpFile = path.join(meta, 'customPermissions', `${MANAGE_SUBSCRIPTIONS}.customPermission-meta.xml`);
    const ntFile = path.join(meta, 'notificationtypes', `${NOTIFICATION_TYPE}.notiftype-meta.xml`);
    return guarded(root, RULE, cpFile, projectIndex(root).parseErrors, () =>
      result([
        ...toFindings(
          fs.existsSync(cpFile) ? checkCustomPermission(read(cpFile)) : ['missing'],
          RULE,
          () => cpFile
        ),
        ...toFindings(
          fs.existsSync(ntFile) ? checkNotificationType(read(ntFile)) : ['missing'],
          RULE,
          () => ntFile
        )
      ])
    );
  }
};
