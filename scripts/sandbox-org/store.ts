/**
 * The sandbox org's data: records per object, the recycle bin, unique indexes, and every save
 * (insert, update, upsert, delete) with the platform's checks and bookkeeping, applied one record
 * at a time inside a transaction that rolls back as a whole when a call asks for all-or-none.
 */
import type { FormulaContext } from '../formula/evaluator';
import { SfError, SfErrors, type SaveError } from './errors';
import { IdFactory, normalizeId } from './ids';
import type { FieldDef, ObjectDef, Schema } from './metadata';

export type Rec = Record<string, unknown>;

export interface RunAs {
  userId: string;
  permissions: ReadonlySet<string>;
  /** System mode: validation rules are not evaluated and audit fields may be set (seeding, forced edits). */
  system: boolean;
  /**
   * Field-level security of a simulated user: the custom fields ("Object.Field") their permission sets
   * let them edit. Absent means no field-level security applies (system mode, seeding).
   */
  editableFields?: ReadonlySet<string>;
}

/**
 * What the deployed before-delete triggers refuse (see scripts/sandbox-org/triggers.ts): the error
 * for a record the user may not delete, or null. Runs for every record a call deletes, before the
 * cascade to its children.
 */
export type DeleteGuard = (def: ObjectDef, rec: Rec, runAs: RunAs, store: OrgStore) => SaveError | null;

export interface SaveResult {
  id?: string | null;
  success: boolean;
  errors: SaveError[];
  created?: boolean;
}

export type ValidationEvaluator = (formula: string, ctx: FormulaContext) => boolean;

export interface BatchOptions {
  allOrNone: boolean;
  /** Injected per-record failure (partial failures inside a collection); null means no fault. */
  recordFault?: () => string | null;
}

export interface DeletedRow {
  rec: Rec;
  deletedAt: number;
}

const AUDIT_FIELDS = new Set([
  'CreatedDate',
  'CreatedById',
  'LastModifiedDate',
  'LastModifiedById',
  'SystemModstamp'
]);
const ROLLED_BACK: SaveError = {
  statusCode: 'ALL_OR_NONE_OPERATION_ROLLED_BACK',
  message: 'Record rolled back because not all records were valid and the request was using AllOrNone header',
  fields: []
};

/** Formats an instant the way the REST API does: 2026-01-15T10:20:30.000+0000. */
export function formatDateTime(ms: number): string {
  return new Date(ms).toISOString().replace('Z', '+0000');
}

const DATETIME_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:?\d{2})?$/;
const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;

export function parseDateTime(v: string): number | null {
  if (!DATETIME_RE.test(v)) return null;
  const normalized = v.replace(/([+-]\d{2})(\d{2})$/, '$1:$2');
  const ms = Date.parse(/(Z|[+-]\d{2}:\d{2})$/.test(normalized) ? normalized : `${normalized}Z`);
  return Number.isNaN(ms) ? null : ms;
}

function jsonError(field: FieldDef, v: unknown, sfType: string): SfError {
  return new SfError(
    'JSON_PARSER_ERROR',
    `Cannot deserialize instance of ${sfType} from VALUE_STRING value ${String(v)} or request may be missing a required field`,
    400,
    [field.name]
  );
}

class Txn {
  private readonly undo: Array<() => void> = [];
  add(fn: () => void): void {
    this.undo.push(fn);
  }
  rollback(): void {
    for (let i = this.undo.length - 1; i >= 0; i--) this.undo[i]();
    this.undo.length = 0;
  }
}

export interface StoreSnapshot {
  ids: Record<string, number>;
  autoNumbers: Record<string, number>;
  records: Record<string, Rec[]>;
  deleted: Record<string, DeletedRow[]>;
}

export class OrgStore {
  readonly tables = new Map<string, Map<string, Rec>>();
  readonly recycle = new Map<string, Map<string, DeletedRow>>();
  private readonly unique = new Map<string, Map<string, Map<string, string>>>();
  private readonly autoNumbers = new Map<string, number>();
  ids: IdFactory;
  private lastStamp = 0;

