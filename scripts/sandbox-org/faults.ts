/**
 * Faults on purpose, reproducible from a seed: the same seed and the same sequence of requests give
 * the same failures. Used by chaos tests of the sync worker.
 */
import { z } from 'zod';
import { seededRandom } from '../shared/prng';
import { fieldProblem } from '../shared/zod';

export const ENDPOINTS = [
  'auth',
  'query',
  'sobject',
  'collections',
  'describe',
  'limits',
  'updated',
  'bulkCreate',
  'bulkUpload',
  'bulkResults',
  'bulkJob',
  'other'
] as const;
export type Endpoint = (typeof ENDPOINTS)[number];

/** Request-level failures. INVALID_SESSION_ID also ends the session that made the request. */
export const REQUEST_FAULTS = [
  'SERVER_UNAVAILABLE',
  'UNABLE_TO_LOCK_ROW',
  'REQUEST_LIMIT_EXCEEDED',
  'INVALID_SESSION_ID',
  'UNKNOWN_EXCEPTION'
] as const;
export type RequestFault = (typeof REQUEST_FAULTS)[number];

export const faultConfigSchema = z.object({
  /** Seed of the fault generator; the org's seed when not given. */
  seed: z.number().int().optional(),
  /** Each rule fails a share of matching requests with the given error. Rules are tried in order. */
  rules: z
    .array(
      z.object({
        endpoint: z.union([z.enum(ENDPOINTS), z.literal('*')]).default('*'),
        method: z.enum(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', '*']).default('*'),
        kind: z.enum(REQUEST_FAULTS),
        rate: z.number().min(0).max(1)
      })
    )
    .default([]),
  /** Added latency for every request, plus up to `latencyJitterMs` more. */
  latencyMs: z.number().min(0).default(0),
  latencyJitterMs: z.number().min(0).default(0),
  /** Share of records inside an sObject Collections call or a Bulk API 2.0 ingest job that fail with `recordFailureKind`. */
  recordFailureRate: z.number().min(0).max(1).default(0),
  recordFailureKind: z.enum(['UNABLE_TO_LOCK_ROW', 'UNKNOWN_EXCEPTION']).default('UNABLE_TO_LOCK_ROW'),
  /**
   * Share of Bulk API 2.0 jobs that end Failed while processing: an ingest job after part of its
   * rows (the rest are unprocessed records), a query job before any results.
   */
  bulkJobFailureRate: z.number().min(0).max(1).default(0),
  /** Sessions end this many milliseconds after login. */
  sessionTtlMs: z.number().int().positive().optional(),
  /** Daily API allowance (DailyApiRequests Max). */
  dailyApiLimit: z.number().int().positive().optional(),
  /** Marks the daily allowance as used up (every API call answers REQUEST_LIMIT_EXCEEDED). */
  apiLimitReached: z.boolean().optional()
});

export type FaultConfig = z.input<typeof faultConfigSchema>;
export type ResolvedFaults = z.output<typeof faultConfigSchema>;

export function parseFaults(input: unknown, where = 'faults'): ResolvedFaults {
  const r = faultConfigSchema.safeParse(input ?? {});
  if (!r.success) {
    throw new Error(`${where}: ${fieldProblem(r.error)}`);
  }
  return r.data;
}

export class FaultInjector {
  private faults: ResolvedFaults;
  /** Spreads failures evenly and repeats them exactly. */
  private rng: () => number;

  constructor(
    private readonly orgSeed: number,
    faults?: FaultConfig
  ) {
    this.faults = parseFaults(faults);
    this.rng = seededRandom(this.faults.seed ?? orgSeed);
  }

  /** Replaces the fault configuration and restarts the generator from its seed. */
  set(faults: FaultConfig): void {
    this.faults = parseFaults(faults);
    this.rng = seededRandom(this.faults.seed ?? this.orgSeed);
  }

  get config(): ResolvedFaults {
    return this.faults;
  }

  requestFault(endpoint: Endpoint, method: string): RequestFault | null {
    for (const rule of this.faults.rules) {
      if (rule.endpoint !== '*' && rule.endpoint !== endpoint) continue;
      if (rule.method !== '*' && rule.method !== method) continue;
      if (rule.rate > 0 && this.rng() < rule.rate) return rule.kind;
    }
    return null;
  }

  latency(): number {
    const { latencyMs, latencyJitterMs } = this.faults;
    if (latencyMs === 0 && latencyJitterMs === 0) return 0;
    return latencyMs + (latencyJitterMs > 0 ? Math.floor(this.rng() * latencyJitterMs) : 0);
  }

  /** For a Bulk API 2.0 job starting to process: how far it gets (0 <= x < 1) before failing, or null. */
  bulkJobFailure(): number | null {
    const rate = this.faults.bulkJobFailureRate;
    if (rate > 0 && this.rng() < rate) return this.rng();
    return null;
  }

  recordFault(): string | null {
    const rate = this.faults.recordFailureRate;
    if (rate > 0 && this.rng() < rate) return this.faults.recordFailureKind;
    return null;
  }
}
