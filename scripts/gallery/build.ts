/**
 * Builds the component gallery: the project's Lightning Web Components compiled with LWC OSS
 * (@lwc/rollup-plugin + @lwc/engine-dom), lightning-base-components for `lightning/*`, SLDS styles,
 * and gallery stand-ins for the platform-only imports, answering from each state's fixtures.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { rollup, type Plugin } from 'rollup';
import lwc from '@lwc/rollup-plugin';
import replace from '@rollup/plugin-replace';
import ts from 'typescript';
import pino from 'pino';
import { compileAll } from '../build/compile-lwc';
import { galleryComponentSchema, type GalleryEntry } from './types';
import { LABELS_FILE, labelValues } from '../labels/customLabels';
import { PROJECT_ROOT } from '../shared/paths';

export { PROJECT_ROOT };
export const LWC_DIR = path.join(PROJECT_ROOT, 'force-app/main/default/lwc');
// the states run as modules: compiled beside this file in dist/, or the TypeScript itself under ts-node and Jest
export const STATES_DIR = path.join(__dirname, 'states');
export const DEFAULT_OUT_DIR = path.join(PROJECT_ROOT, '.tmp/gallery');
// browser code, bundled from its TypeScript by rollup below
const CLIENT_DIR = path.join(PROJECT_ROOT, 'scripts/gallery/client');
const SLDS_ASSETS = path.join(
  path.dirname(require.resolve('@salesforce-ux/design-system/package.json')),
  'assets'
);

export const logger = pino({ name: 'gallery', level: process.env.LOG_LEVEL ?? 'info' });

export class GalleryConfigError extends Error {}

/** Reads every scripts/gallery/states/*.ts and checks it against the gallery's format. */
export async function loadStates(statesDir = STATES_DIR, lwcDir = LWC_DIR): Promise<GalleryEntry[]> {
  const files = (await fs.readdir(statesDir))
    .filter((f) => /\.[jt]s$/.test(f) && !f.endsWith('.d.ts'))
    .sort();
  const entries: GalleryEntry[] = [];
  const seen = new Map<string, string>();
  for (const file of files) {
    const full = path.join(statesDir, file);
    const source = sourceOf(full);
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const loaded = require(full) as { default?: unknown };
    const parsed = galleryComponentSchema.safeParse(loaded.default);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const field = ['default', ...issue.path.map(String)].join('.');
      throw new GalleryConfigError(`${source}: ${field}: ${issue.message}`);
    }
    const { component, states } = parsed.data;
    const bundle = path.join(lwcDir, component, `${component}.ts`);
    const bundleJs = path.join(lwcDir, component, `${component}.js`);
    if (!(await exists(bundle)) && !(await exists(bundleJs))) {
      throw new GalleryConfigError(
        `${source}: default.component: no bundle force-app/main/default/lwc/${component}`
      );
    }
    for (const state of states) {
      const previous = seen.get(state.id);
      if (previous)
        throw new GalleryConfigError(`${source}: state id "${state.id}" is also used in ${previous}`);
      seen.set(state.id, source);
      entries.push({ ...state, component, source });
    }
  }
  return entries;
}

/** The file a person edits: a compiled state (dist/scripts/…/x.js) is named by its TypeScript source. */
function sourceOf(file: string): string {
  const relative = path.relative(PROJECT_ROOT, file);
  const compiled = /^dist[\\/](.+)\.js$/.exec(relative);
  return compiled ? `${compiled[1]}.ts` : relative;
}

async function exists(file: string): Promise<boolean> {
  try {
    await fs.access(file);
    return true;
  } catch {
    return false;
  }
}

async function bundleModules(lwcDir: string): Promise<{ name: string; path: string }[]> {
  const modules: { name: string; path: string }[] = [];
  for (const name of (await fs.readdir(lwcDir)).sort()) {
    const js = path.join(lwcDir, name, `${name}.js`);
    if (await exists(js)) modules.push({ name: `c/${name}`, path: js });
  }
  return modules;
}

const RUNTIME = path.join(CLIENT_DIR, 'runtime.ts');
const VIRTUAL = '\0gallery:';

