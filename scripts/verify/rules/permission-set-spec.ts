/**
 * Rule permission-set-spec: exactly the five persona permission sets exist, each grants exactly its
 * row of scripts/spec/security.ts (objects, fields, app, tabs, custom permissions, custom metadata,
 * principals, Apex classes, user permissions), and the spec's field table lists every custom field
 * on disk (a new field fails until someone decides who may read and edit it).
 */
import fs from 'node:fs';
import path from 'node:path';
import { PERSONAS } from '../../spec/security.js';
import { projectIndex } from '../metadata/project-index.js';
import { metaDir } from '../data-model/model.js';
import {
  checkAgainstSpec,
  checkFieldInventory,
  loadPermSets,
  loadSchema,
  permSetFile
} from '../security/model.js';
import { toFindings } from './problems.js';
import { guarded, result, type Rule } from './rule.js';

export const RULE = 'permission-set-spec';

/** Problems with the set of permission set files itself. */
export function checkPermissionSetFiles(names: string[]): string[] {
  const problems: string[] = [];
  for (const name of names)
    if (!(PERSONAS as readonly string[]).includes(name))
      problems.push(`${name}: permission set not in the spec`);
  for (const persona of PERSONAS)
    if (!names.includes(persona)) problems.push(`${persona}: permission set missing`);
  return problems;
}

export const permissionSetSpecRule: Rule = {
  name: RULE,
  check: (root) => {
    const meta = metaDir(root);
    const dir = path.join(meta, 'permissionsets');
    return guarded(root, RULE, dir, projectIndex(root).parseErrors, () => {
      const names = fs.existsSync(dir)
        ? fs
            .readdirSync(dir)
            .filter((f) => f.endsWith('.permissionset-meta.xml'))
            .map((f) => f.replace('.permissionset-meta.xml', ''))
        : [];
      const fileProblems = checkPermissionSetFiles(names);
      if (fileProblems.length > 0) return result(toFindings(fileProblems, RULE, () => dir));
      const schema = loadSchema(meta);
      const permSets = loadPermSets(meta);
      const findings = toFindings(checkFieldInventory(schema), RULE, (p) => {
        const [object = '', field = ''] = p.slice(0, p.indexOf(':')).split('.');
        const fieldFile = path.join(meta, 'objects', object, 'fields', `${field}.field-meta.xml`);
        return field && fs.existsSync(fieldFile) ? fieldFile : path.join(meta, 'objects', object);
      });
      for (const persona of PERSONAS) {
        const ps = permSets.get(persona);
        if (ps)
          findings.push(...toFindings(checkAgainstSpec(persona, ps), RULE, () => permSetFile(meta, persona)));
      }
      return result(findings);
    });
  }
};
