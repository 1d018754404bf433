/**
 * The sync worker's decisions, as plain functions over plain data: which payments to submit, what
 * to submit and remember, how a payment-system status lands on the record, whether a record
 * drifted from what was sent, and which worker owns which record. No I/O here, so every rule is
 * tested without servers.
 */
import { z } from 'zod';
import {
  canTransition,
  isLocked,
  reachableStatuses,
  statusFromPicklist,
  SUBMITTED_STATUS,
  UNSENT_REASON_PREFIX,
  unsentReason,
  type PaymentStatus
} from '../../force-app/main/default/lwc/paymentRules/paymentRules';
import type { PaymentSubmission, RemotePayment } from '../payment-system/client';

/** The payment fields the worker reads (as the REST API returns them). */
export interface PaymentRecord {
  Id: string;
  Name?: string | null;
  Case__c: string | null;
  Amount__c: number | null;
  Payee__c: string | null;
  Vendor_Id__c: string | null;
  Reason_Code__c: string | null;
  Status__c: string | null;
  External_Payment_Id__c: string | null;
  Submitted_Snapshot__c: string | null;
  Drift_Detected__c: boolean | null;
  Sync_Error__c: string | null;
  Sync_Partition__c: number | null;
  SystemModstamp?: string | null;
}

/** The fields every worker query selects. Only one long text area: two or more cut the page size to 200. */
export const PAYMENT_FIELDS: readonly (keyof PaymentRecord)[] = [
  'Id',
  'Name',
  'Case__c',
  'Amount__c',
  'Payee__c',
  'Vendor_Id__c',
  'Reason_Code__c',
  'Status__c',
  'External_Payment_Id__c',
  'Submitted_Snapshot__c',
  'Drift_Detected__c',
  'Sync_Error__c',
  'Sync_Partition__c',
  'SystemModstamp'
];

/** What was sent to the payment system, kept on the record as JSON (Submitted_Snapshot__c). */
export const snapshotSchema = z.object({
  amount: z.number(),
  payee: z.string(),
  vendorId: z.string().nullable(),
  reasonCode: z.string(),
  caseId: z.string()
});
export type SubmittedSnapshot = z.infer<typeof snapshotSchema>;

/** The fields drift detection compares, with the words a supervisor reads. */
export const DRIFT_FIELDS = [
  { field: 'Amount__c', key: 'amount', label: 'amount' },
  { field: 'Payee__c', key: 'payee', label: 'payee' },
  { field: 'Vendor_Id__c', key: 'vendorId', label: 'vendor' },
  { field: 'Reason_Code__c', key: 'reasonCode', label: 'reason code' }
] as const;
export type DriftLabel = (typeof DRIFT_FIELDS)[number]['label'];

export interface DriftDifference {
  label: DriftLabel;
  submitted: string;
  now: string;
}

/** Salesforce Sync_Error__c and similar Text(255) fields. */
export const TEXT_255 = 255;

export function truncate(text: string, max: number = TEXT_255): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

function blankToNull(value: string | null | undefined): string | null {
  return value === undefined || value === null || value.trim() === '' ? null : value;
}

// ---------------------------------------------------------------------------------------------
// Partitions

/** FNV-1a over the record Id: stable across processes and languages, spreads Ids evenly. */
export function hashId(id: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) {
    hash ^= id.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash >>> 0;
}

export interface Partition {
  index: number;
  count: number;
}

/** The partition a record belongs to: Sync_Partition__c when set, else the hash of its Id mod N. */
export function partitionOf(record: Pick<PaymentRecord, 'Id' | 'Sync_Partition__c'>, count: number): number {
  const explicit = record.Sync_Partition__c;
  if (typeof explicit === 'number' && Number.isInteger(explicit) && explicit >= 0) {
    return explicit % count;
  }
  return hashId(record.Id) % count;
}

export function ownsRecord(
  partition: Partition,
  record: Pick<PaymentRecord, 'Id' | 'Sync_Partition__c'>
): boolean {
  return partition.count <= 1 || partitionOf(record, partition.count) === partition.index;
}

/** Sync_Partition__c is Number(3, 0): the values a record can carry. */
export const MAX_STORED_PARTITION = 999;

