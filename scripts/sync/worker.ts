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
import type pino from 'pino';
import { z } from 'zod';
import {
  MalformedResponseError,
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
  ownsRecord,
  PAYMENT_FIELDS,
  snapshotFromRemote,
  submissionWriteBack,
  truncate,
  type CycleReport,
  type Partition,
  type PaymentRecord
} from './decisions';
import { soqlString, type SalesforceGateway, type SaveResult } from './salesforce';

export const CURSOR_OBJECT = 'Payment_Sync_Cursor__c';

/** How old the saved drift watermark may get while the worker is idle. */
const WATERMARK_SAVE_MS = 3_600_000;

/** The payment-system calls the worker makes (PaymentSystemClient implements them). */
export interface PaymentSystemPort {
  submitPayment(idempotencyKey: string, body: PaymentSubmission): Promise<SubmitResult>;
  getPayment(id: string): Promise<RemotePayment>;
  getPaymentByKey(idempotencyKey: string): Promise<RemotePayment | null>;
  listChanges(cursor: string | null, limit?: number): Promise<ChangesPage>;
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
}

/** Where the worker is, as stored in Payment_Sync_Cursor__c.Cursor__c. */
const positionSchema = z.object({
  /** payment-system change cursor */
  c: z.string().nullable(),
  /** SystemModstamp (whole seconds, UTC) from which submitted records are checked for drift */
  m: z.string().nullable()
});
type Position = z.infer<typeof positionSchema>;

const cursorRowSchema = z.object({ Cursor__c: z.string().nullable().optional() });

type WriteKind = 'writeback' | 'status' | 'drift' | 'quarantine';

interface PendingWrite {
  update: Record<string, unknown>;
  kinds: Set<WriteKind>;
  name: string | null;
  attempts: number;
}

