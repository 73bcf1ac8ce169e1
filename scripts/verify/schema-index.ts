import { projectIndex, type FieldMeta } from './metadata/project-index.js';
import {
  CUSTOM_METADATA_SYSTEM_FIELDS,
  CUSTOM_OBJECT_SYSTEM_FIELDS,
  CUSTOM_OBJECT_SYSTEM_RELATIONSHIPS,
  PLATFORM_EVENT_SYSTEM_FIELDS,
  STANDARD_OBJECTS
} from './standard-schema.js';

export interface FieldInfo {
  name: string;
  type: string;
  referenceTo?: string;
  relationshipName?: string;
}

export interface ObjectInfo {
  name: string;
  fields: Map<string, FieldInfo>;
  /** Relationship name (as used in a path, e.g. `Stripe_Customer__r`) → target object. */
  relationships: Map<string, string>;
  /** Child relationship name (e.g. `Stripe_Subscriptions__r`) → child object. */
  children: Map<string, string>;
}

export type PathResolution = { ok: true; object: string } | { ok: false; reason: string };

const key = (name: string): string => name.toLowerCase();

/** The project's schema: custom objects and fields from `force-app`, plus the listed standard ones. */
export class SchemaIndex {
  private readonly objects = new Map<string, ObjectInfo>();

  static load(root: string): SchemaIndex {
    const index = new SchemaIndex();
    for (const [name, std] of Object.entries(STANDARD_OBJECTS)) {
      const obj = index.ensure(name);
      for (const f of std.fields) obj.fields.set(key(f), { name: f, type: 'Standard' });
      for (const [rel, target] of Object.entries(std.relationships ?? {}))
        obj.relationships.set(key(rel), target);
      for (const [rel, child] of Object.entries(std.children ?? {})) obj.children.set(key(rel), child);
    }
    const project = projectIndex(root);
    for (const obj of project.objects.values()) if (obj.file) index.addSystemFields(obj.name);
    for (const obj of project.objects.values())
      for (const field of obj.fields.values()) index.addField(field);
    return index;
  }

  has(objectName: string): boolean {
    return this.objects.has(key(objectName));
  }

  object(objectName: string): ObjectInfo | undefined {
    return this.objects.get(key(objectName));
  }

  objectNames(): string[] {
    return [...this.objects.values()].map((o) => o.name);
  }

  /** The canonical name of a child relationship of `parent`, or undefined. */
  childObject(parent: string, relationshipName: string): string | undefined {
    return this.object(parent)?.children.get(key(relationshipName));
  }

  /**
   * Resolves a dotted field path such as `Stripe_Customer__r.Contact__r.Email` from `objectName`.
   * Every segment but the last must be a relationship; the last must be a field.
   */
  resolveField(objectName: string, segments: string[]): PathResolution {
    let current = this.object(objectName);
    if (!current) return { ok: false, reason: `unknown object '${objectName}'` };
    for (let i = 0; i < segments.length; i++) {
      const segment = segments[i] ?? '';
      const last = i === segments.length - 1;
      if (last) {
        if (current.fields.has(key(segment))) return { ok: true, object: current.name };
        return { ok: false, reason: `unknown field '${segment}' on ${current.name}` };
      }
      const target = current.relationships.get(key(segment));
      if (!target) return { ok: false, reason: `unknown relationship '${segment}' on ${current.name}` };
      const next = this.object(target);
      if (!next)
        return { ok: false, reason: `relationship '${segment}' points at unknown object '${target}'` };
      current = next;
    }
    return { ok: false, reason: 'empty field path' };
  }

  private ensure(name: string): ObjectInfo {
    let obj = this.objects.get(key(name));
    if (!obj) {
      obj = { name, fields: new Map(), relationships: new Map(), children: new Map() };
      this.objects.set(key(name), obj);
    }
    return obj;
  }

  private addSystemFields(objectName: string): void {
    const obj = this.ensure(objectName);
    let fields: string[] = [];
    let relationships: Record<string, string> = {};
    if (objectName.endsWith('__c')) {
      fields = CUSTOM_OBJECT_SYSTEM_FIELDS;
      relationships = CUSTOM_OBJECT_SYSTEM_RELATIONSHIPS;
    } else if (objectName.endsWith('__e')) {
      fields = PLATFORM_EVENT_SYSTEM_FIELDS;
    } else if (objectName.endsWith('__mdt')) {
      fields = CUSTOM_METADATA_SYSTEM_FIELDS;
    }
    for (const f of fields) if (!obj.fields.has(key(f))) obj.fields.set(key(f), { name: f, type: 'System' });
    for (const [rel, target] of Object.entries(relationships)) obj.relationships.set(key(rel), target);
  }

  private addField(field: FieldMeta): void {
    const { object: objectName, name: fieldName, type, referenceTo, relationshipName } = field;
    const obj = this.ensure(objectName);
    const info: FieldInfo = { name: fieldName, type };
    if (referenceTo) info.referenceTo = referenceTo;
    if (relationshipName) info.relationshipName = relationshipName;
    obj.fields.set(key(fieldName), info);
    if (referenceTo && (type === 'Lookup' || type === 'MasterDetail' || type === 'MetadataRelationship')) {
      const rel = fieldName.replace(/__c$/i, '__r');
      obj.relationships.set(key(rel), referenceTo);
      if (relationshipName) this.ensure(referenceTo).children.set(key(`${relationshipName}__r`), objectName);
    }
  }
}
