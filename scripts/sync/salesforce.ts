/**
 * The worker's only door to Salesforce: SOQL paging, sObject Collections writes, the durable cursor
 * and the API allowance. Every REST call goes through `call`, which counts it, re-authenticates once
 * on INVALID_SESSION_ID and backs off on REQUEST_LIMIT_EXCEEDED / 503.
 *
 * Works with a jsforce 3 Connection and with the jsforce-node Connection that @salesforce/core 8
 * returns: only `request`, `instanceUrl`, `version` and `limitInfo` are used.
 */
import type pino from 'pino';
import { z } from 'zod';
import { BulkApi, DEFAULT_BULK_SETTINGS, type BulkSettings } from './bulk';

export interface RestRequest {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  url: string;
  body?: string;
  headers?: Record<string, string>;
}

/** What the worker passes to jsforce per request: its timeout, and no retries of jsforce's own. */
export interface RequestOptions {
  timeout?: number;
  retry?: { maxRetries: number };
}

/** The part of a jsforce Connection the worker needs. */
export interface ConnectionLike {
  request<T = unknown>(request: RestRequest | string, options?: RequestOptions): Promise<T>;
  instanceUrl: string;
  version: string;
  limitInfo?: { apiUsage?: { used: number; limit: number } };
  /** the jsforce Connection itself, for its bulk2 module (Bulk API 2.0); absent when the worker is given only requests */
  jsforceConnection?: object;
}

export interface SaveResult {
  id?: string | null;
  success: boolean;
  errors: { statusCode?: string; errorCode?: string; message: string; fields?: string[] }[];
}

export class SalesforceCallError extends Error {
  override readonly name = 'SalesforceCallError';
  constructor(
    readonly kind: string,
    readonly errorCode: string,
    message: string,
    readonly retryable: boolean
  ) {
    super(message);
  }
}

export interface BackoffPolicy {
  /** attempts after the first for REQUEST_LIMIT_EXCEEDED / 503 / connection failures */
  maxRetries: number;
  baseMs: number;
  maxMs: number;
}

export interface GatewayOptions {
  connection: ConnectionLike;
  /** Replaces the session (log in again); absent when the credentials cannot be renewed. */
  reauthenticate?: () => Promise<void>;
  logger: pino.Logger;
  backoff: BackoffPolicy;
  queryBatchSize?: number;
  sleep?: (ms: number) => Promise<void>;
  /** Every request gives up after this long (default 60 s). */
  timeoutMs?: number;
  /** Once aborted: no more retries or waits; a call still made is tried once (to save what is safe). */
  signal?: AbortSignal;
}

/** Options of one call. */
export interface CallOptions {
  /** retries after the first attempt, instead of the back-off policy's (0: one attempt) */
  maxRetries?: number;
}

const queryPageSchema = z.object({
  totalSize: z.number().optional(),
  done: z.boolean(),
  nextRecordsUrl: z.string().optional(),
  records: z.array(z.record(z.string(), z.unknown()))
});

const saveResultsSchema = z.array(
  z.object({
    id: z.string().nullable().optional(),
    success: z.boolean(),
    errors: z
      .array(
        z.object({
          statusCode: z.string().optional(),
          errorCode: z.string().optional(),
          message: z.string(),
          fields: z.array(z.string()).optional()
        })
      )
      .default([])
  })
);

const limitsSchema = z.object({
  DailyApiRequests: z.object({ Max: z.number(), Remaining: z.number() })
});

function errorCodeOf(err: unknown): string {
  if (err && typeof err === 'object') {
    const { errorCode, code, name } = err as { errorCode?: unknown; code?: unknown; name?: unknown };
    if (typeof errorCode === 'string') return errorCode;
    if (typeof code === 'string') return code;
    if (typeof name === 'string') return name;
  }
  return 'UNKNOWN';
}

