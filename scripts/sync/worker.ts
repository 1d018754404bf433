/**
 * The payment sync worker: one cycle submits payments that reached "Submitted for Payment" exactly
 * once (idempotency key = record Id), mirrors payment-system status changes onto the records
 * (forward only, as the integration user), flags records that drifted from what was submitted, and
 * reports.
 *
 * Stateless: the payment-system cursor and the drift watermark live in the org
 * (Payment_Sync_Cursor__c, upserted by Partition_Key__c), so a killed worker resumes where it was
 * and replicas run side by side on disjoint partitions. A crash between the payment system's answer
 * and the Salesforce write is healed by the next cycle: the record is still pending, the replayed
 * submission returns the same payment, and the record gets its id.
 *
 * API frugality: one SOQL query (2,000 rows a page) answers "anything to do?" — pending submissions,
 * quarantined records and records changed since the watermark. The payment-system change feed costs
 * no Salesforce call. An idle cycle is that one query.
 */
import * as os from 'node:os';
import * as path from 'node:path';
import type pino from 'pino';
import { z } from 'zod';
import {
  MalformedResponseError,
  PaymentSystemConfigError,
  PaymentSystemError,
  type ChangesPage,
  type PaymentSubmission,
  type RemotePayment,
  type SubmitResult
} from '../payment-system/client';
import { PAYMENT_OBJECT, SUBMITTED_STATUS } from '../../force-app/main/default/lwc/paymentRules/paymentRules';
import type { WorkerConfig } from './config';
import {
  allowanceNearlySpent,
  buildSubmission,
  cursorKey,
  decideDrift,
  decideMirror,
  describeDrift,
  detectDrift,
  emptyReport,
  latestByPayment,
  looksLikeRecordId,
  needsSubmission,
  recalledBeforeSending,
  orgKeyPrefix,
  ownedPartitionValues,
  ownsRecord,
  parseWatermark,
  PAYMENT_FIELDS,
  recordIdOfKey,
  snapshotFromRemote,
  submissionWriteBack,
  truncate,
  type CycleReport,
  type DriftEntry,
  type Partition,
  type QuarantineEntry,
  type PaymentRecord
} from './decisions';
import { SalesforceCallError, soqlString, type SalesforceGateway, type SaveResult } from './salesforce';
import { BulkStoppedError, csvValue, type BulkApi, type FieldType } from './bulk';
import { BucketSpool, LineSpool, SpoolDir } from './bulk-spool';

export const CURSOR_OBJECT = 'Payment_Sync_Cursor__c';

/** How old the saved drift watermark may get while the worker is idle. */
const WATERMARK_SAVE_MS = 3_600_000;

/** Cursor__c is a long text area (131,072 characters). */
export const POSITION_MAX_CHARS = 131_072;

/** Drifted and quarantined entries a cycle report holds (the rest go to its fullList file). */
export const REPORT_SAMPLE = 100;

/** Records set aside at most; beyond it the worker holds its position, as it did before set-aside existed. */
export const MAX_SET_ASIDE = 200;

/** Per-record refusals that pass by themselves (a row lock, a hiccup); any other refusal needs a person. */
const PASSING_RECORD_ERRORS = new Set(['UNABLE_TO_LOCK_ROW', 'UNKNOWN_EXCEPTION', 'SERVER_UNAVAILABLE']);

/** Whether every reason Salesforce gave for refusing a record passes by itself. */
function passesByItself(errors: SaveResult['errors']): boolean {
  return (
    errors.length > 0 && errors.every((e) => PASSING_RECORD_ERRORS.has(e.statusCode ?? e.errorCode ?? ''))
  );
}

/** Further tries of the sync position's save when Salesforce refuses it for a moment. */
const CURSOR_SAVE_RETRIES = 2;

/** The payment-system calls the worker makes (PaymentSystemClient implements them). */
export interface PaymentSystemPort {
  submitPayment(idempotencyKey: string, body: PaymentSubmission): Promise<SubmitResult>;
  getPayment(id: string): Promise<RemotePayment>;
  getPaymentByKey(idempotencyKey: string): Promise<RemotePayment | null>;
  listChanges(cursor: string | null, limit?: number): Promise<ChangesPage>;
  /** checks the URL and the token; throws PaymentSystemConfigError when either is wrong */
  verify?(): Promise<void>;
}

/** Points where tests (and the chaos runner) simulate a crash by throwing or killing the process. */
export type CrashPoint =
  'afterSubmit' | 'beforeWrite' | 'afterWrite' | 'afterChangesPage' | 'beforeCursorSave' | 'afterCursorSave';

export type CrashHook = (
  point: CrashPoint,
  detail: { recordId?: string; kind?: string }
) => void | Promise<void>;

export interface ProgressEvent {
  phase: 'query' | 'submit' | 'mirror' | 'write' | 'done';
  submitted: number;
  mirrored: number;
  drifted: number;
  quarantined: number;
  apiCalls: number;
}

export interface WorkerOptions {
  salesforce: SalesforceGateway;
  paymentSystem: PaymentSystemPort;
  config: WorkerConfig;
  logger: pino.Logger;
  crashHook?: CrashHook;
  onProgress?: (event: ProgressEvent) => void;
  now?: () => Date;
  /** a stop signal: the running cycle stops at its next step, saves what is safe and returns */
  signal?: AbortSignal;
  /** the org's Id when the session knows it; otherwise the worker asks the org once */
  organizationId?: () => string | null;
}

/** A record Salesforce refuses every write for (the mark included), kept in the position. */
const setAsideSchema = z.object({
  /** record Id */
  i: z.string().regex(/^[a-zA-Z0-9]{18}$/),
  /** its SystemModstamp when it was set aside: an edit since then may have fixed it */
  s: z.string().nullable(),
  /** why */
  r: z.string().max(255),
  /** the refusal passes by itself (row lock): try again every cycle */
  t: z.boolean()
});
type SetAside = z.infer<typeof setAsideSchema>;

/** Where the worker is, as stored in Payment_Sync_Cursor__c.Cursor__c. */
const storedPositionSchema = z.object({
  /** payment-system change cursor */
  c: z.string().nullable(),
  /** SystemModstamp (whole seconds, UTC) from which submitted records are checked for drift */
  m: z.unknown().optional(),
  /** 1: no payment of this partition can still be waiting under a key without the org prefix */
  k: z.literal(1).optional(),
  /** records set aside */
  a: z.array(setAsideSchema).max(MAX_SET_ASIDE).optional()
});

interface Position {
  c: string | null;
  m: string | null;
  k?: 1;
  a: SetAside[];
}

const cursorRowSchema = z.object({
  Partition_Key__c: z.string().nullable().optional(),
  Cursor__c: z.string().nullable().optional()
});

type WriteKind = 'writeback' | 'status' | 'drift' | 'quarantine';

interface PendingWrite {
  update: Record<string, unknown>;
  kinds: Set<WriteKind>;
  name: string | null;
  /** the record's SystemModstamp when it was read */
  modstamp: string | null;
  attempts: number;
}

type RecordRef = Pick<PaymentRecord, 'Id' | 'Name' | 'SystemModstamp'>;

/** How the payment fields come back from a Bulk API 2.0 query (every other field is text). */
const PAYMENT_FIELD_TYPES: Readonly<Record<string, FieldType>> = {
  Amount__c: 'number',
  Sync_Partition__c: 'number',
  Drift_Detected__c: 'boolean',
  SystemModstamp: 'datetime'
};

/**
 * Records per hash bucket when a bulk direction joins change-feed entries with records: a bucket's
 * changes are held while its records stream past, so this bounds what the join holds.
 */
const BUCKET_ROWS = 2000;

/** Ingest jobs one direction may run (the retries of refused records included) before the cycle fails. */
const MAX_BULK_JOBS_PER_DIRECTION = 4;

/**
 * Every field the worker writes (write-backs, statuses, drift and quarantine marks): the columns of
 * its ingest jobs. A row leaves the fields its write does not set empty, and Bulk API 2.0 leaves a
 * field an empty value names as it is (`#N/A` clears one).
 */