/** Platform-only modules, answered by the gallery runtime. */
function platformStandIn(id: string): string | null {
  const runtime = JSON.stringify(RUNTIME);
  if (id === 'entry') return null;
  if (id.startsWith('@salesforce/apex/')) {
    const method = id.slice('@salesforce/apex/'.length);
    return `import { apexMethod } from ${runtime};\nexport default apexMethod(${JSON.stringify(method)});\n`;
  }
  if (id === '@salesforce/apex') {
    return `export { refreshApex } from ${runtime};\nexport function getSObjectValue(record, field) { const name = typeof field === 'string' ? field : field.fieldApiName; return record ? record[name] : undefined; }\n`;
  }
  if (id.startsWith('@salesforce/customPermission/')) {
    const name = id.slice('@salesforce/customPermission/'.length);
    return `import { hasPermission } from ${runtime};\nexport default hasPermission(${JSON.stringify(name)});\n`;
  }
  // Element internals need native shadow DOM; the gallery renders with synthetic shadow, as Lightning Experience does.
  if (id === '@salesforce/gate/bc.260.enableComboboxElementInternals')
    return `export default { isOpen: () => false };\n`;
  if (id === '@salesforce/user/Id') return `export default '005000000000001AAA';\n`;
  if (id.startsWith('@salesforce/label/c.')) {
    // the real value from force-app/main/default/labels/CustomLabels.labels-meta.xml, as the platform serves it
    const name = id.slice('@salesforce/label/c.'.length);
    const value = labelValues().get(name);
    if (value === undefined)
      throw new GalleryConfigError(`${id}: the custom label ${name} is not defined in ${LABELS_FILE}`);
    return `export default ${JSON.stringify(value)};\n`;
  }
  if (id.startsWith('@salesforce/schema/')) {
    const [objectApiName, ...field] = id.slice('@salesforce/schema/'.length).split('.');
    return field.length
      ? `export default ${JSON.stringify({ objectApiName, fieldApiName: field.join('.') })};\n`
      : `export default ${JSON.stringify({ objectApiName })};\n`;
  }
  if (id === 'lightning/platformShowToastEvent') {
    return `export class ShowToastEvent extends CustomEvent {\n  constructor(toast) { super('lightning__showtoast', { bubbles: true, composed: true, cancelable: true, detail: Object.assign({}, toast) }); }\n}\n`;
  }
  if (id === 'lightning/navigation') {
    return [
      `import { recordNavigation } from ${runtime};`,
      `const Navigate = Symbol('Navigate');`,
      `const GenerateUrl = Symbol('GenerateUrl');`,
      `export const NavigationMixin = (Base) => class extends Base {`,
      `  [Navigate](pageReference) { recordNavigation(pageReference); }`,
      `  [GenerateUrl](pageReference) { const a = (pageReference && pageReference.attributes) || {}; return Promise.resolve('/lightning/r/' + (a.objectApiName || 'record') + '/' + (a.recordId || '') + '/view'); }`,
      `};`,
      `NavigationMixin.Navigate = Navigate;`,
      `NavigationMixin.GenerateUrl = GenerateUrl;`,
      `export class CurrentPageReference { constructor(cb) { this.cb = cb; } connect() { this.cb({ type: 'standard__namedPage', attributes: { pageName: 'gallery' }, state: {} }); } disconnect() {} update() {} }`,
      ''
    ].join('\n');
  }
  if (id === 'lightning/uiRecordApi') {
    return [
      `import { GetRecordAdapter } from ${runtime};`,
      `export const getRecord = GetRecordAdapter;`,
      `function fieldName(field) { return typeof field === 'string' ? field.split('.').slice(1).join('.') : field.fieldApiName; }`,
      `export function getFieldValue(record, field) { const f = record && record.fields && record.fields[fieldName(field)]; return f ? f.value : undefined; }`,
      `export function getFieldDisplayValue(record, field) { const f = record && record.fields && record.fields[fieldName(field)]; return f ? f.displayValue : undefined; }`,
      `export function updateRecord(input) { return Promise.resolve(Object.assign({ id: input && input.fields && input.fields.Id }, input)); }`,
      `export function createRecord(input) { return Promise.resolve(Object.assign({ id: 'a00000000000001AAA' }, input)); }`,
      `export function deleteRecord() { return Promise.resolve(); }`,
      `export function notifyRecordUpdateAvailable() { return Promise.resolve(); }`,
      `export function getRecordNotifyChange() {}`,
      ''
    ].join('\n');
  }
  return null;
}

function standInsPlugin(entryCode: string): Plugin {
  return {
    name: 'gallery-stand-ins',
    resolveId(source, importer) {
      if (source === 'gallery-entry') return `${VIRTUAL}entry`;
      if (platformStandIn(source) !== null) return `${VIRTUAL}${source}`;
      if (importer && importer.startsWith(CLIENT_DIR) && source.startsWith('.')) {
        const target = path.resolve(path.dirname(importer), source);
        return target.endsWith('.ts') ? target : `${target}.ts`;
      }
      return null;
    },
    load(id) {
      if (!id.startsWith(VIRTUAL)) return null;
      const name = id.slice(VIRTUAL.length);
      return name === 'entry' ? entryCode : platformStandIn(name);
    },
    transform(code, id) {
      if (!id.startsWith(CLIENT_DIR) || !id.endsWith('.ts')) return null;
      const output = ts.transpileModule(code, {
        fileName: id,
        compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2020, sourceMap: false }
      });
      return { code: output.outputText, map: null };
    }
  };
}

