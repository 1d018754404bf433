/**
 * The sandbox payment system's durable state: an append-only journal (one JSON event per line) and
 * the in-memory view rebuilt from it.
 *
 * Every change is written to the journal synchronously, before the HTTP answer that acknowledges it
 * is sent. A crash of the server therefore loses nothing it acknowledged: restarting replays the
 * journal. A torn last line (a write cut short) is ignored on replay; it was never acknowledged.
 */
import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { z } from 'zod';
import { remotePaymentSchema, type RemotePayment } from './contract';
import { canRemoteTransition, REMOTE_STATUSES, type RemoteStatus } from './lifecycle';
import { fieldProblem } from '../shared/zod';

/** What the payment system will do with a payment, decided when it is created. */
export interface SettlementPlan {
  settleAt: number;
  outcome: 'Payment Successful' | 'Payment Failed' | 'Payment Voided';
  outcomeReason: string | null;
  /** A later return or recoup of a successful payment. */
  reversal: {
    at: number;
    status: 'Payment Returned' | 'Refund or Cancelled' | 'Payment Recouped';
    reason: string;
  } | null;
}

export interface StoredSubmission {
  amount: number;
  currency: 'USD';
  payee: string;
  vendorId: string | null;
  reasonCode: string;
  caseId: string;
  caseNumber: string | null;
}

interface StoredPayment {
  payment: RemotePayment;
  /** The answer given when the payment was created; replays return it unchanged. */
  original: RemotePayment;
  submission: StoredSubmission;
  plan: SettlementPlan;
  seq: number;
}

const planSchema = z.object({
  settleAt: z.number(),
  outcome: z.enum(['Payment Successful', 'Payment Failed', 'Payment Voided']),
  outcomeReason: z.string().nullable(),
  reversal: z
    .object({
      at: z.number(),
      status: z.enum(['Payment Returned', 'Refund or Cancelled', 'Payment Recouped']),
      reason: z.string()
    })
    .nullable()
});

const submissionSchema = z.object({
  amount: z.number(),
  currency: z.literal('USD'),
  payee: z.string(),
  vendorId: z.string().nullable(),
  reasonCode: z.string(),
  caseId: z.string(),
  caseNumber: z.string().nullable()
});

const eventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('opened'), streamId: z.string() }),
  z.object({
    type: z.literal('created'),
    seq: z.number().int(),
    payment: remotePaymentSchema,
    submission: submissionSchema,
    plan: planSchema
  }),
  z.object({
    type: z.literal('moved'),
    seq: z.number().int(),
    id: z.string(),
    status: z.enum(REMOTE_STATUSES),
    statusReason: z.string().nullable(),
    updatedAt: z.string(),
    by: z.enum(['settlement', 'request'])
  })
]);
type JournalEvent = z.infer<typeof eventSchema>;

export class PaymentStore {
  /** Identifies this journal; cursors from another one are refused. */
  streamId = '';
  private readonly byId = new Map<string, StoredPayment>();
  private readonly idByKey = new Map<string, string>();
  private readonly createdByKey = new Map<string, number>();
  /** (seq, id) in seq order; entries whose payment changed again since are skipped. */
  private readonly changeLog: { seq: number; id: string }[] = [];
  private lastSeq = 0;
  private fd: number | null;

  private constructor(
    readonly journalPath: string,
    private readonly fsync: boolean
  ) {
    this.fd = null;
  }

  /** Opens (creating if needed) the journal and rebuilds the state it records. */
  static open(journalPath: string, opts: { fsync: boolean }): PaymentStore {
    const store = new PaymentStore(journalPath, opts.fsync);
    fs.mkdirSync(path.dirname(journalPath), { recursive: true });
    const bytes = fs.existsSync(journalPath) ? fs.readFileSync(journalPath) : Buffer.alloc(0);
    // everything after the last newline was cut short by a crash while being written: never acknowledged
    const completeLength = bytes.lastIndexOf(0x0a) + 1;
    if (completeLength < bytes.length) fs.truncateSync(journalPath, completeLength);
    const lines = bytes.subarray(0, completeLength).toString('utf8').split('\n').slice(0, -1);
    lines.forEach((line, index) => {
      if (line.trim() === '') return;
      let raw: unknown;
      try {
        raw = JSON.parse(line);
      } catch {
        throw new Error(`Payment journal ${journalPath} line ${index + 1} is not JSON`);
      }
      const parsed = eventSchema.safeParse(raw);
      if (!parsed.success) {
        throw new Error(`Payment journal ${journalPath} line ${index + 1}: ${fieldProblem(parsed.error)}`);
      }
      store.apply(parsed.data);
    });
    store.fd = fs.openSync(journalPath, 'a');
    if (store.streamId === '') store.append({ type: 'opened', streamId: randomUUID() });
    return store;
  }

  close(): void {
    if (this.fd !== null) fs.closeSync(this.fd);
    this.fd = null;
  }

  get isOpen(): boolean {
    return this.fd !== null;
  }

  findById(id: string): RemotePayment | null {
    return this.byId.get(id)?.payment ?? null;
  }