const WRITE_FIELDS = [
  'Id',
  'Drift_Detected__c',
  'Drift_Details__c',
  'External_Payment_Id__c',
  'Last_Synced_At__c',
  'Status__c',
  'Submitted_At__c',
  'Submitted_Snapshot__c',
  'Sync_Error__c',
  'Sync_Partition__c'
] as const;
const WRITE_COLUMNS: ReadonlySet<string> = new Set(WRITE_FIELDS);

/** A write as a row of an ingest job's CSV (columns as WRITE_FIELDS). */
function ingestRow(update: Record<string, unknown>): string {
  for (const field of Object.keys(update)) {
    if (!WRITE_COLUMNS.has(field))
      throw new Error(`a write sets ${field}, which is not among the ingest columns`);
  }
  return WRITE_FIELDS.map((field) => csvValue(update[field])).join(',');
}

/**
 * Writes waiting for an ingest job: one JSON line each (read again only for the writes the job
 * refused or left unprocessed) and the job's CSV, built as the writes arrive.
 */
interface WriteSpool {
  lines: LineSpool;
  csv: LineSpool;
  kinds: Set<WriteKind>;
}

interface SpooledWrite {
  u: Record<string, unknown>;
  k: WriteKind[];
  n: string | null;
  m: string | null;
  a: number;
}

function fromSpool(line: string): PendingWrite {
  const w = JSON.parse(line) as SpooledWrite;
  return { update: w.u, kinds: new Set(w.k), name: w.n, modstamp: w.m, attempts: w.a };
}