/**
 * The Sync_Partition__c values this partition owns: every value v with v mod count = index. SOQL has
 * no modulo, so the scan lists them; ownership (`partitionOf`) and the query then agree for any
 * count, also after the number of partitions went down (values set under 4 partitions read by 2).
 */
export function ownedPartitionValues(partition: Partition): number[] {
  const values: number[] = [];
  for (let v = partition.index; v <= MAX_STORED_PARTITION; v += partition.count) values.push(v);
  return values;
}

/** The key of this partition's durable state (Payment_Sync_Cursor__c.Partition_Key__c). */
export function cursorKey(partition: Partition): string {
  return `payments:${partition.index}/${partition.count}`;
}

// ---------------------------------------------------------------------------------------------
// Submission

/** Submitted for Payment and not yet in the payment system. */
export function needsSubmission(record: PaymentRecord): boolean {
  return (
    blankToNull(record.Status__c) === SUBMITTED_STATUS && blankToNull(record.External_Payment_Id__c) === null
  );
}

/**
 * Recalled by a supervisor before it was ever sent (back to a status before submission, no
 * payment-system id) while still carrying the worker's reason for not sending it. Other sync errors
 * on such a record (a payment the payment system holds for a record moved back) stay.
 */
export function recalledBeforeSending(record: PaymentRecord): boolean {
  return (
    !isLocked(record.Status__c) &&
    blankToNull(record.External_Payment_Id__c) === null &&
    (record.Sync_Error__c ?? '').startsWith(UNSENT_REASON_PREFIX)
  );
}

// ---------------------------------------------------------------------------------------------
// Idempotency keys

const RECORD_ID = /^[a-zA-Z0-9]{18}$/;
const ORG_KEY = /^([a-zA-Z0-9]{15})_([a-zA-Z0-9]{18})$/;

/** The 15-character form of an org Id (the same whichever form the session reports). */
export function orgKeyPrefix(orgId: string): string {
  if (!/^00D[a-zA-Z0-9]{12}(?:[a-zA-Z0-9]{3})?$/.test(orgId)) {
    throw new Error(`"${orgId}" is not a Salesforce organization Id`);
  }
  return orgId.slice(0, 15);
}

/**
 * The idempotency key of a record: the org's Id and the record's, so that two orgs holding the same
 * record Ids (a full-copy sandbox keeps production's) never share a key. Without an org Id it is the
 * record Id alone, the form payments submitted before org prefixes carry.
 */
export function idempotencyKeyFor(recordId: string, orgPrefix: string | null): string {
  return orgPrefix === null ? recordId : `${orgPrefix}_${recordId}`;
}

/**
 * The record a payment-system key belongs to in this org, matched exactly: "<org>_<record Id>" with
 * this org's prefix, or a bare 18-character record Id (keys from before org prefixes). Anything else
 * (another org's key, a 15-character Id, someone else's key) belongs to no record here.
 */
export function recordIdOfKey(key: string, orgPrefix: string | null): string | null {
  const prefixed = ORG_KEY.exec(key);
  if (prefixed) return orgPrefix !== null && prefixed[1] === orgPrefix ? prefixed[2] : null;
  return RECORD_ID.test(key) ? key : null;
}

/** The keys a record's payment may carry: the org-prefixed one and the one from before prefixes. */
export function keysOfRecord(recordId: string, orgPrefix: string | null): string[] {
  return orgPrefix === null ? [recordId] : [idempotencyKeyFor(recordId, orgPrefix), recordId];
}

export type SubmissionPlan =
  | { kind: 'submit'; idempotencyKey: string; submission: PaymentSubmission }
  | { kind: 'invalid'; reason: string };

/**
 * The submission for a record, or why it cannot be sent (named so staff can fix the record). The key
 * carries the org prefix when one is given (see idempotencyKeyFor).
 */
export function buildSubmission(record: PaymentRecord, orgPrefix: string | null = null): SubmissionPlan {
  // what a submission needs comes from paymentRules, as does the rule refusing Submitted for Payment without it
  const reason = unsentReason(record);
  if (reason !== null) return { kind: 'invalid', reason };
  const submission: PaymentSubmission = {
    amount: Math.round((record.Amount__c as number) * 100) / 100,
    currency: 'USD',
    payee: (record.Payee__c as string).trim(),
    vendorId: blankToNull(record.Vendor_Id__c),
    reasonCode: record.Reason_Code__c as string,
    caseId: record.Case__c as string
  };
  return { kind: 'submit', idempotencyKey: idempotencyKeyFor(record.Id, orgPrefix), submission };
}

