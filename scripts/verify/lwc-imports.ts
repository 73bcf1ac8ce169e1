/**
 * LWC ↔ Apex and platform imports (issue 7 item 4), rule `lwc-import`.
 *
 * In every LWC script (`.ts`, or `.js` without a `.ts` beside it; tests and `.d.ts` left out):
 * - `@salesforce/apex/Class.method` names a top-level Apex class of the project with a `public` or
 *   `global` `static` method of that name annotated `@AuraEnabled`; when the import is passed to
 *   `@wire`, the annotation has `cacheable=true`;
 * - `@salesforce/customPermission/X`, `@salesforce/label/c.X`, `@salesforce/messageChannel/X__c` and
 *   `@salesforce/resourceUrl/X` name a custom permission, custom label, Lightning message channel or
 *   static resource in the package directories (namespaced names, `ns__X`, are someone else's);
 * - `c/name` imports name a component folder that holds `name.js-meta.xml` and the module itself,
 *   `name.ts` or `name.js` (a service module such as `c/keysetPager` is a bundle without a template).
 * In every template, each `<c-…>` tag names such a component folder (`c-billing-panel` → `billingPanel`);
 * `lightning-*` and other namespaces are the platform's.
 */
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { XMLParser } from 'fast-xml-parser';
import { hasAnnotation, loadApexProject, type ApexProject } from './apex-project.js';
import { listSourceFiles } from './files.js';
import { lineOf, type Finding } from './findings.js';

const RULE = 'lwc-import';
const xml = new XMLParser({ ignoreAttributes: true, parseTagValue: false, isArray: (n) => n === 'labels' });

const inLwc = (f: string): boolean => f.split(path.sep).includes('lwc');
const isTestPath = (f: string): boolean => f.split(path.sep).includes('__tests__');

/** What exists in the package directories that LWC imports can name. */
interface Platform {
  /** Folders under lwc/ with a `<folder>.js-meta.xml`. */
  components: Set<string>;
  /** Those of them that also hold the module itself, `<folder>.ts` or `<folder>.js`. */
  entries: Set<string>;
  customPermissions: Set<string>;
  labels: Set<string>;
  messageChannels: Set<string>;
  staticResources: Set<string>;
}

function baseNames(root: string, suffix: string): Set<string> {
  return new Set(listSourceFiles(root, (f) => f.endsWith(suffix)).map((f) => path.basename(f, suffix)));
}

function readPlatform(root: string, problems: Finding[]): Platform {
  const labels = new Set<string>();
  for (const file of listSourceFiles(root, (f) => f.endsWith('.labels-meta.xml'))) {
    try {
      const doc = xml.parse(fs.readFileSync(file, 'utf8')) as {
        CustomLabels?: { labels?: { fullName?: unknown }[] };
      };
      for (const l of doc.CustomLabels?.labels ?? []) labels.add(String(l.fullName ?? ''));
    } catch (error) {
      problems.push({ file, line: 1, message: `cannot parse XML: ${(error as Error).message}`, rule: RULE });
    }
  }
  for (const name of baseNames(root, '.label-meta.xml')) labels.add(name);
  // A bundle is a folder holding `<folder>.js-meta.xml`; what `c/<folder>` loads is `<folder>.ts|js`.
  const bundles = listSourceFiles(root, (f) => inLwc(f) && f.endsWith('.js-meta.xml')).filter(
    (f) => path.basename(f, '.js-meta.xml') === path.basename(path.dirname(f))
  );
  const components = new Set(bundles.map((f) => path.basename(path.dirname(f))));
  const entries = new Set(
    bundles
      .filter((f) => ['.ts', '.js'].some((ext) => fs.existsSync(f.replace(/\.js-meta\.xml$/, ext))))
      .map((f) => path.basename(path.dirname(f)))
  );
  return {
    components,
    entries,
    customPermissions: baseNames(root, '.customPermission-meta.xml'),
    labels,
    messageChannels: baseNames(root, '.messageChannel-meta.xml'),
    staticResources: baseNames(root, '.resource-meta.xml')
  };
}

