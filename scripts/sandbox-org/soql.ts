/**
 * SOQL for the sandbox org: parsed with @jetstreamapp/soql-parser-js, then checked against the schema
 * and run over the in-memory rows. Whatever is not implemented answers MALFORMED_QUERY naming it, so a
 * query never returns a silently wrong result.
 */
import {
  parseQuery,
  type Query,
  type WhereClause,
  type FieldType as SoqlField,
  type OrderByClause
} from '@jetstreamapp/soql-parser-js';
import { SfError, malformedQuery } from './errors';
import { normalizeId } from './ids';
import type { FieldDef, ObjectDef, Schema } from './metadata';
import { formatDateTime, parseDateTime, type OrgStore, type Rec } from './store';

type Getter = (rec: Rec) => unknown;

interface ParentColumn {
  rel: FieldDef;
  fields: string[]; // canonical names, resolved per parent type at read time
}

export interface CompiledQuery {
  def: ObjectDef;
  /** Output columns: own fields, then relationship objects, in select order. */
  columns: Array<{ kind: 'field'; field: FieldDef } | { kind: 'parent'; parent: ParentColumn }>;
  count: null | { alias: string | null; field: string | null };
  where: ((rec: Rec) => boolean) | null;
  sort: Array<{ get: Getter; type: string; desc: boolean; nullsFirst: boolean }>;
  limit: number | null;
  offset: number;
}

const DAY = 86_400_000;

function unsupported(what: string): SfError {
  return malformedQuery(`${what} is not supported by the sandbox org`);
}

function unquote(v: string): string {
  const inner = v.startsWith("'") && v.endsWith("'") ? v.slice(1, -1) : v;
  return inner.replace(
    /\\(.)/g,
    (_m, c: string) =>
      ({ n: '\n', r: '\r', t: '\t', b: '\b', f: '\f' })[c] ?? (c === '%' || c === '_' ? `\\${c}` : c)
  );
}

function textOf(v: string): string {
  return v.replace(/\\([%_])/g, '$1');
}