/** The snapshot is what the payment system holds (its answer), not what this worker meant to send. */
export function snapshotFromRemote(remote: RemotePayment): SubmittedSnapshot {
  return {
    amount: remote.amount,
    payee: remote.payee,
    vendorId: remote.vendorId,
    reasonCode: remote.reasonCode,
    caseId: remote.caseId
  };
}

export function serializeSnapshot(snapshot: SubmittedSnapshot): string {
  return JSON.stringify(snapshot);
}

export function parseSnapshot(json: string | null | undefined): SubmittedSnapshot | null {
  if (json === null || json === undefined || json.trim() === '') return null;
  try {
    const parsed = snapshotSchema.safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** The fields written back once the payment system acknowledged a submission. */
export function submissionWriteBack(
  record: PaymentRecord,
  remote: RemotePayment,
  partition: Partition,
  now: string
): Record<string, unknown> {
  return {
    Id: record.Id,
    External_Payment_Id__c: remote.id,
    Submitted_Snapshot__c: serializeSnapshot(snapshotFromRemote(remote)),
    Submitted_At__c: remote.createdAt,
    Last_Synced_At__c: now,
    Sync_Error__c: null,
    ...(record.Sync_Partition__c === null || record.Sync_Partition__c === undefined
      ? { Sync_Partition__c: partitionOf(record, Math.max(1, partition.count)) }
      : {})
  };
}

// ---------------------------------------------------------------------------------------------
// Drift

function formatAmount(value: unknown): string {
  return typeof value === 'number' && Number.isFinite(value) ? value.toFixed(2) : '(blank)';
}

function formatText(value: unknown): string {
  return typeof value === 'string' && value.trim() !== '' ? value : '(blank)';
}

/** What differs between the record and what was submitted; empty when they agree. */
export function detectDrift(record: PaymentRecord, snapshot: SubmittedSnapshot): DriftDifference[] {
  const differences: DriftDifference[] = [];
  for (const { field, key, label } of DRIFT_FIELDS) {
    const now = record[field];
    const submitted = snapshot[key];
    if (key === 'amount') {
      const a = typeof now === 'number' ? Math.round(now * 100) : null;
      const b = Math.round((submitted as number) * 100);
      if (a !== b) differences.push({ label, submitted: formatAmount(submitted), now: formatAmount(now) });
      continue;
    }
    const nowText = blankToNull(now as string | null);
    const submittedText = blankToNull(submitted as string | null);
    const same = key === 'payee' ? nowText?.trim() === submittedText?.trim() : nowText === submittedText;
    if (!same) differences.push({ label, submitted: formatText(submittedText), now: formatText(nowText) });
  }
  return differences;
}

/** One line per difference, as written to Drift_Details__c and the report. */
export function describeDrift(differences: readonly DriftDifference[]): string {
  return differences
    .map((d) => `${d.label}: submitted ${d.submitted}, now ${d.now}`)
    .join('; ')
    .concat(differences.length > 0 ? '. This edit was not sent to the payment system.' : '');
}

export type DriftDecision =
  | { kind: 'none' }
  | { kind: 'flag'; differences: DriftDifference[]; update: Record<string, unknown> }
  | { kind: 'already-flagged'; differences: DriftDifference[]; details: string }
  | { kind: 'no-snapshot'; reason: string };

/** Whether a submitted record drifted from its snapshot, and the flag to write when it newly did. */
export function decideDrift(record: PaymentRecord): DriftDecision {
  if (blankToNull(record.External_Payment_Id__c) === null) return { kind: 'none' };
  const snapshot = parseSnapshot(record.Submitted_Snapshot__c);
  if (snapshot === null) {
    return { kind: 'no-snapshot', reason: 'Submitted payment has no readable Submitted_Snapshot__c' };
  }
  const differences = detectDrift(record, snapshot);
  if (differences.length === 0) return { kind: 'none' };
  if (record.Drift_Detected__c === true)
    return { kind: 'already-flagged', differences, details: describeDrift(differences) };
  return {
    kind: 'flag',
    differences,
    update: { Id: record.Id, Drift_Detected__c: true, Drift_Details__c: describeDrift(differences) }
  };
}

// ---------------------------------------------------------------------------------------------
// Status mirror

export type StatusDecision =
  | { kind: 'update'; from: PaymentStatus; to: PaymentStatus }
  | { kind: 'unchanged' }
  | { kind: 'stale'; from: PaymentStatus; to: PaymentStatus }
  | { kind: 'refused'; from: PaymentStatus; to: PaymentStatus; reason: string };

/**
 * How a payment-system status lands on the record: forward along the transition table, never back.
 * A status the record already moved past is stale (an older change read again after a restart).
 */
export function decideStatus(recordStatus: string | null, remoteStatus: string): StatusDecision {
  let from: PaymentStatus;
  let to: PaymentStatus;
  try {
    from = statusFromPicklist(recordStatus);
    to = statusFromPicklist(remoteStatus);
  } catch (err) {
    return {
      kind: 'refused',
      from: 'None',
      to: 'None',
      reason: err instanceof Error ? err.message : String(err)
    };
  }
  if (from === to) return { kind: 'unchanged' };
  if (!isLocked(from)) {
    return {
      kind: 'refused',
      from,
      to,
      reason: `Record is "${from}" but the payment system has it as "${to}"; the record was moved back before submission.`
    };
  }
  if (canTransition(from, to)) return { kind: 'update', from, to };
  if (reachableStatuses(to).includes(from)) return { kind: 'stale', from, to };
  return {
    kind: 'refused',
    from,
    to,
    reason: `Payment system reports "${to}" but the record is "${from}"; that is not a forward move.`
  };
}

export type MirrorDecision =
  | { kind: 'write'; update: Record<string, unknown>; status: StatusDecision; healed: boolean }
  | { kind: 'skip'; status: StatusDecision }
  | { kind: 'quarantine'; reason: string };

/**
 * The write (if any) that mirrors one payment-system payment onto its record. A record that lost its
 * write-back (crash between the payment system's answer and the Salesforce write) is healed here.
 */
export function decideMirror(
  record: PaymentRecord,
  remote: RemotePayment,
  now: string,
  orgPrefix: string | null = null
): MirrorDecision {
  const externalId = blankToNull(record.External_Payment_Id__c);
  if (!keysOfRecord(record.Id, orgPrefix).includes(remote.idempotencyKey)) {
    return { kind: 'quarantine', reason: `Payment system payment ${remote.id} carries another record's key` };
  }
  if (externalId !== null && externalId !== remote.id) {
    return {
      kind: 'quarantine',
      reason: truncate(
        `Record holds payment ${externalId} but the payment system created ${remote.id} for it`
      )
    };
  }
  const status = decideStatus(record.Status__c, remote.status);
  if (status.kind === 'refused') return { kind: 'quarantine', reason: truncate(status.reason) };
  const update: Record<string, unknown> = { Id: record.Id };
  const healed = externalId === null;
  if (healed) {
    update.External_Payment_Id__c = remote.id;
    update.Submitted_Snapshot__c = serializeSnapshot(snapshotFromRemote(remote));
    update.Submitted_At__c = remote.createdAt;
  }
  if (status.kind === 'update') update.Status__c = status.to;
  if (record.Sync_Error__c !== null && record.Sync_Error__c !== undefined && record.Sync_Error__c !== '') {
    update.Sync_Error__c = null;
  }
  if (Object.keys(update).length === 1) return { kind: 'skip', status };
  update.Last_Synced_At__c = now;
  return { kind: 'write', update, status, healed };
}

/**
 * The drift watermark read back from the org, accepted only as a strict UTC datetime
 * ("2026-01-05T14:00:00Z") that is not in the future: it goes into SOQL, and a value from the future
 * would hide every change until then. Null means "scan everything" (the caller warns).
 */
export function parseWatermark(value: unknown, now: Date): string | null {
  if (typeof value !== 'string') return null;
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/.test(value)) return null;
  const ms = Date.parse(value);
  if (Number.isNaN(ms) || new Date(ms).toISOString().replace('.000Z', 'Z') !== value) return null;
  return ms <= now.getTime() ? value : null;
}

/** Newest version of each payment on a page of changes (a payment may appear several times). */
export function latestByPayment(payments: readonly RemotePayment[]): RemotePayment[] {
  const latest = new Map<string, RemotePayment>();
  for (const payment of payments) {
    const seen = latest.get(payment.idempotencyKey);
    if (!seen || payment.version >= seen.version) latest.set(payment.idempotencyKey, payment);
  }
  return [...latest.values()];
}

/** Whether a payment-system key can be a Salesforce record Id (the worker's idempotency keys are). */
export function looksLikeRecordId(key: string): boolean {
  return /^[a-zA-Z0-9]{15}(?:[a-zA-Z0-9]{3})?$/.test(key);
}

// ---------------------------------------------------------------------------------------------
// Cycle report

export interface DriftEntry {
  recordId: string;
  name: string | null;
  externalId: string | null;
  details: string;
  newlyFlagged: boolean;
}

export interface QuarantineEntry {
  recordId: string | null;
  name: string | null;
  reference: string | null;
  reason: string;
}

export interface CycleReport {
  cycle: number;
  partition: string;
  startedAt: string;
  finishedAt: string;
  idle: boolean;
  submitted: number;
  healed: number;
  mirrored: number;
  staleChanges: number;
  drifted: DriftEntry[];
  quarantined: QuarantineEntry[];
  recordFailuresRetried: number;
  apiCalls: number;
  apiCallsByKind: Record<string, number>;
  apiAllowance: { used: number; max: number; remaining: number } | null;
  /** Salesforce calls of each direction: sending payments (scan, write-backs) and mirroring the payment system back */
  apiCallsByDirection?: { toPaymentSystem: number; fromPaymentSystem: number };
  /** Bulk API 2.0 ingest jobs run (a direction above the bulk threshold) */
  bulkJobs?: number;
  /** how many entries `drifted` and `quarantined` had; the lists themselves hold at most a sample */
  driftedCount?: number;
  quarantinedCount?: number;
  /** when a list was longer than its sample: the file holding every entry (one JSON line each) */
  fullList?: string | null;
  backedOff: boolean;
  /** why the cycle stopped before the end of its work (deadline, stop signal, feed problem), else null */
  incomplete: string | null;
  /** the change feed was started again from the beginning (the payment system refused the cursor) */
  feedRestarted: boolean;
  /** records Salesforce refuses every write for, set aside so the rest moves on */
  setAside: number;
  /** what a person should know about the cycle (an unreadable stored position, a restarted feed) */
  warnings: string[];
  error: string | null;
}

export function emptyReport(cycle: number, partition: Partition, startedAt: string): CycleReport {
  return {
    cycle,
    partition: `${partition.index}/${partition.count}`,
    startedAt,
    finishedAt: startedAt,
    idle: true,
    submitted: 0,
    healed: 0,
    mirrored: 0,
    staleChanges: 0,
    drifted: [],
    quarantined: [],
    recordFailuresRetried: 0,
    apiCalls: 0,
    apiCallsByKind: {},
    apiAllowance: null,
    backedOff: false,
    incomplete: null,
    feedRestarted: false,
    setAside: 0,
    warnings: [],
    error: null
  };
}

/** One line a person reads in the log for a finished cycle. */
export function summarizeReport(report: CycleReport): string {
  const allowance = report.apiAllowance
    ? `, API allowance left ${report.apiAllowance.remaining}/${report.apiAllowance.max}`
    : '';
  return (
    `cycle ${report.cycle}: submitted ${report.submitted}, mirrored ${report.mirrored}, ` +
    `healed ${report.healed}, drifted ${report.driftedCount ?? report.drifted.length}, ` +
    `quarantined ${report.quarantinedCount ?? report.quarantined.length}, ` +
    `API calls ${report.apiCalls}${allowance}` +
    (report.setAside > 0 ? `, set aside ${report.setAside}` : '') +
    (report.feedRestarted ? ', change feed restarted' : '') +
    (report.incomplete ? `; stopped early: ${report.incomplete}` : '')
  );
}

/** Whether the daily API allowance is nearly spent (fewer than reserveFraction of it left). */
export function allowanceNearlySpent(
  usage: { used: number; max: number } | null,
  reserveFraction: number
): boolean {
  if (!usage || usage.max <= 0) return false;
  return usage.max - usage.used < usage.max * reserveFraction;
}