  constructor(
    readonly schema: Schema,
    private readonly clock: () => number,
    private readonly evaluator: ValidationEvaluator | null,
    private readonly deleteGuard: DeleteGuard | null = null
  ) {
    this.ids = new IdFactory();
    for (const def of schema.objects.values()) {
      this.tables.set(def.name, new Map());
      this.recycle.set(def.name, new Map());
      const idx = new Map<string, Map<string, string>>();
      for (const f of def.uniqueFields) idx.set(f.name, new Map());
      this.unique.set(def.name, idx);
    }
  }

  /** A strictly increasing clock so records saved in one call still order by SystemModstamp. */
  private now(): number {
    const t = Math.max(this.clock(), this.lastStamp);
    this.lastStamp = t;
    return t;
  }

  objectOfId(id: string): ObjectDef | undefined {
    return this.schema.byPrefix.get(id.slice(0, 3));
  }

  get(type: string, id: string): Rec | undefined {
    return this.tables.get(type)?.get(id);
  }

  findById(id: string): Rec | undefined {
    const def = this.objectOfId(id);
    return def ? this.tables.get(def.name)!.get(id) : undefined;
  }

  // ---------- values ----------

  private coerce(def: ObjectDef, field: FieldDef, raw: unknown): unknown {
    if (raw === null || raw === undefined) return field.type === 'boolean' ? false : null;
    switch (field.type) {
      case 'string':
      case 'textarea':
      case 'email':
      case 'phone':
      case 'url':
      case 'picklist':
      case 'multipicklist': {
        if (typeof raw !== 'string' && typeof raw !== 'number' && typeof raw !== 'boolean')
          throw jsonError(field, JSON.stringify(raw), 'string');
        let v = String(raw);
        if (v === '') return null;
        if (field.type === 'multipicklist') {
          const parts = [
            ...new Set(
              v
                .split(';')
                .map((p) => p.trim())
                .filter((p) => p !== '')
            )
          ];
          if (field.restrictedPicklist) {
            for (const p of parts) this.checkPicklist(field, p);
          }
          v = parts.join(';');
          if (v === '') return null;
        } else if (field.type === 'picklist' && field.restrictedPicklist) {
          this.checkPicklist(field, v);
        }
        if (field.length > 0 && v.length > field.length) {
          throw new SfError(
            'STRING_TOO_LONG',
            `${field.label}: data value too large: ${v.length > 60 ? `${v.slice(0, 60)}...` : v} (max length=${field.length})`,
            400,
            [field.name]
          );
        }
        return v;
      }
      case 'boolean':
        if (typeof raw === 'boolean') return raw;
        if (raw === 'true' || raw === 'false') return raw === 'true';
        throw jsonError(field, raw, 'boolean');
      case 'double':
      case 'int':
      case 'currency':
      case 'percent': {
        const n =
          typeof raw === 'number'
            ? raw
            : typeof raw === 'string' && raw.trim() !== ''
              ? Number(raw)
              : Number.NaN;
        if (!Number.isFinite(n)) throw jsonError(field, raw, 'double');
        const scale = field.scale;
        const rounded = Math.round(n * 10 ** scale) / 10 ** scale;
        const maxInt = field.precision > 0 ? 10 ** (field.precision - scale) : Number.POSITIVE_INFINITY;
        if (Math.abs(rounded) >= maxInt) {
          throw new SfError(
            'NUMBER_OUTSIDE_VALID_RANGE',
            `${field.label}: value outside of valid range on numeric field: ${n}`,
            400,
            [field.name]
          );
        }
        return rounded;
      }
      case 'date': {
        if (typeof raw !== 'string' || !DATE_RE.test(raw) || Number.isNaN(Date.parse(raw)))
          throw jsonError(field, raw, 'date');
        return raw;
      }
      case 'datetime': {
        const ms = typeof raw === 'string' ? parseDateTime(raw) : null;
        if (ms === null) throw jsonError(field, raw, 'datetime');
        return formatDateTime(ms);
      }
      case 'id':
      case 'reference': {
        const id = normalizeId(raw);
        if (!id)
          throw new SfError(
            'MALFORMED_ID',
            `${field.label}: id value of incorrect type: ${String(raw)}`,
            400,
            [field.name]
          );
        if (field.type === 'reference') this.checkReference(def, field, id);
        return id;
      }
    }
  }

