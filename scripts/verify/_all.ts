import path from 'node:path';
import { checkApexLimits, formatEntryTable } from './apex-limits.js';
import { checkApexTestAssertions } from './apex-test-assertions.js';
import { checkPicklistValues } from './picklist-values.js';
import { checkLwcImports } from './lwc-imports.js';
import { formatFinding, sortFindings } from './findings.js';
const root = path.resolve(process.argv[2] ?? '.');
const t0 = process.cpuUsage();
const w0 = performance.now();
const lim = checkApexLimits(root);
const all = [
  ...lim.findings.filter((f) => f.rule !== 'limits-budget'),
  ...checkApexTestAssertions(root),
  ...checkPicklistValues(root),
  ...checkLwcImports(root)
];
const c = process.cpuUsage(t0);
for (const l of formatEntryTable(lim.entries, root)) console.log(l);
for (const f of sortFindings(all)) console.log(formatFinding(f, root));
console.log('cpu s', (c.user + c.system) / 1e6, 'wall s', (performance.now() - w0) / 1000);