/** `c-billing-panel` → `billingPanel`. */
export function componentFolder(tag: string): string {
  return tag.replace(/^c-/, '').replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

interface ImportUse {
  source: string;
  local?: string;
  line: number;
}

/** Static imports of a script and the identifiers passed first to `@wire(...)`. */
function scanScript(
  file: string,
  text: string
): { imports: ImportUse[]; wired: Set<string>; syntaxError?: { line: number; message: string } } {
  const sf = ts.createSourceFile(
    file,
    text,
    ts.ScriptTarget.Latest,
    true,
    file.endsWith('.ts') ? ts.ScriptKind.TS : ts.ScriptKind.JS
  );
  const diagnostics =
    (sf as unknown as { parseDiagnostics?: ts.DiagnosticWithLocation[] }).parseDiagnostics ?? [];
  const firstError = diagnostics[0];
  const imports: ImportUse[] = [];
  const wired = new Set<string>();
  const lineAt = (node: ts.Node): number => sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1;
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      const local = node.importClause?.name?.text;
      imports.push({ source: node.moduleSpecifier.text, line: lineAt(node), ...(local ? { local } : {}) });
    }
    if (ts.isDecorator(node) && ts.isCallExpression(node.expression)) {
      const call = node.expression;
      const first = call.arguments[0];
      if (
        ts.isIdentifier(call.expression) &&
        call.expression.text === 'wire' &&
        first &&
        ts.isIdentifier(first)
      ) {
        wired.add(first.text);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  if (firstError) {
    const line = sf.getLineAndCharacterOfPosition(firstError.start).line + 1;
    return {
      imports,
      wired,
      syntaxError: { line, message: ts.flattenDiagnosticMessageText(firstError.messageText, ' ') }
    };
  }
  return { imports, wired };
}

function checkApexImport(project: ApexProject, spec: string, wiredUse: boolean): string | undefined {
  const parts = spec.split('.');
  if (parts.length !== 2) return `@salesforce/apex/${spec} must name Class.method`;
  const [className = '', methodName = ''] = parts;
  const cls = project.topLevelType(className);
  if (!cls || cls.kind !== 'class')
    return `Apex class ${className} (imported as @salesforce/apex/${spec}) does not exist`;
  const methods = cls.methods.filter(
    (m) => m.kind === 'method' && m.name.toLowerCase() === methodName.toLowerCase()
  );
  if (methods.length === 0)
    return `Apex class ${cls.name} has no method ${methodName} (imported as @salesforce/apex/${spec})`;
  const aura = methods.filter((m) => hasAnnotation(m, 'auraenabled'));
  if (aura.length === 0) return `${cls.name}.${methodName} is not @AuraEnabled, so LWC cannot call it`;
  const method = aura[0];
  if (!method) return undefined;
  if (!method.isStatic)
    return `${cls.name}.${methodName} is @AuraEnabled but not static; LWC can call only static methods`;
  if (!method.modifiers.has('public') && !method.modifiers.has('global')) {
    return `${cls.name}.${methodName} must be public or global for LWC to call it`;
  }
  const cacheable = hasAnnotation(method, 'auraenabled')?.pairs.get('cacheable') === 'true';
  if (wiredUse && !cacheable) {
    return `${cls.name}.${methodName} is used with @wire but is not @AuraEnabled(cacheable=true)`;
  }
  return undefined;
}

export function checkLwcImports(root: string): Finding[] {
  const findings: Finding[] = [];
  const platform = readPlatform(root, findings);
  let project: ApexProject | undefined;
  const apex = (): ApexProject => (project ??= loadApexProject(root));

  const scripts = listSourceFiles(
    root,
    (f) => inLwc(f) && !isTestPath(f) && /\.(ts|js)$/.test(f) && !f.endsWith('.d.ts')
  ).filter((f) => !(f.endsWith('.js') && fs.existsSync(f.replace(/\.js$/, '.ts'))));
  for (const file of scripts) {
    const text = fs.readFileSync(file, 'utf8');
    const { imports, wired, syntaxError } = scanScript(file, text);
    if (syntaxError) {
      findings.push({
        file,
        line: syntaxError.line,
        message: `cannot parse script: ${syntaxError.message}`,
        rule: RULE
      });
    }
    for (const use of imports) {
      const problem = checkImport(use, wired, platform, apex);
      if (problem) findings.push({ file, line: use.line, message: problem, rule: RULE });
    }
  }
  // An Apex file that does not parse could hold the method an import names: say so, never guess.
  if (project) findings.push(...project.parseFindings(RULE));

  for (const file of listSourceFiles(root, (f) => inLwc(f) && !isTestPath(f) && f.endsWith('.html'))) {
    const text = fs.readFileSync(file, 'utf8').replace(/<!--[\s\S]*?-->/g, (c) => c.replace(/[^\n]/g, ' '));
    for (const match of text.matchAll(/<(c-[a-z0-9_-]+)/g)) {
      const tag = match[1] ?? '';
      const folder = componentFolder(tag);
      const problem = !platform.components.has(folder)
        ? `<${tag}> names component ${folder}, which has no folder (with ${folder}.js-meta.xml) under lwc/`
        : missingEntry(platform, folder);
      if (problem)
        findings.push({ file, line: lineOf(text, match.index ?? 0), message: problem, rule: RULE });
    }
  }
  return findings;
}

function checkImport(
  use: ImportUse,
  wired: Set<string>,
  platform: Platform,
  apex: () => ApexProject
): string | undefined {
  const { source } = use;
  const after = (prefix: string): string => source.slice(prefix.length);
  const namespaced = (name: string): boolean => name.replace(/__c$/, '').includes('__');
  if (source.startsWith('@salesforce/apex/')) {
    return checkApexImport(apex(), after('@salesforce/apex/'), !!use.local && wired.has(use.local));
  }
  if (source.startsWith('@salesforce/customPermission/')) {
    const name = after('@salesforce/customPermission/');
    if (!namespaced(name) && !platform.customPermissions.has(name))
      return `custom permission ${name} does not exist (customPermissions/${name}.customPermission-meta.xml)`;
    return undefined;
  }
  if (source.startsWith('@salesforce/label/')) {
    const name = after('@salesforce/label/');
    if (!name.startsWith('c.')) return undefined; // another namespace's label
    const label = name.slice(2);
    if (!platform.labels.has(label))
      return `custom label ${label} does not exist in any labels/*.labels-meta.xml`;
    return undefined;
  }
  if (source.startsWith('@salesforce/messageChannel/')) {
    const name = after('@salesforce/messageChannel/').replace(/__c$/, '');
    if (!namespaced(name) && !platform.messageChannels.has(name))
      return `message channel ${name} does not exist (messageChannels/${name}.messageChannel-meta.xml)`;
    return undefined;
  }
  if (source.startsWith('@salesforce/resourceUrl/')) {
    const name = after('@salesforce/resourceUrl/');
    if (!namespaced(name) && !platform.staticResources.has(name))
      return `static resource ${name} does not exist (staticresources/${name}.resource-meta.xml)`;
    return undefined;
  }
  if (source.startsWith('c/')) {
    const name = after('c/');
    if (!platform.components.has(name)) return `module c/${name} names no component folder under lwc/`;
    return missingEntry(platform, name);
  }
  return undefined;
}

/** A bundle without its script deploys, but nothing can import or render it. */
function missingEntry(platform: Platform, folder: string): string | undefined {
  return platform.entries.has(folder)
    ? undefined
    : `component ${folder} has no ${folder}.ts or ${folder}.js beside ${folder}.js-meta.xml, so c/${folder} loads nothing`;
}