const TRANSIENT = new Set([
  'REQUEST_LIMIT_EXCEEDED',
  'SERVER_UNAVAILABLE',
  'ERROR_HTTP_503',
  'ERROR_HTTP_502',
  'ERROR_HTTP_504',
  'ERROR_HTTP_500',
  'UNABLE_TO_LOCK_ROW',
  'ECONNRESET',
  'ECONNREFUSED',
  'EPIPE',
  'ETIMEDOUT',
  'UND_ERR_SOCKET',
  // jsforce's own timeout aborts the request
  'AbortError'
]);

function isTransient(err: unknown, code: string): boolean {
  if (TRANSIENT.has(code)) return true;
  const message = err instanceof Error ? err.message : '';
  // fetch wraps socket failures in a TypeError
  return (
    err instanceof TypeError ||
    /socket hang up|fetch failed|ECONNRESET|ECONNREFUSED|Request Timeout|aborted/.test(message)
  );
}

/** Waits, or ends at once when the signal aborts. */
function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const done = (): void => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
}

/**
 * The request, or a TIMEOUT error once `ms` passed. jsforce is also told the timeout (it then aborts
 * the socket); the race is what holds when a layer below ignores it.
 */
export async function withTimeout<T>(promise: Promise<T>, ms: number, kind: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const err = new Error(`Salesforce did not answer ${kind} within ${ms} ms`);
      (err as Error & { errorCode: string }).errorCode = 'ETIMEDOUT';
      reject(err);
    }, ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
    // the abandoned request may still fail later; nobody is waiting for it
    promise.catch(() => undefined);
  }
}

