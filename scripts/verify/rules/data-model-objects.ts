/**
 * Rule data-model-objects: every object of scripts/spec/data-model.ts exists with its label,
 * description, name field (text or auto-number format), sharing model, history flag, compact layout
 * and, for the platform event, its event type and publish behaviour.
 */
import fs from 'node:fs';
import path from 'node:path';
import { DATA_MODEL, type ObjectSpec } from '../../spec/data-model.js';
import { loadModel, metaDir, bool, str, type Model, type Xml } from '../data-model/model.js';
import { projectIndex } from '../metadata/project-index.js';
import { toFindings } from './problems.js';
import { result, type Rule } from './rule.js';

export const RULE = 'data-model-objects';

/** Objects: file present, name field, sharing, history flag, compact layout, platform event settings. */
export function checkObjects(
  model: Model,
  spec: Record<string, ObjectSpec>,
  layoutExists: (objectName: string, layout: string) => boolean
): string[] {
  const problems: string[] = [];
  for (const [name, os] of Object.entries(spec)) {
    const meta = model.get(name);
    if (os.kind === 'standard') continue;
    const obj = meta?.object;
    if (!obj) {
      problems.push(`${name}: object file missing`);
      continue;
    }
    if (!str(obj.label) || String(obj.label).length > 40) problems.push(`${name}: label missing or > 40`);
    if (!str(obj.pluralLabel)) problems.push(`${name}: pluralLabel missing`);
    if (!str(obj.description) || String(obj.description).length > 1000)
      problems.push(`${name}: description missing or > 1000`);
    if (os.kind === 'event') {
      if (obj.eventType !== 'HighVolume') problems.push(`${name}: eventType is not HighVolume`);
      const publishBehavior = os.publishBehavior ?? 'PublishImmediately';
      if (obj.publishBehavior !== publishBehavior)
        problems.push(`${name}: publishBehavior is not ${publishBehavior}`);
      continue;
    }
    if (os.kind === 'metadata') continue;
    if (obj.sharingModel !== os.sharing)
      problems.push(`${name}: sharingModel ${String(obj.sharingModel)} != ${os.sharing}`);
    if (obj.externalSharingModel !== os.sharing)
      problems.push(`${name}: externalSharingModel ${String(obj.externalSharingModel)} != ${os.sharing}`);
    const nameField = obj.nameField as Xml | undefined;
    if (!nameField) problems.push(`${name}: nameField missing`);
    else if (os.name === 'Text') {
      if (nameField.type !== 'Text') problems.push(`${name}: name field should be Text`);
    } else if (os.name) {
      if (nameField.type !== 'AutoNumber') problems.push(`${name}: name field should be AutoNumber`);
      if (nameField.displayFormat !== os.name.autoNumber)
        problems.push(
          `${name}: auto-number format ${String(nameField.displayFormat)} != ${os.name.autoNumber}`
        );
    }
    const compact = str(obj.compactLayoutAssignment);
    if (compact && compact !== 'SYSTEM' && !layoutExists(name, compact))
      problems.push(`${name}: compactLayoutAssignment ${compact} has no compact layout file`);
    const hasMasterDetail = Object.values(os.fields).some((f) => f.type === 'MasterDetail');
    if (hasMasterDetail && os.sharing !== 'ControlledByParent')
      problems.push(`${name}: master-detail child must be ControlledByParent`);
    const tracked = Object.values(os.fields).some((f) => f.tracked);
    if (bool(obj.enableHistory) !== tracked) problems.push(`${name}: enableHistory should be ${tracked}`);
    for (const flag of ['enableBulkApi', 'enableSharing', 'enableStreamingApi'])
      if (!bool(obj[flag])) problems.push(`${name}: ${flag} must be true (required for a Private/Read OWD)`);
  }
  return problems;
}

export const dataModelObjectsRule: Rule = {
  name: RULE,
  check: (root) => {
    const index = projectIndex(root);
    if (index.parseErrors.length > 0) return result(index.parseErrors);
    const meta = metaDir(root);
    const layoutExists = (objectName: string, layout: string): boolean =>
      fs.existsSync(
        path.join(meta, 'objects', objectName, 'compactLayouts', `${layout}.compactLayout-meta.xml`)
      );
    const model = loadModel(root);
    const problems = checkObjects(model, DATA_MODEL, layoutExists);
    return result(
      toFindings(problems, RULE, (p) => {
        const name = p.slice(0, p.indexOf(':'));
        return model.get(name)?.file ?? path.join(meta, 'objects', name, `${name}.object-meta.xml`);
      })
    );
  }
};
