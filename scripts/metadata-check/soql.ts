/**
 * Static SOQL inside Apex, checked against the objects it names. apex-ls resolves Apex expressions but
 * not the field names inside `[SELECT … FROM …]`, so a misspelt field in a query would only fail at
 * deployment. Every object in FROM, every field and relationship path in SELECT, WHERE, GROUP BY,
 * ORDER BY and functions, and every child relationship in a sub-query must exist:
 * - the project's own objects and fields, read from force-app (custom objects, custom metadata types,
 *   custom fields on standard objects, Activity fields on Task and Event);
 * - standard objects from the same platform types apex-ls uses (its bundled declarations plus the
 *   Omni-Channel objects from omni-channel-objects.json).
 */
import {
  ApexErrorListener,
  ApexParserFactory,
  FieldNameContext,
  FromNameListContext,
  QueryContext,
  SelectEntryContext,
  SubQueryContext,
  TypeOfContext
} from '@apexdevtools/apex-parser';
import { XMLParser } from 'fast-xml-parser';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { SourceProblem } from './apex';
import type { ObjectShape } from './platform-types';

/** The smallest part of a parse tree this check walks. */
interface Node {
  children: Node[] | null;
  getText(): string;
  start?: { line: number; column: number };
}

export interface SoqlReference {
  file: string;
  line: number;
  column: number;
  /** Dotted path as written, e.g. `Case__r.Owner.Name`. */
  path: string;
}

interface QueryFrom {
  object: string;
  alias: string | null;
  line: number;
  column: number;
}

export interface ParsedQuery {
  file: string;
  from: QueryFrom;
  /** For a sub-query in SELECT: the relationship it reads, resolved against the outer query's object. */
  parent: ParsedQuery | null;
  fields: SoqlReference[];
}

class Quiet extends ApexErrorListener {
  apexSyntaxError(): void {}
}

function position(node: Node): { line: number; column: number } {
  return { line: node.start?.line ?? 0, column: (node.start?.column ?? 0) + 1 };
}

function fromOf(list: FromNameListContext | null): QueryFrom | null {
  if (!list) return null;
  const first = list.fieldName(0) as unknown as Node | null;
  if (!first) return null;
  const alias = list.soqlId(0) ? list.soqlId(0).getText() : null;
  return { object: first.getText(), alias, ...position(first) };
}

/** Every static SOQL query in an Apex source, with the field paths each one names. */
export function extractQueries(source: string, file: string): ParsedQuery[] {
  const { parser } = ApexParserFactory.createLexerAndParser(source, new Quiet());
  const root = (file.endsWith('.trigger')
    ? parser.triggerUnit()
    : parser.compilationUnit()) as unknown as Node;
  const queries: ParsedQuery[] = [];

  function collect(node: Node, query: ParsedQuery): void {
    for (const child of node.children ?? []) {
      if (child instanceof QueryContext) {
        visitQuery(child, null);
      } else if (child instanceof SubQueryContext) {
        // A sub-query in SELECT reads a child relationship; one in WHERE (a semi-join) reads an object.
        visitQuery(child, node instanceof SelectEntryContext ? query : null);
      } else if (child instanceof FromNameListContext) {
        continue;
      } else if (child instanceof TypeOfContext) {
        // TYPEOF names a polymorphic relationship; the fields in its WHEN branches belong to each type.
        const field = child.fieldName() as unknown as Node;
        query.fields.push({ file, ...position(field), path: field.getText() });
      } else if (child instanceof FieldNameContext) {
        query.fields.push({ file, ...position(child as unknown as Node), path: child.getText() });
      } else {
        collect(child, query);
      }
    }
  }

  function visitQuery(node: QueryContext | SubQueryContext, parent: ParsedQuery | null): void {
    const from = fromOf(node.fromNameList());
    if (!from) return;
    const query: ParsedQuery = { file, from, parent, fields: [] };
    queries.push(query);
    collect(node as unknown as Node, query);
  }

  function walk(node: Node): void {
    for (const child of node.children ?? []) {
      if (child instanceof QueryContext) visitQuery(child, null);
      else walk(child);
    }
  }
  walk(root);
  return queries;
}

/** What the check knows of one object: platform shape merged with the project's own fields. */
export interface ObjectCatalogue {
  shape(name: string): ObjectShape | null;
}

const CUSTOM_OBJECT_FIELDS = [
  'Id',
  'Name',
  'OwnerId',
  'IsDeleted',
  'CreatedById',
  'CreatedDate',
  'LastModifiedById',
  'LastModifiedDate',
  'SystemModstamp',
  'LastActivityDate',
  'LastViewedDate',
  'LastReferencedDate',
  'RecordTypeId'
];
const CUSTOM_OBJECT_PARENTS: Record<string, string> = {
  Owner: 'Name',
  CreatedBy: 'User',
  LastModifiedBy: 'User',
  RecordType: 'RecordType'
};
const CUSTOM_METADATA_FIELDS = [
  'Id',
  'DeveloperName',
  'MasterLabel',
  'Label',
  'Language',
  'NamespacePrefix',
  'QualifiedApiName',
  'SystemModstamp'
];

