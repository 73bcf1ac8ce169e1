import fs from 'node:fs';
import path from 'node:path';
import { loadApexProject } from './apex-project.js';
import { extractSoqlReferences, type QueryScope } from './apex-soql-refs.js';
import { listSourceFiles } from './files.js';
import { lineOf, type Finding } from './findings.js';
import { projectIndex } from './metadata/project-index.js';
import { toPlain } from './metadata/xml.js';
import { SchemaIndex } from './schema-index.js';
import { LIST_VIEW_STANDARD_COLUMNS } from './standard-schema.js';

type XmlNode = Record<string, unknown>;

/** Every item under an element named `tag`, anywhere in a parsed XML tree (text or element). */
function elementsOf(node: unknown, tag: string): unknown[] {
  const out: unknown[] = [];
  const visit = (n: unknown): void => {
    if (Array.isArray(n)) {
      n.forEach(visit);
    } else if (n && typeof n === 'object') {
      for (const [k, v] of Object.entries(n as XmlNode)) {
        if (k === tag) out.push(...(Array.isArray(v) ? v : [v]));
        visit(v);
      }
    }
  };
  visit(node);
  return out;
}

/** All text values found under `tag` anywhere in a parsed XML tree. */
function valuesOf(node: unknown, tag: string): string[] {
  return elementsOf(node, tag)
    .filter((item) => typeof item === 'string' || typeof item === 'number')
    .map(String);
}

/** Every element named `tag` anywhere in a parsed XML tree. */
function nodesOf(node: unknown, tag: string): XmlNode[] {
  return elementsOf(node, tag).filter((item): item is XmlNode => !!item && typeof item === 'object');
}

/**
 * A metadata file's text (for line numbers) and its tree in the array-everywhere shape the walkers
 * above read; undefined when the file did not parse (reported once, by checkSchema).
 */
function readXml(root: string, file: string): { text: string; doc: unknown } {
  const element = projectIndex(root).files.get(file);
  const text = fs.readFileSync(file, 'utf8');
  return { text, doc: element ? { [element.name]: [toPlain(element, () => true)] } : {} };
}

/** Line of the first `<tag>value</tag>` in a file's text (1 when it cannot be found). */
function lineOfValue(text: string, tag: string, value: string): number {
  const offset = text.indexOf(`<${tag}>${value}</${tag}>`);
  return offset >= 0 ? lineOf(text, offset) : 1;
}

/** Checks one `Object.Field.Path` name; pushes a finding when it does not resolve. */
function checkQualified(
  schema: SchemaIndex,
  findings: Finding[],
  file: string,
  line: number,
  qualified: string,
  where: string
): void {
  const [objectName = '', ...fieldPath] = qualified.split('.');
  if (!schema.has(objectName)) {
    findings.push({ file, line, message: `unknown object '${objectName}' (${where})`, rule: 'schema' });
    return;
  }
  if (fieldPath.length === 0) return;
  const result = schema.resolveField(objectName, fieldPath);
  if (!result.ok) findings.push({ file, line, message: `${result.reason} (${where})`, rule: 'schema' });
}

/**
 * One metadata file read for checking: its tree, and `resolve(tag, value, where, name)` which
 * checks `name` (default: the value) at the line of `<tag>value</tag>`.
 */
function metadataFile(root: string, schema: SchemaIndex, findings: Finding[], file: string) {
  const { text, doc } = readXml(root, file);
  const lineAt = (tag: string, value: string): number => lineOfValue(text, tag, value);
  const resolve = (tag: string, value: string, where: string, name = value): void =>
    checkQualified(schema, findings, file, lineAt(tag, value), name, where);
  return { doc, lineAt, resolve };
}

