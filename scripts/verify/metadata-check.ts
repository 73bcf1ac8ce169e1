import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ComponentSet, MetadataConverter } from '@salesforce/source-deploy-retrieve';
import { isApexSource, listSourceFiles, packageDirectories } from './files.js';
import { lineOf, type Finding } from './findings.js';
import { readXmlFile, XmlParseError } from './metadata/xml.js';

/** Every XML file under the package directories must be well-formed. */
export function checkXmlWellFormed(root: string): Finding[] {
  const findings: Finding[] = [];
  for (const file of listSourceFiles(root, (f) => f.endsWith('.xml'))) {
    try {
      readXmlFile(file);
    } catch (error) {
      const parsed = error instanceof XmlParseError;
      findings.push({
        file,
        line: parsed ? error.line : 1,
        message: `malformed XML: ${parsed ? error.reason : (error as Error).message}`,
        rule: 'xml'
      });
    }
  }
  return findings;
}

/** Every Apex class and trigger needs its -meta.xml, and every Apex -meta.xml its source. */
export function checkApexMetaFiles(root: string): Finding[] {
  const findings: Finding[] = [];
  for (const file of listSourceFiles(root, isApexSource)) {
    if (!fs.existsSync(`${file}-meta.xml`)) {
      findings.push({ file, line: 1, message: `missing ${path.basename(file)}-meta.xml`, rule: 'meta-xml' });
    }
  }
  for (const meta of listSourceFiles(root, (f) => /\.(cls|trigger)-meta\.xml$/.test(f))) {
    if (!fs.existsSync(meta.replace(/-meta\.xml$/, ''))) {
      findings.push({ file: meta, line: 1, message: 'meta file without its Apex source', rule: 'meta-xml' });
    }
  }
  return findings;
}

/** Each LWC bundle needs its .js-meta.xml and a TypeScript (or JavaScript) module of its own name. */
export function checkLwcBundles(root: string): Finding[] {
  const findings: Finding[] = [];
  for (const pkg of packageDirectories(root)) {
    const lwcDir = path.join(pkg, 'main', 'default', 'lwc');
    if (!fs.existsSync(lwcDir)) continue;
    for (const entry of fs.readdirSync(lwcDir, { withFileTypes: true })) {
      if (!entry.isDirectory() || entry.name.startsWith('.') || entry.name === '__tests__') continue;
      const bundle = path.join(lwcDir, entry.name);
      const meta = path.join(bundle, `${entry.name}.js-meta.xml`);
      const hasModule = ['.ts', '.js'].some((ext) => fs.existsSync(path.join(bundle, `${entry.name}${ext}`)));
      if (!fs.existsSync(meta))
        findings.push({ file: bundle, line: 1, message: 'LWC bundle without .js-meta.xml', rule: 'lwc' });
      if (!hasModule)
        findings.push({ file: bundle, line: 1, message: 'LWC bundle without its module', rule: 'lwc' });
    }
  }
  return findings;
}

const tagValues = (text: string, tag: string): { value: string; line: number }[] =>
  [...text.matchAll(new RegExp(`<${tag}>([^<]+)</${tag}>`, 'g'))].map((m) => ({
    value: (m[1] ?? '').trim(),
    line: lineOf(text, m.index ?? 0)
  }));

/**
 * References a deploy would reject that no other gate sees: a custom-object tab for an object that
 * does not exist, and an app or permission set naming a tab that is neither standard nor in source.
 */
export function checkCrossReferences(root: string): Finding[] {
  const findings: Finding[] = [];
  const objects = new Set(
    listSourceFiles(root, (f) => f.endsWith('.object-meta.xml')).map((f) =>
      path.basename(f, '.object-meta.xml')
    )
  );
  const tabFiles = listSourceFiles(root, (f) => f.endsWith('.tab-meta.xml'));
  const tabs = new Set(tabFiles.map((f) => path.basename(f, '.tab-meta.xml')));
  for (const file of tabFiles) {
    const text = fs.readFileSync(file, 'utf8');
    const name = path.basename(file, '.tab-meta.xml');
    if (/<customObject>true<\/customObject>/.test(text) && !objects.has(name)) {
      findings.push({ file, line: 1, message: `tab for unknown object '${name}'`, rule: 'reference' });
    }
  }
  const referrers = listSourceFiles(
    root,
    (f) => f.endsWith('.app-meta.xml') || f.endsWith('.permissionset-meta.xml')
  );
  for (const file of referrers) {
    const text = fs.readFileSync(file, 'utf8');
    for (const { value, line } of tagValues(text, 'tab')) {
      if (!value.startsWith('standard-') && !tabs.has(value)) {
        findings.push({ file, line, message: `unknown tab '${value}'`, rule: 'reference' });
      }
    }
  }
  return findings;
}

/**
 * Converts the package directories to Metadata API (deployable) form with
 * @salesforce/source-deploy-retrieve, as `sf project deploy` would. Returns the component count.
 */
export async function convertToDeployable(root: string): Promise<{ components: number; outputDir: string }> {
  const outputDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mdapi-'));
  const set = ComponentSet.fromSource({ fsPaths: packageDirectories(root) });
  const components = set.getSourceComponents().toArray().length;
  await new MetadataConverter().convert(set, 'metadata', { type: 'directory', outputDirectory: outputDir });
  return { components, outputDir };
}

/** The metadata gate: well-formed XML, Apex meta files, LWC bundles, cross-references, and a clean conversion. */
export async function checkMetadata(root: string): Promise<Finding[]> {
  const findings = [
    ...checkXmlWellFormed(root),
    ...checkApexMetaFiles(root),
    ...checkLwcBundles(root),
    ...checkCrossReferences(root)
  ];
  if (findings.length > 0) return findings;
  try {
    const { outputDir } = await convertToDeployable(root);
    fs.rmSync(outputDir, { recursive: true, force: true });
  } catch (error) {
    findings.push({
      file: path.join(root, 'sfdx-project.json'),
      line: 1,
      message: `source-deploy-retrieve could not convert the project: ${(error as Error).message}`,
      rule: 'sdr'
    });
  }
  return findings;
}
