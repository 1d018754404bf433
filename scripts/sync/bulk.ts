/**
 * Salesforce Bulk API 2.0 for the sync worker, through jsforce's bulk2 module: query jobs read a
 * large direction's records a result page at a time, ingest jobs write its updates from a CSV file
 * streamed to the org. Every request goes through the gateway's `callWith`, so it is counted, timed
 * out, re-authenticated once and backed off like a REST call; jsforce's own retries are switched
 * off for these requests (a retried upload would send an already-consumed body).
 *
 * Per-record outcomes of an ingest job are read back (failed results and unprocessed records); a
 * record in neither succeeded. The job's own counts must agree with what was uploaded, otherwise the
 * outcome is unknown and the caller treats the whole job as failed (its updates are idempotent, so
 * the next cycle redoes them).
 */
import type pino from 'pino';
import type { ConnectionLike, SalesforceGateway, SaveResult } from './salesforce';
import { SalesforceCallError } from './salesforce';
import { LineSpool, readLines, uploadStream } from './bulk-spool';

export interface BulkSettings {
  /**
   * first wait between job-state checks; it doubles per check up to maxPollIntervalMs. When the job
   * reports progress (numberRecordsProcessed of a known number of rows), the wait is instead the time
   * the job's own pace says it still needs (within the same bounds), so a large job costs a few checks.
   */
  pollIntervalMs: number;
  maxPollIntervalMs: number;
  /** a job not finished after this long is aborted and the step fails */
  pollTimeoutMs: number;
  /** rows per query result page (Sforce-Locator paging); bounds what one page holds in memory */
  queryPageSize: number;
}

export const DEFAULT_BULK_SETTINGS: BulkSettings = {
  pollIntervalMs: 250,
  maxPollIntervalMs: 30_000,
  pollTimeoutMs: 600_000,
  queryPageSize: 10_000
};

/** Query jobs run for one query before the step fails. */
const QUERY_ATTEMPTS = 3;

export interface JobInfo {
  id: string;
  state: string;
  operation?: string;
  object?: string;
  numberRecordsProcessed?: number;
  numberRecordsFailed?: number;
  errorMessage?: string;
}

/** The parts of jsforce's IngestJobV2 used here. */
interface IngestJobLike {
  readonly id: string;
  open(): Promise<JobInfo>;
  uploadData(input: NodeJS.ReadableStream | string): Promise<void>;
  close(): Promise<void>;
  abort(): Promise<void>;
  check(): Promise<JobInfo>;
  getFailedResults(): Promise<Record<string, string>[]>;
  getUnprocessedRecords(): Promise<Record<string, string>[]>;
}

/** The parts of jsforce's QueryJobV2 used here (createQueryRequest carries the Sforce-Locator header back). */
interface QueryJobLike {
  readonly id: string;
  check(): Promise<JobInfo>;
  abort(): Promise<JobInfo>;
  locator?: string;
  createQueryRequest(request: {
    method: 'GET';
    path: string;
    headers: Record<string, string>;
    responseType: string;
  }): Promise<unknown>;
}

interface BulkV2Like {
  createJob(options: Record<string, unknown>): IngestJobLike;
  job(type: 'query', options: { id: string }): QueryJobLike;
  job(type: 'ingest', options: { id: string }): IngestJobLike;
}

interface TransportLike {
  httpRequest(request: unknown, options?: Record<string, unknown>): unknown;
}

/** The job was stopped by the stop signal; what it did is unknown. */
export class BulkStoppedError extends Error {
  override readonly name = 'BulkStoppedError';
}

export interface IngestOutcome {
  /** record Id → why Salesforce refused it */
  failed: Map<string, SaveResult['errors']>;
  /** records the job never processed (the job failed or was aborted part way) */
  unprocessed: Set<string>;
  jobId: string;
}

/** "FIELD_CUSTOM_VALIDATION_EXCEPTION:Payment is locked:Amount__c --" → status code and message. */
export function parseBulkError(text: string): SaveResult['errors'][number] {
  const match = /^([A-Z][A-Z0-9_]+):(.*)$/s.exec(text.trim());
  if (!match) return { statusCode: 'UNKNOWN_EXCEPTION', message: text.trim() || 'refused without a reason' };
  const message = match[2].replace(/:[^:]*--\s*$/, '').trim();
  return { statusCode: match[1], message: message || match[1] };
}

/** One CSV field (RFC 4180): quoted when it holds a delimiter, a quote or a line break. */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/**
 * One value of an update row as Bulk API 2.0 reads it: an empty field leaves the field as it is, so
 * a field the update does not set is empty, and null (or an empty string) is written as #N/A.
 */
