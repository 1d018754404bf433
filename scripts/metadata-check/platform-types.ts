/**
 * The platform SObject types the semantic Apex check knows.
 *
 * apex-ls ships the standard objects as compiled Java declarations (`com/nawforce/runforce/SObjects/*`
 * in its sobject-types jar) and reads them from the first jar on its classpath that has that folder.
 * The Omni-Channel objects (PendingServiceRouting, AgentWork, UserServicePresence, …) are not among
 * them, so code using them would go unchecked. Their field names and types, taken from the Salesforce
 * Object Reference, live in `omni-channel-objects.json`; this module turns them into Java
 * declarations of the same shape, compiles them against apex-ls's own types, and writes a copy of the
 * sobject-types jar with them added. The jar is cached by the content it is built from.
 *
 * The same jar answers the SOQL check's questions (which fields and relationships an object has),
 * read with `javap`, so apex-ls and the SOQL check know exactly the same standard objects.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { projectPath } from '../shared/paths';
import { z } from 'zod';
import type { Jdk } from './java';

export const APEX_LS_LIB = projectPath('node_modules/@salesforce/code-analyzer-pmd-engine/dist/java-lib');
const DECLARATIONS_FILE = projectPath('scripts/metadata-check/omni-channel-objects.json');
const CACHE_ROOT = projectPath('node_modules/.cache/omni-assist-apex-types');
const RUNFORCE = 'com.nawforce.runforce';
/** Bumped when the generated Java changes shape, so cached jars are rebuilt. */
const GENERATOR_VERSION = 2;

const fieldSchema = z.object({
  type: z.string(),
  relationshipName: z.string().optional(),
  referenceTo: z.array(z.string()).optional()
});
const objectSchema = z.object({
  source: z.string().optional(),
  fields: z.record(z.string(), fieldSchema),
  childRelationships: z
    .record(z.string(), z.object({ childObject: z.string(), field: z.string().optional() }))
    .optional()
});
export const declarationsSchema = z.object({
  $comment: z.string().optional(),
  objects: z.record(z.string(), objectSchema)
});
export type PlatformDeclarations = z.infer<typeof declarationsSchema>;

/** Java type (fully qualified, as apex-ls's own declarations spell them) of a SOAP field type. */
const SCALAR_TYPES: Record<string, string> = {
  id: 'System.Id',
  reference: 'System.Id',
  string: 'System.String',
  picklist: 'System.String',
  multipicklist: 'System.String',
  combobox: 'System.String',
  textarea: 'System.String',
  email: 'System.String',
  url: 'System.String',
  phone: 'System.String',
  encryptedstring: 'System.String',
  boolean: 'System.Boolean',
  int: 'System.Integer',
  long: 'System.Long',
  double: 'System.Decimal',
  percent: 'System.Decimal',
  currency: 'System.Decimal',
  datetime: 'System.Datetime',
  date: 'System.Date',
  time: 'System.Time',
  base64: 'System.Blob',
  anytype: 'java.lang.Object'
};

export async function readDeclarations(file = DECLARATIONS_FILE): Promise<PlatformDeclarations> {
  const raw = await fs.readFile(file, 'utf8');
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch (error) {
    throw new Error(`${file}: not JSON: ${(error as Error).message}`);
  }
  const parsed = declarationsSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`${file}: ${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}`);
  }
  for (const [objectName, object] of Object.entries(parsed.data.objects)) {
    for (const [fieldName, field] of Object.entries(object.fields)) {
      if (!(field.type.toLowerCase() in SCALAR_TYPES)) {
        throw new Error(`${file}: objects.${objectName}.fields.${fieldName}: unknown type "${field.type}"`);
      }
    }
  }
  return parsed.data;
}

function javaIdentifier(name: string, where: string): string {
  if (!/^[A-Za-z][A-Za-z0-9_]*$/.test(name)) throw new Error(`${where}: "${name}" is not a valid API name`);
  return name;
}

