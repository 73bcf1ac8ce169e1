/**
 * One index of the project's metadata, read once per run and shared by the gates: every `*-meta.xml`
 * parsed (parse failures kept as findings), custom objects with their fields (type, reference,
 * picklist values, restricted flag), global value sets and permission sets. (Apex is read by
 * scripts/verify/apex-project.ts.)
 */
import path from 'node:path';
import { listSourceFiles } from '../files.js';
import type { Finding } from '../findings.js';
import { childNamed, childrenNamed, readXmlFile, textOf, XmlParseError, type XmlElement } from './xml.js';

export interface FieldMeta {
  object: string;
  name: string;
  file: string;
  element: XmlElement;
  type: string;
  referenceTo?: string;
  relationshipName?: string;
  /** API names of a picklist's own values (not of a global value set). */
  picklistValues?: string[];
  /** The global value set the picklist's values come from (`<valueSetName>`); always restricted. */
  valueSetName?: string;
  restricted: boolean;
}

export interface ObjectMeta {
  name: string;
  /** The object's folder under objects/. */
  dir: string;
  /** `<Object>.object-meta.xml`, when the object has one (standard objects may not). */
  file?: string;
  element?: XmlElement;
  fields: Map<string, FieldMeta>;
}

export interface MetadataFile {
  file: string;
  root: XmlElement;
}

export class ProjectIndex {
  /** Every parsed `*-meta.xml` of the package directories, by absolute path. */
  readonly files = new Map<string, XmlElement>();
  /** Files that could not be parsed: the file, the line and the parser's message. */
  readonly parseErrors: Finding[] = [];
  readonly objects = new Map<string, ObjectMeta>();
  readonly permissionSets = new Map<string, MetadataFile>();
  /** Global value sets by name: their values' API names. */
  readonly globalValueSets = new Map<string, { file: string; values: string[] }>();

  private constructor(readonly root: string) {}

  /** Builds the index of a project root (package directories from sfdx-project.json). */
  static load(root: string): ProjectIndex {
    const index = new ProjectIndex(root);
    for (const file of listSourceFiles(root, (f) => f.endsWith('-meta.xml'))) {
      try {
        index.files.set(file, readXmlFile(file));
      } catch (error) {
        index.parseErrors.push(parseFinding(file, error));
      }
    }
    for (const [file, root] of index.files) index.add(file, root);
    return index;
  }

  /** Files whose name ends with `suffix` (e.g. `.layout-meta.xml`), sorted. */
  filesEndingWith(suffix: string): MetadataFile[] {
    return [...this.files]
      .filter(([file]) => file.endsWith(suffix))
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([file, root]) => ({ file, root }));
  }

  field(objectName: string, fieldName: string): FieldMeta | undefined {
    return this.objects.get(objectName)?.fields.get(fieldName);
  }

  private object(name: string, dir: string): ObjectMeta {
    let obj = this.objects.get(name);
    if (!obj) {
      obj = { name, dir, fields: new Map() };
      this.objects.set(name, obj);
    }
    return obj;
  }

  private add(file: string, root: XmlElement): void {
    const base = path.basename(file);
    if (base.endsWith('.object-meta.xml')) {
      const obj = this.object(base.slice(0, -'.object-meta.xml'.length), path.dirname(file));
      obj.file = file;
      obj.element = root;
    } else if (base.endsWith('.field-meta.xml')) {
      const objectDir = path.dirname(path.dirname(file));
      const obj = this.object(path.basename(objectDir), objectDir);
      const name = base.slice(0, -'.field-meta.xml'.length);
      obj.fields.set(name, fieldMeta(obj.name, name, file, root));
    } else if (base.endsWith('.globalValueSet-meta.xml')) {
      const values = childrenNamed(root, 'customValue').map((v) => textOf(v, 'fullName') ?? '');
      this.globalValueSets.set(base.slice(0, -'.globalValueSet-meta.xml'.length), { file, values });
    } else if (base.endsWith('.permissionset-meta.xml')) {
      this.permissionSets.set(base.slice(0, -'.permissionset-meta.xml'.length), { file, root });
    }
  }
}

function fieldMeta(object: string, name: string, file: string, root: XmlElement): FieldMeta {
  const valueSet = childNamed(root, 'valueSet');
  const definition = childNamed(valueSet, 'valueSetDefinition');
  const field: FieldMeta = {
    object,
    name,
    file,
    element: root,
    type: textOf(root, 'type') ?? 'Unknown',
    restricted: textOf(valueSet, 'restricted') === 'true'
  };
  const referenceTo = textOf(root, 'referenceTo');
  const relationshipName = textOf(root, 'relationshipName');
  const valueSetName = textOf(valueSet, 'valueSetName');
  if (valueSetName) field.valueSetName = valueSetName;
  if (referenceTo) field.referenceTo = referenceTo;
  if (relationshipName) field.relationshipName = relationshipName;
  if (definition)
    field.picklistValues = childrenNamed(definition, 'value').map((v) => textOf(v, 'fullName') ?? '');
  return field;
}

/** A parse failure as a finding: the file, the parser's line and message; never a stack trace. */
export function parseFinding(file: string, error: unknown): Finding {
  if (error instanceof XmlParseError) {
    return { file, line: error.line, message: `cannot parse XML: ${error.reason}`, rule: 'xml' };
  }
  return { file, line: 1, message: `cannot read: ${(error as Error).message}`, rule: 'xml' };
}

const loaded = new Map<string, ProjectIndex>();

/**
 * The index of `root`, built once per process and shared by every gate of a run. `fresh` rebuilds
 * it (tests that write files use it; the XML cache still skips unchanged files).
 */
export function projectIndex(root: string, fresh = false): ProjectIndex {
  let index = loaded.get(root);
  if (!index || fresh) {
    index = ProjectIndex.load(root);
    loaded.set(root, index);
  }
  return index;
}
