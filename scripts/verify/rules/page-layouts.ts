/**
 * Rule page-layouts: one page layout per Stripe object, exactly as scripts/spec/security.ts lays it
 * out (sections, columns, field behaviours, related lists and their columns), every field of the
 * object placed once, in Metadata API element order.
 */
import fs from 'node:fs';
import path from 'node:path';
import { LAYOUTS } from '../../spec/security.js';
import { metaDir } from '../data-model/model.js';
import { projectIndex } from '../metadata/project-index.js';
import { checkLayout, loadSchema, read } from '../security/model.js';
import { toFindings } from './problems.js';
import { guarded, result, type Rule } from './rule.js';

export const RULE = 'page-layouts';

export const pageLayoutsRule: Rule = {
  name: RULE,
  check: (root) => {
    const dir = path.join(metaDir(root), 'layouts');
    return guarded(root, RULE, dir, projectIndex(root).parseErrors, () => {
      const schema = loadSchema(metaDir(root));
      const files = (fs.existsSync(dir) ? fs.readdirSync(dir) : []).filter((f) =>
        f.endsWith('.layout-meta.xml')
      );
      const names = files.map((f) => f.replace('.layout-meta.xml', '')).sort();
      const wanted = Object.values(LAYOUTS)
        .map((l) => l.name)
        .sort();
      const findings = [];
      if (JSON.stringify(names) !== JSON.stringify(wanted))
        findings.push(
          ...toFindings([`layouts: ${names.join(', ')}, want ${wanted.join(', ')}`], RULE, () => dir)
        );
      for (const [object, spec] of Object.entries(LAYOUTS)) {
        const file = path.join(dir, `${spec.name}.layout-meta.xml`);
        if (!fs.existsSync(file)) continue;
        findings.push(...toFindings(checkLayout(object, spec, read(file), schema), RULE, () => file));
      }
      return result(findings);
    });
  }
};