/** Java source for one declared object, in the shape of apex-ls's generated SObject declarations. */
export function javaSourceFor(
  objectName: string,
  declarations: PlatformDeclarations,
  knownTypes: ReadonlySet<string>
): string {
  const object = declarations.objects[objectName];
  if (!object) throw new Error(`no declaration for ${objectName}`);
  const exists = (type: string) => knownTypes.has(type) || type in declarations.objects;
  const lines: string[] = [
    `package ${RUNFORCE}.SObjects;`,
    '',
    `/** ${objectName}, declared from ${object.source ?? 'the Salesforce Object Reference'}. */`,
    `public class ${javaIdentifier(objectName, objectName)} extends ${RUNFORCE}.System.SObject {`,
    `  public static ${RUNFORCE}.Internal.SObjectType$<${objectName}> SObjectType;`,
    `  public static ${RUNFORCE}.Internal.SObjectFields$<${objectName}> Fields;`
  ];
  const declared = new Set<string>();
  const add = (name: string, type: string) => {
    if (declared.has(name.toLowerCase())) return;
    declared.add(name.toLowerCase());
    lines.push(`  public ${type} ${javaIdentifier(name, `${objectName}.${name}`)};`);
  };
  for (const [fieldName, field] of Object.entries(object.fields)) {
    const scalar = SCALAR_TYPES[field.type.toLowerCase()] as string;
    add(fieldName, scalar.startsWith('java.') ? scalar : `${RUNFORCE}.${scalar}`);
    if (field.type.toLowerCase() === 'reference' && field.relationshipName) {
      const targets = field.referenceTo ?? [];
      const single = targets.length === 1 && exists(targets[0] as string) ? (targets[0] as string) : 'Name';
      add(field.relationshipName, `${RUNFORCE}.SObjects.${single}`);
    }
  }
  for (const [relationship, child] of Object.entries(object.childRelationships ?? {})) {
    if (exists(child.childObject)) add(relationship, `${RUNFORCE}.SObjects.${child.childObject}[]`);
  }
  lines.push('}', '');
  return lines.join('\n');
}

function run(file: string, args: string[], cwd?: string): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(file, args, { cwd, maxBuffer: 256 * 1024 * 1024, timeout: 300_000 }, (error, stdout, stderr) => {
      if (error)
        reject(
          new Error(`${path.basename(file)} ${args.slice(0, 3).join(' ')}…: ${stderr || error.message}`)
        );
      else resolve(stdout);
    });
  });
}

async function libraryJar(prefix: string): Promise<string> {
  const names = await fs.readdir(APEX_LS_LIB).catch(() => {
    throw new Error(
      `apex-ls is not installed (${APEX_LS_LIB} is missing): run npm ci; it ships with @salesforce/code-analyzer-pmd-engine`
    );
  });
  const name = names.find((file) => file.startsWith(prefix) && file.endsWith('.jar'));
  if (!name) throw new Error(`no ${prefix}*.jar in ${APEX_LS_LIB}`);
  return path.join(APEX_LS_LIB, name);
}

const SOBJECT_CLASS = /^com\/nawforce\/runforce\/SObjects\/([A-Za-z0-9_]+)\.class$/;
const classListings = new Map<string, Promise<Map<string, string>>>();

/**
 * The SObject declarations a types jar holds, by lower-case name → declared name. Read once per jar and
 * process: the SOQL check asks again for every round of relationship paths it follows.
 */
function sobjectClasses(jarBin: string, jarFile: string): Promise<Map<string, string>> {
  let listing = classListings.get(jarFile);
  if (!listing) {
    listing = run(jarBin, ['tf', jarFile]).then((output) => {
      const names = new Map<string, string>();
      for (const entry of output.split('\n')) {
        const name = SOBJECT_CLASS.exec(entry.trim())?.[1];
        if (name) names.set(name.toLowerCase(), name);
      }
      return names;
    });
    // A failed listing is not remembered, so the next call tries again.
    listing.catch(() => classListings.delete(jarFile));
    classListings.set(jarFile, listing);
  }
  return listing;
}

export interface PlatformTypes {
  /** The sobject-types jar with the declared objects added: put it first on apex-ls's classpath. */
  jar: string;
  /** Every jar apex-ls needs, ours first. */
  classpath: string[];
  declaredObjects: string[];
}

