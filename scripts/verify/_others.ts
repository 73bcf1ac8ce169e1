import path from 'node:path';
import { checkApexTestAssertions } from './apex-test-assertions.js';
import { checkPicklistValues } from './picklist-values.js';
import { checkLwcImports } from './lwc-imports.js';
import { formatFinding, sortFindings } from './findings.js';
const root = path.resolve(process.argv[2] ?? '.');
const t0 = process.cpuUsage();
for (const f of sortFindings([...checkApexTestAssertions(root), ...checkPicklistValues(root), ...checkLwcImports(root)])) console.log(formatFinding(f, root));
const c = process.cpuUsage(t0); console.log('cpu s', (c.user + c.system) / 1e6);
