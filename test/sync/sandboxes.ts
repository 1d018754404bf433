/**
 * Test bench for the sync worker: the sandbox org and the sandbox payment system on loopback, a
 * caseload of payments, and workers wired exactly as the command line wires them.
 */
import pino from 'pino';
import { startSandboxOrg, type SandboxOrg } from '../../scripts/sandbox-org/index';
import {
  startSandboxPaymentSystem,
  type SandboxPaymentSystem,
  type SandboxPaymentSystemOptions
} from '../../scripts/payment-system/sandbox';
import { parseWorkerConfig, type WorkerConfig } from '../../scripts/sync/config';
import { buildWorker, type BuildWorkerOptions, type BuiltWorker } from '../../scripts/sync/setup';
import type { CrashHook } from '../../scripts/sync/worker';
import { orgKeyPrefix, recordIdOfKey } from '../../scripts/sync/decisions';
import type { FaultConfig } from '../../scripts/sandbox-org/index';

export interface Sandboxes {
  org: SandboxOrg;
  ps: SandboxPaymentSystem;
  caseId: string;
  stop(): Promise<void>;
}

export const TEST_CONFIG: WorkerConfig = parseWorkerConfig(
  {
    apiVersion: '64.0',
    partition: { index: 0, count: 1 },
    cycleIntervalMs: 10,
    queryBatchSize: 2000,
    collectionSize: 200,
    changesPageSize: 1000,
    lookupBatchSize: 2000,
    clockSkewMs: 0,
    submitConcurrency: 8,
    recordRetries: 1,
    allowance: { reserveFraction: 0.1, checkEveryCycles: 20, pauseMs: 1000 },
    backoff: { maxRetries: 5, baseMs: 1, maxMs: 5 },
    paymentSystem: { url: 'http://127.0.0.1:1', timeoutMs: 5000, maxRetries: 4 }
  },
  'test config'
);

export async function startSandboxes(
  opts: { org?: { faults?: FaultConfig; dailyApiLimit?: number }; ps?: SandboxPaymentSystemOptions } = {}
): Promise<Sandboxes> {
  const org = await startSandboxOrg({ port: 0, ...opts.org });
  const ps = await startSandboxPaymentSystem({
    port: 0,
    clock: 'manual',
    fsync: false,
    settlement: { delayMs: 1000, jitter: 0, reversalRate: 0, mix: { success: 1, failed: 0, voided: 0 } },
    ...opts.ps
  });
  const [caseId] = await org.insertAsSystem('Case', [{ Subject: 'RAFT arrears', Program__c: 'RAFT' }], {
    as: 'staff'
  });
  return {
    org,
    ps,
    caseId,
    async stop() {
      await ps.stop();
      await org.stop();
    }
  };
}

export interface PaymentSeed {
  Amount__c?: number;
  Payee__c?: string | null;
  Reason_Code__c?: string | null;
  Vendor_Id__c?: string | null;
  Status__c?: string | null;
  Sync_Partition__c?: number | null;
}

/** Inserts payments (default: submitted, ready to send) and returns their Ids. */
export async function seedPayments(sb: Sandboxes, n: number, fields: PaymentSeed = {}): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < n; i += 5000) {
    const chunk = Array.from({ length: Math.min(5000, n - i) }, (_, j) => ({
      Case__c: sb.caseId,
      Amount__c: 100 + ((i + j) % 900),
      Payee__c: `Landlord ${(i + j) % 97}`,
      Reason_Code__c: 'ARR',
      Vendor_Id__c: `VEN-${(i + j) % 50}`,
      Status__c: 'Submitted for Payment',
      ...fields
    }));
    ids.push(...(await sb.org.insertAsSystem('Assistance_Payment__c', chunk, { as: 'staff' })));
  }
  return ids;
}

export const silent = pino({ level: process.env.SYNC_TEST_LOG ?? 'silent' });