/** Salesforce SystemModstamp ("2026-01-02T03:04:05.000+0000") floored to a SOQL datetime literal. */
export function toSoqlDateTime(value: string): string | null {
  const ms = Date.parse(value.replace(/\+0000$/, 'Z'));
  if (Number.isNaN(ms)) return null;
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

async function mapPool<T>(
  items: readonly T[],
  concurrency: number,
  fn: (item: T) => Promise<void>
): Promise<void> {
  let next = 0;
  const runners = Array.from({ length: Math.min(concurrency, items.length) }, async () => {
    while (next < items.length) {
      const item = items[next++];
      await fn(item);
    }
  });
  await Promise.all(runners);
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
  /** where this process is */
  #position: Position | null = null;
  /** what the org holds */
  #saved: Position | null = null;
  #savedAt = Date.now();
  #cycle = 0;
  #busyCycles = 0;
  #usage: { used: number; max: number } | null = null;
  // per cycle
  #report!: CycleReport;
  #writes = new Map<string, PendingWrite>();
  #writeFailed = false;
  #holdCursor = false;
  #quarantinedIds = new Set<string>();

  constructor(opts: WorkerOptions) {
    this.#sf = opts.salesforce;
    this.#ps = opts.paymentSystem;
    this.#config = opts.config;
    this.#log = opts.logger.child({ component: 'sync-worker', partition: cursorKey(opts.config.partition) });
    this.#crash = opts.crashHook;
    this.#onProgress = opts.onProgress;
    this.#now = opts.now ?? (() => new Date());
    this.#partition = opts.config.partition;
  }

  get partition(): Partition {
    return this.#partition;
  }

  /** One full cycle. Throws only when the cycle could not finish (it is then simply run again). */
  async runCycle(): Promise<CycleReport> {
    this.#cycle++;
    const callsBefore = { ...this.#sf.calls };
    const startedAt = this.#now().toISOString();
    this.#report = emptyReport(this.#cycle, this.#partition, startedAt);
    this.#writes = new Map();
    this.#writeFailed = false;
    this.#holdCursor = false;
    this.#quarantinedIds = new Set();
    try {
      if (await this.#allowanceExhausted()) {
        this.#report.backedOff = true;
        this.#log.warn({ allowance: this.#report.apiAllowance }, 'daily API allowance nearly spent; pausing');
        return this.#report;
      }
      const position = await this.#loadPosition();
      const watermark = await this.#scanRecords(position);
      // write-backs first, so the change feed finds every submitted record with its payment id
      await this.#flush(true);
      const remoteCursor = await this.#mirrorChanges(position);
      await this.#flush(true);
      const next: Position = {
        c: this.#holdCursor ? position.c : remoteCursor,
        m: this.#writeFailed ? position.m : (watermark ?? position.m)
      };
      // The feed cursor is saved whenever it moves. The watermark moves with the clock every cycle;
      // saving it alone would make every idle cycle cost a second call, so it is kept in memory and
      // saved with the next cursor move or write, or once it is an hour old (a restart then reads
      // the records changed since the saved one again, which is harmless).
      const wrote = (this.#sf.calls.write ?? 0) > (callsBefore.write ?? 0);
      const saved = this.#saved ?? { c: null, m: null };
      const stale = Date.now() - this.#savedAt > WATERMARK_SAVE_MS;
      if (next.c !== saved.c || (next.m !== saved.m && (wrote || stale))) {
        await this.#savePosition(next);
      } else {
        this.#position = next;
      }
      this.#report.idle =
        this.#report.submitted === 0 &&
        this.#report.mirrored === 0 &&
        this.#report.healed === 0 &&
        this.#report.drifted.length === 0 &&
        this.#report.quarantined.length === 0;
      return this.#report;
    } catch (err) {
      this.#report.error = err instanceof Error ? err.message : String(err);
      throw err;
    } finally {
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
      drifted: this.#report.drifted.length,
      quarantined: this.#report.quarantined.length,
      apiCalls: this.#sf.totalCalls
    });
  }

  // -------------------------------------------------------------------------------------------
  // API allowance

  async #allowanceExhausted(): Promise<boolean> {
    const { reserveFraction, checkEveryCycles } = this.#config.allowance;
    let usage = this.#sf.headerUsage;
    // Salesforce reports the usage on every answer (Sforce-Limit-Info). Without that header, ask
    // /limits now and then — only after busy cycles, so an idle cycle stays at one call.
    if (!usage && this.#cycle > 1 && (this.#usage === null || this.#busyCycles >= checkEveryCycles)) {
      this.#busyCycles = 0;
      try {
        this.#usage = await this.#sf.limits();
      } catch (err) {
        this.#log.warn({ err: (err as Error).message }, 'could not read /limits');
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
    let position: Position = { c: null, m: null };
    for await (const rows of this.#sf.queryPages<unknown>(
      'cursor-read',
      `SELECT Id, Cursor__c FROM ${CURSOR_OBJECT} WHERE Partition_Key__c = ${soqlString(key)} LIMIT 1`
    )) {
      const row = rows[0] ? cursorRowSchema.safeParse(rows[0]) : null;
      if (row?.success && row.data.Cursor__c) {
        try {
          const parsed = positionSchema.safeParse(JSON.parse(row.data.Cursor__c));
          if (parsed.success) position = parsed.data;
          else this.#log.warn({ key }, 'stored cursor is unreadable; starting from the beginning');
        } catch {
          this.#log.warn({ key }, 'stored cursor is not JSON; starting from the beginning');
        }
      }
    }
    this.#position = position;
    this.#saved = position;
    this.#savedAt = Date.now();
    return position;
  }

  async #savePosition(next: Position): Promise<void> {
    const key = cursorKey(this.#partition);
    const text = JSON.stringify(next);
    if (text.length > 255) throw new Error(`Cursor for ${key} is longer than Cursor__c can hold`);
    await this.#crash?.('beforeCursorSave', {});
    const [result] = await this.#sf.upsertCollection('cursor-write', CURSOR_OBJECT, 'Partition_Key__c', [
      { Partition_Key__c: key, Name: key, Cursor__c: text, Last_Cycle_At__c: this.#now().toISOString() }
    ]);
    if (!result?.success) {
      throw new Error(`Could not save the sync cursor: ${result?.errors.map((e) => e.message).join('; ')}`);
    }
    this.#position = next;
    this.#saved = next;
    this.#savedAt = Date.now();
    await this.#crash?.('afterCursorSave', {});
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
    let where = `(${conditions.join(' OR ')})`;
    if (this.#partition.count > 1) {
      where += ` AND (Sync_Partition__c = ${this.#partition.index} OR Sync_Partition__c = null)`;
    }
    return `SELECT ${PAYMENT_FIELDS.join(', ')} FROM ${PAYMENT_OBJECT} WHERE ${where}`;
  }

  /**
   * Streams the one "anything to do?" query page by page; returns the new drift watermark: the start
   * of this query less the allowed clock skew, floored to the second. Everything changed before it
   * was visible to this query; anything later is read again next cycle.
   */
  async #scanRecords(position: Position): Promise<string | null> {
    const horizon = toSoqlDateTime(new Date(this.#now().getTime() - this.#config.clockSkewMs).toISOString());
    this.#progress('query');
    for await (const page of this.#sf.queryPages<PaymentRecord>('scan', this.#scanQuery(position))) {
      const pending: PaymentRecord[] = [];
      const quarantinedSubmitted: PaymentRecord[] = [];
      for (const record of page) {
        if (!ownsRecord(this.#partition, record)) continue;
        if (needsSubmission(record)) {
          pending.push(record);
          continue;
        }
        this.#checkDrift(record);
        if (record.External_Payment_Id__c && record.Sync_Error__c) quarantinedSubmitted.push(record);
      }
      // a collection's worth at a time, so a killed worker loses at most that much in flight
      for (let i = 0; i < pending.length; i += this.#config.collectionSize) {
        const slice = pending.slice(i, i + this.#config.collectionSize);
        await mapPool(slice, this.#config.submitConcurrency, (record) => this.#submit(record));
        this.#progress('submit');
        await this.#flush(false);
      }
      await mapPool(quarantinedSubmitted, this.#config.submitConcurrency, (record) => this.#recheck(record));
      await this.#flush(false);
    }
    return horizon;
  }

  #checkDrift(record: PaymentRecord): void {
    const drift = decideDrift(record);
    if (drift.kind === 'flag') {
      this.#queue(drift.update, 'drift', record.Name ?? null);
      this.#report.drifted.push({
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
    }
  }

  async #submit(record: PaymentRecord): Promise<void> {
    const plan = buildSubmission(record);
    if (plan.kind === 'invalid') {
      this.#quarantine(record, record.Id, plan.reason);
      return;
    }
    let remote: RemotePayment | null = null;
    let replayed = false;
    try {
      // A record marked by an earlier cycle may already be in the payment system, and may have moved
      // on since: a replayed submission answers with the payment as first created, so read it by key.
      if (record.Sync_Error__c) {
        remote = await this.#ps.getPaymentByKey(plan.idempotencyKey);
        replayed = remote !== null;
      }
      if (remote === null) {
        // A replay answers a submission an earlier run made and never wrote back.
        const submitted = await this.#ps.submitPayment(plan.idempotencyKey, plan.submission);
        remote = submitted.payment;
        replayed = submitted.replayed;
      }
    } catch (err) {
      if (err instanceof PaymentSystemError && err.code === 'IDEMPOTENCY_KEY_REUSED') {
        // The payment exists with other values: the record was edited after a submission whose
        // write-back was lost. Take what the payment system holds; the edit shows up as drift.
        remote = await this.#lookupByKey(record);
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
      this.#report.drifted.push({
        recordId: record.Id,
        name: record.Name ?? null,
        externalId: remote.id,
        details: describeDrift(differences),
        newlyFlagged: record.Drift_Detected__c !== true
      });
    }
    if (remote.status !== SUBMITTED_STATUS) {
      const mirror = decideMirror({ ...record, External_Payment_Id__c: remote.id }, remote, now);
      if (mirror.kind === 'write' && mirror.update.Status__c) {
        update.Status__c = mirror.update.Status__c;
        this.#report.mirrored++;
      }
    }
    this.#queue(update, 'writeback', record.Name ?? null);
  }

  async #lookupByKey(record: PaymentRecord): Promise<RemotePayment | null> {
    try {
      const found = await this.#ps.getPaymentByKey(record.Id);
      if (!found)
        this.#quarantine(record, record.Id, 'Payment system refused the key but holds no payment for it');
      return found;
    } catch (err) {
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
      const message = err instanceof Error ? err.message : String(err);
      this.#log.warn({ recordId: record.Id, err: message }, 'submission failed; will retry next cycle');
      this.#report.quarantined.push({
        recordId: record.Id,
        name: record.Name ?? null,
        reference: record.Id,
        reason: truncate(`Retrying next cycle: ${message}`)
      });
    }
  }

  /** A submitted record quarantined earlier: read its payment again and mirror it if it is readable now. */
  async #recheck(record: PaymentRecord): Promise<void> {
    // quarantined again this cycle for a reason of its own (e.g. no snapshot): leave the mark
    if (this.#quarantinedIds.has(record.Id)) return;
    try {
      const remote = await this.#ps.getPayment(record.External_Payment_Id__c as string);
      this.#applyRemote(record, remote);
    } catch (err) {
      const reason =
        err instanceof MalformedResponseError
          ? `Payment system answer malformed: ${err.field}`
          : `Payment system unavailable: ${err instanceof Error ? err.message : String(err)}`;
      if (err instanceof MalformedResponseError)
        this.#quarantine(record, record.External_Payment_Id__c, reason);
      else this.#log.warn({ recordId: record.Id, reason }, 'could not re-read a quarantined payment');
    }
  }

  // -------------------------------------------------------------------------------------------
  // Payment-system side: status changes

  async #mirrorChanges(position: Position): Promise<string | null> {
    let cursor = position.c;
    let buffered: RemotePayment[] = [];
    const apply = async (): Promise<void> => {
      // A payment's creation needs no mirror: the record is already "Submitted for Payment", and a
      // record that lost its write-back is healed by the replayed submission.
      const changes = latestByPayment(buffered).filter(
        (p) => p.status !== SUBMITTED_STATUS && looksLikeRecordId(p.idempotencyKey)
      );
      buffered = [];
      if (changes.length > 0) {
        await this.#applyChanges(changes);
        this.#progress('mirror');
      }
      await this.#flush(false);
    };
    for (;;) {
      const page = await this.#ps.listChanges(cursor, this.#config.changesPageSize);
      buffered.push(...page.payments);
      for (const bad of page.malformed) {
        if (bad.paymentRef === null) continue;
        const again = await this.#reread(bad.paymentRef);
        if (again) buffered.push(again);
      }
      cursor = page.nextCursor;
      // one record lookup serves up to lookupBatchSize changes
      if (buffered.length >= this.#config.lookupBatchSize || !page.hasMore) await apply();
      await this.#crash?.('afterChangesPage', {});
      if (!page.hasMore) break;
    }
    return cursor;
  }

  /** A payment the change feed sent malformed: read it on its own; quarantine it when still unreadable. */
  async #reread(ref: string): Promise<RemotePayment | null> {
    try {
      return looksLikeRecordId(ref) ? await this.#ps.getPaymentByKey(ref) : await this.#ps.getPayment(ref);
    } catch (err) {
      const reason =
        err instanceof MalformedResponseError ? `Payment system answer malformed: ${err.field}` : String(err);
      const records = await this.#lookup(looksLikeRecordId(ref) ? 'Id' : 'External_Payment_Id__c', [ref]);
      const record = records[0];
      if (record && ownsRecord(this.#partition, record)) this.#quarantine(record, ref, reason);
      else
        this.#report.quarantined.push({
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
    const records = await this.#lookup(
      'Id',
      changes.map((c) => c.idempotencyKey)
    );
    const byId = new Map(records.map((r) => [r.Id, r]));
    const byShortId = new Map(records.map((r) => [r.Id.slice(0, 15), r]));
    for (const remote of changes) {
      const record = byId.get(remote.idempotencyKey) ?? byShortId.get(remote.idempotencyKey.slice(0, 15));
      if (!record) {
        this.#report.quarantined.push({
          recordId: null,
          name: null,
          reference: remote.id,
          reason: `Payment system payment ${remote.id} has no payment record in Salesforce`
        });
        continue;
      }
      if (!ownsRecord(this.#partition, record)) continue;
      this.#applyRemote(record, { ...remote, idempotencyKey: record.Id });
    }
  }

  #applyRemote(record: PaymentRecord, remote: RemotePayment): void {
    const decision = decideMirror(record, remote, this.#now().toISOString());
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
        this.#report.drifted.push({
          recordId: record.Id,
          name: record.Name ?? null,
          externalId: remote.id,
          details: describeDrift(differences),
          newlyFlagged: true
        });
      }
    }
    if (decision.status.kind === 'update') this.#report.mirrored++;
    this.#queue(update, decision.healed ? 'writeback' : 'status', record.Name ?? null);
  }

  // -------------------------------------------------------------------------------------------
  // Quarantine and writes

  #quarantine(record: PaymentRecord, reference: string | null, reason: string): void {
    const text = truncate(reason);
    if (!this.#quarantinedIds.has(record.Id)) {
      this.#quarantinedIds.add(record.Id);
      this.#report.quarantined.push({
        recordId: record.Id,
        name: record.Name ?? null,
        reference,
        reason: text
      });
    }
    this.#log.warn({ recordId: record.Id, reference, reason: text }, 'payment quarantined');
    if (record.Sync_Error__c !== text) {
      this.#queue({ Id: record.Id, Sync_Error__c: text }, 'quarantine', record.Name ?? null);
    }
  }

  #queue(update: Record<string, unknown>, kind: WriteKind, name: string | null): void {
    const id = update.Id as string;
    const existing = this.#writes.get(id);
    if (existing) {
      if (kind === 'quarantine' && existing.kinds.has('writeback')) return;
      Object.assign(existing.update, update);
      existing.kinds.add(kind);
      return;
    }
    this.#writes.set(id, { update: { ...update }, kinds: new Set([kind]), name, attempts: 0 });
  }

  /** Sends queued writes in collections of `collectionSize` (all of them when `all`). */
  async #flush(all: boolean): Promise<void> {
    const size = this.#config.collectionSize;
    while (this.#writes.size >= size || (all && this.#writes.size > 0)) {
      const batch = [...this.#writes.values()].slice(0, size);
      for (const write of batch) this.#writes.delete(write.update.Id as string);
      await this.#crash?.('beforeWrite', {
        kind: [...new Set(batch.flatMap((w) => [...w.kinds]))].join(',')
      });
      let results: SaveResult[];
      try {
        results = await this.#sf.updateCollection(
          'write',
          PAYMENT_OBJECT,
          batch.map((w) => w.update)
        );
      } catch (err) {
        // The whole call failed after the back-off: the records stay as they were, so the next
        // cycle finds the same work. Do not move the cursor or the watermark past it.
        this.#writeFailed = true;
        throw err;
      }
      this.#progress('write');
      results.forEach((result, index) => {
        const write = batch[index];
        if (result.success) return;
        const message = result.errors
          .map((e) => `${e.statusCode ?? e.errorCode ?? 'ERROR'}: ${e.message}`)
          .join('; ');
        write.attempts++;
        if (write.attempts <= this.#config.recordRetries) {
          this.#report.recordFailuresRetried++;
          this.#writes.set(write.update.Id as string, write);
          return;
        }
        this.#writeFailed = true;
        const id = write.update.Id as string;
        this.#log.warn({ recordId: id, error: message }, 'Salesforce refused a record; quarantined');
        if (!this.#quarantinedIds.has(id)) {
          this.#quarantinedIds.add(id);
          this.#report.quarantined.push({
            recordId: id,
            name: write.name,
            reference: (write.update.External_Payment_Id__c as string | undefined) ?? null,
            reason: truncate(`Salesforce refused the ${[...write.kinds].join(' and ')}: ${message}`)
          });
        }
        if (write.kinds.has('quarantine')) {
          // Not even the mark could be written: the record would not be looked at again, so the
          // change feed is read again from the saved cursor next cycle.
          this.#holdCursor = true;
        } else {
          // Mark the record so the next cycle looks at it again (and a person sees why).
          this.#writes.set(id, {
            update: { Id: id, Sync_Error__c: truncate(`Sync write refused: ${message}`) },
            kinds: new Set(['quarantine']),
            name: write.name,
            attempts: this.#config.recordRetries
          });
        }
      });
      await this.#crash?.('afterWrite', {});
    }
  }
}
