/**
 * Rule permission-set-platform: each permission set is deployable and coherent: label and
 * description within limits, object access the platform accepts (read under create/edit/delete, edit
 * under delete, read on the master of a detail, publish-only on events), field grants only on
 * grantable custom fields with read on their object, references (tabs, app, custom permissions,
 * custom metadata types, principals, classes) that exist, and elements in Metadata API order.
 */
import path from 'node:path';
import { PERSONAS } from '../../spec/security.js';
import { metaDir } from '../data-model/model.js';
import { projectIndex } from '../metadata/project-index.js';
import { checkOrder, checkPlatformRules, loadPermSets, loadSchema, permSetFile } from '../security/model.js';
import { toFindings } from './problems.js';
import { guarded, result, type Rule } from './rule.js';

export const RULE = 'permission-set-platform';

export const permissionSetPlatformRule: Rule = {
  name: RULE,
  check: (root) => {
    const meta = metaDir(root);
    return guarded(root, RULE, path.join(meta, 'permissionsets'), projectIndex(root).parseErrors, () => {
      const schema = loadSchema(meta);
      const permSets = loadPermSets(meta);
      const findings = PERSONAS.flatMap((persona) => {
        const ps = permSets.get(persona);
        if (!ps) return [];
        const problems = [...checkPlatformRules(meta, persona, ps, schema), ...checkOrder(ps.text, persona)];
        return toFindings(problems, RULE, () => permSetFile(meta, persona));
      });
      return result(findings);
    });
  }
};
