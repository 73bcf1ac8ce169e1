/**
 * Rule custom-permission-and-notification: the custom permissions (Stripe_Manage_Subscriptions,
 * Stripe_Sync_Catalog, Stripe_Credential_Access: labelled, not licensed), the Stripe_Dunning_Alert
 * notification type (desktop and mobile, labelled and named), in Metadata API element order; and
 * Stripe_Credential_Access granted by exactly the permission sets that grant the Stripe External
 * Credential principal, because Apex reads it as "this user's own transactions can call Stripe".
 */
import fs from 'node:fs';
import path from 'node:path';
import { CREDENTIAL_ACCESS, MANAGE_SUBSCRIPTIONS, PRINCIPAL, SYNC_CATALOG } from '../../spec/security.js';
import { metaDir } from '../data-model/model.js';
import { projectIndex } from '../metadata/project-index.js';
import { checkOrder, parsePermSet, parseXml, read, str, type PermSet } from '../security/model.js';
import { toFindings } from './problems.js';
import { guarded, result, type Rule } from './rule.js';

export const RULE = 'custom-permission-and-notification';
export const NOTIFICATION_TYPE = 'Stripe_Dunning_Alert';
export const CUSTOM_PERMISSIONS = [MANAGE_SUBSCRIPTIONS, SYNC_CATALOG, CREDENTIAL_ACCESS] as const;

export function checkCustomPermission(text: string, name: string = MANAGE_SUBSCRIPTIONS): string[] {
  const cp = parseXml(text, 'CustomPermission', name);
  const problems = checkOrder(text, name);
  if (!str(cp.label)) problems.push(`${name}: label missing`);
  if (cp.isLicensed !== 'false') problems.push(`${name}: isLicensed must be false`);
  return problems;
}

/**
 * Permission sets that grant the Stripe principal without the credential-access permission (their
 * users' syncs would be handed to the integration user for nothing) or the permission without the
 * principal (their users' syncs would call Stripe as them and fail).
 */
export function checkCredentialAccess(permissionSets: readonly PermSet[]): string[] {
  const problems: string[] = [];
  for (const ps of permissionSets) {
    const principal = ps.principals.get(PRINCIPAL) === true;
    const permission = ps.customPermissions.get(CREDENTIAL_ACCESS) === true;
    if (principal && !permission)
      problems.push(
        `${ps.name}: grants principal ${PRINCIPAL} but not custom permission ${CREDENTIAL_ACCESS}`
      );
    if (permission && !principal)
      problems.push(
        `${ps.name}: grants custom permission ${CREDENTIAL_ACCESS} but not principal ${PRINCIPAL}`
      );
  }
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
    const cpFile = (name: string): string =>
      path.join(meta, 'customPermissions', `${name}.customPermission-meta.xml`);
    const ntFile = path.join(meta, 'notificationtypes', `${NOTIFICATION_TYPE}.notiftype-meta.xml`);
    const index = projectIndex(root);
    return guarded(root, RULE, cpFile(MANAGE_SUBSCRIPTIONS), index.parseErrors, () => {
      const permissionSets = [...index.permissionSets].map(([name, { file }]) => ({
        file,
        ps: parsePermSet(name, read(file))
      }));
      const fileOf = new Map(permissionSets.map(({ file, ps }) => [ps.name, file]));
      return result([
        ...CUSTOM_PERMISSIONS.flatMap((name) =>
          toFindings(
            fs.existsSync(cpFile(name))
              ? checkCustomPermission(read(cpFile(name)), name)
              : [`${name}: missing`],
            RULE,
            () => cpFile(name)
          )
        ),
        ...toFindings(
          checkCredentialAccess(permissionSets.map(({ ps }) => ps)),
          RULE,
          (p) => fileOf.get(p.slice(0, p.indexOf(':'))) ?? cpFile(CREDENTIAL_ACCESS)
        ),
        ...toFindings(
          fs.existsSync(ntFile) ? checkNotificationType(read(ntFile)) : ['missing'],
          RULE,
          () => ntFile
        )
      ]);
    });
  }
};