  private checkPicklist(field: FieldDef, v: string): void {
    if (!field.picklistValues.some((p) => p.active && p.value === v)) {
      throw new SfError(
        'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST',
        `${field.label}: bad value for restricted picklist field: ${v}`,
        400,
        [field.name]
      );
    }
  }

  private checkReference(_def: ObjectDef, field: FieldDef, id: string): void {
    const served = field.referenceTo.filter((t) => this.schema.objects.has(t));
    if (served.length === 0) return; // a standard object the sandbox does not serve: the Id is kept as given
    const target = this.objectOfId(id);
    if (!target || !served.includes(target.name)) {
      throw new SfError(
        'FIELD_INTEGRITY_EXCEPTION',
        `${field.label}: id value of incorrect type: ${id}`,
        400,
        [field.name]
      );
    }
    if (!this.tables.get(target.name)!.has(id)) {
      throw new SfError('INVALID_CROSS_REFERENCE_KEY', 'invalid cross reference id', 400, [field.name]);
    }
  }

  private resolveField(def: ObjectDef, key: string): FieldDef {
    const field = def.byLower.get(key.toLowerCase());
    if (!field)
      throw new SfError('INVALID_FIELD', `No such column '${key}' on sobject of type ${def.name}`, 400, []);
    return field;
  }

  /** The platform's answer to a write of fields the user may not write: every such field in one error. */
  private notWritable(...fields: FieldDef[]): SfError {
    const names = fields.map((f) => f.name);
    return new SfError(
      'INVALID_FIELD_FOR_INSERT_UPDATE',
      `Unable to create/update fields: ${names.join(', ')}. Please check the security settings of this field and verify that it is read/write for your profile or permission set.`,
      400,
      names
    );
  }

  /**
   * Field-level security: a custom field the user's permission sets do not let them edit. Required
   * fields (master-detail included) cannot carry field permissions, so they follow the object.
   */
  private deniedByFieldSecurity(def: ObjectDef, field: FieldDef, runAs: RunAs): boolean {
    if (runAs.system || !runAs.editableFields || !field.custom || field.required) return false;
    return !runAs.editableFields.has(`${def.name}.${field.name}`);
  }

  /** Applies a request body to a record copy; returns the names of the fields it set. */
  private applyBody(def: ObjectDef, target: Rec, body: Rec, runAs: RunAs, isNew: boolean): void {
    const denied = Object.keys(body)
      .filter((key) => key !== 'attributes')
      .map((key) => this.resolveField(def, key))
      .filter((field) => this.deniedByFieldSecurity(def, field, runAs));
    if (denied.length > 0) throw this.notWritable(...denied);
    for (const key of Object.keys(body)) {
      if (key === 'attributes') continue;
      const field = this.resolveField(def, key);
      if (field.name === 'Id') {
        if (isNew) throw this.notWritable(field);
        continue; // an update names its record with Id
      }
      const allowed = isNew ? field.createable : field.updateable;
      if (
        !allowed &&
        !(runAs.system && (AUDIT_FIELDS.has(field.name) || field.autoNumber || field.name === 'Name'))
      ) {
        throw this.notWritable(field);
      }
      target[field.name] = this.coerce(def, field, body[key]);
    }
  }

  private checkRequired(def: ObjectDef, rec: Rec): void {
    const missing = def.fields
      .filter((f) => f.required && (rec[f.name] === null || rec[f.name] === undefined))
      .map((f) => f.name);
    if (missing.length > 0) {
      throw new SfError(
        'REQUIRED_FIELD_MISSING',
        `Required fields are missing: [${missing.join(', ')}]`,
        400,
        missing
      );
    }
  }