function checkApex(root: string, schema: SchemaIndex, findings: Finding[]): void {
  const apex = loadApexProject(root);
  findings.push(...apex.parseFindings('schema'));
  for (const { file, tree } of apex.sources) {
    if (!tree) continue; // reported above
    const refs = extractSoqlReferences(tree);
    const childScopes = new Map<number, string | undefined>();
    for (const ref of refs) {
      if (ref.kind === 'child') {
        const child = schema.childObject(ref.parent, ref.relationship);
        childScopes.set(ref.scopeId, child);
        if (!child && schema.has(ref.parent)) {
          findings.push({
            file,
            line: ref.line,
            message: `unknown child relationship '${ref.relationship}' on ${ref.parent} (SOQL subquery)`,
            rule: 'schema'
          });
        }
      }
    }
    const scopeObject = (scope: QueryScope): string | undefined =>
      scope.type === 'object' ? scope.object : childScopes.get(scope.scopeId);
    for (const ref of refs) {
      if (ref.kind === 'object') {
        if (!schema.has(ref.object)) {
          findings.push({
            file,
            line: ref.line,
            message: `unknown object '${ref.object}' (SOQL FROM)`,
            rule: 'schema'
          });
        }
      } else if (ref.kind === 'field') {
        const objectName = scopeObject(ref.scope);
        if (!objectName || !schema.has(objectName)) continue; // already reported at the FROM
        const result = schema.resolveField(objectName, ref.path);
        if (!result.ok)
          findings.push({ file, line: ref.line, message: `${result.reason} (SOQL)`, rule: 'schema' });
      }
    }
  }
}

const SCHEMA_IMPORT = /['"]@salesforce\/schema\/([^'"]+)['"]/g;

function checkLwc(root: string, schema: SchemaIndex, findings: Finding[]): void {
  const files = listSourceFiles(
    root,
    (f) => f.includes(`${path.sep}lwc${path.sep}`) && /\.(ts|js)$/.test(f) && !f.endsWith('.d.ts')
  );
  for (const file of files) {
    if (file.endsWith('.js') && fs.existsSync(file.replace(/\.js$/, '.ts'))) continue; // tsc output
    const text = fs.readFileSync(file, 'utf8');
    for (const match of text.matchAll(SCHEMA_IMPORT)) {
      checkQualified(
        schema,
        findings,
        file,
        lineOf(text, match.index ?? 0),
        match[1] ?? '',
        '@salesforce/schema import'
      );
    }
  }
}

function checkPermissionSets(root: string, schema: SchemaIndex, findings: Finding[]): void {
  const apexClasses = new Set(
    listSourceFiles(root, (f) => f.endsWith('.cls')).map((f) => path.basename(f, '.cls'))
  );
  for (const file of listSourceFiles(root, (f) => f.endsWith('.permissionset-meta.xml'))) {
    const { doc, lineAt, resolve } = metadataFile(root, schema, findings, file);
    for (const obj of valuesOf(doc, 'object')) resolve('object', obj, 'permission set object');
    for (const field of valuesOf(doc, 'field')) resolve('field', field, 'permission set field');
    for (const cls of valuesOf(doc, 'apexClass')) {
      if (!apexClasses.has(cls)) {
        findings.push({
          file,
          line: lineAt('apexClass', cls),
          message: `unknown Apex class '${cls}' (permission set)`,
          rule: 'schema'
        });
      }
    }
  }
}

/** The object a layout, list view or compact layout belongs to, from its path. */
function owningObject(file: string): string {
  const base = path.basename(file);
  if (base.endsWith('.layout-meta.xml')) return base.slice(0, base.indexOf('-'));
  // objects/<Object>/listViews/<name>.listView-meta.xml and .../compactLayouts/...
  return path.basename(path.dirname(path.dirname(file)));
}

function checkLayouts(root: string, schema: SchemaIndex, findings: Finding[]): void {
  const files = listSourceFiles(
    root,
    (f) =>
      f.endsWith('.layout-meta.xml') ||
      f.endsWith('.listView-meta.xml') ||
      f.endsWith('.compactLayout-meta.xml')
  );
  for (const file of files) {
    const { doc, resolve } = metadataFile(root, schema, findings, file);
    const objectName = owningObject(file);
    if (!schema.has(objectName)) {
      findings.push({
        file,
        line: 1,
        message: `unknown object '${objectName}' (layout/list view)`,
        rule: 'schema'
      });
      continue;
    }
    const check = (onObject: string, value: string, tag: string, where: string): void => {
      if (LIST_VIEW_STANDARD_COLUMNS.includes(value)) return;
      resolve(tag, value, where, value.includes('.') ? value : `${onObject}.${value}`);
    };
    if (file.endsWith('.listView-meta.xml')) {
      for (const column of valuesOf(doc, 'columns')) check(objectName, column, 'columns', 'list view column');
      for (const filter of nodesOf(doc, 'filters')) {
        for (const field of valuesOf(filter, 'field')) check(objectName, field, 'field', 'list view filter');
      }
    } else if (file.endsWith('.compactLayout-meta.xml')) {
      for (const field of valuesOf(doc, 'fields')) check(objectName, field, 'fields', 'compact layout');
    } else {
      for (const item of nodesOf(doc, 'layoutItems')) {
        for (const field of valuesOf(item, 'field')) check(objectName, field, 'field', 'layout field');
      }
      // A related list is `Child__c.Lookup__c`; its columns are fields of the child object.
      for (const related of nodesOf(doc, 'relatedLists')) {
        const name = valuesOf(related, 'relatedList')[0] ?? '';
        if (!name.includes('.')) continue; // standard related lists (RelatedNoteList, …)
        resolve('relatedList', name, 'related list');
        const child = name.split('.')[0] ?? '';
        if (!schema.has(child)) continue;
        for (const column of valuesOf(related, 'fields'))
          check(child, column, 'fields', 'related list column');
      }
    }
  }
}