/** Builds (or reuses from the cache) the sobject-types jar with the declared objects compiled in. */
export async function buildPlatformTypes(
  jdk: Jdk,
  declarationsFile = DECLARATIONS_FILE
): Promise<PlatformTypes> {
  if (!jdk.javac || !jdk.jar) throw new Error(`${jdk.home ?? 'java'} has no javac/jar`);
  const declarations = await readDeclarations(declarationsFile);
  const sobjectJar = await libraryJar('sobject-types-');
  const standardJar = await libraryJar('standard-types-');
  const libraryJars = (await fs.readdir(APEX_LS_LIB))
    .filter((name) => name.endsWith('.jar'))
    .sort()
    .map((name) => path.join(APEX_LS_LIB, name));
  const hash = createHash('sha256')
    .update(String(GENERATOR_VERSION))
    .update(JSON.stringify(declarations))
    .update(path.basename(sobjectJar))
    .update(String((await fs.stat(sobjectJar)).size))
    .digest('hex')
    .slice(0, 16);
  const cacheDir = path.join(CACHE_ROOT, hash);
  const jar = path.join(cacheDir, path.basename(sobjectJar).replace(/^sobject-types/, 'sobject-types-omni'));
  const declaredObjects = Object.keys(declarations.objects).sort();
  const result = { jar, classpath: [jar, ...libraryJars], declaredObjects };
  if (
    await fs.stat(jar).then(
      () => true,
      () => false
    )
  )
    return result;

  const work = await fs.mkdtemp(path.join(os.tmpdir(), 'omni-assist-apex-types-'));
  try {
    const knownTypes = new Set((await sobjectClasses(jdk.jar, sobjectJar)).values());
    const sourceDir = path.join(work, 'src', 'com', 'nawforce', 'runforce', 'SObjects');
    await fs.mkdir(sourceDir, { recursive: true });
    const sources: string[] = [];
    for (const objectName of declaredObjects) {
      const file = path.join(sourceDir, `${objectName}.java`);
      await fs.writeFile(file, javaSourceFor(objectName, declarations, knownTypes));
      sources.push(file);
    }
    const classes = path.join(work, 'classes');
    await fs.mkdir(classes);
    // apex-ls's own declarations are Java 8 class files; ours match so any runtime it runs on loads them.
    await run(jdk.javac, [
      '--release',
      '8',
      '-nowarn',
      '-Xlint:-options',
      '-cp',
      [standardJar, sobjectJar].join(path.delimiter),
      '-d',
      classes,
      ...sources
    ]);
    const staged = path.join(work, path.basename(jar));
    await fs.copyFile(sobjectJar, staged);
    await run(jdk.jar, ['uf', staged, '-C', classes, 'com'], work);
    await fs.mkdir(cacheDir, { recursive: true });
    // Rename into place so a concurrent run never reads a half-written jar.
    const temporary = `${jar}.${process.pid}.tmp`;
    await fs.copyFile(staged, temporary);
    await fs.rename(temporary, jar);
    return result;
  } finally {
    await fs.rm(work, { recursive: true, force: true });
  }
}

export interface ObjectShape {
  name: string;
  /** Scalar fields by lower-case name → declared name. */
  fields: Map<string, string>;
  /** Lookup relationships by lower-case name → target object ('Name' when polymorphic). */
  parents: Map<string, string>;
  /** Child relationships by lower-case name → child object. */
  children: Map<string, string>;
}

const MEMBER = /^\s*public (?!static)([\w.$]+?)(\[\])? (\w+);$/;

/** Parses `javap` output of SObject declaration classes into their shapes. */
export function parseJavap(output: string): ObjectShape[] {
  const shapes: ObjectShape[] = [];
  let current: ObjectShape | null = null;
  for (const line of output.split('\n')) {
    const header = /^public class com\.nawforce\.runforce\.SObjects\.(\w+) extends/.exec(line);
    if (header) {
      current = { name: header[1] as string, fields: new Map(), parents: new Map(), children: new Map() };
      shapes.push(current);
      continue;
    }
    const member = current ? MEMBER.exec(line) : null;
    if (!current || !member) continue;
    const [, type, array, name] = member as unknown as [string, string, string | undefined, string];
    const key = name.toLowerCase();
    const sobject = /^com\.nawforce\.runforce\.SObjects\.(\w+)$/.exec(type)?.[1];
    if (sobject && array) current.children.set(key, sobject);
    else if (sobject) current.parents.set(key, sobject);
    else current.fields.set(key, name);
  }
  return shapes;
}

/** Reads the shapes of platform objects from the types jar; objects it does not know are absent. */
export async function describePlatformObjects(
  jdk: Jdk,
  types: PlatformTypes,
  names: string[]
): Promise<Map<string, ObjectShape>> {
  const found = new Map<string, ObjectShape>();
  if (names.length === 0) return found;
  const javap = path.join(path.dirname(jdk.javac ?? jdk.java), 'javap');
  const available = await sobjectClasses(jdk.jar ?? 'jar', types.jar);
  const wanted = [
    ...new Set(names.map((name) => available.get(name.toLowerCase())).filter(Boolean))
  ] as string[];
  if (wanted.length === 0) return found;
  const output = await run(javap, [
    '-public',
    '-cp',
    types.jar,
    ...wanted.map((name) => `${RUNFORCE}.SObjects.${name}`)
  ]);
  for (const shape of parseJavap(output)) found.set(shape.name.toLowerCase(), shape);
  return found;
}