  private runValidationRules(def: ObjectDef, rec: Rec, prior: Rec | null, runAs: RunAs): void {
    if (runAs.system || def.validationRules.length === 0) return;
    const errors: SaveError[] = [];
    for (const rule of def.validationRules) {
      if (!rule.active) continue;
      if (!this.evaluator) {
        throw new SfError(
          'UNKNOWN_EXCEPTION',
          `validation rule ${def.name}.${rule.name} cannot be evaluated: the formula evaluator (scripts/formula/evaluator.ts) is not available`,
          500
        );
      }
      let failed: boolean;
      try {
        failed = this.evaluator(rule.formula, {
          record: rec,
          prior,
          isNew: prior === null,
          permissions: runAs.permissions,
          fieldTypes: rule.fieldTypes ?? def.formulaTypes
        });
      } catch (err) {
        throw new SfError(
          'UNKNOWN_EXCEPTION',
          `validation rule ${def.name}.${rule.name} (${rule.file}) could not be evaluated: ${(err as Error).message}`,
          500
        );
      }
      if (failed)
        errors.push({
          statusCode: 'FIELD_CUSTOM_VALIDATION_EXCEPTION',
          message: rule.errorMessage,
          fields: rule.errorDisplayField ? [rule.errorDisplayField] : []
        });
    }
    if (errors.length > 0) throw new SfErrors(errors);
  }

  private uniqueKey(field: FieldDef, v: unknown): string {
    const s = String(v);
    return field.caseSensitive ? s : s.toLowerCase();
  }

  private checkUnique(def: ObjectDef, rec: Rec, selfId: string | null): void {
    const idx = this.unique.get(def.name)!;
    for (const f of def.uniqueFields) {
      const v = rec[f.name];
      if (v === null || v === undefined) continue;
      const other = idx.get(f.name)!.get(this.uniqueKey(f, v));
      if (other && other !== selfId) {
        throw new SfError(
          'DUPLICATE_VALUE',
          `duplicate value found: ${f.name} duplicates value on record with id: ${other}`,
          400,
          []
        );
      }
    }
  }

  /** Writes the row and its index entries; the transaction can put back what was there. */
  private put(def: ObjectDef, id: string, rec: Rec | undefined, txn: Txn | null): void {
    const table = this.tables.get(def.name)!;
    const prev = table.get(id);
    const idx = this.unique.get(def.name)!;
    const reindex = (from: Rec | undefined, to: Rec | undefined): void => {
      for (const f of def.uniqueFields) {
        const m = idx.get(f.name)!;
        const a = from?.[f.name];
        const b = to?.[f.name];
        if (a === b) continue;
        if (a !== null && a !== undefined) m.delete(this.uniqueKey(f, a));
        if (b !== null && b !== undefined) m.set(this.uniqueKey(f, b), id);
      }
    };
    reindex(prev, rec);
    if (rec) table.set(id, rec);
    else table.delete(id);
    txn?.add(() => {
      reindex(rec, prev);
      if (prev) table.set(id, prev);
      else table.delete(id);
    });
  }

  private derive(def: ObjectDef, rec: Rec, now: number): void {
    if (def.name === 'Case') {
      const closed = rec.Status === 'Closed';
      if (closed && !rec.IsClosed) rec.ClosedDate = formatDateTime(now);
      if (!closed) rec.ClosedDate = null;
      rec.IsClosed = closed;
    } else if (def.name === 'Task') {
      rec.IsClosed = rec.Status === 'Completed';
    } else if (def.name === 'User') {
      rec.Name = [rec.FirstName, rec.LastName].filter((x) => x).join(' ');
    }
  }

  private nextAutoNumber(def: ObjectDef, field: FieldDef): string {
    const key = `${def.name}.${field.name}`;
    const n = (this.autoNumbers.get(key) ?? (def.name === 'Case' ? 1000 : 0)) + 1;
    this.autoNumbers.set(key, n);
    return (field.displayFormat ?? '{0}').replace(/\{(0+)\}/, (_m, zeros: string) =>
      String(n).padStart(zeros.length, '0')
    );
  }

  // ---------- single-record steps ----------