  findByKey(
    key: string
  ): { payment: RemotePayment; original: RemotePayment; submission: StoredSubmission } | null {
    const id = this.idByKey.get(key);
    const stored = id === undefined ? undefined : this.byId.get(id);
    return stored
      ? { payment: stored.payment, original: stored.original, submission: stored.submission }
      : null;
  }

  hasId(id: string): boolean {
    return this.byId.has(id);
  }

  createdCountByKey(): Map<string, number> {
    return new Map(this.createdByKey);
  }

  all(): RemotePayment[] {
    return [...this.byId.values()].sort((a, b) => a.seq - b.seq).map((s) => s.payment);
  }

  get position(): number {
    return this.lastSeq;
  }

  create(
    payment: Omit<RemotePayment, 'version'>,
    submission: StoredSubmission,
    plan: SettlementPlan
  ): RemotePayment {
    const full: RemotePayment = { ...payment, version: 1 };
    this.append({ type: 'created', seq: this.lastSeq + 1, payment: full, submission, plan });
    return full;
  }

  move(
    id: string,
    status: RemoteStatus,
    statusReason: string | null,
    at: string,
    by: 'settlement' | 'request'
  ): RemotePayment {
    const stored = this.byId.get(id);
    if (!stored) throw new Error(`No payment ${id}`);
    if (!canRemoteTransition(stored.payment.status, status)) {
      throw new Error(`Payment ${id} cannot move from ${stored.payment.status} to ${status}`);
    }
    this.append({ type: 'moved', seq: this.lastSeq + 1, id, status, statusReason, updatedAt: at, by });
    return stored.payment;
  }

  /** Payments whose latest change is after `afterSeq`, oldest change first. */
  changesAfter(
    afterSeq: number,
    limit: number
  ): { payments: RemotePayment[]; lastSeq: number; hasMore: boolean } {
    let lo = 0;
    let hi = this.changeLog.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.changeLog[mid].seq <= afterSeq) lo = mid + 1;
      else hi = mid;
    }
    const payments: RemotePayment[] = [];
    let lastSeq = afterSeq;
    let i = lo;
    for (; i < this.changeLog.length && payments.length < limit; i++) {
      const entry = this.changeLog[i];
      const stored = this.byId.get(entry.id);
      if (!stored || stored.seq !== entry.seq) continue;
      payments.push(stored.payment);
      lastSeq = entry.seq;
    }
    let hasMore = false;
    for (; i < this.changeLog.length; i++) {
      const entry = this.changeLog[i];
      if (this.byId.get(entry.id)?.seq === entry.seq) {
        hasMore = true;
        break;
      }
    }
    return { payments, lastSeq, hasMore };
  }

  /** Planned settlement moves due at or before `now`, in a stable order. */
  dueMoves(now: number): { id: string; status: RemoteStatus; reason: string | null; at: number }[] {
    const due: { id: string; status: RemoteStatus; reason: string | null; at: number; seq: number }[] = [];
    for (const stored of this.byId.values()) {
      const { payment, plan } = stored;
      if (payment.status === 'Submitted for Payment' && plan.settleAt <= now) {
        due.push({
          id: payment.id,
          status: plan.outcome,
          reason: plan.outcomeReason,
          at: plan.settleAt,
          seq: stored.seq
        });
      } else if (payment.status === 'Payment Successful' && plan.reversal && plan.reversal.at <= now) {
        const r = plan.reversal;
        due.push({ id: payment.id, status: r.status, reason: r.reason, at: r.at, seq: stored.seq });
      }
    }
    return due.sort((a, b) => a.at - b.at || a.seq - b.seq);
  }

  private append(event: JournalEvent): void {
    if (this.fd === null) throw new Error('Payment journal is closed');
    fs.writeSync(this.fd, `${JSON.stringify(event)}\n`);
    if (this.fsync) fs.fsyncSync(this.fd);
    this.apply(event);
  }

  private apply(event: JournalEvent): void {
    switch (event.type) {
      case 'opened':
        this.streamId = event.streamId;
        return;
      case 'created': {
        const key = event.payment.idempotencyKey;
        this.byId.set(event.payment.id, {
          payment: event.payment,
          original: event.payment,
          submission: event.submission,
          plan: event.plan,
          seq: event.seq
        });
        this.idByKey.set(key, event.payment.id);
        this.createdByKey.set(key, (this.createdByKey.get(key) ?? 0) + 1);
        this.record(event.seq, event.payment.id);
        return;
      }
      case 'moved': {
        const stored = this.byId.get(event.id);
        if (!stored)
          throw new Error(`Payment journal ${this.journalPath}: move of unknown payment ${event.id}`);
        stored.payment = {
          ...stored.payment,
          status: event.status,
          statusReason: event.statusReason,
          updatedAt: event.updatedAt,
          version: stored.payment.version + 1
        };
        stored.seq = event.seq;
        this.record(event.seq, event.id);
        return;
      }
    }
  }

  private record(seq: number, id: string): void {
    this.lastSeq = seq;
    this.changeLog.push({ seq, id });
  }
}
