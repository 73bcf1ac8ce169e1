import { dataModelFieldsRule } from './verify/rules/data-model-fields.js';
import { formatFinding } from './verify/findings.js';
for (const f of dataModelFieldsRule.check('/tmp/brk').findings) console.log(formatFinding(f, '/tmp/brk'));