  private insertOne(def: ObjectDef, body: Rec, runAs: RunAs, txn: Txn | null): string {
    if (!def.createable && !runAs.system) {
      throw new SfError(
        'INVALID_TYPE_FOR_OPERATION',
        `entity type ${def.name} does not support insert in the sandbox org`,
        400
      );
    }
    const rec: Rec = {};
    for (const f of def.fields) rec[f.name] = f.defaultValue ?? (f.type === 'boolean' ? false : null);
    this.applyBody(def, rec, body, runAs, true);
    const now = this.now();
    const stamp = formatDateTime(now);
    if (def.byLower.has('ownerid') && rec.OwnerId === null) rec.OwnerId = runAs.userId;
    rec.CreatedById ??= runAs.userId;
    rec.LastModifiedById ??= rec.CreatedById;
    rec.CreatedDate ??= stamp;
    rec.LastModifiedDate ??= rec.CreatedDate;
    rec.SystemModstamp ??= rec.LastModifiedDate;
    if (def.byLower.has('isdeleted')) rec.IsDeleted = false;
    this.derive(def, rec, now);
    this.checkRequired(def, rec);
    this.runValidationRules(def, rec, null, runAs);
    this.checkUnique(def, rec, null);
    const id = this.ids.next(def.keyPrefix);
    rec.Id = id;
    for (const f of def.autoNumberFields) if (rec[f.name] === null) rec[f.name] = this.nextAutoNumber(def, f);
    if (def.byLower.has('name') && !def.byLower.get('name')!.autoNumber && rec.Name === null && def.custom)
      rec.Name = id;
    this.put(def, id, rec, txn);
    return id;
  }

  private existing(def: ObjectDef, rawId: unknown): Rec {
    const id = normalizeId(rawId);
    if (!id)
      throw new SfError('MALFORMED_ID', `Record ID: id value of incorrect type: ${String(rawId)}`, 400, [
        'Id'
      ]);
    const rec = this.tables.get(def.name)!.get(id);
    if (rec) return rec;
    if (this.recycle.get(def.name)!.has(id))
      throw new SfError('ENTITY_IS_DELETED', 'entity is deleted', 404, []);
    if (id.slice(0, 3) !== def.keyPrefix)
      throw new SfError('MALFORMED_ID', `Record ID: id value of incorrect type: ${id}`, 400, ['Id']);
    throw new SfError('INVALID_CROSS_REFERENCE_KEY', 'invalid cross reference id', 404, []);
  }

  private updateOne(def: ObjectDef, prior: Rec, body: Rec, runAs: RunAs, txn: Txn | null): string {
    if (!def.updateable && !runAs.system) {
      throw new SfError(
        'INVALID_TYPE_FOR_OPERATION',
        `entity type ${def.name} does not support update in the sandbox org`,
        400
      );
    }
    const rec: Rec = { ...prior };
    this.applyBody(def, rec, body, runAs, false);
    const now = this.now();
    const stamp = formatDateTime(now);
    const explicit = (name: string): boolean =>
      runAs.system && Object.keys(body).some((k) => k.toLowerCase() === name.toLowerCase());
    if (!explicit('LastModifiedById')) rec.LastModifiedById = runAs.userId;
    if (!explicit('LastModifiedDate')) rec.LastModifiedDate = stamp;
    if (!explicit('SystemModstamp'))
      rec.SystemModstamp = explicit('LastModifiedDate') ? rec.LastModifiedDate : stamp;
    this.derive(def, rec, now);
    this.checkRequired(def, rec);
    this.runValidationRules(def, rec, prior, runAs);
    this.checkUnique(def, rec, prior.Id as string);
    this.put(def, prior.Id as string, rec, txn);
    return prior.Id as string;
  }

  private deleteOne(def: ObjectDef, rawId: unknown, runAs: RunAs, txn: Txn | null): string {
    const rec = this.existing(def, rawId);
    const id = rec.Id as string;
    const refused = runAs.system ? null : (this.deleteGuard?.(def, rec, runAs, this) ?? null);
    if (refused) throw new SfErrors([refused]);
    const now = this.now();
    const cascade: Array<[ObjectDef, Rec]> = [];
    for (const child of this.schema.objects.values()) {
      for (const f of child.fields) {
        if (!f.cascadeDelete || !f.referenceTo.includes(def.name)) continue;
        for (const r of this.tables.get(child.name)!.values()) if (r[f.name] === id) cascade.push([child, r]);
      }
    }
    for (const [childDef, childRec] of cascade) this.deleteOne(childDef, childRec.Id, runAs, txn);
    this.put(def, id, undefined, txn);
    const bin = this.recycle.get(def.name)!;
    bin.set(id, { rec: { ...rec, IsDeleted: true, SystemModstamp: formatDateTime(now) }, deletedAt: now });
    txn?.add(() => bin.delete(id));
    return id;
  }