export function csvValue(value: unknown): string {
  if (value === undefined) return '';
  if (value === null || value === '') return '#N/A';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '#N/A';
  return csvField(String(value));
}

export type FieldType = 'string' | 'number' | 'boolean' | 'datetime';

/**
 * A query result row (every value a CSV string, empty for null) converted to what the REST API
 * returns for the same record: numbers, booleans, and datetimes in REST's "…000+0000" form.
 */
export function typedRow<R>(row: Record<string, string>, types: Readonly<Record<string, FieldType>>): R {
  const out: Record<string, unknown> = {};
  for (const [field, raw] of Object.entries(row)) {
    const type = types[field] ?? 'string';
    if (raw === '' || raw === undefined) {
      out[field] = type === 'boolean' ? false : null;
      continue;
    }
    if (type === 'number') {
      const n = Number(raw);
      if (!Number.isFinite(n)) throw new Error(`Bulk query returned "${raw}" for the number field ${field}`);
      out[field] = n;
    } else if (type === 'boolean') {
      if (raw !== 'true' && raw !== 'false')
        throw new Error(`Bulk query returned "${raw}" for the checkbox field ${field}`);
      out[field] = raw === 'true';
    } else if (type === 'datetime') {
      const ms = Date.parse(raw.replace(/\+0000$/, 'Z'));
      if (Number.isNaN(ms)) throw new Error(`Bulk query returned "${raw}" for the datetime field ${field}`);
      out[field] = new Date(ms).toISOString().replace('Z', '+0000');
    } else {
      out[field] = raw;
    }
  }
  return out as R;
}

/**
 * What a job did between two state checks: `ms` apart, `done` rows processed, `left` rows still to
 * do; `steady` when it had already processed rows at the first of the two (so the stretch is all
 * processing time, not partly time in the queue).
 */
export interface JobPace {
  ms: number;
  done: number;
  left: number;
  steady: boolean;
}

/**
 * How long to wait before the next job-state check. When the job processed rows since the previous
 * check and the number it still has to do is known, its pace over that stretch says when it will be
 * done: check then (at least pollIntervalMs later), not later because the doubling interval has grown
 * meanwhile. A first stretch may include time the job waited to start, so its pace can be too slow:
 * then the next check comes no later than the stretch was long, which measures a steady pace.
 * Otherwise `interval`, doubling from pollIntervalMs. Never more than maxPollIntervalMs.
 */
export function nextPollWait(
  interval: number,
  pace: JobPace | null,
  settings: Pick<BulkSettings, 'pollIntervalMs' | 'maxPollIntervalMs'>
): number {
  let wait = interval;
  if (pace && pace.done > 0 && pace.left > 0) {
    wait = Math.ceil((pace.ms * pace.left) / pace.done);
    if (!pace.steady) wait = Math.min(wait, pace.ms);
    wait = Math.max(settings.pollIntervalMs, wait);
  }
  return Math.min(settings.maxPollIntervalMs, wait);
}

/**
 * The rows of CSV text one at a time (comma-separated; quoted fields with doubled quotes and line
 * breaks inside; LF or CRLF line ends), so that a large result page need not be held parsed.
 */
export function* csvRows(text: string): Generator<string[]> {
  const n = text.length;
  let i = 0;
  while (i < n) {
    const row: string[] = [];
    for (;;) {
      let value = '';
      if (text[i] === '"') {
        i++;
        for (;;) {
          const quote = text.indexOf('"', i);
          if (quote === -1) throw new Error('a quoted field is never closed');
          value += text.slice(i, quote);
          if (text[quote + 1] === '"') {
            value += '"';
            i = quote + 2;
          } else {
            i = quote + 1;
            break;
          }
        }
      } else {
        let end = i;
        while (end < n && text[end] !== ',' && text[end] !== '\n' && text[end] !== '\r') end++;
        value = text.slice(i, end);
        i = end;
      }
      row.push(value);
      if (text[i] === ',') {
        i++;
        continue;
      }
      if (i < n && text[i] !== '\r' && text[i] !== '\n')
        throw new Error(`text after a closing quote at character ${i}`);
      if (text[i] === '\r') i++;
      if (text[i] === '\n') i++;
      break;
    }
    yield row;
  }
}