export async function worker(
  sb: Sandboxes,
  opts: {
    config?: Partial<WorkerConfig>;
    crashHook?: CrashHook;
    paymentSystem?: BuildWorkerOptions['paymentSystem'];
    clientCredentials?: boolean;
  } = {}
): Promise<BuiltWorker> {
  const u = sb.org.users.integration;
  return buildWorker({
    config: { ...TEST_CONFIG, ...opts.config },
    logger: silent,
    credentials:
      opts.clientCredentials && u.clientId && u.clientSecret
        ? {
            kind: 'client-credentials',
            loginUrl: sb.org.loginUrl,
            clientId: u.clientId,
            clientSecret: u.clientSecret
          }
        : { kind: 'password', loginUrl: sb.org.loginUrl, username: u.username, password: u.password },
    paymentSystem: opts.paymentSystem ?? { url: sb.ps.url, token: sb.ps.token },
    crashHook: opts.crashHook,
    sleep: async () => undefined
  });
}

export interface PaymentRow {
  Id: string;
  Status__c: string | null;
  External_Payment_Id__c: string | null;
  Amount__c: number;
  Payee__c: string | null;
  Drift_Detected__c: boolean;
  Drift_Details__c: string | null;
  Sync_Error__c: string | null;
  Submitted_Snapshot__c: string | null;
}

export function payments(sb: Sandboxes): PaymentRow[] {
  return sb.org.querySystem(
    'SELECT Id, Status__c, External_Payment_Id__c, Amount__c, Payee__c, Drift_Detected__c, Drift_Details__c, ' +
      'Sync_Error__c, Submitted_Snapshot__c FROM Assistance_Payment__c'
  ) as unknown as PaymentRow[];
}

/** The record a payment-system key belongs to in the sandbox org (org-prefixed or from before prefixes). */
export function recordOf(sb: Sandboxes, key: string): string | null {
  return recordIdOfKey(key, orgKeyPrefix(sb.org.orgId));
}

/** Payments created per record, whatever form of key they were sent with. */
export function createdByRecord(sb: Sandboxes): Map<string, number> {
  const counts = new Map<string, number>();
  for (const [key, n] of sb.ps.createdCountByKey()) {
    const id = recordOf(sb, key) ?? key;
    counts.set(id, (counts.get(id) ?? 0) + n);
  }
  return counts;
}

/** Records with more than one payment, and the given records with none. */
export function exactlyOnce(
  sb: Sandboxes,
  ids: readonly string[]
): { duplicates: string[]; missing: string[] } {
  const counts = createdByRecord(sb);
  return {
    duplicates: [...counts.entries()].filter(([, n]) => n > 1).map(([k]) => k),
    missing: ids.filter((id) => (counts.get(id) ?? 0) === 0)
  };
}

/** Records whose status differs from the payment system's. */
export function statusMismatches(sb: Sandboxes): string[] {
  const remote = new Map(sb.ps.payments().map((p) => [recordOf(sb, p.idempotencyKey), p]));
  return payments(sb)
    .filter((r) => {
      const p = remote.get(r.Id);
      return p !== undefined && (p.status !== r.Status__c || p.id !== r.External_Payment_Id__c);
    })
    .map((r) => r.Id);
}

/**
 * A crash hook that settles every payment sent so far (the payment system's clock moves on) just
 * before the first write-backs go out, once `armed` says so: the cycle's change feed then carries
 * their settlements.
 */
export function settleBeforeWrites(sb: Sandboxes, armed: () => boolean = () => true): CrashHook {
  let done = false;
  return (point) => {
    if (point === 'beforeWrite' && !done && armed()) {
      done = true;
      sb.ps.advance(2000);
    }
  };
}

/** Records that hold a payment-system status but no payment id (a status mirrored onto a lost write-back). */
export function statusWithoutPaymentId(sb: Sandboxes): string[] {
  return payments(sb)
    .filter((p) => p.Status__c !== 'Submitted for Payment' && p.External_Payment_Id__c === null)
    .map((p) => p.Id);
}