function likeToRegExp(pattern: string): RegExp {
  let re = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\' && i + 1 < pattern.length) {
      re += pattern[++i].replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    } else if (c === '%') re += '[\\s\\S]*';
    else if (c === '_') re += '[\\s\\S]';
    else re += c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`, 'i');
}

const TEXT_TYPES = new Set(['string', 'textarea', 'picklist', 'email', 'phone', 'url']);
const NUMBER_TYPES = new Set(['double', 'int', 'currency', 'percent']);

type Token =
  | { t: '(' }
  | { t: ')' }
  | { t: 'NOT' }
  | { t: 'AND' }
  | { t: 'OR' }
  | { t: 'C'; c: Record<string, unknown> };

function flattenWhere(w: WhereClause, out: Token[]): void {
  const left = w.left as Record<string, unknown> | null;
  const isCondition = left !== null && ('field' in left || 'fn' in left || 'valueQuery' in left);
  if (!isCondition) {
    const open = (left?.openParen as number | undefined) ?? 0;
    for (let i = 0; i < open; i++) out.push({ t: '(' });
    if ('operator' in w && w.operator === 'NOT') out.push({ t: 'NOT' });
    if ('right' in w && w.right) flattenWhere(w.right, out);
    return;
  }
  for (let i = 0; i < ((left.openParen as number | undefined) ?? 0); i++) out.push({ t: '(' });
  out.push({ t: 'C', c: left });
  for (let i = 0; i < ((left.closeParen as number | undefined) ?? 0); i++) out.push({ t: ')' });
  if ('operator' in w && w.operator) {
    if (w.operator === 'NOT') out.push({ t: 'AND' }, { t: 'NOT' });
    else out.push({ t: w.operator });
  }
  if ('right' in w && w.right) flattenWhere(w.right, out);
}

export class QueryCompiler {
  constructor(
    private readonly schema: Schema,
    private readonly store: OrgStore,
    private readonly now: () => number
  ) {}

  compile(soql: string): CompiledQuery {
    let q: Query;
    try {
      q = parseQuery(soql);
    } catch (err) {
      throw malformedQuery(`${(err as Error).message.split('\n')[0]}`);
    }
    if (!q.sObject) throw malformedQuery('FROM clause names no object');
    const def = this.schema.byLower.get(q.sObject.toLowerCase());
    if (!def) {
      throw new SfError(
        'INVALID_TYPE',
        `sObject type '${q.sObject}' is not supported. If you are attempting to use a custom object, be sure to append the '__c' after the entity name. Please reference your WSDL or the describe call for the appropriate names.`
      );
    }
    if (q.groupBy) throw unsupported('GROUP BY');
    if (q.having) throw unsupported('HAVING');
    if (q.withDataCategory) throw unsupported('WITH DATA CATEGORY');
    if (q.for) throw unsupported(`FOR ${q.for}`);
    if (q.update) throw unsupported(`UPDATE ${q.update}`);
    if (q.usingScope) throw unsupported(`USING SCOPE ${q.usingScope}`);
    if (q.sObjectAlias) throw unsupported(`object alias ${q.sObjectAlias}`);
    if (q.offset !== undefined && q.offset > 2000)
      throw new SfError('NUMBER_OUTSIDE_VALID_RANGE', 'Maximum SOQL offset allowed is 2000');

    const compiled: CompiledQuery = {
      def,
      columns: [],
      count: null,
      where: null,
      sort: [],
      limit: q.limit ?? null,
      offset: q.offset ?? 0
    };
    this.compileFields(def, q.fields ?? [], compiled);
    if (q.where) compiled.where = this.compileWhere(def, q.where);
    if (q.orderBy) {
      if (compiled.count) throw unsupported('ORDER BY with COUNT');
      compiled.sort = (Array.isArray(q.orderBy) ? q.orderBy : [q.orderBy]).map((o) =>
        this.compileOrder(def, o)
      );
    }
    return compiled;
  }

  private compileFields(def: ObjectDef, fields: SoqlField[], out: CompiledQuery): void {
    const seen = new Set<string>();
    const parents = new Map<string, ParentColumn>();
    for (const f of fields) {
      switch (f.type) {
        case 'Field': {
          if ('objectPrefix' in f && f.objectPrefix)
            throw unsupported(`object prefix ${String(f.objectPrefix)}`);
          const field = this.field(def, f.field);
          if (seen.has(field.name.toLowerCase()))
            throw malformedQuery(`duplicate field selected: ${field.name}`);
          seen.add(field.name.toLowerCase());
          out.columns.push({ kind: 'field', field });
          break;
        }
        case 'FieldRelationship': {
          if (f.relationships.length !== 1)
            throw unsupported(
              `relationship path ${f.rawValue ?? f.relationships.join('.')} (more than one level)`
            );
          const rel = this.relationship(def, f.relationships[0]);
          const name = this.parentField(rel, f.field);
          const key = `${rel.relationshipName}.${name}`.toLowerCase();
          if (seen.has(key))
            throw malformedQuery(`duplicate field selected: ${rel.relationshipName}.${name}`);
          seen.add(key);
          let p = parents.get(rel.name);
          if (!p) {
            p = { rel, fields: [] };
            parents.set(rel.name, p);
            out.columns.push({ kind: 'parent', parent: p });
          }
          p.fields.push(name);
          break;
        }
        case 'FieldFunctionExpression': {
          const fn = f.functionName.toUpperCase();
          if (fn !== 'COUNT') throw unsupported(`function ${f.functionName}()`);
          if (fields.length > 1) throw unsupported('COUNT() together with other fields (needs GROUP BY)');
          const param = f.parameters[0];
          if (param !== undefined && typeof param !== 'string')
            throw unsupported('nested function in COUNT()');
          if (param !== undefined) this.field(def, param);
          out.count = { alias: f.alias ?? null, field: param ?? null };
          break;
        }
        case 'FieldSubquery':
          throw unsupported(`subquery (${f.subquery.relationshipName})`);
        default:
          throw unsupported('TYPEOF');
      }
    }
  }

  private field(def: ObjectDef, name: string): FieldDef {
    const f = def.byLower.get(name.toLowerCase());
    if (!f) {
      throw new SfError(
        'INVALID_FIELD',
        `No such column '${name}' on entity '${def.name}'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names.`
      );
    }
    return f;
  }

  private relationship(def: ObjectDef, relName: string): FieldDef {
    const rel = def.byRelationship.get(relName.toLowerCase());
    if (!rel) {
      throw new SfError(
        'INVALID_FIELD',
        `Didn't understand relationship '${relName}' in field path. If you are attempting to use a custom relationship, be sure to append the '__r' after the custom relationship name. Please reference your WSDL or the describe call for the appropriate names.`
      );
    }
    if (!rel.referenceTo.some((t) => this.schema.objects.has(t)))
      throw unsupported(`relationship ${rel.relationshipName} (its object is not served)`);
    return rel;
  }

  /** Canonical name of a parent field; it must exist on at least one object the relationship can point to. */
  private parentField(rel: FieldDef, name: string): string {
    for (const t of rel.referenceTo) {
      const f = this.schema.objects.get(t)?.byLower.get(name.toLowerCase());
      if (f) return f.name;
    }
    throw new SfError(
      'INVALID_FIELD',
      `No such column '${name}' on entity '${rel.referenceTo.join('/')}'. Please reference your WSDL or the describe call for the appropriate names.`
    );
  }

  /** Getter and field description for a path in WHERE / ORDER BY. */
  private path(def: ObjectDef, raw: string): { get: Getter; field: FieldDef } {
    const parts = raw.split('.');
    if (parts.length === 1) {
      const field = this.field(def, raw);
      const name = field.name;
      return { get: (r) => r[name], field };
    }
    if (parts.length > 2) throw unsupported(`relationship path ${raw} (more than one level)`);
    const rel = this.relationship(def, parts[0]);
    const name = this.parentField(rel, parts[1]);
    const field = rel.referenceTo
      .map((t) => this.schema.objects.get(t)?.byLower.get(name.toLowerCase()))
      .find((f) => f)!;
    const store = this.store;
    const relField = rel.name;
    return {
      get: (r) => {
        const pid = r[relField] as string | null;
        if (!pid) return null;
        const parent = store.findById(pid);
        return parent ? (parent[name] ?? null) : null;
      },
      field
    };
  }

  private compileOrder(def: ObjectDef, o: OrderByClause): CompiledQuery['sort'][number] {
    if (!('field' in o)) throw unsupported('ORDER BY on a function');
    const { get, field } = this.path(def, o.field);
    if (field.type === 'multipicklist' || (field.type === 'textarea' && field.length > 255)) {
      throw malformedQuery(`field '${field.name}' can not be sorted in a query call`);
    }
    const sort = {
      get,
      type: field.type,
      desc: o.order === 'DESC',
      nullsFirst: o.nulls ? o.nulls === 'FIRST' : true
    };
    if (field.type === 'picklist' && field.picklistValues.length > 0) {
      // Picklists sort in the order their values are defined, not alphabetically.
      const rank = new Map(field.picklistValues.map((p, i) => [p.value, i]));
      const unknown = field.picklistValues.length;
      const byRank: Getter = (r) => {
        const v = get(r);
        return v === null || v === undefined ? null : (rank.get(String(v)) ?? unknown);
      };
      return { ...sort, type: 'double', get: byRank };
    }
    return sort;
  }

  // ---------- WHERE ----------

  private compileWhere(def: ObjectDef, where: WhereClause): (rec: Rec) => boolean {
    const tokens: Token[] = [];
    flattenWhere(where, tokens);
    let pos = 0;
    const peek = (): Token | undefined => tokens[pos];
    const expr = (): ((r: Rec) => boolean) => {
      const parts = [unary()];
      let op: 'AND' | 'OR' | null = null;
      for (let t = peek(); t && (t.t === 'AND' || t.t === 'OR'); t = peek()) {
        if (op && op !== t.t)
          throw malformedQuery(`unexpected token: '${t.t}' (use parentheses when mixing AND and OR)`);
        op = t.t;
        pos++;
        parts.push(unary());
      }
      if (parts.length === 1) return parts[0];
      return op === 'AND' ? (r) => parts.every((p) => p(r)) : (r) => parts.some((p) => p(r));
    };
    const unary = (): ((r: Rec) => boolean) => {
      const t = tokens[pos++];
      if (!t) throw malformedQuery('unexpected end of WHERE clause');
      if (t.t === 'NOT') {
        const inner = unary();
        return (r) => !inner(r);
      }
      if (t.t === '(') {
        const inner = expr();
        if (tokens[pos++]?.t !== ')') throw malformedQuery('unbalanced parentheses in WHERE clause');
        return inner;
      }
      if (t.t === 'C') return this.condition(def, t.c);
      throw malformedQuery(`unexpected token: '${t.t}'`);
    };
    const fn = expr();
    if (pos !== tokens.length) throw malformedQuery('unbalanced parentheses in WHERE clause');
    return fn;
  }

  private condition(def: ObjectDef, c: Record<string, unknown>): (rec: Rec) => boolean {
    if ('valueQuery' in c) throw unsupported('semi-join subquery in WHERE');
    if ('fn' in c)
      throw unsupported(
        `function ${String((c.fn as { functionName?: string }).functionName ?? '')}() in WHERE`
      );
    const { get, field } = this.path(def, c.field as string);
    const op = c.operator as string;
    const lt = c.literalType as string | string[] | undefined;
    const values = Array.isArray(c.value) ? (c.value as string[]) : [c.value as string];
    const types = Array.isArray(lt) ? lt : values.map(() => lt ?? 'STRING');
    if (field.type === 'textarea' && field.length > 255)
      throw malformedQuery(`field '${field.name}' can not be filtered in a query call`);

    if (types.some((t) => t === 'DATE_LITERAL' || t === 'DATE_N_LITERAL')) {
      if (values.length !== 1 || op === 'IN' || op === 'NOT IN') throw unsupported('date literals inside IN');
      return this.dateRangeCondition(
        field,
        get,
        op,
        values[0],
        (c.dateLiteralVariable as number | undefined) ?? 0
      );
    }
    const lits = values.map((v, i) => this.literal(field, types[i], v));
    const isText = TEXT_TYPES.has(field.type);
    const isId = field.type === 'id' || field.type === 'reference';
    const norm = (v: unknown): unknown => {
      if (v === null || v === undefined) return null;
      if (isText || isId) return String(v).toLowerCase();
      if (field.type === 'datetime') return parseDateTime(String(v));
      return v;
    };
    const litNorm = lits.map((l) => norm(l));
    switch (op) {
      case '=':
      case '!=': {
        const want = litNorm[0];
        if (field.type === 'multipicklist' && want !== null) {
          const set = String(lits[0]).toLowerCase().split(';').sort().join(';');
          const eq = (r: Rec): boolean => {
            const v = get(r);
            return (
              v !== null && v !== undefined && String(v).toLowerCase().split(';').sort().join(';') === set
            );
          };
          return op === '=' ? eq : (r) => !eq(r);
        }
        const eq = (r: Rec): boolean => norm(get(r)) === want;
        return op === '=' ? eq : (r) => !eq(r);
      }
      case 'IN':
      case 'NOT IN': {
        const set = new Set(litNorm);
        return op === 'IN' ? (r) => set.has(norm(get(r))) : (r) => !set.has(norm(get(r)));
      }
      case '<':
      case '<=':
      case '>':
      case '>=': {
        if (field.type === 'boolean' || isId || field.type === 'multipicklist')
          throw new SfError(
            'INVALID_QUERY_FILTER_OPERATOR',
            `invalid operator on ${field.type} field: ${op}`
          );
        const want = litNorm[0];
        if (want === null) return () => false;
        const cmp = (a: unknown, b: unknown): number =>
          (a as number | string) < (b as number | string)
            ? -1
            : (a as number | string) > (b as number | string)
              ? 1
              : 0;
        return (r) => {
          const v = norm(get(r));
          if (v === null) return false;
          const d = cmp(v, want);
          return op === '<' ? d < 0 : op === '<=' ? d <= 0 : op === '>' ? d > 0 : d >= 0;
        };
      }
      case 'LIKE': {
        if (!isText && !isId)
          throw new SfError('INVALID_QUERY_FILTER_OPERATOR', `invalid operator on ${field.type} field: LIKE`);
        const re = likeToRegExp(String(lits[0] ?? ''));
        return (r) => {
          const v = get(r);
          return v !== null && v !== undefined && re.test(String(v));
        };
      }
      case 'INCLUDES':
      case 'EXCLUDES': {
        if (field.type !== 'multipicklist')
          throw new SfError(
            'INVALID_QUERY_FILTER_OPERATOR',
            `${op} can only be used on multi-select picklist fields`
          );
        const groups = lits.map((l) =>
          String(l)
            .toLowerCase()
            .split(';')
            .map((s) => s.trim())
        );
        const includes = (r: Rec): boolean => {
          const v = get(r);
          if (v === null || v === undefined) return false;
          const have = new Set(String(v).toLowerCase().split(';'));
          return groups.some((g) => g.every((x) => have.has(x)));
        };
        return op === 'INCLUDES' ? includes : (r) => !includes(r);
      }
      default:
        throw unsupported(`operator ${op}`);
    }
  }

  private literal(field: FieldDef, type: string, raw: string): unknown {
    const mismatch = (expected: string): SfError =>
      new SfError(
        'INVALID_FIELD',
        `value of filter criterion for field '${field.name}' must be of type ${expected} and should not be enclosed in quotes`
      );
    if (type === 'NULL') return null;
    switch (type) {
      case 'STRING': {
        const v = unquote(raw);
        if (field.type === 'id' || field.type === 'reference') {
          const id = normalizeId(textOf(v));
          if (!id) throw new SfError('INVALID_QUERY_FILTER_OPERATOR', `invalid ID field: ${textOf(v)}`);
          return id;
        }
        // The platform stores a blank text as null, so '' matches blank values.
        if (TEXT_TYPES.has(field.type) || field.type === 'multipicklist') return v === '' ? null : v;
        throw mismatch(field.type === 'datetime' ? 'dateTime' : field.type);
      }
      case 'INTEGER':
      case 'DECIMAL':
        if (!NUMBER_TYPES.has(field.type))
          throw mismatch(
            field.type === 'datetime'
              ? 'dateTime'
              : field.type === 'id' || field.type === 'reference'
                ? 'string'
                : field.type
          );
        return Number(raw);
      case 'BOOLEAN':
        if (field.type !== 'boolean') throw mismatch(field.type);
        return raw.toUpperCase() === 'TRUE';
      case 'DATE':
        if (field.type !== 'date') throw mismatch(field.type === 'datetime' ? 'dateTime' : field.type);
        return raw;
      case 'DATETIME': {
        if (field.type !== 'datetime') throw mismatch(field.type);
        const ms = parseDateTime(raw);
        if (ms === null) throw malformedQuery(`line 1: invalid datetime: ${raw}`);
        return formatDateTime(ms);
      }
      default:
        throw unsupported(`literal of type ${type}`);
    }
  }

  private dateRangeCondition(
    field: FieldDef,
    get: Getter,
    op: string,
    literal: string,
    n: number
  ): (r: Rec) => boolean {
    if (field.type !== 'date' && field.type !== 'datetime') {
      throw new SfError(
        'INVALID_FIELD',
        `value of filter criterion for field '${field.name}' must be of type ${field.type} and should not be enclosed in quotes`
      );
    }
    const today = Math.floor(this.now() / DAY) * DAY; // org time zone: UTC
    const name = literal.split(':')[0].toUpperCase();
    let range: [number, number];
    switch (name) {
      case 'TODAY':
        range = [today, today + DAY];
        break;
      case 'YESTERDAY':
        range = [today - DAY, today];
        break;
      case 'TOMORROW':
        range = [today + DAY, today + 2 * DAY];
        break;
      case 'LAST_N_DAYS':
        range = [today - n * DAY, today + DAY];
        break;
      case 'NEXT_N_DAYS':
        range = [today + DAY, today + (n + 1) * DAY];
        break;
      case 'N_DAYS_AGO':
        range = [today - n * DAY, today - (n - 1) * DAY];
        break;
      default:
        throw unsupported(`date literal ${literal}`);
    }
    const [a, b] = range;
    const toMs = (v: unknown): number | null => {
      if (v === null || v === undefined) return null;
      return field.type === 'date' ? Date.parse(`${String(v)}T00:00:00Z`) : parseDateTime(String(v));
    };
    const test = (x: number): boolean => {
      switch (op) {
        case '=':
          return x >= a && x < b;
        case '!=':
          return !(x >= a && x < b);
        case '<':
          return x < a;
        case '<=':
          return x < b;
        case '>':
          return x >= b;
        case '>=':
          return x >= a;
        default:
          throw unsupported(`operator ${op} with a date literal`);
      }
    };
    if (!['=', '!=', '<', '<=', '>', '>='].includes(op))
      throw unsupported(`operator ${op} with a date literal`);
    return (r) => {
      const x = toMs(get(r));
      return x === null ? op === '!=' : test(x);
    };
  }

  // ---------- running ----------

  /** Matching rows, sorted, after OFFSET and LIMIT. */
  run(q: CompiledQuery, includeDeleted: boolean): Rec[] {
    let rows: Rec[] = [];
    const table = this.store.tables.get(q.def.name)!;
    const where = q.where;
    for (const r of table.values()) if (!where || where(r)) rows.push(r);
    if (includeDeleted)
      for (const d of this.store.recycle.get(q.def.name)!.values())
        if (!where || where(d.rec)) rows.push(d.rec);
    if (q.sort.length > 0) {
      const keyed = rows.map((r) => ({ r, k: q.sort.map((s) => sortKey(s.get(r), s.type)) }));
      keyed.sort((x, y) => {
        for (let i = 0; i < q.sort.length; i++) {
          const s = q.sort[i];
          const a = x.k[i];
          const b = y.k[i];
          if (a === b) continue;
          if (a === null) return s.nullsFirst ? -1 : 1;
          if (b === null) return s.nullsFirst ? 1 : -1;
          const d = a < b ? -1 : 1;
          return s.desc ? -d : d;
        }
        return 0;
      });
      rows = keyed.map((x) => x.r);
    }
    if (q.offset > 0) rows = rows.slice(q.offset);
    if (q.limit !== null) rows = rows.slice(0, q.limit);
    return rows;
  }

  /** The row as the REST API returns it, with `attributes` and one level of parent objects. */
  project(q: CompiledQuery, r: Rec, version: string): Rec {
    const out: Rec = {
      attributes: {
        type: q.def.name,
        url: `/services/data/v${version}/sobjects/${q.def.name}/${String(r.Id)}`
      }
    };
    for (const c of q.columns) {
      if (c.kind === 'field') {
        out[c.field.name] = r[c.field.name] ?? null;
        continue;
      }
      const pid = r[c.parent.rel.name] as string | null;
      const parent = pid ? this.store.findById(pid) : undefined;
      if (!parent) {
        out[c.parent.rel.relationshipName!] = null;
        continue;
      }
      const pdef = this.store.objectOfId(pid!)!;
      const po: Rec = {
        attributes: { type: pdef.name, url: `/services/data/v${version}/sobjects/${pdef.name}/${pid}` }
      };
      for (const name of c.parent.fields)
        po[name] = pdef.byLower.has(name.toLowerCase()) ? (parent[name] ?? null) : null;
      out[c.parent.rel.relationshipName!] = po;
    }
    return out;
  }
}

function sortKey(v: unknown, type: string): string | number | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number') return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (type === 'datetime' || type === 'date' || type === 'id' || type === 'reference') return String(v);
  return String(v).toLowerCase();
}
