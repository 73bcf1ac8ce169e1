/**
 * Rule data-model-fields: every field of scripts/spec/data-model.ts exists (and no other) with its
 * type, label, description, help text, length/precision/scale, reference and delete rule, external-id
 * and uniqueness, restricted picklist values in order, history tracking and kind-specific rules.
 */
import path from 'node:path';
import { DATA_MODEL, HISTORY_EXEMPT, NON_UNIQUE_STRIPE_IDS, type ObjectSpec } from '../../spec/data-model.js';
import {
  bool,
  loadModel,
  metaDir,
  num,
  picklistValues,
  str,
  type Model,
  type Xml
} from '../data-model/model.js';
import { projectIndex } from '../metadata/project-index.js';
import { toFindings } from './problems.js';
import { result, type Rule } from './rule.js';

export const RULE = 'data-model-fields';

export const MONEY_NAME = /(Amount|MRR|Balance|Revenue)/;

/** Fields: presence (both ways), type, references, external ids, picklists, help, history. */
export function checkFields(model: Model, spec: Record<string, ObjectSpec>): string[] {
  const problems: string[] = [];
  const childRelationships = new Map<string, string>();
  for (const [objectName, os] of Object.entries(spec)) {
    const meta = model.get(objectName) ?? { fields: new Map<string, Xml>() };
    for (const fieldName of meta.fields.keys())
      if (!(fieldName in os.fields)) problems.push(`${objectName}.${fieldName}: not in the spec`);
    let trackedCount = 0;
    for (const [fieldName, fs_] of Object.entries(os.fields)) {
      const id = `${objectName}.${fieldName}`;
      const f = meta.fields.get(fieldName);
      if (!f) {
        problems.push(`${id}: field missing`);
        continue;
      }
      if (f.fullName !== fieldName)
        problems.push(`${id}: fullName ${String(f.fullName)} does not match the file`);
      if (f.type !== fs_.type) problems.push(`${id}: type ${String(f.type)} != ${fs_.type}`);
      const label = str(f.label);
      if (!label || label.length > 40) problems.push(`${id}: label missing or longer than 40`);
      const description = str(f.description);
      if (!description || description.length > 1000) problems.push(`${id}: description missing or > 1000`);
      const help = str(f.inlineHelpText);
      if (!help || help.length > 510) problems.push(`${id}: inlineHelpText missing or > 510`);
      if (bool(f.required)) problems.push(`${id}: required fields cannot be granted in permission sets`);
      if (fs_.length !== undefined && num(f.length) !== fs_.length)
        problems.push(`${id}: length ${String(f.length)} != ${fs_.length}`);
      if (fs_.precision !== undefined && num(f.precision) !== fs_.precision)
        problems.push(`${id}: precision ${String(f.precision)} != ${fs_.precision}`);
      if (fs_.scale !== undefined && num(f.scale) !== fs_.scale)
        problems.push(`${id}: scale ${String(f.scale)} != ${fs_.scale}`);
      if (f.type === 'Number' && (num(f.precision) ?? 0) > 18) problems.push(`${id}: precision above 18`);
      if (f.type === 'Text' && (num(f.length) ?? 0) > 255) problems.push(`${id}: Text longer than 255`);
      if (f.type === 'LongTextArea') {
        if ((num(f.length) ?? 0) > 131072) problems.push(`${id}: long text above 131072`);
        if (num(f.visibleLines) === undefined) problems.push(`${id}: long text needs visibleLines`);
      }
      if (f.type === 'Checkbox' && str(f.defaultValue) === undefined)
        problems.push(`${id}: checkbox needs defaultValue`);

      // References.
      if (fs_.type === 'Lookup' || fs_.type === 'MasterDetail') {
        if (f.referenceTo !== fs_.ref)
          problems.push(`${id}: referenceTo ${String(f.referenceTo)} != ${fs_.ref}`);
        const rel = str(f.relationshipName);
        if (!rel) problems.push(`${id}: relationshipName missing`);
        else {
          const key = `${String(f.referenceTo)}.${rel}`;
          const other = childRelationships.get(key);
          if (other) problems.push(`${id}: relationshipName ${rel} already used by ${other}`);
          childRelationships.set(key, id);
        }
      }
      if (fs_.type === 'Lookup' && f.deleteConstraint !== fs_.onDelete)
        problems.push(`${id}: deleteConstraint ${String(f.deleteConstraint)} != ${fs_.onDelete}`);
      if (fs_.type === 'MasterDetail') {
        if ('required' in f) problems.push(`${id}: master-detail must not declare required`);
        if ('deleteConstraint' in f) problems.push(`${id}: master-detail must not declare deleteConstraint`);
        for (const tag of ['relationshipOrder', 'reparentableMasterDetail', 'writeRequiresMasterRead'])
          if (!(tag in f)) problems.push(`${id}: master-detail needs ${tag}`);
      }

      // External ids.
      const isExternal = bool(f.externalId);
      if (Boolean(fs_.externalId) !== isExternal)
        problems.push(`${id}: externalId should be ${Boolean(fs_.externalId)}`);
      if (isExternal || fs_.externalId) {
        if (f.type !== 'Text') problems.push(`${id}: external id must be Text`);
        if (!bool(f.unique)) problems.push(`${id}: external id must be unique`);
        if (!bool(f.caseSensitive))
          problems.push(`${id}: external id must be case-sensitive (Stripe ids are)`);
      }
      if (
        os.kind === 'custom' &&
        /^Stripe_\w+_Id__c$/.test(fieldName) &&
        !NON_UNIQUE_STRIPE_IDS.has(id) &&
        !isExternal
      )
        problems.push(`${id}: Stripe id fields must be unique external ids`);

      // Picklists.
      if (fs_.values) {
        const valueSet = f.valueSet as Xml | undefined;
        if (!valueSet || !bool(valueSet.restricted)) problems.push(`${id}: picklist must be restricted`);
        const actual = picklistValues(f);
        if (JSON.stringify(actual) !== JSON.stringify(fs_.values))
          problems.push(`${id}: picklist values [${actual.join(', ')}] != [${fs_.values.join(', ')}]`);
      } else if (f.type === 'Picklist') problems.push(`${id}: picklist without expected values in the spec`);

      // History.
      const isTracked = bool(f.trackHistory);
      if (isTracked) trackedCount++;
      if (Boolean(fs_.tracked) !== isTracked)
        problems.push(`${id}: trackHistory should be ${Boolean(fs_.tracked)}`);
      if (
        os.kind === 'custom' &&
        !HISTORY_EXEMPT.has(objectName) &&
        (fieldName === 'Status__c' || (fs_.type === 'Number' && MONEY_NAME.test(fieldName))) &&
        !fs_.tracked
      )
        problems.push(`${id}: status and amount fields must be history-tracked`);

      // Kind-specific rules.
      if (os.kind === 'event') {
        for (const tag of ['unique', 'externalId', 'trackHistory', 'caseSensitive'])
          if (bool(f[tag])) problems.push(`${id}: platform event fields cannot be ${tag}`);
      }
      if (os.kind === 'metadata') {
        const m = str(f.fieldManageability);
        if (m !== 'DeveloperControlled' && m !== 'SubscriberControlled')
          problems.push(`${id}: custom metadata field needs fieldManageability`);
      }
    }
    if (trackedCount > 20) problems.push(`${objectName}: ${trackedCount} tracked fields (max 20)`);
  }
  return problems;
}

export const dataModelFieldsRule: Rule = {
  name: RULE,
  check: (root) => {
    const index = projectIndex(root);
    if (index.parseErrors.length > 0) return result(index.parseErrors);
    const model = loadModel(root);
    const problems = checkFields(model, DATA_MODEL);
    return result(
      toFindings(problems, RULE, (p) => {
        const [objectName = '', fieldName = ''] = p.slice(0, p.indexOf(':')).split('.');
        const obj = model.get(objectName);
        return (
          obj?.fieldFiles.get(fieldName) ??
          obj?.file ??
          path.join(
            metaDir(root),
            'objects',
            objectName,
            fieldName ? `fields/${fieldName}.field-meta.xml` : ''
          )
        );
      })
    );
  }
};
