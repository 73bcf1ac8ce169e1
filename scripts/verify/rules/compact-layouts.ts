/**
 * Rule compact-layouts: every Stripe object has exactly its compact layout of the spec (name, label,
 * fields in order, at most ten, no long text), assigned when an assignment is set, and no object has
 * a compact layout the spec does not know.
 */
import fs from 'node:fs';
import path from 'node:path';
import { COMPACT_LAYOUTS } from '../../spec/security.js';
import { metaDir } from '../data-model/model.js';
import { projectIndex } from '../metadata/project-index.js';
import { checkCompactLayout, childFiles, loadSchema, read } from '../security/model.js';
import { toFindings } from './problems.js';
import { guarded, result, type Rule } from './rule.js';

export const RULE = 'compact-layouts';

export const compactLayoutsRule: Rule = {
  name: RULE,
  check: (root) => {
    const meta = metaDir(root);
    return guarded(root, RULE, path.join(meta, 'objects'), projectIndex(root).parseErrors, () => {
      const schema = loadSchema(meta);
      const found = childFiles(meta, 'compactLayouts', '.compactLayout-meta.xml');
      const findings = [];
      for (const [object, spec] of Object.entries(COMPACT_LAYOUTS)) {
        const objectFile = path.join(meta, 'objects', object, `${object}.object-meta.xml`);
        const file = path.join(
          meta,
          'objects',
          object,
          'compactLayouts',
          `${spec.name}.compactLayout-meta.xml`
        );
        const problems: string[] = [];
        if (JSON.stringify(found.get(object)) !== JSON.stringify([spec.name]))
          problems.push(
            `${object}: compact layouts ${JSON.stringify(found.get(object))}, want [${spec.name}]`
          );
        if (fs.existsSync(file))
          findings.push(...toFindings(checkCompactLayout(object, read(file), schema), RULE, () => file));
        // The object owner assigns it; when assigned, it must be this one.
        const assigned = fs.existsSync(objectFile)
          ? /<compactLayoutAssignment>([^<]+)<\/compactLayoutAssignment>/.exec(read(objectFile))?.[1]
          : undefined;
        if (assigned !== undefined && assigned !== spec.name)
          problems.push(`${object}: compactLayoutAssignment ${assigned}, want ${spec.name}`);
        findings.push(...toFindings(problems, RULE, () => objectFile));
      }
      for (const object of found.keys())
        if (!COMPACT_LAYOUTS[object])
          findings.push(
            ...toFindings([`${object}: unexpected compact layout`], RULE, () =>
              path.join(meta, 'objects', object, 'compactLayouts')
            )
          );
      return result(findings);
    });
  }
};