export interface BuildResult {
  outDir: string;
  states: GalleryEntry[];
}

/** Compiles the components and writes the gallery (index.html, app.js, states.js, SLDS) to outDir. */
export async function buildGallery(outDir = DEFAULT_OUT_DIR): Promise<BuildResult> {
  const compiled = await compileAll(LWC_DIR);
  if (compiled.failures.length > 0) {
    const first = compiled.failures[0];
    throw new Error(`component build failed: ${first.file}: ${first.message}`);
  }
  const states = await loadStates();
  const components = [...new Set(states.map((s) => s.component))];
  const entryCode = [
    `import '@lwc/synthetic-shadow';`,
    `import { startApp } from ${JSON.stringify(path.join(CLIENT_DIR, 'app.ts'))};`,
    ...components.map((name, i) => `import C${i} from ${JSON.stringify(`c/${name}`)};`),
    `startApp({ ${components.map((name, i) => `${JSON.stringify(name)}: C${i}`).join(', ')} });`,
    ''
  ].join('\n');

  const warnings: string[] = [];
  const bundle = await rollup({
    input: 'gallery-entry',
    plugins: [
      standInsPlugin(entryCode),
      replace({
        preventAssignment: true,
        // lightning-base-components guard browser-only code with import.meta.env.SSR (a Vite convention).
        values: { 'process.env.NODE_ENV': JSON.stringify('production'), 'import.meta.env.SSR': 'false' }
      }),
      lwc({
        rootDir: LWC_DIR,
        // Virtual modules (ids starting with \0) are skipped by the plugin's filter already.
        exclude: [`${CLIENT_DIR}/**`],
        modules: [...(await bundleModules(LWC_DIR)), { npm: 'lightning-base-components' }]
      })
    ],
    onwarn(warning) {
      if (warning.code === 'CIRCULAR_DEPENDENCY' || warning.code === 'THIS_IS_UNDEFINED') return;
      // lightning-base-components' own templates trip a few compiler warnings; they are not ours to fix.
      if ((warning.id ?? warning.message).includes('node_modules')) return;
      warnings.push(warning.message);
    }
  });
  await fs.mkdir(outDir, { recursive: true });
  await bundle.write({
    file: path.join(outDir, 'app.js'),
    format: 'iife',
    sourcemap: false,
    inlineDynamicImports: true
  });
  await bundle.close();
  for (const message of warnings) logger.warn({ message }, 'rollup warning');

  await fs.writeFile(
    path.join(outDir, 'states.js'),
    `window.__GALLERY_STATES__ = ${JSON.stringify(states, null, 2)};\n`
  );
  await fs.writeFile(path.join(outDir, 'index.html'), INDEX_HTML);
  await fs.writeFile(path.join(outDir, 'gallery.css'), GALLERY_CSS);
  await fs.cp(path.join(SLDS_ASSETS, 'styles'), path.join(outDir, 'assets/styles'), { recursive: true });
  await fs.cp(path.join(SLDS_ASSETS, 'images'), path.join(outDir, 'assets/images'), { recursive: true });
  logger.info(
    { outDir: path.relative(PROJECT_ROOT, outDir), states: states.length, components },
    'gallery built'
  );
  return { outDir, states };
}

const INDEX_HTML = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>omni-assist component gallery</title>
    <link rel="icon" href="data:," />
    <link rel="stylesheet" href="assets/styles/salesforce-lightning-design-system.min.css" />
    <link rel="stylesheet" href="gallery.css" />
  </head>
  <body>
    <main id="gallery" class="slds-p-around_medium"></main>
    <script src="states.js"></script>
    <script src="app.js"></script>
  </body>
</html>
`;

const GALLERY_CSS = `html, body { background: #f3f3f3; min-height: 100%; }
.gallery-frame { background: #fff; border: 1px solid #c9c9c9; border-radius: 0.25rem; box-shadow: 0 2px 4px rgba(0,0,0,0.1); max-width: 100%; }
.gallery-back { display: inline-block; margin-bottom: 0.25rem; }
.gallery-toasts { position: fixed; top: 1rem; right: 1rem; max-width: 28rem; }
.gallery-toast { min-width: 0; margin: 0 0 0.5rem 0; }
`;