export interface ProjectField {
  object: string;
  field: string;
  /** For lookups and master-detail: the object it refers to and the relationship names. */
  referenceTo?: string;
  relationshipName?: string;
}

/** Custom objects and the custom fields on every object, from the project's source. */
export async function readProjectObjects(
  packageRoot: string
): Promise<{ objects: string[]; fields: ProjectField[] }> {
  const objectsDir = path.join(packageRoot, 'main', 'default', 'objects');
  const parser = new XMLParser({ ignoreAttributes: true });
  const objects: string[] = [];
  const fields: ProjectField[] = [];
  const entries = await fs.readdir(objectsDir, { withFileTypes: true }).catch(() => []);
  for (const entry of entries.filter((item) => item.isDirectory())) {
    if (/__(c|mdt|e|x)$/.test(entry.name)) objects.push(entry.name);
    const fieldDir = path.join(objectsDir, entry.name, 'fields');
    const files = await fs.readdir(fieldDir).catch(() => [] as string[]);
    for (const file of files.filter((name) => name.endsWith('.field-meta.xml'))) {
      const xml = parser.parse(await fs.readFile(path.join(fieldDir, file), 'utf8')) as {
        CustomField?: { fullName?: string; referenceTo?: string; relationshipName?: string };
      };
      const field = xml.CustomField?.fullName ?? file.replace(/\.field-meta\.xml$/, '');
      const targets = entry.name === 'Activity' ? ['Task', 'Event'] : [entry.name];
      for (const object of targets) {
        fields.push({
          object,
          field,
          referenceTo: xml.CustomField?.referenceTo,
          relationshipName: xml.CustomField?.relationshipName
        });
      }
    }
  }
  return { objects, fields };
}

function emptyShape(name: string): ObjectShape {
  return { name, fields: new Map(), parents: new Map(), children: new Map() };
}

/**
 * Merges platform shapes (from the types jar) with the project's custom objects and fields. The
 * platform map must already hold every standard object the queries name (see `objectsToDescribe`).
 */
export function buildCatalogue(
  platform: Map<string, ObjectShape>,
  project: { objects: string[]; fields: ProjectField[] }
): ObjectCatalogue {
  const shapes = new Map<string, ObjectShape>();
  for (const [key, shape] of platform) {
    shapes.set(key, {
      name: shape.name,
      fields: new Map(shape.fields),
      parents: new Map(shape.parents),
      children: new Map(shape.children)
    });
  }
  for (const object of project.objects) {
    const shape = emptyShape(object);
    const base = object.endsWith('__mdt') ? CUSTOM_METADATA_FIELDS : CUSTOM_OBJECT_FIELDS;
    for (const field of base) shape.fields.set(field.toLowerCase(), field);
    if (!object.endsWith('__mdt')) {
      for (const [name, target] of Object.entries(CUSTOM_OBJECT_PARENTS))
        shape.parents.set(name.toLowerCase(), target);
    }
    shapes.set(object.toLowerCase(), shape);
  }
  for (const field of project.fields) {
    const key = field.object.toLowerCase();
    const shape = shapes.get(key) ?? emptyShape(field.object);
    shapes.set(key, shape);
    shape.fields.set(field.field.toLowerCase(), field.field);
    if (field.referenceTo) {
      shape.parents.set(field.field.replace(/__c$/i, '__r').toLowerCase(), field.referenceTo);
      if (field.relationshipName) {
        const parentKey = field.referenceTo.toLowerCase();
        const parentShape = shapes.get(parentKey) ?? emptyShape(field.referenceTo);
        shapes.set(parentKey, parentShape);
        parentShape.children.set(`${field.relationshipName}__r`.toLowerCase(), field.object);
      }
    }
  }
  for (const shape of shapes.values()) shape.fields.set('id', 'Id');
  return { shape: (name) => shapes.get(name.toLowerCase()) ?? null };
}

/** Standard objects a set of queries can reach (FROM objects and the targets of custom lookups). */
export function objectsToDescribe(queries: ParsedQuery[], project: { fields: ProjectField[] }): string[] {
  const names = new Set<string>(['Name', 'User']);
  for (const query of queries) if (!query.parent) names.add(query.from.object);
  for (const field of project.fields) {
    names.add(field.object);
    if (field.referenceTo) names.add(field.referenceTo);
  }
  return [...names];
}