/**
 * A result page asked for as text or CSV is not parsed as JSON by jsforce, which then reports a
 * platform error only as ERROR_HTTP_<status> with the body as its message. The body is Salesforce's
 * [{errorCode, message}]: its code (INVALID_SESSION_ID, REQUEST_LIMIT_EXCEEDED…) is read back, so that
 * re-authentication and back-off work as for every other call.
 */
export function platformError(err: unknown): unknown {
  const e = err as { errorCode?: unknown; message?: unknown } | null;
  if (!e || typeof e.errorCode !== 'string' || !/^ERROR_HTTP_\d+$/.test(e.errorCode)) return err;
  if (typeof e.message !== 'string') return err;
  try {
    const body = JSON.parse(e.message) as unknown;
    const first = (Array.isArray(body) ? body[0] : body) as
      { errorCode?: unknown; message?: unknown } | undefined;
    if (first && typeof first.errorCode === 'string') {
      const message = typeof first.message === 'string' ? first.message : first.errorCode;
      return Object.assign(new Error(message), { name: first.errorCode, errorCode: first.errorCode });
    }
  } catch {
    // not JSON: keep jsforce's error
  }
  return err;
}

export class BulkApi {
  readonly #gw: SalesforceGateway;
  readonly #conn: ConnectionLike;
  readonly #settings: BulkSettings;
  readonly #log: pino.Logger;
  readonly #timeoutMs: number;
  readonly #signal?: AbortSignal;
  readonly #sleep: (ms: number) => Promise<void>;
  #api: BulkV2Like | null = null;

  constructor(opts: {
    gateway: SalesforceGateway;
    connection: ConnectionLike;
    settings: BulkSettings;
    logger: pino.Logger;
    timeoutMs: number;
    signal?: AbortSignal;
    sleep: (ms: number) => Promise<void>;
  }) {
    this.#gw = opts.gateway;
    this.#conn = opts.connection;
    this.#settings = opts.settings;
    this.#log = opts.logger.child({ component: 'bulk2' });
    this.#timeoutMs = opts.timeoutMs;
    this.#signal = opts.signal;
    this.#sleep = opts.sleep;
  }

  /**
   * jsforce's bulk2 module for this connection, on a view of the connection whose transport turns off
   * jsforce's own retries and applies the worker's timeout. The view reads everything else (session,
   * instance URL, refresh) from the live connection.
   */
  #bulk(): BulkV2Like {
    if (this.#api) return this.#api;
    const conn = (this.#conn.jsforceConnection ?? this.#conn) as {
      bulk2?: object;
      _transport?: TransportLike;
    };
    let module: { constructor?: new (c: unknown) => BulkV2Like } | undefined;
    try {
      module = conn.bulk2 as typeof module;
    } catch {
      module = undefined;
    }
    const transport = conn._transport;
    if (!module?.constructor || !transport) {
      throw new SalesforceCallError(
        'bulk',
        'BULK_API_UNAVAILABLE',
        'This Salesforce connection has no Bulk API 2.0 support',
        false
      );
    }
    const timeout = this.#timeoutMs;
    const view = Object.create(conn, {
      _transport: {
        value: {
          httpRequest: (request: unknown, options: Record<string, unknown> = {}) =>
            transport.httpRequest(request, { ...options, retry: { maxRetries: 0 }, timeout })
        }
      }
    }) as unknown;
    this.#api = new module.constructor(view);
    return this.#api;
  }

