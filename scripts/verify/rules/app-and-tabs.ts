/**
 * Rule app-and-tabs: the Stripe Billing app is a Lightning app with standard navigation, the large
 * form factor and exactly the spec's tabs in order; every tabbed custom object has one custom-object
 * tab with a motif, each Lightning page tab opens an App Page that exists, and no other tab exists;
 * all in Metadata API element order.
 */
import fs from 'node:fs';
import path from 'node:path';
import { ALL_TABS, APP, APP_TABS, PAGE_TABS } from '../../spec/security.js';
import { metaDir } from '../data-model/model.js';
import { projectIndex } from '../metadata/project-index.js';
import { checkOrder, loadSchema, parseXml, read, str, strings, type Schema } from '../security/model.js';
import { toFindings } from './problems.js';
import { guarded, result, type Rule } from './rule.js';

export const RULE = 'app-and-tabs';

/** Problems with the app's XML text. */
export function checkApp(text: string): string[] {
  const x = parseXml(text, 'CustomApplication', APP);
  const problems = checkOrder(text, APP);
  const p = (s: string): void => void problems.push(`${APP}: ${s}`);
  if (str(x.label) !== 'Stripe Billing') p(`label ${str(x.label)}, want Stripe Billing`);
  if (str(x.navType) !== 'Standard') p(`navType ${str(x.navType)}, want Standard`);
  if (str(x.uiType) !== 'Lightning') p(`uiType ${str(x.uiType)}, want Lightning`);
  if (!strings(x.formFactors).includes('Large')) p('formFactors lacks Large');
  if (JSON.stringify(strings(x.tabs)) !== JSON.stringify(APP_TABS))
    p(`tabs ${strings(x.tabs).join(', ')}, want ${APP_TABS.join(', ')}`);
  return problems;
}

/**
 * Problems with the tab files: names (tab → text) against the spec and the schema; `appPages` maps
 * a flexipage name to its XML text, for the Lightning page tabs.
 */
export function checkTabs(
  tabs: Map<string, string>,
  schema: Schema,
  appPages: (page: string) => string | undefined
): string[] {
  const problems: string[] = [];
  const names = [...tabs.keys()].sort();
  const want = [...ALL_TABS, ...PAGE_TABS].sort();
  if (JSON.stringify(names) !== JSON.stringify(want))
    problems.push(`tabs: ${names.join(', ')}, want ${want.join(', ')}`);
  for (const [tab, text] of tabs) {
    const x = parseXml(text, 'CustomTab', tab);
    problems.push(...checkOrder(text, tab));
    if (PAGE_TABS.includes(tab)) {
      if (str(x.flexiPage) !== tab) problems.push(`${tab}: flexiPage ${str(x.flexiPage)}, want ${tab}`);
      if (x.customObject !== undefined) problems.push(`${tab}: a page tab names no customObject`);
      if (!/^Custom\d+: \S/.test(str(x.motif)))
        problems.push(`${tab}: motif ${str(x.motif)} is not a custom motif`);
      if (!/<type>AppPage<\/type>/.test(appPages(tab) ?? ''))
        problems.push(`${tab}: no App Page named ${tab}`);
      continue;
    }
    if (x.customObject !== 'true') problems.push(`${tab}: customObject is not true`);
    if (!/^Custom\d+: \S/.test(str(x.motif)))
      problems.push(`${tab}: motif ${str(x.motif)} is not a custom motif`);
    if (schema.get(tab)?.kind !== 'custom') problems.push(`${tab}: not a custom object`);
  }
  return problems;
}

export const appAndTabsRule: Rule = {
  name: RULE,
  check: (root) => {
    const meta = metaDir(root);
    const appFile = path.join(meta, 'applications', `${APP}.app-meta.xml`);
    return guarded(root, RULE, appFile, projectIndex(root).parseErrors, () => {
      const tabDir = path.join(meta, 'tabs');
      const tabs = new Map(
        (fs.existsSync(tabDir) ? fs.readdirSync(tabDir) : [])
          .filter((f) => f.endsWith('.tab-meta.xml'))
          .map((f) => [f.replace('.tab-meta.xml', ''), read(path.join(tabDir, f))])
      );
      const appProblems = fs.existsSync(appFile) ? checkApp(read(appFile)) : [`${APP}: app missing`];
      const appPage = (page: string): string | undefined => {
        const file = path.join(meta, 'flexipages', `${page}.flexipage-meta.xml`);
        return fs.existsSync(file) ? read(file) : undefined;
      };
      const tabFile = (p: string): string => {
        const tab = path.join(tabDir, `${p.slice(0, p.indexOf(':'))}.tab-meta.xml`);
        return fs.existsSync(tab) ? tab : tabDir;
      };
      return result([
        ...toFindings(appProblems, RULE, () => appFile),
        ...toFindings(checkTabs(tabs, loadSchema(meta), appPage), RULE, tabFile)
      ]);
    });
  }
};
