/**
 * Picklist values (issue 7 item 5), rule `picklist-value`.
 *
 * A string literal — or a `static final` String constant, or a `new List<String>{…}`/`Set` of them —
 * that Apex assigns to a restricted picklist field (`rec.Status__c = 'x'`,
 * `new Obj__c(Status__c = 'x')`), compares with one (`==`, `!=`, `<>`, `switch on … when 'x'`), or that
 * SOQL compares with or binds against one (`WHERE Status__c = 'x'`, `!=`, `IN ('x', 'y')`,
 * `NOT IN`, `= :CONSTANT`), must be one of the field's value API names (`<fullName>`, not the label).
 * Picklist values are case-insensitive in Salesforce, so the comparison is too.
 *
 * The field's object comes from the declared type of the record expression (locals, parameters,
 * fields, loop variables, casts, `list[i]`, `list.get(i)`, method return types, `Trigger.new` in a
 * trigger), from `new Obj__c(...)`, or from the query's FROM (relationship paths such as
 * `Subscription__r.Status__c` are followed). When the record's type cannot be resolved, the literal is
 * checked only when exactly one object of the project has a field of that name; otherwise it is left
 * alone. Restricted picklists come from the shared metadata index (the fields' `-meta.xml`,
 * including global value sets), the object paths from the schema index built on it.
 */
import { analyzeProject, type LiteralUse } from './apex-body.js';
import { loadApexProject } from './apex-project.js';
import type { Finding } from './findings.js';
import { projectIndex } from './metadata/project-index.js';
import { SchemaIndex } from './schema-index.js';

export interface Picklist {
  object: string;
  field: string;
  values: string[];
}

const key = (s: string): string => s.toLowerCase();

/** The project's schema as this rule needs it; the one place it touches the shared schema index. */
export interface SchemaLookup {
  /** The object and field a path from `object` ends at (`R__r.Status__c` → the related object). */
  resolve(object: string, pathSegments: string[]): { object: string; field: string } | undefined;
  childObject(parent: string, relationship: string): string | undefined;
  /** Objects that have a field named `field`. */
  objectsWithField(field: string): string[];
}

export function schemaLookup(root: string): SchemaLookup {
  const index = SchemaIndex.load(root);
  const byField = new Map<string, string[]>();
  for (const name of index.objectNames()) {
    for (const f of index.object(name)?.fields.values() ?? []) {
      byField.set(key(f.name), [...(byField.get(key(f.name)) ?? []), name]);
    }
  }
  return {
    resolve(object, segments) {
      const result = index.resolveField(object, segments);
      return result.ok ? { object: result.object, field: segments[segments.length - 1] ?? '' } : undefined;
    },
    childObject: (parent, relationship) => index.childObject(parent, relationship),
    objectsWithField: (field) => byField.get(key(field)) ?? []
  };
}

/**
 * Every restricted picklist of the project: `object.field` (lower case) → its values. A field whose
 * values come from a global value set is restricted (Salesforce allows nothing else for it).
 * `problems` are the metadata files that could not be parsed (a field among them cannot be checked).
 */
export function restrictedPicklists(root: string): { picklists: Map<string, Picklist>; problems: Finding[] } {
  const index = projectIndex(root);
  const globalSets = new Map([...index.globalValueSets].map(([name, set]) => [key(name), set.values]));
  const picklists = new Map<string, Picklist>();
  for (const obj of index.objects.values()) {
    for (const field of obj.fields.values()) {
      if (!/picklist/i.test(field.type)) continue;
      const values = field.valueSetName
        ? globalSets.get(key(field.valueSetName))
        : field.restricted
          ? field.picklistValues
          : undefined;
      if (values)
        picklists.set(key(`${obj.name}.${field.name}`), { object: obj.name, field: field.name, values });
    }
  }
  const readsValues = (file: string): boolean =>
    file.endsWith('.field-meta.xml') || file.endsWith('.globalValueSet-meta.xml');
  return { picklists, problems: index.parseErrors.filter((f) => readsValues(f.file)) };
}

/** Where a literal use lands: the picklist it must belong to, if any. */
function picklistOf(
  use: LiteralUse,
  schema: SchemaLookup,
  picklists: Map<string, Picklist>
): Picklist | undefined {
  let object = use.object;
  if (object && use.childRelationship) object = schema.childObject(object, use.childRelationship);
  if (object) {
    const target = schema.resolve(object, use.path);
    return target ? picklists.get(key(`${target.object}.${target.field}`)) : undefined;
  }
  if (use.path.length !== 1) return undefined;
  const field = use.path[0] ?? '';
  const owners = schema.objectsWithField(field);
  if (owners.length !== 1) return undefined; // ambiguous: the field exists on several objects
  return picklists.get(key(`${owners[0]}.${field}`));
}

export function checkPicklistValues(root: string): Finding[] {
  const project = loadApexProject(root);
  const facts = analyzeProject(project);
  const { picklists, problems } = restrictedPicklists(root);
  const findings: Finding[] = [...project.parseFindings('picklist-parse'), ...problems];
  if (picklists.size === 0) return findings;
  const schema = schemaLookup(root);
  for (const [method, f] of facts) {
    for (const use of f.literals) {
      const picklist = picklistOf(use, schema, picklists);
      if (!picklist) continue;
      const allowed = new Set(picklist.values.map(key));
      for (const value of use.values) {
        // A blank string clears a picklist (saved as null) and tests for "no value": always allowed.
        if (value.trim() === '' || allowed.has(key(value))) continue;
        findings.push({
          file: method.owner.file,
          line: use.line,
          message: `'${value}' is not a value of restricted picklist ${picklist.object}.${picklist.field} (${use.how}); its values are ${picklist.values.join(', ')}`,
          rule: 'picklist-value'
        });
      }
    }
  }
  return findings;
}