function checkFlexiPagesAndReportTypes(root: string, schema: SchemaIndex, findings: Finding[]): void {
  for (const file of listSourceFiles(root, (f) => f.endsWith('.flexipage-meta.xml'))) {
    const { doc, resolve } = metadataFile(root, schema, findings, file);
    for (const obj of valuesOf(doc, 'sobjectType')) resolve('sobjectType', obj, 'flexipage object');
    // Record.Field__c on a record page; the object is the page's sobjectType.
    const objectName = valuesOf(doc, 'sobjectType')[0];
    for (const fieldItem of valuesOf(doc, 'fieldItem')) {
      if (objectName && fieldItem.startsWith('Record.')) {
        resolve(
          'fieldItem',
          fieldItem,
          'flexipage field',
          `${objectName}.${fieldItem.slice('Record.'.length)}`
        );
      }
    }
  }
  for (const file of listSourceFiles(root, (f) => f.endsWith('.reportType-meta.xml'))) {
    const { doc, lineAt, resolve } = metadataFile(root, schema, findings, file);
    const base = valuesOf(doc, 'baseObject')[0] ?? '';
    resolve('baseObject', base, 'report type base object');
    if (!schema.has(base)) continue;
    for (const column of nodesOf(doc, 'columns')) {
      const field = valuesOf(column, 'field')[0] ?? '';
      const table = valuesOf(column, 'table')[0] ?? base;
      // A column's table is the base object followed by child relationship names.
      let objectName: string | undefined = base;
      for (const relationship of table.split('.').slice(1)) {
        objectName = objectName ? schema.childObject(objectName, relationship) : undefined;
      }
      const line = lineAt('field', field);
      if (!objectName) {
        findings.push({
          file,
          line,
          message: `unknown relationship path '${table}' (report type)`,
          rule: 'schema'
        });
        continue;
      }
      checkQualified(schema, findings, file, line, `${objectName}.${field}`, 'report type column');
    }
  }
}

function checkCustomMetadataRecords(root: string, schema: SchemaIndex, findings: Finding[]): void {
  for (const file of listSourceFiles(root, (f) => f.endsWith('.md-meta.xml'))) {
    const typeName = `${path.basename(file).split('.')[0]}__mdt`;
    const { doc, resolve } = metadataFile(root, schema, findings, file);
    if (!schema.has(typeName)) {
      findings.push({ file, line: 1, message: `unknown custom metadata type '${typeName}'`, rule: 'schema' });
      continue;
    }
    for (const field of valuesOf(doc, 'field'))
      resolve('field', field, 'metadata record', `${typeName}.${field}`);
  }
}

/**
 * The schema gate: every object and field named in static SOQL/SOSL, `@salesforce/schema` imports,
 * permission sets, layouts, list views, compact layouts, flexipages, report types and custom metadata
 * records must exist in `force-app` or in the explicit standard list (standard-schema.ts).
 */
export function checkSchema(root: string): Finding[] {
  const schema = SchemaIndex.load(root);
  const findings: Finding[] = [...projectIndex(root).parseErrors];
  checkApex(root, schema, findings);
  checkLwc(root, schema, findings);
  checkPermissionSets(root, schema, findings);
  checkLayouts(root, schema, findings);
  checkFlexiPagesAndReportTypes(root, schema, findings);
  checkCustomMetadataRecords(root, schema, findings);
  return findings;
}