  #stopped(): boolean {
    return this.#signal?.aborted === true;
  }

  /**
   * Waits for a job to leave Open/UploadComplete/InProgress; returns its final info. `rows` (when
   * known) lets the wait follow the job's reported progress.
   */
  async #waitForJob(
    kind: string,
    check: () => Promise<JobInfo>,
    abort: () => Promise<unknown>,
    rows?: number
  ): Promise<JobInfo> {
    const started = Date.now();
    let interval = this.#settings.pollIntervalMs;
    // the previous check: when, and how many rows the job had processed then
    let before = { at: started, processed: 0 };
    for (;;) {
      const info = await this.#gw.callWith(kind, check);
      const now = Date.now();
      if (info.state === 'JobComplete' || info.state === 'Failed' || info.state === 'Aborted') return info;
      if (this.#stopped()) {
        await this.#gw.callWith(kind, abort, { maxRetries: 0 }).catch(() => undefined);
        throw new BulkStoppedError(`Bulk API job ${info.id} stopped by the stop signal`);
      }
      if (now - started > this.#settings.pollTimeoutMs) {
        await this.#gw.callWith(kind, abort, { maxRetries: 0 }).catch(() => undefined);
        throw new SalesforceCallError(
          kind,
          'BULK_JOB_TIMEOUT',
          `Bulk API job ${info.id} did not finish within ${this.#settings.pollTimeoutMs} ms (state ${info.state}); aborted`,
          true
        );
      }
      const processed = info.numberRecordsProcessed;
      const pace =
        rows !== undefined && processed !== undefined
          ? {
              ms: now - before.at,
              done: processed - before.processed,
              left: rows - processed,
              steady: before.processed > 0
            }
          : null;
      if (processed !== undefined) before = { at: now, processed };
      await this.#sleep(nextPollWait(interval, pace, this.#settings));
      interval = Math.min(this.#settings.maxPollIntervalMs, interval * 2);
    }
  }

  /**
   * Runs a query job and yields its rows a result page (queryPageSize rows) at a time, converted to
   * REST's types, `slices.size` rows at a time: each page is read as text a row at a time into
   * `slices.file` (a 10,000-row page parsed at once holds about six times its text), so a caller that
   * works through a page slowly (submitting each payment) holds a slice, not the page. `onComplete`
   * learns how many rows the job found before the first page is read.
   */
  async *query<R>(
    kind: string,
    soql: string,
    types: Readonly<Record<string, FieldType>>,
    slices: { file: string; size: number },
    onComplete?: (rows: number) => void
  ): AsyncGenerator<R[]> {
    // a job that fails before its results (the platform's, not the query's fault) is run again
    let created: JobInfo | null = null;
    let job: QueryJobLike | null = null;
    let info: JobInfo | null = null;
    for (let attempt = 1; ; attempt++) {
      created = await this.#gw.call<JobInfo>(kind, {
        method: 'POST',
        url: `/services/data/v${this.#conn.version}/jobs/query`,
        headers: { 'content-type': 'application/json; charset=utf-8' },
        body: JSON.stringify({
          operation: 'query',
          query: soql,
          contentType: 'CSV',
          lineEnding: 'LF',
          columnDelimiter: 'COMMA'
        })
      });
      if (!created || typeof created.id !== 'string') {
        throw new SalesforceCallError(
          kind,
          'MALFORMED_JOB_INFO',
          'Salesforce answered a query job with no id',
          false
        );
      }
      const current = this.#bulk().job('query', { id: created.id });
      job = current;
      info = await this.#waitForJob(
        kind,
        () => current.check(),
        () => current.abort()
      );
      if (info.state === 'JobComplete') break;
      if (attempt >= QUERY_ATTEMPTS || this.#stopped()) {
        throw new SalesforceCallError(
          kind,
          'BULK_QUERY_FAILED',
          `Bulk API query job ${info.id} ended ${info.state}${info.errorMessage ? `: ${info.errorMessage}` : ''}`,
          true
        );
      }
      this.#log.warn(
        { jobId: info.id, state: info.state, attempt },
        'Bulk API query job failed; running it again'
      );
    }
    onComplete?.(info.numberRecordsProcessed ?? 0);
    const results = job;
    const jobId = created.id;
    let locator: string | null = null;
    const seen = new Set<string>();
    for (;;) {
      const params = new URLSearchParams({ maxRecords: String(this.#settings.queryPageSize) });
      if (locator) params.set('locator', locator);
      const next = await this.#spoolPage(
        kind,
        results,
        `/${jobId}/results?${params.toString()}`,
        types,
        slices.file
      );
      let slice: R[] = [];
      for (const line of readLines(slices.file)) {
        slice.push(JSON.parse(line) as R);
        if (slice.length === slices.size) {
          yield slice;
          slice = [];
        }
      }
      if (slice.length > 0) yield slice;
      if (next === 'null' || next === '') break;
      if (seen.has(next)) {
        throw new SalesforceCallError(
          kind,
          'MALFORMED_QUERY_RESULT',
          'Bulk API query results repeat a locator',
          false
        );
      }
      seen.add(next);
      locator = next;
    }
  }

  /**
   * Reads one result page as text and writes its rows, converted to REST's types, one JSON line each
   * to `file`; returns the locator of the next page ('null' after the last). The page's text is let go
   * here, before its rows are handed on.
   */
  async #spoolPage<R>(
    kind: string,
    results: QueryJobLike,
    path: string,
    types: Readonly<Record<string, FieldType>>,
    file: string
  ): Promise<string> {
    const raw = await this.#gw.callWith(kind, async () => {
      results.locator = undefined;
      try {
        const body = await results.createQueryRequest({
          method: 'GET',
          path,
          headers: { Accept: 'text/csv' },
          responseType: 'text/plain'
        });
        return { body, locator: results.locator };
      } catch (err) {
        throw platformError(err);
      }
    });
    const next = raw.locator ?? 'null';
    const text = raw.body;
    if (typeof text !== 'string') {
      throw new SalesforceCallError(
        kind,
        'MALFORMED_QUERY_RESULT',
        'Bulk API query results were not CSV',
        false
      );
    }
    const spool = new LineSpool(file);
    try {
      let header: string[] | null = null;
      for (const cells of csvRows(text)) {
        if (!header) {
          header = cells;
          if (!header.includes('Id')) throw new Error('no Id column');
          continue;
        }
        if (cells.length === 1 && cells[0] === '') continue;
        if (cells.length !== header.length)
          throw new Error(`a row of ${cells.length} fields under ${header.length} columns`);
        const row: Record<string, string> = {};
        for (let i = 0; i < header.length; i++) row[header[i]] = cells[i];
        spool.appendJson(typedRow<R>(row, types));
      }
    } catch (err) {
      spool.close();
      throw new SalesforceCallError(
        kind,
        'MALFORMED_QUERY_RESULT',
        `Bulk API query results were not CSV: ${(err as Error).message}`,
        false
      );
    }
    spool.close();
    return next;
  }

  /**
   * One ingest job: `update` of `object` from the CSV file `csvFile` (header included, `rows` data
   * rows, Id in the first column). Returns the per-record outcome, or throws when the job could not
   * be run or its outcome is not known.
   */
  async ingest(kind: string, object: string, csvFile: string, rows: number): Promise<IngestOutcome> {
    const job = this.#bulk().createJob({
      object,
      operation: 'update',
      contentType: 'CSV',
      lineEnding: 'LF',
      columnDelimiter: 'COMMA'
    });
    const opened = await this.#gw.callWith(kind, () => job.open());
    const id = opened?.id ?? job.id;
    if (typeof id !== 'string') {
      throw new SalesforceCallError(
        kind,
        'MALFORMED_JOB_INFO',
        'Salesforce answered an ingest job with no id',
        false
      );
    }
    try {
      // one upload per job: a failed upload is not repeated on this job (the caller starts a new one)
      await this.#gw.callWith(kind, () => job.uploadData(uploadStream(csvFile)), { maxRetries: 0 });
      await this.#gw.callWith(kind, async () => {
        try {
          await job.close();
        } catch (err) {
          // the close may have arrived although its answer did not
          const info = await job.check().catch(() => null);
          if (info && info.state !== 'Open') return;
          throw err;
        }
      });
    } catch (err) {
      await this.#gw.callWith(kind, () => job.abort(), { maxRetries: 0 }).catch(() => undefined);
      throw err;
    }
    const info = await this.#waitForJob(
      kind,
      () => job.check(),
      () => job.abort(),
      rows
    );
    // (asked for as CSV, an error body is not read by jsforce: platformError reads its code)
    const failedRows = await this.#gw.callWith(kind, () =>
      job.getFailedResults().catch((err: unknown) => Promise.reject(platformError(err)))
    );
    const unprocessedRows = await this.#gw.callWith(kind, () =>
      job.getUnprocessedRecords().catch((err: unknown) => Promise.reject(platformError(err)))
    );
    const failed = new Map<string, SaveResult['errors']>();
    for (const row of Array.isArray(failedRows) ? failedRows : []) {
      const recordId = row.Id || row.sf__Id;
      if (recordId) failed.set(recordId, [parseBulkError(row.sf__Error ?? '')]);
    }
    const unprocessed = new Set<string>();
    for (const row of Array.isArray(unprocessedRows) ? unprocessedRows : [])
      if (row.Id) unprocessed.add(row.Id);
    const processed = info.numberRecordsProcessed ?? 0;
    const refused = info.numberRecordsFailed ?? 0;
    if (processed + unprocessed.size !== rows || refused !== failed.size) {
      throw new SalesforceCallError(
        kind,
        'BULK_RESULTS_INCOMPLETE',
        `Bulk API ingest job ${id} (${info.state}) accounts for ${processed} processed (${refused} failed) and ${unprocessed.size} unprocessed of ${rows} records, and lists ${failed.size} failed; its outcome is unknown`,
        true
      );
    }
    if (info.state !== 'JobComplete') {
      this.#log.warn(
        { jobId: id, state: info.state, error: info.errorMessage },
        'Bulk API ingest job did not complete'
      );
    }
    return { failed, unprocessed, jobId: id };
  }
}
