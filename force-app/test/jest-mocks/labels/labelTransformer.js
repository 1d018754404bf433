// Custom labels for Jest. On the platform `import TEXT from '@salesforce/label/c.Name'` gives the
// label's value; sfdx-lwc-jest would give the string 'c.Name', which makes text assertions
// meaningless. A moduleNameMapper entry can only point every label at one file, so instead this
// transformer wraps @lwc/jest-transformer and, before it runs, rewrites each label import into a
// constant holding the value from force-app/main/default/labels/CustomLabels.labels-meta.xml.
// An import of a label the file does not define fails the transform, naming the label and file.
// The cache key includes the labels file, so editing a value re-transforms the components.
const { createHash } = require('node:crypto');
const { readFileSync } = require('node:fs');
const path = require('node:path');
const { XMLParser } = require('fast-xml-parser');
const lwcTransformer = require('@lwc/jest-transformer');

const LABELS_FILE = path.resolve(__dirname, '../../../main/default/labels/CustomLabels.labels-meta.xml');
const LABEL_IMPORT =
  /import\s+([A-Za-z_$][\w$]*)\s+from\s+(['"])@salesforce\/label\/c\.([A-Za-z0-9_]+)\2\s*;?/g;

let cached = null;

/** Label name -> value, read once per file content. */
function readLabels() {
  const xml = readFileSync(LABELS_FILE, 'utf8');
  if (cached && cached.xml === xml) return cached.values;
  const parsed = new XMLParser({
    parseTagValue: false,
    trimValues: false,
    isArray: (name) => name === 'labels'
  }).parse(xml);
  const values = new Map();
  for (const label of parsed?.CustomLabels?.labels ?? [])
    values.set(String(label.fullName), String(label.value));
  cached = { xml, values };
  return values;
}

function inlineLabels(src, filePath) {
  if (!src.includes('@salesforce/label/')) return src;
  const labels = readLabels();
  const inlined = src.replace(LABEL_IMPORT, (_match, local, _quote, name) => {
    if (!labels.has(name)) {
      throw new Error(`${filePath} imports the custom label ${name}, which ${LABELS_FILE} does not define`);
    }
    return `const ${local} = ${JSON.stringify(labels.get(name))};`;
  });
  if (/from\s+['"]@salesforce\/label\//.test(inlined)) {
    throw new Error(
      `${filePath}: import custom labels one per statement as \`import TEXT from '@salesforce/label/c.Name';\``
    );
  }
  return inlined;
}

module.exports = {
  process(src, filePath, options) {
    return lwcTransformer.process(inlineLabels(src, filePath), filePath, options);
  },
  getCacheKey(src, filePath, ...rest) {
    return createHash('md5')
      .update(lwcTransformer.getCacheKey(src, filePath, ...rest))
      .update(src.includes('@salesforce/label/') ? readFileSync(LABELS_FILE, 'utf8') : '')
      .digest('hex');
  },
  readLabels
};
