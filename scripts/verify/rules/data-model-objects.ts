/**
 * Rule data-model-objects: every object of scripts/spec/data-model.ts exists with its label,
 * description, name field (text or auto-number format), sharing model, history flag, compact layout
 * and, for a platform event, its event type and publish behaviour, one trigger subscribing to it, and
 * a PlatformEventSubscriberConfig template under config/subscriber/ that runs that trigger as the
 * integration user (by default a platform-event trigger runs as the Automated Process user, which
 * cannot call Stripe).
 */
import fs from 'node:fs';
import path from 'node:path';
import { DATA_MODEL, type ObjectSpec } from '../../spec/data-model.js';
import { loadApexProject } from '../apex-project.js';
import { loadModel, metaDir, bool, str, type Model, type Xml } from '../data-model/model.js';
import { listFiles } from '../files.js';
import { projectIndex } from '../metadata/project-index.js';
import { parseXml, textOf } from '../metadata/xml.js';
import { toFindings } from './problems.js';
import { result, type Rule } from './rule.js';

export const RULE = 'data-model-objects';
const SUBSCRIBER_DIR = path.join('config', 'subscriber', 'platformEventSubscriberConfigs');
const SUBSCRIBER_SUFFIX = '.platformEventSubscriberConfig-meta.xml';

/** A PlatformEventSubscriberConfig template: its file and the elements the check reads. */
export interface SubscriberTemplate {
  file: string;
  consumer?: string | undefined;
  user?: string | undefined;
  batchSize?: string | undefined;
}

/**
 * Platform events of the spec without exactly one subscribing trigger, triggers without a template
 * running them as a named user, and templates naming no such trigger or an invalid batch size.
 * @param events the platform events of the spec that exist in force-app
 * @param triggerEvents trigger name → the object it is declared on
 */
export function checkSubscribers(
  events: readonly string[],
  triggerEvents: ReadonlyMap<string, string>,
  templates: readonly SubscriberTemplate[]
): string[] {
  const problems: string[] = [];
  const consumers = new Set(templates.map((t) => t.consumer));
  for (const event of events) {
    const triggers = [...triggerEvents].filter(([, on]) => on === event).map(([name]) => name);
    if (triggers.length !== 1) {
      problems.push(`${event}: ${triggers.length} triggers subscribe to it, want one`);
      continue;
    }
    if (!consumers.has(triggers[0]))
      problems.push(
        `${event}: no subscriber config template in ${SUBSCRIBER_DIR} runs its trigger ${triggers[0]} as the integration user`
      );
  }
  for (const t of templates) {
    const where = path.basename(t.file);
    if (!t.consumer || !events.includes(triggerEvents.get(t.consumer) ?? ''))
      problems.push(
        `${where}: platformEventConsumer ${t.consumer ?? '(none)'} is no trigger on a platform event of the spec`
      );
    if (!t.user) problems.push(`${where}: user missing`);
    const size = Number(t.batchSize);
    if (!Number.isInteger(size) || size < 1 || size > 2000)
      problems.push(`${where}: batchSize ${t.batchSize ?? '(none)'} is not 1 to 2000`);
  }
  return problems;
}

/** Trigger name → object, for every trigger in the project, from the parse the Apex rules share. */
function triggersOf(root: string): Map<string, string> {
  const triggers = loadApexProject(root).types.filter((t) => t.kind === 'trigger');
  return new Map(triggers.map((t) => [t.name, t.triggerObject ?? '']));
}

/** The subscriber config templates under config/subscriber/. */
function subscriberTemplates(root: string): SubscriberTemplate[] {
  return listFiles(path.join(root, SUBSCRIBER_DIR), (f) => f.endsWith(SUBSCRIBER_SUFFIX)).map((file) => {
    const el = parseXml(fs.readFileSync(file, 'utf8'), file);
    return {
      file,
      consumer: textOf(el, 'platformEventConsumer'),
      user: textOf(el, 'user'),
      batchSize: textOf(el, 'batchSize')
    };
  });
}

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
    const templates = subscriberTemplates(root);
    const events = Object.entries(DATA_MODEL)
      .filter(([name, os]) => os.kind === 'event' && model.get(name)?.object)
      .map(([name]) => name);
    const problems = [
      ...checkObjects(model, DATA_MODEL, layoutExists),
      ...checkSubscribers(events, triggersOf(root), templates)
    ];
    return result(
      toFindings(problems, RULE, (p) => {
        const name = p.slice(0, p.indexOf(':'));
        const template = templates.find((t) => path.basename(t.file) === name);
        return (
          template?.file ??
          model.get(name)?.file ??
          path.join(meta, 'objects', name, `${name}.object-meta.xml`)
        );
      })
    );
  }
};