  // ---------- calls ----------

  /** Runs one step per record; collects per-record results; rolls everything back on failure when all-or-none. */
  private batch<T>(
    items: T[],
    opts: BatchOptions,
    step: (item: T, txn: Txn) => SaveResult,
    failed: (item: T, errors: SaveError[]) => SaveResult
  ): SaveResult[] {
    const txn = new Txn();
    const results: SaveResult[] = [];
    let anyFailed = false;
    try {
      for (const item of items) {
        const fault = opts.recordFault?.() ?? null;
        if (fault) {
          anyFailed = true;
          const message =
            fault === 'UNABLE_TO_LOCK_ROW'
              ? 'unable to obtain exclusive access to this record or 1 records'
              : 'An unexpected error occurred. Please include this ErrorId if you contact support';
          results.push(failed(item, [{ statusCode: fault, message, fields: [] }]));
          continue;
        }
        try {
          results.push(step(item, txn));
        } catch (err) {
          if (err instanceof SfErrors) {
            anyFailed = true;
            results.push(failed(item, err.errors));
          } else if (err instanceof SfError && err.errorCode !== 'JSON_PARSER_ERROR' && err.status < 500) {
            anyFailed = true;
            results.push(failed(item, [err.toSaveError()]));
          } else {
            throw err;
          }
        }
      }
    } catch (err) {
      txn.rollback();
      throw err;
    }
    if (opts.allOrNone && anyFailed) {
      txn.rollback();
      return results.map((r, i) => (r.success ? failed(items[i], [ROLLED_BACK]) : r));
    }
    return results;
  }

  insert(def: ObjectDef, bodies: Rec[], runAs: RunAs, opts: BatchOptions): SaveResult[] {
    return this.batch(
      bodies,
      opts,
      (body, txn) => ({ id: this.insertOne(def, body, runAs, txn), success: true, errors: [] }),
      (_body, errors) => ({ success: false, errors })
    );
  }

  /** Insert of records of any served type (sObject Collections create); each body names its type. */
  insertMixed(
    items: Array<{ def: ObjectDef | null; body: Rec; typeName: string }>,
    runAs: RunAs,
    opts: BatchOptions
  ): SaveResult[] {
    return this.batch(
      items,
      opts,
      (item, txn) => {
        if (!item.def)
          throw new SfError('INVALID_TYPE', `sObject type '${item.typeName}' is not supported.`, 400);
        return { id: this.insertOne(item.def, item.body, runAs, txn), success: true, errors: [] };
      },
      (_item, errors) => ({ success: false, errors })
    );
  }

  update(
    items: Array<{ def: ObjectDef | null; body: Rec; id: unknown; typeName: string }>,
    runAs: RunAs,
    opts: BatchOptions
  ): SaveResult[] {
    return this.batch(
      items,
      opts,
      (item, txn) => {
        if (!item.def)
          throw new SfError('INVALID_TYPE', `sObject type '${item.typeName}' is not supported.`, 400);
        const prior = this.existing(item.def, item.id);
        return { id: this.updateOne(item.def, prior, item.body, runAs, txn), success: true, errors: [] };
      },
      (item, errors) => ({
        id: normalizeId(item.id) ?? (typeof item.id === 'string' ? item.id : null),
        success: false,
        errors
      })
    );
  }

  /** Records whose external id field holds the value (unique fields use their index). */
  findByField(def: ObjectDef, field: FieldDef, value: unknown): Rec[] {
    if (field.name === 'Id') {
      const id = normalizeId(value);
      const r = id ? this.tables.get(def.name)!.get(id) : undefined;
      return r ? [r] : [];
    }
    const idx = this.unique.get(def.name)!.get(field.name);
    if (idx) {
      const id = idx.get(this.uniqueKey(field, value));
      return id ? [this.tables.get(def.name)!.get(id)!] : [];
    }
    const key = this.uniqueKey(field, value);
    const out: Rec[] = [];
    for (const r of this.tables.get(def.name)!.values())
      if (r[field.name] !== null && this.uniqueKey(field, r[field.name]) === key) out.push(r);
    return out;
  }

