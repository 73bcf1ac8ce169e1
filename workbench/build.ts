/**
 * Builds the workbench bundle: the project's TypeScript LWCs, Salesforce's `lightning-base-components`
 * and the workbench's stand-ins for platform modules, with `@lwc/rollup-plugin` and synthetic shadow.
 * The build is cached: an unchanged source tree reuses the last bundle, a changed one rebuilds with
 * Rollup's module cache so only the touched modules are compiled again.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import lwcImport from '@lwc/rollup-plugin';
import replaceImport from '@rollup/plugin-replace';
import { rollup, type Plugin, type RollupCache } from 'rollup';
import ts from 'typescript';
import { CACHEABLE_METHODS } from './apex-stand-in.js';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const lwcDir = path.join(root, 'force-app/main/default/lwc');
const workbenchDir = path.join(root, 'workbench');
export const outDir = path.join(root, '.workbench');
const cacheFile = path.join(outDir, 'rollup-cache.json');
const stampFile = path.join(outDir, 'build-stamp.txt');

/** The build's own settings: when they change, no cached module may be reused. */
function configFingerprint(): string {
  const hash = crypto.createHash('sha256');
  hash.update(fs.readFileSync(path.join(workbenchDir, 'build.ts')));
  hash.update(fs.readFileSync(path.join(workbenchDir, 'apex-stand-in.ts')));
  for (const pkg of ['lwc', '@lwc/rollup-plugin', 'lightning-base-components', 'rollup', 'typescript']) {
    hash.update(fs.readFileSync(path.join(root, 'node_modules', pkg, 'package.json')));
  }
  return hash.digest('hex');
}

/** Every source file whose change must rebuild the bundle. */
function sourceFingerprint(): string {
  const hash = crypto.createHash('sha256');
  const walk = (dir: string): void => {
    for (const entry of fs
      .readdirSync(dir, { withFileTypes: true })
      .sort((a, b) => a.name.localeCompare(b.name))) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== '__tests__') walk(full);
      } else if (
        /\.(ts|js|html|css)$/.test(entry.name) &&
        !(dir.startsWith(lwcDir) && entry.name.endsWith('.js'))
      ) {
        hash.update(path.relative(root, full)).update(fs.readFileSync(full));
      }
    }
  };
  walk(lwcDir);
  walk(path.join(workbenchDir, 'modules'));
  return hash.digest('hex');
}

/** Both plugins are CommonJS-typed ES modules; take the function whichever way Node hands it over. */
function pluginFactory<T>(imported: unknown): (options: T) => Plugin {
  const candidate = (imported as { default?: unknown }).default ?? imported;
  return candidate as (options: T) => Plugin;
}
const lwc = pluginFactory<Record<string, unknown>>(lwcImport);
const replace = pluginFactory<{ preventAssignment: boolean; values: Record<string, string> }>(replaceImport);

const componentPath = (name: string): string => path.join(lwcDir, name, `${name}.ts`);
const lbcDir = path.join(root, 'node_modules/lightning-base-components/src/lightning');
const ICON_NAME = /\b(utility|standard|action|doctype|custom):([a-z][a-z0-9_]*)\b/gi;

function filesUnder(dir: string, test: (file: string) => boolean): string[] {
  return fs
    .readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((f) => path.join(dir, f))
    .filter(test);
}

/**
 * The icons a page can show: every `category:name` literal in our components and in the base
 * components (outside the icon libraries themselves). lightning-base-components ships each icon
 * library as some 800 compiled templates; bundling only the named ones keeps the build fast.
 */
function iconNames(): Map<string, Set<string>> {
  const byCategory = new Map<string, Set<string>>();
  const sources = [
    ...filesUnder(lwcDir, (f) => /\.(ts|html)$/.test(f) && !f.includes('__tests__')),
    ...filesUnder(lbcDir, (f) => /\.(js|html)$/.test(f) && !f.includes(`${path.sep}iconSvgTemplates`))
  ];
  for (const file of sources) {
    for (const [, category, name] of fs.readFileSync(file, 'utf8').matchAll(ICON_NAME)) {
      const key = (category ?? '').toLowerCase();
      if (!byCategory.has(key)) byCategory.set(key, new Set());
      byCategory.get(key)?.add(name ?? '');
    }
  }
  return byCategory;
}

/** `lightning/iconSvgTemplatesUtility` etc. with only the icons `iconNames` found. */
function slimIconLibrary(specifier: string, names: Map<string, Set<string>>): string {
  const category = specifier.replace('lightning/iconSvgTemplates', '').replace(/Rtl$/, '').toLowerCase();
  const templatesDir = path.join(
    lbcDir,
    `iconSvgTemplates${category[0]?.toUpperCase()}${category.slice(1)}`,
    'buildTemplates',
    category
  );
  const present = [...(names.get(category) ?? [])]
    .filter((n) => fs.existsSync(path.join(templatesDir, `${n}.html`)))
    .sort();
  const imports = present.map(
    (n) => `import ${category}_${n} from ${JSON.stringify(path.join(templatesDir, `${n}.html`))};`
  );
  return `${imports.join('\n')}\nexport default { ${present.map((n) => `${category}_${n}`).join(', ')} };\n`;
}

/**
 * Platform modules the org supplies at run time: `c/*` from force-app (TypeScript), Apex methods
 * as calls to the workbench's Apex stand-in, `@salesforce/schema` as the object/field names.
 */