function resolveFrom(
  query: ParsedQuery,
  catalogue: ObjectCatalogue
): { object: string | null; problem?: string } {
  if (!query.parent) {
    const shape = catalogue.shape(query.from.object);
    return shape
      ? { object: shape.name }
      : { object: null, problem: `unknown object '${query.from.object}' in FROM` };
  }
  const outer = resolveFrom(query.parent, catalogue);
  if (!outer.object) return { object: null };
  const child = catalogue.shape(outer.object)?.children.get(query.from.object.toLowerCase());
  return child
    ? { object: child }
    : { object: null, problem: `no child relationship '${query.from.object}' on ${outer.object}` };
}

/** A field path's segments, without a leading FROM alias or object name (`c.Owner.Name` → Owner, Name). */
function pathSegments(query: ParsedQuery, reference: SoqlReference): string[] {
  const segments = reference.path.split('.');
  const first = segments[0]?.toLowerCase();
  const qualified =
    segments.length > 1 &&
    (first === query.from.alias?.toLowerCase() || first === query.from.object.toLowerCase());
  return qualified ? segments.slice(1) : segments;
}

/** Problems in one query's FROM object and field paths. */
export function checkQuery(query: ParsedQuery, catalogue: ObjectCatalogue): SourceProblem[] {
  const problems: SourceProblem[] = [];
  const from = resolveFrom(query, catalogue);
  if (!from.object) {
    if (from.problem)
      problems.push({
        file: query.file,
        line: query.from.line,
        column: query.from.column,
        message: `SOQL: ${from.problem}`
      });
    return problems;
  }
  for (const reference of query.fields) {
    const segments = pathSegments(query, reference);
    let object = from.object;
    let problem: string | null = null;
    // Polymorphic lookups (Owner, What, Who) resolve to the platform's "Name" shape.
    const describeShape = (shape: ObjectShape) =>
      shape.name === 'Name' ? 'a polymorphic lookup (only Name fields)' : shape.name;
    for (let i = 0; i < segments.length; i += 1) {
      const segment = segments[i] as string;
      const shape = catalogue.shape(object);
      if (!shape) {
        // A relationship to a platform object the types do not declare: nothing more to check.
        break;
      }
      const last = i === segments.length - 1;
      const parent = shape.parents.get(segment.toLowerCase());
      if (!last) {
        if (!parent) {
          problem = `no relationship '${segment}' on ${describeShape(shape)} (in '${reference.path}')`;
          break;
        }
        object = parent;
      } else if (!shape.fields.has(segment.toLowerCase())) {
        problem = parent
          ? `'${segment}' on ${describeShape(shape)} is a relationship, not a field: name one of its fields (in '${reference.path}')`
          : `no field '${segment}' on ${describeShape(shape)}${segments.length > 1 ? ` (in '${reference.path}')` : ''}`;
      }
    }
    if (problem)
      problems.push({
        file: reference.file,
        line: reference.line,
        column: reference.column,
        message: `SOQL: ${problem}`
      });
  }
  return problems;
}

/** Names of platform objects that the path walks of these queries reach but are not yet described. */
export function reachableUndescribed(queries: ParsedQuery[], catalogue: ObjectCatalogue): string[] {
  const missing = new Set<string>();
  for (const query of queries) {
    const from = resolveFrom(query, catalogue);
    if (!from.object) continue;
    for (const reference of query.fields) {
      const segments = pathSegments(query, reference);
      let object = from.object;
      for (const segment of segments.slice(0, -1)) {
        const shape = catalogue.shape(object);
        if (!shape) {
          missing.add(object);
          break;
        }
        const next = shape.parents.get(segment.toLowerCase());
        if (!next) break;
        object = next;
      }
      if (!catalogue.shape(object)) missing.add(object);
    }
  }
  return [...missing];
}

/**
 * Checks every static SOQL query in the given Apex files. `describe` reads the shapes of platform
 * objects (from the types jar); it is called again for objects that relationship paths reach.
 */
export async function checkStaticSoql(
  packageRoot: string,
  apexFiles: string[],
  describe: (names: string[]) => Promise<Map<string, ObjectShape>>
): Promise<{ problems: SourceProblem[]; queries: number }> {
  const queries: ParsedQuery[] = [];
  for (const file of apexFiles) queries.push(...extractQueries(await fs.readFile(file, 'utf8'), file));
  const project = await readProjectObjects(packageRoot);
  const initial = objectsToDescribe(queries, project);
  const platform = await describe(initial);
  let catalogue = buildCatalogue(platform, project);
  const tried = new Set(initial.map((name) => name.toLowerCase()));
  for (let round = 0; round < 5; round += 1) {
    const wanted = reachableUndescribed(queries, catalogue).filter((name) => !tried.has(name.toLowerCase()));
    if (wanted.length === 0) break;
    for (const name of wanted) tried.add(name.toLowerCase());
    for (const [key, shape] of await describe(wanted)) platform.set(key, shape);
    catalogue = buildCatalogue(platform, project);
  }
  const problems = queries.flatMap((query) => checkQuery(query, catalogue));
  return { problems, queries: queries.length };
}