/** Salesforce SystemModstamp ("2026-01-02T03:04:05.000+0000") floored to a SOQL datetime literal. */
export function toSoqlDateTime(value: string): string | null {
  const ms = Date.parse(value.replace(/\+0000$/, 'Z'));
  if (Number.isNaN(ms)) return null;
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

/** Runs fn over items, `concurrency` at a time; stops taking new items once one fails or `stop()` says so. */
async function mapPool<T>(
  items: readonly T[],
  concurrency: number,
  fn: (item: T) => Promise<void>,
  stop: () => boolean = () => false
): Promise<void> {
  let next = 0;
  let failed = false;
  const runners = Array.from({ length: Math.min(concurrency, items.length) }, async () => {
    while (next < items.length && !failed && !stop()) {
      const item = items[next++];
      try {
        await fn(item);
      } catch (err) {
        failed = true;
        throw err;
      }
    }
  });
  await Promise.all(runners);
}

function isConfigError(err: unknown): err is PaymentSystemConfigError {
  return err instanceof PaymentSystemConfigError;
}

export class SyncWorker {
  readonly #sf: SalesforceGateway;
  readonly #ps: PaymentSystemPort;
  readonly #config: WorkerConfig;
  readonly #log: pino.Logger;
  readonly #crash?: CrashHook;
  readonly #onProgress?: (event: ProgressEvent) => void;
  readonly #now: () => Date;
  readonly #partition: Partition;
  readonly #signal?: AbortSignal;
  readonly #organizationId?: () => string | null;
  /** the org's key prefix (undefined until the first cycle learns it) */
  #orgPrefix: string | null | undefined;
  /** where this process is */
  #position: Position | null = null;
  /** what the org holds */
  #saved: Position | null = null;
  #savedAt = Date.now();
  #cycle = 0;
  #busyCycles = 0;
  #usage: { used: number; max: number } | null = null;
  #backedOff = false;
  /** records set aside, by Id (carried from cycle to cycle and saved with the position) */
  #aside = new Map<string, SetAside>();
  // per cycle
  #report!: CycleReport;
  #cycleStarted = 0;
  #writes = new Map<string, PendingWrite>();
  #holdPosition = false;
  #quarantinedIds = new Set<string>();
  #transientSubmissionFailures = 0;
  /** records whose payment could not be read again this cycle */
  #unread = new Set<string>();
  /** files this cycle spilled to (a bulk direction, the change feed) */
  #spoolDir: SpoolDir | null = null;
  /** while a direction runs in bulk: its writes, waiting for an ingest job */
  #writeSpool: WriteSpool | null = null;
  #bulkJobs = 0;
  /**
   * While the scan runs in bulk: the state of each record it submits, as its write-back leaves it,
   * by record Id (see #applyInBulk); and the records whose write-back Salesforce did not confirm.
   */
  #writtenBack: BucketSpool | null = null;
  #unconfirmed = new Set<string>();
  /** the same while the scan runs with REST (at most bulk.threshold records), in memory */
  #knownRecords: Map<string, PaymentRecord> | null = null;
  /** every drifted and quarantined entry, once there are more than the report holds */
  #fullList: LineSpool | null = null;

  constructor(opts: WorkerOptions) {
    this.#sf = opts.salesforce;
    this.#ps = opts.paymentSystem;
    this.#config = opts.config;
    this.#log = opts.logger.child({ component: 'sync-worker', partition: cursorKey(opts.config.partition) });
    this.#crash = opts.crashHook;
    this.#onProgress = opts.onProgress;
    this.#now = opts.now ?? (() => new Date());
    this.#partition = opts.config.partition;
    this.#signal = opts.signal;
    this.#organizationId = opts.organizationId;
  }

  get partition(): Partition {
    return this.#partition;
  }

  /** One full cycle. Throws only when the cycle could not finish (it is then simply run again). */
  async runCycle(): Promise<CycleReport> {
    this.#cycle++;
    const callsBefore = { ...this.#sf.calls };
    const startedAt = this.#now().toISOString();
    this.#cycleStarted = Date.now();
    this.#report = emptyReport(this.#cycle, this.#partition, startedAt);
    this.#writes = new Map();
    this.#holdPosition = false;
    this.#quarantinedIds = new Set();
    this.#transientSubmissionFailures = 0;
    this.#unread = new Set();
    this.#writeSpool = null;
    this.#bulkJobs = 0;
    this.#writtenBack = null;
    this.#unconfirmed = new Set();
    this.#knownRecords = null;
    this.#fullList = null;
    this.#report.driftedCount = 0;
    this.#report.quarantinedCount = 0;
    this.#report.fullList = null;
    this.#log.info({ cycle: this.#cycle }, 'cycle started');
    try {
      if (await this.#allowanceExhausted()) {
        this.#report.backedOff = true;
        this.#backedOff = true;
        this.#log.warn({ allowance: this.#report.apiAllowance }, 'daily API allowance nearly spent; pausing');
        return this.#report;
      }
      this.#backedOff = false;
      const position = await this.#loadPosition();
      await this.#learnOrgPrefix();
      const callsBeforeScan = this.#sf.totalCalls;
      const scan = await this.#scanRecords(position);
      // write-backs first, so the change feed finds every submitted record with its payment id
      const scanWritten = await this.#flushDirection();
      if (!scanWritten) scan.complete = false;
      const submitCalls = this.#sf.totalCalls;
      const stopped = scanWritten ? this.#stopReason() : this.#report.incomplete;
      let remoteCursor = position.c;
      if (stopped) this.#report.incomplete = stopped;
      else remoteCursor = await this.#mirrorChanges(position);
      if (!(await this.#flushDirection())) remoteCursor = position.c;
      this.#report.apiCallsByDirection = {
        toPaymentSystem: submitCalls - callsBeforeScan,
        fromPaymentSystem: this.#sf.totalCalls - submitCalls
      };
      const next: Position = {
        c: this.#holdPosition ? position.c : remoteCursor,
        m: this.#holdPosition || !scan.complete ? position.m : (scan.watermark ?? position.m),
        ...(position.k === 1 ||
        (scan.complete && this.#transientSubmissionFailures === 0 && !this.#holdPosition)
          ? { k: 1 as const }
          : {}),
        a: [...this.#aside.values()]
      };
      // The feed cursor is saved whenever it moves. The watermark moves with the clock every cycle;
      // saving it alone would make every idle cycle cost a second call, so it is kept in memory and
      // saved with the next cursor move or write, or once it is an hour old (a restart then reads
      // the records changed since the saved one again, which is harmless).
      const wrote = (this.#sf.calls.write ?? 0) > (callsBefore.write ?? 0);
      const saved = this.#saved ?? { c: null, m: null, a: [] };
      const stale = Date.now() - this.#savedAt > WATERMARK_SAVE_MS;
      if (
        next.c !== saved.c ||
        next.k !== saved.k ||
        JSON.stringify(next.a) !== JSON.stringify(saved.a) ||
        (next.m !== saved.m && (wrote || stale))
      ) {
        await this.#savePosition(next);
      } else {
        this.#position = next;
      }
      this.#report.setAside = this.#aside.size;
      this.#report.idle =
        this.#report.submitted === 0 &&
        this.#report.mirrored === 0 &&
        this.#report.healed === 0 &&
        this.#report.drifted.length === 0 &&
        this.#report.quarantined.length === 0 &&
        this.#report.incomplete === null;
      return this.#report;
    } catch (err) {
      this.#report.error = err instanceof Error ? err.message : String(err);
      throw err;
    } finally {
      this.#dropWriteSpool();
      (this.#writtenBack as BucketSpool | null)?.close();
      this.#writtenBack = null;
      this.#spoolDir?.remove();
      this.#spoolDir = null;
      this.#report.bulkJobs = this.#bulkJobs;
      (this.#fullList as LineSpool | null)?.close();
      this.#report.finishedAt = this.#now().toISOString();
      const byKind: Record<string, number> = {};
      let total = 0;
      for (const [kind, count] of Object.entries(this.#sf.calls)) {
        const delta = count - (callsBefore[kind] ?? 0);
        if (delta > 0) {
          byKind[kind] = delta;
          total += delta;
        }
      }
      this.#report.apiCalls = total;
      this.#report.apiCallsByKind = byKind;
      if (total > 1) this.#busyCycles++;
      const usage = this.#sf.headerUsage ?? this.#usage;
      if (usage) {
        this.#report.apiAllowance = { used: usage.used, max: usage.max, remaining: usage.max - usage.used };
      }
      this.#progress('done');
    }
  }

  #progress(phase: ProgressEvent['phase']): void {
    this.#onProgress?.({
      phase,
      submitted: this.#report.submitted,
      mirrored: this.#report.mirrored,
      drifted: this.#report.driftedCount ?? 0,
      quarantined: this.#report.quarantinedCount ?? 0,
      apiCalls: this.#sf.totalCalls
    });
  }

  #reportDrifted(entry: DriftEntry): void {
    this.#report.driftedCount = (this.#report.driftedCount ?? 0) + 1;
    this.#sample(this.#report.drifted, entry, 'drifted');
  }

  #reportQuarantined(entry: QuarantineEntry): void {
    this.#report.quarantinedCount = (this.#report.quarantinedCount ?? 0) + 1;
    this.#sample(this.#report.quarantined, entry, 'quarantined');
  }

  /**
   * The report holds the first REPORT_SAMPLE entries of each list; once a list is longer, every entry
   * of both lists goes to a file (one JSON line each, named in `fullList`) instead of memory.
   */
  #sample<T>(list: T[], entry: T, kind: 'drifted' | 'quarantined'): void {
    if (list.length < REPORT_SAMPLE && this.#fullList === null) {
      list.push(entry);
      return;
    }
    if (this.#fullList === null) {
      const file = path.join(
        os.tmpdir(),
        `omni-sync-report-${this.#partition.index}-${this.#partition.count}-${this.#cycle}-${process.pid}.ndjson`
      );
      this.#fullList = new LineSpool(file);
      this.#report.fullList = file;
      for (const d of this.#report.drifted) this.#fullList.appendJson({ list: 'drifted', ...d });
      for (const q of this.#report.quarantined) this.#fullList.appendJson({ list: 'quarantined', ...q });
    }
    if (list.length < REPORT_SAMPLE) list.push(entry);
    this.#fullList.appendJson({ list: kind, ...entry });
  }

  #warn(message: string, detail: Record<string, unknown> = {}): void {
    this.#report.warnings.push(message);
    this.#log.warn(detail, message);
  }

  /** Why the cycle must stop now (the stop signal, or the watchdog's deadline), else null. */
  #stopReason(): string | null {
    if (this.#signal?.aborted) return 'stop signal';
    if (Date.now() - this.#cycleStarted >= this.#config.cycleDeadlineMs) {
      return `cycle deadline of ${this.#config.cycleDeadlineMs} ms reached`;
    }
    return null;
  }

  // -------------------------------------------------------------------------------------------
  // API allowance

  async #allowanceExhausted(): Promise<boolean> {
    const { reserveFraction, checkEveryCycles } = this.#config.allowance;
    let usage = this.#sf.headerUsage;
    // After a pause the header of the last answer is as old as the pause: ask /limits (one call),
    // or the worker would decide from it for ever. Without that header, ask /limits now and then —
    // only after busy cycles, so an idle cycle stays at one call.
    const recheck = this.#backedOff;
    if (
      recheck ||
      (!usage && this.#cycle > 1 && (this.#usage === null || this.#busyCycles >= checkEveryCycles))
    ) {
      this.#busyCycles = 0;
      try {
        this.#usage = await this.#sf.limits();
        usage = this.#usage;
      } catch (err) {
        this.#log.warn({ err: (err as Error).message }, 'could not read /limits');
        // the refusal's own header (if any) is the freshest word on the allowance
        usage = this.#sf.headerUsage;
        if (recheck && err instanceof SalesforceCallError && err.errorCode === 'REQUEST_LIMIT_EXCEEDED') {
          return true;
        }
      }
    }
    usage = usage ?? this.#usage;
    if (usage)
      this.#report.apiAllowance = { used: usage.used, max: usage.max, remaining: usage.max - usage.used };
    return allowanceNearlySpent(usage, reserveFraction);
  }

  // -------------------------------------------------------------------------------------------
  // Durable position

  async #loadPosition(): Promise<Position> {
    if (this.#position) return this.#position;
    const key = cursorKey(this.#partition);
    let position: Position = { c: null, m: null, a: [] };
    let rows = 0;
    // every partition's row: when there is none at all, no earlier worker ever ran here
    for await (const page of this.#sf.queryPages<unknown>(
      'cursor-read',
      `SELECT Id, Partition_Key__c, Cursor__c FROM ${CURSOR_OBJECT}`
    )) {
      for (const raw of page) {
        rows++;
        const row = cursorRowSchema.safeParse(raw);
        if (!row.success || row.data.Partition_Key__c !== key || !row.data.Cursor__c) continue;
        position = this.#parsePosition(row.data.Cursor__c, key);
      }
    }
    if (rows === 0) position.k = 1;
    this.#position = position;
    this.#saved = { ...position, a: [...position.a] };
    this.#savedAt = Date.now();
    this.#aside = new Map(position.a.map((entry) => [entry.i, entry]));
    return position;
  }

  #parsePosition(text: string, key: string): Position {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      this.#warn(`Stored sync position for ${key} is not JSON; starting from the beginning`, { key });
      return { c: null, m: null, a: [] };
    }
    const parsed = storedPositionSchema.safeParse(json);
    if (!parsed.success) {
      this.#warn(`Stored sync position for ${key} is unreadable; starting from the beginning`, { key });
      return { c: null, m: null, a: [] };
    }
    const m = parseWatermark(parsed.data.m, this.#now());
    if (parsed.data.m !== undefined && parsed.data.m !== null && m === null) {
      // it goes into SOQL: anything but a plain past datetime could fail every cycle or hide drift
      this.#warn(
        `Stored drift watermark for ${key} is not a past UTC datetime (YYYY-MM-DDThh:mm:ssZ); checking every submitted payment for drift instead`,
        { key }
      );
    }
    return {
      c: parsed.data.c,
      m,
      ...(parsed.data.k === 1 ? { k: 1 as const } : {}),
      a: parsed.data.a ?? []
    };
  }

  async #savePosition(next: Position): Promise<void> {
    const key = cursorKey(this.#partition);
    const text = JSON.stringify(next);
    if (text.length > POSITION_MAX_CHARS) {
      throw new Error(
        `Sync position for ${key} is ${text.length} characters, more than Cursor__c holds (${POSITION_MAX_CHARS}); the payment system's change cursor is too long`
      );
    }
    await this.#crash?.('beforeCursorSave', {});
    let result: SaveResult | undefined;
    // a refusal that passes by itself (a row lock) is tried again at once, as a record's write is
    for (let attempt = 0; attempt <= CURSOR_SAVE_RETRIES; attempt++) {
      [result] = await this.#sf.upsertCollection('cursor-write', CURSOR_OBJECT, 'Partition_Key__c', [
        { Partition_Key__c: key, Name: key, Cursor__c: text, Last_Cycle_At__c: this.#now().toISOString() }
      ]);
      if (result?.success || !passesByItself(result?.errors ?? [])) break;
    }
    if (!result?.success) {
      throw new Error(`Could not save the sync cursor: ${result?.errors.map((e) => e.message).join('; ')}`);
    }
    this.#position = next;
    this.#saved = { ...next, a: [...next.a] };
    this.#savedAt = Date.now();
    await this.#crash?.('afterCursorSave', {});
  }

  /** The org's Id, for idempotency keys unique across orgs: from the session, or asked once. */
  async #learnOrgPrefix(): Promise<void> {
    if (this.#orgPrefix !== undefined) return;
    let orgId = this.#organizationId?.() ?? null;
    if (orgId === null) {
      for await (const rows of this.#sf.queryPages<{ Id?: unknown }>(
        'org',
        'SELECT Id FROM Organization LIMIT 1'
      )) {
        if (typeof rows[0]?.Id === 'string') orgId = rows[0].Id;
      }
    }
    if (orgId === null) throw new Error('Could not learn the org Id (needed for idempotency keys)');
    this.#orgPrefix = orgKeyPrefix(orgId);
  }

  get #prefix(): string | null {
    return this.#orgPrefix ?? null;
  }

  // -------------------------------------------------------------------------------------------
  // Salesforce side: pending submissions, quarantined records, drift

  #scanQuery(position: Position): string {
    const changed = position.m ? `SystemModstamp >= ${position.m}` : null;
    const conditions = [
      `(Status__c = ${soqlString(SUBMITTED_STATUS)} AND External_Payment_Id__c = null)`,
      'Sync_Error__c != null',
      changed ? `(External_Payment_Id__c != null AND ${changed})` : 'External_Payment_Id__c != null'
    ];
    if (this.#aside.size > 0) {
      conditions.push(`Id IN (${[...this.#aside.keys()].map(soqlString).join(', ')})`);
    }
    let where = `(${conditions.join(' OR ')})`;
    if (this.#partition.count > 1) {
      // ownership is Sync_Partition__c mod N: list every stored value this partition owns
      const owned = ownedPartitionValues(this.#partition).join(', ');
      where += ` AND (Sync_Partition__c IN (${owned}) OR Sync_Partition__c = null)`;
    }
    return `SELECT ${PAYMENT_FIELDS.join(', ')} FROM ${PAYMENT_OBJECT} WHERE ${where}`;
  }

  /**
   * Streams the one "anything to do?" query page by page; returns the new drift watermark: the start
   * of this query less the allowed clock skew, floored to the second. Everything changed before it
   * was visible to this query; anything later is read again next cycle. `complete` is false when the
   * cycle had to stop before the last page.
   */
  async #scanRecords(position: Position): Promise<{ watermark: string | null; complete: boolean }> {
    const horizon = toSoqlDateTime(new Date(this.#now().getTime() - this.#config.clockSkewMs).toISOString());
    this.#progress('query');
    const stop = (): boolean => this.#stopReason() !== null;
    for await (const page of this.#scanPages(this.#scanQuery(position))) {
      const pending: PaymentRecord[] = [];
      const recheck: PaymentRecord[] = [];
      const flagged: { record: PaymentRecord; details: string }[] = [];
      for (const record of page) {
        if (!ownsRecord(this.#partition, record)) continue;
        const aside = this.#aside.get(record.Id);
        if (aside && !aside.t && aside.s === (record.SystemModstamp ?? null)) {
          // nothing changed on a record Salesforce refuses every write for: report it, do not retry
          this.#reportSetAside(record, aside);
          continue;
        }
        if (needsSubmission(record)) {
          pending.push(record);
          continue;
        }
        if (recalledBeforeSending(record)) {
          // a supervisor recalled it before it was ever sent: the reason it was not sent is history now
          this.#queue(record, { Id: record.Id, Sync_Error__c: null }, 'quarantine');
          continue;
        }
        const drift = this.#checkDrift(record);
        if (drift) flagged.push({ record, details: drift });
        if (record.External_Payment_Id__c && (record.Sync_Error__c || aside)) recheck.push(record);
      }
      if (flagged.length > 0) await this.#refreshDriftDetails(flagged);
      if (this.#writeSpool) {
        // writes bound for an ingest job are only spooled until the direction ends
        await mapPool(pending, this.#config.submitConcurrency, (record) => this.#submit(record), stop);
        this.#progress('submit');
        await this.#flush(false);
      } else {
        await this.#submitWritingBack(pending, stop);
      }
      await mapPool(recheck, this.#config.submitConcurrency, (record) => this.#recheck(record), stop);
      for (const record of recheck) {
        // read again and nothing to write: it is in step now
        if (this.#aside.has(record.Id) && !this.#writes.has(record.Id) && !this.#unread.has(record.Id))
          this.#aside.delete(record.Id);
      }
      await this.#flush(false);
      const reason = this.#stopReason();
      if (reason) {
        this.#report.incomplete = reason;
        return { watermark: null, complete: false };
      }
    }
    return { watermark: horizon, complete: true };
  }

  /**
   * Sends a page's payments as one pool and writes their write-backs a collection at a time as they
   * come in, one write in flight: while it runs the pool goes on, and it waits when another
   * collection is full, so a killed worker loses at most two collections' worth in flight. A failed
   * write ends the pool and is thrown, as when writes followed each collection.
   */
  async #submitWritingBack(pending: PaymentRecord[], stop: () => boolean): Promise<void> {
    const size = this.#config.collectionSize;
    let writing: Promise<void> | null = null;
    let failure: { err: unknown } | null = null;
    const startWrite = (): void => {
      if (writing || failure || this.#writes.size < size) return;
      writing = this.#flush(false).then(
        () => {
          writing = null;
        },
        (err: unknown) => {
          writing = null;
          failure ??= { err };
        }
      );
    };
    await mapPool(
      pending,
      this.#config.submitConcurrency,
      async (record) => {
        await this.#submit(record);
        startWrite();
        while (writing && this.#writes.size >= 2 * size) await writing;
        if (failure) throw failure.err;
      },
      () => failure !== null || stop()
    );
    while (writing) await writing;
    if (failure) throw (failure as { err: unknown }).err;
    this.#progress('submit');
    await this.#flush(false);
  }

  /**
   * The scan's pages: REST pages of 2,000 rows; when the first page says the query matches more than
   * `bulk.threshold` rows, that page is dropped and the same query runs as a Bulk API 2.0 query job,
   * and the direction's writes wait for an ingest job.
   */
  async *#scanPages(soql: string): AsyncGenerator<PaymentRecord[]> {
    const meta: { totalSize?: number } = {};
    const rest = this.#sf.queryPages<PaymentRecord>('scan', soql, meta);
    const first = await rest.next();
    if (first.done) return;
    if ((meta.totalSize ?? 0) > this.#config.bulk.threshold) {
      await rest.return(undefined);
      this.#log.info({ records: meta.totalSize }, 'scan above the bulk threshold; reading with Bulk API 2.0');
      this.#startBulkWrites();
      this.#writtenBack = new BucketSpool(
        this.#dir(),
        'written-back',
        Math.ceil((meta.totalSize ?? 0) / BUCKET_ROWS)
      );
      // a page is worked through a REST page's worth at a time (submitting can take minutes)
      yield* this.#bulk().query<PaymentRecord>('bulk-scan', soql, PAYMENT_FIELD_TYPES, {
        file: this.#dir().file('scan-page'),
        size: this.#config.queryBatchSize
      });
      return;
    }
    this.#knownRecords = new Map();
    yield first.value;
    yield* rest;
  }

  #bulk(): BulkApi {
    return this.#sf.bulk({
      pollIntervalMs: this.#config.bulk.pollIntervalMs,
      maxPollIntervalMs: this.#config.bulk.maxPollIntervalMs,
      pollTimeoutMs: this.#config.bulk.pollTimeoutMs,
      queryPageSize: this.#config.bulk.queryPageSize
    });
  }

  #dir(): SpoolDir {
    this.#spoolDir ??= new SpoolDir();
    return this.#spoolDir;
  }

  #reportSetAside(record: RecordRef, aside: SetAside): void {
    if (this.#quarantinedIds.has(record.Id)) return;
    this.#quarantinedIds.add(record.Id);
    this.#reportQuarantined({
      recordId: record.Id,
      name: record.Name ?? null,
      reference: record.Id,
      reason: truncate(`Set aside until the record is fixed: ${aside.r}`)
    });
  }

  /** Flags new drift; returns the details when the record was flagged before and drifted (again). */
  #checkDrift(record: PaymentRecord): string | null {
    const drift = decideDrift(record);
    if (drift.kind === 'flag') {
      this.#queue(record, drift.update, 'drift');
      this.#reportDrifted({
        recordId: record.Id,
        name: record.Name ?? null,
        externalId: record.External_Payment_Id__c,
        details: describeDrift(drift.differences),
        newlyFlagged: true
      });
      this.#log.warn(
        { recordId: record.Id, drift: drift.differences.map((d) => d.label) },
        'payment drifted after submission; not sent'
      );
    } else if (drift.kind === 'no-snapshot') {
      this.#quarantine(record, record.Id, drift.reason);
    } else if (drift.kind === 'already-flagged') {
      return drift.details;
    }
    return null;
  }

  /**
   * Records flagged before that changed again: their stored details are read (one call for up to
   * 2,000; the scan cannot select a second long text area without shrinking its pages) and rewritten
   * when the drift is no longer what they say.
   */
  async #refreshDriftDetails(flagged: { record: PaymentRecord; details: string }[]): Promise<void> {
    const stored = await this.#sf.retrieve<{ Id: string; Drift_Details__c?: string | null }>(
      'drift-details',
      PAYMENT_OBJECT,
      flagged.map((f) => f.record.Id),
      ['Id', 'Drift_Details__c']
    );
    const byId = new Map(stored.map((row) => [row.Id, row.Drift_Details__c ?? null]));
    for (const { record, details } of flagged) {
      if (!byId.has(record.Id) || byId.get(record.Id) === details) continue;
      this.#queue(record, { Id: record.Id, Drift_Details__c: details }, 'drift');
      this.#reportDrifted({
        recordId: record.Id,
        name: record.Name ?? null,
        externalId: record.External_Payment_Id__c,
        details,
        newlyFlagged: false
      });
      this.#log.warn({ recordId: record.Id }, 'flagged payment edited again; drift details updated');
    }
  }

  async #submit(record: PaymentRecord): Promise<void> {
    const plan = buildSubmission(record, this.#prefix);
    if (plan.kind === 'invalid') {
      this.#quarantine(record, record.Id, plan.reason);
      return;
    }
    let remote: RemotePayment | null = null;
    let replayed = false;
    try {
      // A record marked (or set aside) by an earlier cycle may already be in the payment system, and
      // may have moved on since: a replayed submission answers with the payment as first created, so
      // read it by key.
      const troubled = Boolean(record.Sync_Error__c) || this.#aside.has(record.Id);
      if (troubled) {
        remote = await this.#ps.getPaymentByKey(plan.idempotencyKey);
        replayed = remote !== null;
      }
      // Until this partition is known to hold no payment sent under a key without the org prefix
      // (by a worker from before prefixes, whose write-back was lost), look for one first.
      if (remote === null && plan.idempotencyKey !== record.Id && (troubled || this.#position?.k !== 1)) {
        remote = await this.#ps.getPaymentByKey(record.Id);
        replayed = remote !== null;
      }
      if (remote === null) {
        // A replay answers a submission an earlier run made and never wrote back.
        const submitted = await this.#ps.submitPayment(plan.idempotencyKey, plan.submission);
        remote = submitted.payment;
        replayed = submitted.replayed;
      }
    } catch (err) {
      if (isConfigError(err)) throw err;
      if (err instanceof PaymentSystemError && err.code === 'IDEMPOTENCY_KEY_REUSED') {
        // The payment exists with other values: the record was edited after a submission whose
        // write-back was lost. Take what the payment system holds; the edit shows up as drift.
        remote = await this.#lookupByKey(record, plan.idempotencyKey);
        if (!remote) return;
        replayed = true;
      } else {
        this.#submissionFailed(record, err);
        return;
      }
    }
    await this.#crash?.('afterSubmit', { recordId: record.Id });
    // A payment that already moved on was sent by an earlier run whose write-back was lost.
    if (replayed || remote.version > 1 || remote.status !== SUBMITTED_STATUS) this.#report.healed++;
    else this.#report.submitted++;
    const now = this.#now().toISOString();
    const update = submissionWriteBack(record, remote, this.#partition, now);
    const differences = detectDrift(record, snapshotFromRemote(remote));
    if (differences.length > 0) {
      update.Drift_Detected__c = true;
      update.Drift_Details__c = describeDrift(differences);
      this.#reportDrifted({
        recordId: record.Id,
        name: record.Name ?? null,
        externalId: remote.id,
        details: describeDrift(differences),
        newlyFlagged: record.Drift_Detected__c !== true
      });
    }
    if (remote.status !== SUBMITTED_STATUS) {
      const mirror = decideMirror(
        { ...record, External_Payment_Id__c: remote.id },
        remote,
        now,
        this.#prefix
      );
      if (mirror.kind === 'write' && mirror.update.Status__c) {
        update.Status__c = mirror.update.Status__c;
        this.#report.mirrored++;
      }
    }
    this.#queue(record, update, 'writeback');
    // What the record holds once this write-back lands: from then on only the integration moves its
    // status (the payment lock), and in this partition that is this worker.
    const after = {
      Id: record.Id,
      Name: record.Name ?? null,
      Status__c: (update.Status__c as string | undefined) ?? SUBMITTED_STATUS,
      External_Payment_Id__c: remote.id,
      Sync_Error__c: null,
      Sync_Partition__c: (update.Sync_Partition__c as number | undefined) ?? record.Sync_Partition__c ?? null,
      Drift_Detected__c: update.Drift_Detected__c === true || record.Drift_Detected__c === true,
      SystemModstamp: null
    } satisfies Partial<PaymentRecord>;
    if (this.#writtenBack) this.#writtenBack.append(record.Id, after);
    else this.#knownRecords?.set(record.Id, after as PaymentRecord);
  }

  async #lookupByKey(record: PaymentRecord, key: string): Promise<RemotePayment | null> {
    try {
      const found = await this.#ps.getPaymentByKey(key);
      if (!found)
        this.#quarantine(record, record.Id, 'Payment system refused the key but holds no payment for it');
      return found;
    } catch (err) {
      if (isConfigError(err)) throw err;
      this.#submissionFailed(record, err);
      return null;
    }
  }

  #submissionFailed(record: PaymentRecord, err: unknown): void {
    if (err instanceof MalformedResponseError) {
      this.#quarantine(record, err.paymentRef ?? record.Id, `Payment system answer malformed: ${err.field}`);
    } else if (err instanceof PaymentSystemError && !err.retryable) {
      this.#quarantine(
        record,
        record.Id,
        `Payment system refused the submission (${err.code}): ${err.message}`
      );
    } else {
      // Transient: the record stays pending and the next cycle tries again with the same key.
      this.#transientSubmissionFailures++;
      const message = err instanceof Error ? err.message : String(err);
      this.#log.warn({ recordId: record.Id, err: message }, 'submission failed; will retry next cycle');
      this.#reportQuarantined({
        recordId: record.Id,
        name: record.Name ?? null,
        reference: record.Id,
        reason: truncate(`Retrying next cycle: ${message}`)
      });
    }
  }

  /** A submitted record quarantined or set aside earlier: read its payment again and mirror it. */
  async #recheck(record: PaymentRecord): Promise<void> {
    // quarantined again this cycle for a reason of its own (e.g. no snapshot): leave the mark
    if (this.#quarantinedIds.has(record.Id)) return;
    try {
      const remote = await this.#ps.getPayment(record.External_Payment_Id__c as string);
      this.#applyRemote(record, remote);
    } catch (err) {
      if (isConfigError(err)) throw err;
      const reason =
        err instanceof MalformedResponseError
          ? `Payment system answer malformed: ${err.field}`
          : `Payment system unavailable: ${err instanceof Error ? err.message : String(err)}`;
      if (err instanceof MalformedResponseError)
        this.#quarantine(record, record.External_Payment_Id__c, reason);
      else {
        this.#log.warn({ recordId: record.Id, reason }, 'could not re-read a quarantined payment');
        // not read: a record set aside stays set aside
        this.#unread.add(record.Id);
      }
    }
  }

  // -------------------------------------------------------------------------------------------
  // Payment-system side: status changes

  /**
   * Reads the change feed; returns the cursor up to which every change was applied.
   *
   * The feed is read first, into a file: each change that may move a record, and after every
   * `lookupBatchSize` entries (and at the end) the cursor up to which they go. With at most
   * `bulk.threshold` changes they are applied a batch at a time (records read by sObject
   * Collections retrieve, writes in collections); with more, in bulk (see #applyInBulk).
   */
  async #mirrorChanges(position: Position): Promise<string | null> {
    let cursor = position.c;
    let applied = position.c;
    const spool = new LineSpool(this.#dir().file('changes'));
    let changes = 0;
    let sinceBoundary = 0;
    let restarted = false;
    const seen = new Set<string>();
    let pages = 0;
    const boundary = (): void => {
      spool.appendJson({ b: cursor });
      sinceBoundary = 0;
    };
    try {
      for (;;) {
        const stop = this.#stopReason();
        if (stop) {
          this.#report.incomplete = stop;
          break;
        }
        if (pages >= this.#config.maxChangePagesPerCycle) {
          this.#report.incomplete = `read ${pages} change-feed pages, the most per cycle; the next cycle goes on`;
          break;
        }
        let page: ChangesPage;
        try {
          page = await this.#ps.listChanges(cursor, this.#config.changesPageSize);
        } catch (err) {
          if (
            err instanceof PaymentSystemError &&
            err.code === 'INVALID_CURSOR' &&
            cursor !== null &&
            !restarted
          ) {
            // The contract: start again without a cursor. Every change is read again; mirroring is
            // forward only and idempotent, so a replay moves nothing back.
            restarted = true;
            this.#report.feedRestarted = true;
            this.#warn(
              'Payment system refused the stored change cursor; reading the change feed from the beginning',
              {
                partition: cursorKey(this.#partition)
              }
            );
            cursor = null;
            applied = null;
            spool.truncate();
            changes = 0;
            sinceBoundary = 0;
            seen.clear();
            continue;
          }
          throw err;
        }
        pages++;
        const read = [...page.payments];
        for (const bad of page.malformed) {
          if (bad.paymentRef === null) continue;
          const again = await this.#reread(bad.paymentRef);
          if (again) read.push(again);
        }
        sinceBoundary += read.length;
        for (const payment of read) {
          // A payment's creation needs no mirror: the record is already "Submitted for Payment", and a
          // record that lost its write-back is healed by the replayed submission.
          if (
            payment.status === SUBMITTED_STATUS ||
            recordIdOfKey(payment.idempotencyKey, this.#prefix) === null
          )
            continue;
          spool.appendJson({ p: payment });
          changes++;
        }
        if (page.hasMore && (page.nextCursor === cursor || seen.has(page.nextCursor))) {
          // an answer that never moves on: without this the cycle would never end
          boundary();
          this.#report.incomplete =
            'the payment system answered the same change cursor again (hasMore without progress); change feed reading stopped for this cycle';
          this.#log.error({ partition: cursorKey(this.#partition) }, this.#report.incomplete);
          break;
        }
        seen.add(page.nextCursor);
        cursor = page.nextCursor;
        // one record lookup serves up to lookupBatchSize changes
        if (sinceBoundary >= this.#config.lookupBatchSize || !page.hasMore) boundary();
        await this.#crash?.('afterChangesPage', {});
        if (!page.hasMore) break;
      }
      if (sinceBoundary > 0) boundary();
      spool.close();
      if (changes > this.#config.bulk.threshold) return await this.#applyInBulk(spool, changes, applied);
      return await this.#applyInBatches(spool, applied);
    } finally {
      spool.close();
    }
  }

  /** Applies the spooled changes a lookup batch at a time; returns the cursor up to which they went. */
  async #applyInBatches(spool: LineSpool, applied: string | null): Promise<string | null> {
    let batch: RemotePayment[] = [];
    for (const line of spool.lines()) {
      const entry = JSON.parse(line) as { p?: RemotePayment; b?: string | null };
      if (entry.p) {
        batch.push(entry.p);
        continue;
      }
      if (this.#signal?.aborted) {
        // what was applied so far is saved; the rest is read again
        this.#report.incomplete = 'stop signal';
        break;
      }
      const changes = latestByPayment(batch);
      batch = [];
      if (changes.length > 0) {
        await this.#applyChanges(changes);
        this.#progress('mirror');
      }
      await this.#flush(false);
      applied = entry.b ?? null;
    }
    return applied;
  }

  /**
   * More changes than the bulk threshold: each change is joined with its record on disk, a hash
   * bucket of record Ids at a time. The records come first from what this cycle's bulk scan wrote
   * back (a record's state once its write-back landed; those Salesforce refused or never processed
   * are left out), so a backfill's own payments are not read again; then, when more than the
   * threshold are still unmatched, from one Bulk API 2.0 query job of every "Submitted for Payment"
   * record (a payment-system status change starts there, and a record that lost its write-back is
   * there too). What is left (a record in a later status, or none at all) is looked up by Id exactly
   * as in a batch. The writes go to an ingest job. Returns the cursor up to which the changes were
   * applied, or `applied` when the stop signal ended the work first.
   */
  async #applyInBulk(spool: LineSpool, changes: number, applied: string | null): Promise<string | null> {
    this.#log.info({ changes }, 'change feed above the bulk threshold; joining records on disk');
    // the few writes queued while reading the feed (unreadable entries) go first, on their own
    await this.#flush(true);
    this.#startBulkWrites();
    const dir = this.#dir();
    let last: string | null = applied;
    function* spooled(): Generator<RemotePayment> {
      for (const line of spool.lines()) {
        const entry = JSON.parse(line) as { p?: RemotePayment; b?: string | null };
        if (entry.p) yield entry.p;
        else last = entry.b ?? null;
      }
    }
    function* read(file: LineSpool): Generator<RemotePayment> {
      for (const line of file.lines()) yield JSON.parse(line) as RemotePayment;
    }
    let pending: Iterable<RemotePayment> = spooled();
    let count = changes;
    const writtenBack = this.#writtenBack;
    this.#writtenBack = null;
    if (writtenBack) {
      writtenBack.close();
      const left = await this.#joinOnDisk(pending, writtenBack, this.#unconfirmed);
      if (!left) return applied;
      pending = read(left);
      count = left.count;
    }
    if (count > this.#config.bulk.threshold) {
      this.#log.info({ changes: count }, 'reading the records of the changes with Bulk API 2.0');
      let records: BucketSpool | null = null;
      let found = 0;
      const soql =
        `SELECT ${PAYMENT_FIELDS.join(', ')} FROM ${PAYMENT_OBJECT} ` +
        `WHERE Status__c = ${soqlString(SUBMITTED_STATUS)}`;
      try {
        for await (const page of this.#bulk().query<PaymentRecord>(
          'bulk-lookup',
          soql,
          PAYMENT_FIELD_TYPES,
          { file: dir.file('lookup-page'), size: this.#config.queryBatchSize },
          (rows) => {
            found = rows;
          }
        )) {
          records ??= new BucketSpool(dir, 'records', Math.ceil(Math.max(count, found) / BUCKET_ROWS));
          for (const record of page) records.append(record.Id, record);
        }
        records ??= new BucketSpool(dir, 'records', Math.ceil(count / BUCKET_ROWS));
      } finally {
        (records as BucketSpool | null)?.close();
      }
      const left = await this.#joinOnDisk(pending, records);
      if (!left) return applied;
      pending = read(left);
    }
    let batch: RemotePayment[] = [];
    for (const change of pending) {
      batch.push(change);
      if (batch.length >= this.#config.lookupBatchSize) {
        await this.#applyChanges(batch);
        batch = [];
        await this.#flush(false);
      }
    }
    if (batch.length > 0) await this.#applyChanges(batch);
    await this.#flush(false);
    return last;
  }

  /**
   * Applies each change whose record is in `records` (skipping the Ids in `skip`), spreading the
   * changes over the same hash buckets and holding one bucket's changes while its records stream
   * past. Returns the changes whose record was not there, or null when the stop signal ended the
   * work (the direction's spooled writes are then dropped: the position stays where it was).
   */
  async #joinOnDisk(
    changes: Iterable<RemotePayment>,
    records: BucketSpool,
    skip: ReadonlySet<string> = new Set()
  ): Promise<LineSpool | null> {
    const dir = this.#dir();
    const count = records.buckets.length;
    const byBucket = new BucketSpool(dir, 'changes', count);
    try {
      for (const change of changes)
        byBucket.append(recordIdOfKey(change.idempotencyKey, this.#prefix) as string, change);
    } finally {
      byBucket.close();
    }
    const leftovers = new LineSpool(dir.file('leftovers'));
    try {
      for (let b = 0; b < count; b++) {
        if (this.#signal?.aborted) {
          this.#report.incomplete = 'stop signal';
          this.#dropWriteSpool();
          return null;
        }
        const wanted = new Map<string, RemotePayment[]>();
        for (const change of latestByPayment(byBucket.read<RemotePayment>(b))) {
          const id = recordIdOfKey(change.idempotencyKey, this.#prefix) as string;
          const list = wanted.get(id);
          if (list) list.push(change);
          else wanted.set(id, [change]);
        }
        if (wanted.size === 0) continue;
        for (const record of records.each<PaymentRecord>(b)) {
          const list = wanted.get(record.Id);
          if (!list || skip.has(record.Id)) continue;
          wanted.delete(record.Id);
          for (const remote of list) this.#applyFound(record, remote);
        }
        for (const list of wanted.values()) for (const change of list) leftovers.appendJson(change);
        this.#progress('mirror');
        await this.#flush(false);
      }
      return leftovers;
    } finally {
      leftovers.close();
    }
  }

  /** A payment the change feed sent malformed: read it on its own; quarantine it when still unreadable. */
  async #reread(ref: string): Promise<RemotePayment | null> {
    const ownRecord = recordIdOfKey(ref, this.#prefix);
    const byKey = looksLikeRecordId(ref) || ownRecord !== null;
    try {
      return byKey ? await this.#ps.getPaymentByKey(ref) : await this.#ps.getPayment(ref);
    } catch (err) {
      if (isConfigError(err)) throw err;
      const reason =
        err instanceof MalformedResponseError ? `Payment system answer malformed: ${err.field}` : String(err);
      const records =
        byKey && ownRecord === null
          ? []
          : await this.#lookup(byKey ? 'Id' : 'External_Payment_Id__c', [ownRecord ?? ref]);
      const record = records[0];
      if (record && ownsRecord(this.#partition, record)) this.#quarantine(record, ref, reason);
      else
        this.#reportQuarantined({
          recordId: null,
          name: null,
          reference: ref,
          reason: truncate(reason)
        });
      return null;
    }
  }

  async #lookup(field: 'Id' | 'External_Payment_Id__c', values: string[]): Promise<PaymentRecord[]> {
    if (field === 'Id')
      return this.#sf.retrieve<PaymentRecord>('lookup', PAYMENT_OBJECT, values, PAYMENT_FIELDS);
    const rows: PaymentRecord[] = [];
    const soql =
      `SELECT ${PAYMENT_FIELDS.join(', ')} FROM ${PAYMENT_OBJECT} ` +
      `WHERE External_Payment_Id__c IN (${values.map(soqlString).join(', ')})`;
    for await (const page of this.#sf.queryPages<PaymentRecord>('lookup', soql)) rows.push(...page);
    return rows;
  }

  async #applyChanges(changes: RemotePayment[]): Promise<void> {
    const owners = new Map<RemotePayment, string>();
    for (const change of changes) {
      const id = recordIdOfKey(change.idempotencyKey, this.#prefix);
      if (id !== null) owners.set(change, id);
    }
    // records this cycle wrote back are known (see #applyInBulk); the others are read
    const ids = [...new Set(owners.values())];
    const known = (id: string): PaymentRecord | undefined =>
      this.#unconfirmed.has(id) ? undefined : this.#knownRecords?.get(id);
    const unknown = ids.filter((id) => known(id) === undefined);
    const records = unknown.length > 0 ? await this.#lookup('Id', unknown) : [];
    // matched exactly: Salesforce also finds a record by the 15-character form of its Id
    const byId = new Map(records.map((r) => [r.Id, r]));
    for (const id of ids) {
      const record = known(id);
      if (record) byId.set(id, record);
    }
    for (const remote of changes) {
      const id = owners.get(remote);
      const record = id === undefined ? undefined : byId.get(id);
      if (!record) {
        this.#reportQuarantined({
          recordId: null,
          name: null,
          reference: remote.id,
          reason: `Payment system payment ${remote.id} has no payment record in Salesforce`
        });
        continue;
      }
      this.#applyFound(record, remote);
    }
  }

  /** A change and the record it belongs to. */
  #applyFound(record: PaymentRecord, remote: RemotePayment): void {
    if (!ownsRecord(this.#partition, record)) return;
    const aside = this.#aside.get(record.Id);
    if (aside && !aside.t && aside.s === (record.SystemModstamp ?? null)) {
      // its write would be refused; once someone fixes it, the scan reads its payment again
      this.#reportSetAside(record, aside);
      return;
    }
    this.#applyRemote(record, remote);
  }

  #applyRemote(record: PaymentRecord, remote: RemotePayment): void {
    const decision = decideMirror(record, remote, this.#now().toISOString(), this.#prefix);
    if (decision.kind === 'quarantine') {
      this.#quarantine(record, remote.id, decision.reason);
      return;
    }
    if (decision.status.kind === 'stale') this.#report.staleChanges++;
    if (decision.kind === 'skip') return;
    const update = { ...decision.update };
    if (decision.healed) {
      this.#report.healed++;
      const differences = detectDrift(record, snapshotFromRemote(remote));
      if (differences.length > 0 && record.Drift_Detected__c !== true) {
        update.Drift_Detected__c = true;
        update.Drift_Details__c = describeDrift(differences);
        this.#reportDrifted({
          recordId: record.Id,
          name: record.Name ?? null,
          externalId: remote.id,
          details: describeDrift(differences),
          newlyFlagged: true
        });
      }
    }
    if (decision.status.kind === 'update') this.#report.mirrored++;
    this.#queue(record, update, decision.healed ? 'writeback' : 'status');
    // a later change of the same payment in this cycle moves on from here
    const known = this.#knownRecords?.get(record.Id);
    if (known && typeof update.Status__c === 'string') known.Status__c = update.Status__c;
  }

  // -------------------------------------------------------------------------------------------
  // Quarantine and writes

  #quarantine(record: PaymentRecord, reference: string | null, reason: string): void {
    const text = truncate(reason);
    if (!this.#quarantinedIds.has(record.Id)) {
      this.#quarantinedIds.add(record.Id);
      this.#reportQuarantined({
        recordId: record.Id,
        name: record.Name ?? null,
        reference,
        reason: text
      });
    }
    // announced once: a record that already carries this reason was quarantined in an earlier cycle
    if (record.Sync_Error__c === text)
      this.#log.debug({ recordId: record.Id, reference, reason: text }, 'payment still quarantined');
    else this.#log.warn({ recordId: record.Id, reference, reason: text }, 'payment quarantined');
    if (record.Sync_Error__c !== text) {
      this.#queue(record, { Id: record.Id, Sync_Error__c: text }, 'quarantine');
    }
  }

  #queue(record: RecordRef, update: Record<string, unknown>, kind: WriteKind): void {
    const id = record.Id;
    const existing = this.#writes.get(id);
    if (existing) {
      if (kind === 'quarantine' && existing.kinds.has('writeback')) return;
      Object.assign(existing.update, update);
      existing.kinds.add(kind);
      return;
    }
    this.#writes.set(id, {
      update: { ...update, Id: id },
      kinds: new Set([kind]),
      name: record.Name ?? null,
      modstamp: record.SystemModstamp ?? null,
      attempts: 0
    });
  }

  /** A record whose every write is refused, the mark included: note it in the position and move on. */
  #setAside(id: string, write: PendingWrite, message: string, passing: boolean): void {
    const entry: SetAside = {
      i: id,
      s: write.modstamp,
      r: truncate(`Salesforce refuses every write to this record: ${message}`),
      t: passing
    };
    if (!this.#aside.has(id) && this.#aside.size >= MAX_SET_ASIDE) {
      // no room to remember it: hold the position so that nothing is lost (the old way)
      this.#holdPosition = true;
      this.#log.error(
        { recordId: id },
        `more than ${MAX_SET_ASIDE} records set aside; holding the sync position`
      );
      return;
    }
    this.#aside.set(id, entry);
    this.#log.warn({ recordId: id, reason: entry.r, passing }, 'record set aside');
  }

  /** From now until the direction's writes are sent, writes wait in a file for an ingest job. */
  #startBulkWrites(): void {
    if (this.#writeSpool) return;
    const csv = new LineSpool(this.#dir().file('ingest.csv'));
    csv.append(WRITE_FIELDS.join(','));
    this.#writeSpool = { lines: new LineSpool(this.#dir().file('writes')), csv, kinds: new Set() };
  }

  /** Drops the writes waiting for an ingest job (their files go with the cycle's directory). */
  #dropWriteSpool(): void {
    const spool: WriteSpool | null = this.#writeSpool;
    spool?.lines.close();
    spool?.csv.close();
    this.#writeSpool = null;
  }

  /**
   * Sends every write of the direction. Returns false when the stop signal ended a Bulk API job
   * before its outcome was known (the cycle then saves no position past it).
   */
  async #flushDirection(): Promise<boolean> {
    try {
      await this.#flush(true);
      return true;
    } catch (err) {
      if (!(err instanceof BulkStoppedError)) throw err;
      this.#report.incomplete = 'stop signal';
      this.#writes.clear();
      return false;
    } finally {
      this.#dropWriteSpool();
    }
  }

  /** Sends queued writes in collections of `collectionSize` (all of them when `all`). */
  async #flush(all: boolean): Promise<void> {
    const spool = this.#writeSpool;
    if (spool) {
      for (const [id, write] of this.#writes) {
        spool.csv.append(ingestRow(write.update));
        for (const kind of write.kinds) spool.kinds.add(kind);
        const line: SpooledWrite = {
          u: write.update,
          k: [...write.kinds],
          n: write.name,
          m: write.modstamp,
          a: write.attempts
        };
        spool.lines.appendJson(line);
        this.#writes.delete(id);
      }
      if (!all) return;
      this.#writeSpool = null;
      spool.lines.close();
      spool.csv.close();
      if (spool.lines.count > this.#config.bulk.threshold) await this.#ingest(spool);
      else {
        for (const line of spool.lines.lines()) {
          const write = fromSpool(line);
          this.#writes.set(write.update.Id as string, write);
          if (this.#writes.size >= this.#config.collectionSize) await this.#flush(false);
        }
      }
      // records to try again (refused by a row lock, or never processed)
      if (this.#writes.size > this.#config.bulk.threshold) {
        this.#startBulkWrites();
        await this.#flush(true);
        return;
      }
    }
    const size = this.#config.collectionSize;
    while (this.#writes.size >= size || (all && this.#writes.size > 0)) {
      const batch = [...this.#writes.values()].slice(0, size);
      for (const write of batch) this.#writes.delete(write.update.Id as string);
      await this.#crash?.('beforeWrite', {
        kind: [...new Set(batch.flatMap((w) => [...w.kinds]))].join(',')
      });
      // The whole call failing after the back-off throws: the records stay as they were, the cycle
      // fails and the position is not saved, so the next cycle finds the same work.
      const results: SaveResult[] = await this.#sf.updateCollection(
        'write',
        PAYMENT_OBJECT,
        batch.map((w) => w.update)
      );
      this.#progress('write');
      results.forEach((result, index) => {
        const write = batch[index];
        if (result.success) this.#aside.delete(write.update.Id as string);
        else this.#refused(write, result.errors);
      });
      await this.#crash?.('afterWrite', {});
    }
  }

  /**
   * The spooled writes as one Bulk API 2.0 ingest job (update by record Id: the worker always
   * knows it). Refused records are handled exactly as a refusal inside a collection; records the job
   * never processed are queued again. A job that cannot be run, or whose outcome is unknown, is
   * started again (its updates are idempotent) and after that the cycle fails.
   */
  async #ingest(spool: WriteSpool): Promise<void> {
    if (++this.#bulkJobs > MAX_BULK_JOBS_PER_DIRECTION * 2) {
      throw new Error(
        `more than ${MAX_BULK_JOBS_PER_DIRECTION * 2} Bulk API ingest jobs in one cycle; the next cycle goes on`
      );
    }
    const rows = spool.lines.count;
    await this.#crash?.('beforeWrite', { kind: [...spool.kinds].join(',') });
    let outcome: Awaited<ReturnType<BulkApi['ingest']>> | null = null;
    for (let attempt = 0; outcome === null; attempt++) {
      try {
        outcome = await this.#bulk().ingest('bulk-write', PAYMENT_OBJECT, spool.csv.file, rows);
      } catch (err) {
        const retryable = err instanceof SalesforceCallError && err.retryable;
        if (
          err instanceof BulkStoppedError ||
          !retryable ||
          attempt + 1 >= MAX_BULK_JOBS_PER_DIRECTION ||
          this.#signal?.aborted
        )
          throw err;
        this.#log.warn(
          { err: (err as Error).message, attempt: attempt + 1 },
          'Bulk API ingest job failed; starting another'
        );
        this.#bulkJobs++;
      }
    }
    this.#progress('write');
    let unprocessed = 0;
    // every write landed and no record is set aside: nothing to read back
    const settled = outcome.failed.size === 0 && outcome.unprocessed.size === 0 && this.#aside.size === 0;
    for (const line of settled ? [] : spool.lines.lines()) {
      const write = fromSpool(line);
      const id = write.update.Id as string;
      if (outcome.unprocessed.has(id)) {
        unprocessed++;
        this.#unconfirmed.add(id);
        this.#writes.set(id, write);
        continue;
      }
      const errors = outcome.failed.get(id);
      if (errors) this.#refused(write, errors);
      else this.#aside.delete(id);
    }
    if (unprocessed > 0)
      this.#log.warn(
        { jobId: outcome.jobId, unprocessed },
        'Bulk API job left records unprocessed; sending them again'
      );
    await this.#crash?.('afterWrite', {});
  }

  /** A record Salesforce refused inside a collection or an ingest job: retried, marked or set aside. */
  #refused(write: PendingWrite, errors: SaveResult['errors']): void {
    const id = write.update.Id as string;
    this.#unconfirmed.add(id);
    const message = errors.map((e) => `${e.statusCode ?? e.errorCode ?? 'ERROR'}: ${e.message}`).join('; ');
    const passing = passesByItself(errors);
    write.attempts++;
    if (passing && write.attempts <= this.#config.recordRetries) {
      this.#report.recordFailuresRetried++;
      this.#writes.set(id, write);
      return;
    }
    this.#log.warn({ recordId: id, error: message }, 'Salesforce refused a record; quarantined');
    if (!this.#quarantinedIds.has(id)) {
      this.#quarantinedIds.add(id);
      this.#reportQuarantined({
        recordId: id,
        name: write.name,
        reference: (write.update.External_Payment_Id__c as string | undefined) ?? null,
        reason: truncate(`Salesforce refused the ${[...write.kinds].join(' and ')}: ${message}`)
      });
    }
    if (write.kinds.has('quarantine')) {
      // Not even the mark could be written: remember the record in the position instead, so the
      // cursor and the watermark move on and the record is looked at again once it can change.
      this.#setAside(id, write, message, passing);
    } else {
      // Mark the record so the next cycle looks at it again (and a person sees why).
      this.#writes.set(id, {
        update: { Id: id, Sync_Error__c: truncate(`Sync write refused: ${message}`) },
        kinds: new Set(['quarantine']),
        name: write.name,
        modstamp: write.modstamp,
        attempts: this.#config.recordRetries
      });
    }
  }
}