function platformModules(): Plugin {
  let icons: Map<string, Set<string>> | undefined;
  return {
    name: 'workbench-platform-modules',
    resolveId(source) {
      if (source.startsWith('c/')) {
        const name = source.slice(2);
        const file = componentPath(name);
        if (!fs.existsSync(file)) return null;
        // The specifier query tells the LWC compiler the component's real namespace and name.
        return `${file}?specifier=${encodeURIComponent(source)}`;
      }
      if (source.startsWith('@salesforce/apex/') || source.startsWith('@salesforce/schema/'))
        return `\0${source}`;
      if (/^lightning\/iconSvgTemplates(Utility|Standard|Action|Doctype|Custom)(Rtl)?$/.test(source))
        return `\0${source}`;
      if (source === '@salesforce/apex') return path.join(workbenchDir, 'modules/workbench/apex/apex.js');
      return null;
    },
    load(id) {
      const [file, query] = id.split('?', 2);
      if (query?.startsWith('specifier=') && file) return fs.readFileSync(file, 'utf8');
      if (id.startsWith('\0@salesforce/apex/')) {
        const method = id.slice('\0@salesforce/apex/'.length);
        const apexModule = JSON.stringify(path.join(workbenchDir, 'modules/workbench/apex/apex.js'));
        const cacheable = CACHEABLE_METHODS.has(method);
        return `import { apexMethod } from ${apexModule};\nexport default apexMethod(${JSON.stringify(method)}, ${cacheable});\n`;
      }
      if (id.startsWith('\0lightning/iconSvgTemplates')) {
        icons ??= iconNames();
        return slimIconLibrary(id.slice(1), icons);
      }
      if (id.startsWith('\0@salesforce/schema/')) {
        const [objectApiName, fieldApiName] = id.slice('\0@salesforce/schema/'.length).split('.');
        const value = fieldApiName ? { objectApiName, fieldApiName } : { objectApiName };
        return `export default Object.freeze(${JSON.stringify(value)});\n`;
      }
      return null;
    }
  };
}

/** Strips TypeScript the way `npm run build` (tsc) does before the LWC compiler sees the code. */
function typescript(): Plugin {
  const options: ts.CompilerOptions = {
    target: ts.ScriptTarget.ESNext,
    module: ts.ModuleKind.ESNext,
    experimentalDecorators: false,
    useDefineForClassFields: true,
    isolatedModules: true,
    sourceMap: false
  };
  return {
    name: 'workbench-typescript',
    transform(code, id) {
      const file = id.split('?', 1)[0] ?? id;
      if (!file.endsWith('.ts')) return null;
      const out = ts.transpileModule(code, { compilerOptions: options, fileName: file });
      return { code: out.outputText, map: null };
    }
  };
}

export interface BuildResult {
  cached: boolean;
  ms: number;
}

/** Builds `.workbench/app.js` unless the last build came from the same sources. */
export async function build(
  options: { force?: boolean; log?: (line: string) => void } = {}
): Promise<BuildResult> {
  const log = options.log ?? ((line: string) => console.log(line));
  const started = Date.now();
  const config = configFingerprint();
  const fingerprint = `${config}:${sourceFingerprint()}`;
  const bundle = path.join(outDir, 'app.js');
  const stamp = fs.existsSync(stampFile) ? fs.readFileSync(stampFile, 'utf8') : '';
  if (!options.force && fs.existsSync(bundle) && stamp === fingerprint)
    return { cached: true, ms: Date.now() - started };
  fs.mkdirSync(outDir, { recursive: true });
  let cache: RollupCache | undefined;
  if (!options.force && stamp.startsWith(`${config}:`)) {
    try {
      cache = JSON.parse(fs.readFileSync(cacheFile, 'utf8')) as RollupCache;
    } catch {
      cache = undefined;
    }
  }
  log('workbench: building (the first build takes a while; later ones reuse the cache)…');
  const result = await rollup({
    input: path.join(workbenchDir, 'modules/workbench/shell/main.js'),
    cache,
    plugins: [
      platformModules(),
      typescript(),
      replace({ preventAssignment: true, values: { 'import.meta.env.SSR': 'false' } }),
      replace({ preventAssignment: true, values: { 'process.env.NODE_ENV': JSON.stringify('development') } }),
      lwc({
        rootDir: workbenchDir,
        modules: [{ dir: path.join(workbenchDir, 'modules') }, { npm: 'lightning-base-components' }],
        enableDynamicComponents: true,
        // lightning-base-combobox attaches element internals; synthetic shadow allows it only when asked.
        enableSyntheticElementInternals: true
      })
    ],
    onwarn(warning, warn) {
      // lightning-base-components' own template warnings and circular imports are theirs, not ours.
      const file = warning.loc?.file ?? warning.id ?? '';
      if (file.includes(`${path.sep}node_modules${path.sep}`)) return;
      if (warning.code === 'CIRCULAR_DEPENDENCY' || warning.code === 'THIS_IS_UNDEFINED') return;
      warn(warning);
    }
  });
  await result.write({ file: bundle, format: 'esm', sourcemap: false, inlineDynamicImports: true });
  await result.close();
  if (result.cache) fs.writeFileSync(cacheFile, JSON.stringify(result.cache));
  fs.writeFileSync(stampFile, fingerprint);
  const ms = Date.now() - started;
  log(`workbench: built in ${(ms / 1000).toFixed(1)}s`);
  return { cached: false, ms };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { cached, ms } = await build({ force: process.argv.includes('--force') });
  console.log(cached ? `workbench: bundle up to date (${ms} ms)` : `workbench: bundle written in ${ms} ms`);
}
