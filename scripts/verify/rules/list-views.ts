/**
 * Rule list-views: every object has exactly the list views of the spec (label, scope, columns,
 * filters) with columns and filters on fields that exist, and every tabbed object has an All view.
 */
import path from 'node:path';
import { ALL_TABS, LIST_VIEWS } from '../../spec/security.js';
import { metaDir } from '../data-model/model.js';
import { projectIndex } from '../metadata/project-index.js';
import { checkListView, childFiles, loadSchema, read } from '../security/model.js';
import { toFindings } from './problems.js';
import { guarded, result, type Rule } from './rule.js';

export const RULE = 'list-views';

export const listViewsRule: Rule = {
  name: RULE,
  check: (root) => {
    const meta = metaDir(root);
    const objects = path.join(meta, 'objects');
    return guarded(root, RULE, objects, projectIndex(root).parseErrors, () => {
      const schema = loadSchema(meta);
      const found = childFiles(meta, 'listViews', '.listView-meta.xml');
      const viewFile = (object: string, name: string): string =>
        path.join(objects, object, 'listViews', `${name}.listView-meta.xml`);
      const findings = [];
      for (const [object, names] of found)
        for (const name of names) {
          const file = viewFile(object, name);
          findings.push(...toFindings(checkListView(object, name, read(file), schema), RULE, () => file));
        }
      const missing: string[] = [];
      for (const [object, views] of Object.entries(LIST_VIEWS))
        for (const name of Object.keys(views))
          if (!(found.get(object) ?? []).includes(name)) missing.push(`${object}/${name}: missing`);
      for (const tab of ALL_TABS) if (!LIST_VIEWS[tab]?.All) missing.push(`${tab}: no All view`);
      findings.push(...toFindings(missing, RULE, (p) => path.join(objects, p.split(/[/:]/)[0] ?? '')));
      return result(findings);
    });
  }
};