/** Quote a value for a SOQL string literal. */
export function soqlString(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

export class SalesforceGateway {
  readonly calls: Record<string, number> = {};
  reauthentications = 0;
  readonly #conn: ConnectionLike;
  readonly #reauthenticate?: () => Promise<void>;
  readonly #log: pino.Logger;
  readonly #backoff: BackoffPolicy;
  readonly #batchSize: number;
  readonly #sleep: (ms: number) => Promise<void>;
  readonly #timeoutMs: number;
  readonly #signal?: AbortSignal;
  #retrieveByQuery = false;
  #bulkApi: BulkApi | null = null;

  constructor(opts: GatewayOptions) {
    this.#conn = opts.connection;
    this.#reauthenticate = opts.reauthenticate;
    this.#log = opts.logger.child({ component: 'salesforce' });
    this.#backoff = opts.backoff;
    this.#batchSize = opts.queryBatchSize ?? 2000;
    this.#sleep = opts.sleep ?? ((ms) => abortableSleep(ms, opts.signal));
    this.#timeoutMs = opts.timeoutMs ?? 60_000;
    this.#signal = opts.signal;
  }

  /** Bulk API 2.0 on this connection (jsforce's bulk2 module), counted and backed off like REST calls. */
  bulk(settings: BulkSettings = DEFAULT_BULK_SETTINGS): BulkApi {
    this.#bulkApi ??= new BulkApi({
      gateway: this,
      connection: this.#conn,
      settings,
      logger: this.#log,
      timeoutMs: this.#timeoutMs,
      signal: this.#signal,
      sleep: this.#sleep
    });
    return this.#bulkApi;
  }

  get totalCalls(): number {
    return Object.values(this.calls).reduce((a, b) => a + b, 0);
  }

  /** API usage from the Sforce-Limit-Info header of the last answer, when the org sends it. */
  get headerUsage(): { used: number; max: number } | null {
    const usage = this.#conn.limitInfo?.apiUsage;
    return usage ? { used: usage.used, max: usage.limit } : null;
  }

  #path(rest: string): string {
    return `/services/data/v${this.#conn.version}${rest}`;
  }

  /** One REST call, with re-authentication, a timeout and back-off. */
  async call<T>(kind: string, request: RestRequest, options: CallOptions = {}): Promise<T> {
    return this.callWith(
      kind,
      () => this.#conn.request<T>(request, { timeout: this.#timeoutMs, retry: { maxRetries: 0 } }),
      options
    );
  }

  /**
   * One request made by `send` (a REST call, or a step of a Bulk API 2.0 job through jsforce),
   * counted under `kind`, with re-authentication, a timeout and back-off.
   */
  async callWith<T>(kind: string, send: () => Promise<T>, options: CallOptions = {}): Promise<T> {
    let reauthenticated = false;
    const maxRetries = options.maxRetries ?? this.#backoff.maxRetries;
    for (let attempt = 0; ; attempt++) {
      this.calls[kind] = (this.calls[kind] ?? 0) + 1;
      try {
        return await withTimeout(send(), this.#timeoutMs + 1000, kind);
      } catch (err) {
        const code = errorCodeOf(err);
        if (code === 'INVALID_SESSION_ID' && !reauthenticated) {
          if (!this.#reauthenticate) {
            throw new SalesforceCallError(
              kind,
              code,
              'The Salesforce session expired and cannot be renewed',
              false
            );
          }
          reauthenticated = true;
          this.reauthentications++;
          this.#log.info({ kind }, 'session expired; logging in again');
          await this.#reauthenticate();
          attempt--;
          continue;
        }
        const transient = isTransient(err, code);
        // after a stop signal: no more retries, the caller decides what is still worth a try
        if (!transient || attempt >= maxRetries || this.#signal?.aborted) {
          const message = err instanceof Error ? err.message : String(err);
          throw new SalesforceCallError(
            kind,
            code,
            `Salesforce ${kind} failed (${code}): ${message}`,
            transient
          );
        }
        const delay = Math.min(this.#backoff.maxMs, this.#backoff.baseMs * 2 ** attempt);
        const jittered = Math.round(delay / 2 + (Math.random() * delay) / 2);
        this.#log.warn(
          { kind, code, attempt: attempt + 1, delayMs: jittered },
          'Salesforce call failed; backing off'
        );
        await this.#sleep(jittered);
      }
    }
  }

  /**
   * Streams a query page by page (2,000 rows per call by default): never the whole result in memory.
   * `meta.totalSize` is set from the first page (how many rows the query matches).
   */
  async *queryPages<R>(kind: string, soql: string, meta?: { totalSize?: number }): AsyncGenerator<R[]> {
    let url: string | undefined = this.#path(`/query?q=${encodeURIComponent(soql)}`);
    while (url) {
      const raw = await this.call<unknown>(kind, {
        method: 'GET',
        url,
        headers: { 'Sforce-Query-Options': `batchSize=${this.#batchSize}` }
      });
      const page = queryPageSchema.safeParse(raw);
      if (!page.success) {
        throw new SalesforceCallError(
          kind,
          'MALFORMED_QUERY_RESULT',
          'Salesforce query answer was malformed',
          false
        );
      }
      if (meta && meta.totalSize === undefined)
        meta.totalSize = page.data.totalSize ?? page.data.records.length;
      yield page.data.records as R[];
      url = page.data.done ? undefined : page.data.nextRecordsUrl;
    }
  }

  /** sObject Collections update, at most 200 records, allOrNone=false: one result per record. */
  async updateCollection(
    kind: string,
    sobject: string,
    records: Record<string, unknown>[]
  ): Promise<SaveResult[]> {
    if (records.length === 0) return [];
    if (records.length > 200) throw new Error('sObject Collections take at most 200 records per call');
    const raw = await this.call<unknown>(kind, {
      method: 'PATCH',
      url: this.#path('/composite/sobjects'),
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        allOrNone: false,
        records: records.map((record) => ({ attributes: { type: sobject }, ...record }))
      })
    });
    return this.#saveResults(kind, raw, records.length);
  }

  /** sObject Collections upsert by external Id field. */
  async upsertCollection(
    kind: string,
    sobject: string,
    externalIdField: string,
    records: Record<string, unknown>[]
  ): Promise<SaveResult[]> {
    if (records.length === 0) return [];
    const raw = await this.call<unknown>(kind, {
      method: 'PATCH',
      url: this.#path(`/composite/sobjects/${sobject}/${externalIdField}`),
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        allOrNone: false,
        records: records.map((record) => ({ attributes: { type: sobject }, ...record }))
      })
    });
    return this.#saveResults(kind, raw, records.length);
  }

  #saveResults(kind: string, raw: unknown, expected: number): SaveResult[] {
    const parsed = saveResultsSchema.safeParse(raw);
    if (!parsed.success || parsed.data.length !== expected) {
      throw new SalesforceCallError(
        kind,
        'MALFORMED_SAVE_RESULT',
        'Salesforce answered a collection with a malformed result',
        false
      );
    }
    return parsed.data;
  }

  /**
   * Records by Id. sObject Collections retrieve by POST takes up to 2,000 Ids per call (they travel in
   * the body, so no URI length limit). An org that refuses that many is read with SOQL `Id IN (...)`
   * instead, as many Ids per query as fit a safe URI (about 15,000 characters). Missing Ids are dropped.
   */
  async retrieve<R>(
    kind: string,
    sobject: string,
    ids: readonly string[],
    fields: readonly string[]
  ): Promise<R[]> {
    const out: R[] = [];
    for (let i = 0; i < ids.length;) {
      if (this.#retrieveByQuery) {
        const { soql, taken } = this.#idQuery(sobject, ids, i, fields);
        for await (const page of this.queryPages<R>(kind, soql)) out.push(...page);
        i += taken;
        continue;
      }
      const chunk = ids.slice(i, i + 2000);
      let raw: unknown;
      try {
        raw = await this.call<unknown>(kind, {
          method: 'POST',
          url: this.#path(`/composite/sobjects/${sobject}`),
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ ids: chunk, fields })
        });
      } catch (err) {
        if (err instanceof SalesforceCallError && err.errorCode === 'EXCEEDED_ID_LIMIT') {
          this.#log.warn({ kind }, 'org refuses 2,000 Ids per retrieve; reading by SOQL instead');
          this.#retrieveByQuery = true;
          continue;
        }
        throw err;
      }
      if (!Array.isArray(raw)) {
        throw new SalesforceCallError(
          kind,
          'MALFORMED_RETRIEVE_RESULT',
          'Salesforce answered a retrieve with a malformed result',
          false
        );
      }
      for (const row of raw) if (row !== null && typeof row === 'object') out.push(row as R);
      i += chunk.length;
    }
    return out;
  }

  #idQuery(
    sobject: string,
    ids: readonly string[],
    from: number,
    fields: readonly string[]
  ): { soql: string; taken: number } {
    const head = `SELECT ${fields.join(', ')} FROM ${sobject} WHERE Id IN (`;
    let length = encodeURIComponent(head).length + this.#path('/query?q=').length + 3;
    const quoted: string[] = [];
    for (let i = from; i < ids.length && quoted.length < 2000; i++) {
      const q = soqlString(ids[i]);
      const cost = encodeURIComponent(`${q},`).length;
      if (length + cost > 12_000 && quoted.length > 0) break;
      quoted.push(q);
      length += cost;
    }
    return { soql: `${head}${quoted.join(',')})`, taken: quoted.length };
  }

  /** The daily API allowance from /limits (one call, not retried: the next check is soon enough). */
  async limits(): Promise<{ used: number; max: number }> {
    const raw = await this.call<unknown>(
      'limits',
      { method: 'GET', url: this.#path('/limits') },
      { maxRetries: 0 }
    );
    const parsed = limitsSchema.safeParse(raw);
    if (!parsed.success) {
      throw new SalesforceCallError(
        'limits',
        'MALFORMED_LIMITS',
        'Salesforce /limits answer was malformed',
        false
      );
    }
    const { Max, Remaining } = parsed.data.DailyApiRequests;
    return { used: Max - Remaining, max: Max };
  }
}
