/**
 * Reads the project's custom labels (force-app/main/default/labels/CustomLabels.labels-meta.xml) and
 * checks them against the code: every `@salesforce/label/c.Name` import a component makes and every
 * `System.Label.Name` Apex reads must be defined, and every defined label must be used.
 * The gallery serves the same values, so its screenshots show the text people read.
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../shared/paths';
import { XMLParser } from 'fast-xml-parser';
import { z } from 'zod';

export { PROJECT_ROOT };
export const LABELS_FILE = path.join(
  PROJECT_ROOT,
  'force-app/main/default/labels/CustomLabels.labels-meta.xml'
);

const labelSchema = z.object({
  fullName: z
    .string()
    .regex(/^[A-Za-z](?:[A-Za-z0-9]|_(?!_))*[A-Za-z0-9]$/, 'letters, digits and single underscores'),
  language: z.literal('en_US'),
  protected: z.literal('false'),
  shortDescription: z.string().min(1).max(80),
  value: z.string().min(1).max(1000),
  categories: z.string().max(255).optional()
});
const fileSchema = z.object({
  CustomLabels: z.object({ labels: z.array(labelSchema) })
});

export type CustomLabel = z.infer<typeof labelSchema>;

export class CustomLabelsError extends Error {}

/** Every label in the file, by name. Throws one message naming the field and the file when it is malformed. */
export function readCustomLabels(file: string = LABELS_FILE): Map<string, CustomLabel> {
  const parser = new XMLParser({
    parseTagValue: false,
    trimValues: false,
    isArray: (name) => name === 'labels'
  });
  const parsed = fileSchema.safeParse(parser.parse(readFileSync(file, 'utf8')));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new CustomLabelsError(`${file}: ${issue.path.join('.')}: ${issue.message}`);
  }
  const labels = new Map<string, CustomLabel>();
  for (const label of parsed.data.CustomLabels.labels) {
    if (labels.has(label.fullName))
      throw new CustomLabelsError(`${file}: label ${label.fullName} is defined twice`);
    labels.set(label.fullName, label);
  }
  return labels;
}

/** Label value by name, as the platform hands it to a component. */
export function labelValues(file: string = LABELS_FILE): Map<string, string> {
  return new Map([...readCustomLabels(file)].map(([name, label]) => [name, label.value]));
}

const LWC_LABEL_IMPORT = /from\s+['"]@salesforce\/label\/c\.([A-Za-z0-9_]+)['"]/g;
const APEX_LABEL_REFERENCE = /\b(?:System\.)?Label\.([A-Za-z0-9_]+)\b/g;

function filesUnder(dir: string, extension: string): string[] {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  return entries.flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === '__tests__' ? [] : filesUnder(full, extension);
    return entry.name.endsWith(extension) && !entry.name.endsWith('.d.ts') ? [full] : [];
  });
}

/** Where each label is used: `<file>` paths relative to the root, by label name. */
export function labelUsages(root: string = PROJECT_ROOT): Map<string, string[]> {
  const usages = new Map<string, string[]>();
  const sources: [string, RegExp][] = [
    ...filesUnder(path.join(root, 'force-app/main/default/lwc'), '.ts').map((f): [string, RegExp] => [
      f,
      LWC_LABEL_IMPORT
    ]),
    ...filesUnder(path.join(root, 'force-app/main/default/classes'), '.cls').map((f): [string, RegExp] => [
      f,
      APEX_LABEL_REFERENCE
    ])
  ];
  for (const [file, pattern] of sources) {
    for (const match of readFileSync(file, 'utf8').matchAll(pattern)) {
      const users = usages.get(match[1]) ?? [];
      users.push(path.relative(root, file));
      usages.set(match[1], users);
    }
  }
  return usages;
}

/** Labels used but not defined, and labels defined but never used: empty when they agree. */
export function labelProblems(root: string = PROJECT_ROOT): string[] {
  const defined = readCustomLabels(path.join(root, path.relative(PROJECT_ROOT, LABELS_FILE)));
  const used = labelUsages(root);
  const problems: string[] = [];
  for (const [name, files] of used) {
    if (!defined.has(name))
      problems.push(`${[...new Set(files)].join(', ')} uses the custom label ${name}, which is not defined`);
  }
  for (const name of defined.keys()) {
    if (!used.has(name))
      problems.push(`the custom label ${name} is defined but no component or Apex class uses it`);
  }
  return problems;
}