  upsert(
    def: ObjectDef,
    field: FieldDef,
    items: Array<{ body: Rec; value: unknown }>,
    runAs: RunAs,
    opts: BatchOptions
  ): SaveResult[] {
    const seen = new Map<string, number>();
    for (const it of items) {
      const k = this.uniqueKey(field, it.value);
      seen.set(k, (seen.get(k) ?? 0) + 1);
    }
    return this.batch(
      items,
      opts,
      (item, txn) => {
        if (item.value === null || item.value === undefined || item.value === '') {
          throw new SfError('MISSING_ARGUMENT', `${field.name} not specified`, 400, []);
        }
        if ((seen.get(this.uniqueKey(field, item.value)) ?? 0) > 1) {
          throw new SfError(
            'DUPLICATE_EXTERNAL_ID',
            `Duplicate external id specified: ${String(item.value)}`,
            400,
            [field.name]
          );
        }
        const matches = this.findByField(def, field, item.value);
        if (matches.length > 1) {
          throw new SfError(
            'DUPLICATE_EXTERNAL_ID',
            `${field.name}: more than one record found for external id field: ${matches.map((m) => m.Id as string).join(', ')}`,
            300,
            [field.name]
          );
        }
        if (matches.length === 1) {
          return {
            id: this.updateOne(def, matches[0], item.body, runAs, txn),
            success: true,
            errors: [],
            created: false
          };
        }
        const body = field.name === 'Id' ? item.body : { ...item.body, [field.name]: item.value };
        if (field.name === 'Id')
          throw new SfError(
            'NOT_FOUND',
            'Provided external ID field does not exist or is not accessible: Id',
            404
          );
        return { id: this.insertOne(def, body, runAs, txn), success: true, errors: [], created: true };
      },
      (_item, errors) => ({ id: null, success: false, errors })
    );
  }

  delete(ids: unknown[], runAs: RunAs, opts: BatchOptions): SaveResult[] {
    return this.batch(
      ids,
      opts,
      (raw, txn) => {
        const id = normalizeId(raw);
        const def = id ? this.objectOfId(id) : undefined;
        if (!id || !def) throw new SfError('MALFORMED_ID', `malformed id ${String(raw)}`, 400, []);
        return { id: this.deleteOne(def, id, runAs, txn), success: true, errors: [] };
      },
      (raw, errors) => ({
        id: normalizeId(raw) ?? (typeof raw === 'string' ? raw : null),
        success: false,
        errors
      })
    );
  }

  // ---------- snapshot ----------

  snapshot(): StoreSnapshot {
    const records: Record<string, Rec[]> = {};
    const deleted: Record<string, DeletedRow[]> = {};
    for (const [name, t] of this.tables) records[name] = [...t.values()];
    for (const [name, t] of this.recycle) deleted[name] = [...t.values()];
    return { ids: this.ids.state(), autoNumbers: Object.fromEntries(this.autoNumbers), records, deleted };
  }

  restore(s: StoreSnapshot): void {
    this.ids = new IdFactory(s.ids);
    this.autoNumbers.clear();
    for (const [k, v] of Object.entries(s.autoNumbers)) this.autoNumbers.set(k, v);
    for (const [name, rows] of Object.entries(s.records)) {
      const def = this.schema.objects.get(name);
      if (!def) continue;
      for (const r of rows) {
        const full: Rec = {};
        for (const f of def.fields) full[f.name] = r[f.name] ?? (f.type === 'boolean' ? false : null);
        this.put(def, r.Id as string, full, null);
      }
    }
    for (const [name, rows] of Object.entries(s.deleted)) {
      const bin = this.recycle.get(name);
      if (bin) for (const row of rows) bin.set(row.rec.Id as string, row);
    }
  }
}
