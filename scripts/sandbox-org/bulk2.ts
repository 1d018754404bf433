/**
 * Bulk API 2.0 in the sandbox org: ingest jobs (create, upload one CSV, close or abort, job info,
 * successful / failed / unprocessed results, delete) and query jobs (create, job info, CSV results
 * paged with a locator, abort, delete), under /services/data/vXX.X/jobs.
 *
 * Records go through the same write path as the REST API (OrgStore: field-level security,
 * validation rules, the delete guard), 200 rows to a transaction with per-row results. Jobs run in
 * the background after they are closed: UploadComplete, then InProgress while rows are processed in
 * steps (other requests are answered in between), then JobComplete (or Failed / Aborted).
 */
import { z } from 'zod';
import { SfError, type SaveError } from './errors';
import {
  COLUMN_DELIMITERS,
  CsvError,
  LINE_ENDINGS,
  csvRecord,
  parseCsv,
  type ColumnDelimiter,
  type LineEnding
} from './csv';
import type { FaultInjector } from './faults';
import type { IdFactory } from './ids';
import type { FieldDef, ObjectDef, Schema } from './metadata';
import type { CompiledQuery, QueryCompiler } from './soql';
import { formatDateTime, parseDateTime, type OrgStore, type Rec, type RunAs, type SaveResult } from './store';

/** Maximum size of one upload (the platform's limit for a job's data). */
export const MAX_UPLOAD_BYTES = 150 * 1024 * 1024;
/** Records per internal batch: each one counts against DailyBulkApiBatches. */
const RECORDS_PER_BATCH = 10_000;
/** Records saved in one transaction, as the platform chunks a batch. */
const CHUNK = 200;
/** Rows processed before the job lets other requests through. */
const ROWS_PER_STEP = 2_000;
/** Query result rows written to the response at a time. */
const ROWS_PER_WRITE = 1_000;
const MAX_FIELD_CHARS = 32_000;
const INGEST_MIN_VERSION = 41;
const QUERY_MIN_VERSION = 47;
const DAILY_QUERY_JOBS = 10_000;
const DAILY_QUERY_STORAGE_MB = 976_562;
const DAILY_BATCHES = 15_000;
const DAILY_RECORDS = 150_000_000;
const NULL_VALUE = '#N/A';

type JobState = 'Open' | 'UploadComplete' | 'InProgress' | 'JobComplete' | 'Failed' | 'Aborted';
const INGEST_OPERATIONS = ['insert', 'update', 'upsert', 'delete', 'hardDelete'] as const;
type IngestOperation = (typeof INGEST_OPERATIONS)[number];

export interface BulkOptions {
  /** Shortest time a closed job spends before JobComplete, so polling clients see it in progress. */
  minProcessingMs?: number;
  /** Rows per query results page when the request gives no maxRecords. */
  defaultPageRecords?: number;
  /** Largest upload accepted (default 150 MB). */
  maxUploadBytes?: number;
}

/** An answer of the Bulk API: JSON, no body, or CSV written in chunks. */
export interface BulkReply {
  status: number;
  body?: unknown;
  csv?: Iterable<string>;
  headers?: Record<string, string>;
}

interface JobBase {
  id: string;
  object: string;
  createdById: string;
  createdDate: number;
  systemModstamp: number;
  state: JobState;
  apiVersion: string;
  columnDelimiter: ColumnDelimiter;
  lineEnding: LineEnding;
  errorMessage: string | null;
  /** When the job was closed (ingest) or created (query): processing starts then. */
  queuedAt: number;
  /** Share of the job after which an injected fault fails it (null: it does not fail). */
  failAt: number | null;
  /** The job's creator: its records are saved as this user. */
  runAs: RunAs;
  /** All its work is done (it may still wait out the shortest processing time). */
  processed: boolean;
}

interface IngestJob extends JobBase {
  kind: 'ingest';
  operation: IngestOperation;
  def: ObjectDef;
  externalId: FieldDef | null;
  /** The upload as received, until it is parsed when processing starts. */
  raw: string | null;
  header: string[];
  rows: string[][];
  /** Rows [0, cursor) have been processed. */
  cursor: number;
  ids: Array<string | null>;
  created: Uint8Array;
  errors: Array<string | null>;
  failed: number;
  /** Column index → field, resolved when processing starts. */
  fields: FieldDef[];
}

interface QueryJob extends JobBase {
  kind: 'query';
  operation: 'query' | 'queryAll';
  query: CompiledQuery;
  soql: string;
  rows: Rec[] | null;
  /** Result bytes already counted against DailyBulkV2QueryFileStorageMB, by page start. */
  countedPages: Set<number>;
}

type Job = IngestJob | QueryJob;

export interface BulkUsage {
  queryJobs: number;
  queryStorageBytes: number;
  batches: number;
  recordsIngested: number;
}

const ingestBody = z
  .object({
    object: z.string({ error: 'is required' }).min(1, 'is required'),
    operation: z.enum(INGEST_OPERATIONS, {
      error: `must be one of ${INGEST_OPERATIONS.join(', ')}`
    }),
    externalIdFieldName: z.string().optional(),
    contentType: z.string().optional(),
    columnDelimiter: z.string().optional(),
    lineEnding: z.string().optional(),
    assignmentRuleId: z.string().optional()
  })
  .loose();

const queryBody = z
  .object({
    query: z.string({ error: 'is required' }).min(1, 'is required'),
    operation: z.enum(['query', 'queryAll'], { error: 'must be query or queryAll' }).default('query'),
    contentType: z.string().optional(),
    columnDelimiter: z.string().optional(),
    lineEnding: z.string().optional()
  })
  .loose();

const stateBody = z.object({ state: z.string() }).loose();

/** An error of the Bulk API 2.0 resources: `[{ errorCode, message }]`, without the REST API's `fields`. */
class BulkError extends SfError {
  override toBody(): Array<{ message: string; errorCode: string }> {
    return [{ errorCode: this.errorCode, message: this.message }];
  }
}

function jobError(code: string, message: string, status = 400): SfError {
  return new BulkError(code, message, status);
}

const notFound = (): SfError => jobError('NOT_FOUND', 'The requested resource does not exist', 404);

/** The error column of a failed row: `CODE:message:fields --`, one per error. */
export function formatRowError(errors: SaveError[]): string {
  return errors.map((e) => `${e.statusCode}:${e.message}:${e.fields.join(',')} --`).join(' ');
}

function b64(n: number): string {
  return Buffer.from(String(n)).toString('base64').replace(/=+$/, '');
}

function unb64(s: string): number | null {
  if (!/^[A-Za-z0-9+/]+$/.test(s)) return null;
  const text = Buffer.from(s, 'base64').toString('utf8');
  return /^\d+$/.test(text) ? Number(text) : null;
}

export class BulkApi {
  private readonly jobs = new Map<string, Job>();
  /** Jobs waiting for or in processing, oldest first. */
  private readonly queue: Job[] = [];
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;
  readonly usage: BulkUsage = { queryJobs: 0, queryStorageBytes: 0, batches: 0, recordsIngested: 0 };
  readonly minProcessingMs: number;
  readonly defaultPageRecords: number;
  readonly maxUploadBytes: number;

  constructor(
    private readonly o: {
      schema: Schema;
      store: OrgStore;
      compiler: QueryCompiler;
      faults: FaultInjector;
      ids: () => IdFactory;
      clock: () => number;
    },
    opts: BulkOptions = {}
  ) {
    this.minProcessingMs = opts.minProcessingMs ?? 20;
    this.defaultPageRecords = opts.defaultPageRecords ?? 1_000_000;
    this.maxUploadBytes = opts.maxUploadBytes ?? MAX_UPLOAD_BYTES;
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  /** Figures for /limits. */
  limits(): Record<string, { Max: number; Remaining: number }> {
    const mb = Math.ceil(this.usage.queryStorageBytes / (1024 * 1024));
    return {
      DailyBulkApiBatches: { Max: DAILY_BATCHES, Remaining: Math.max(0, DAILY_BATCHES - this.usage.batches) },
      DailyBulkV2QueryFileStorageMB: {
        Max: DAILY_QUERY_STORAGE_MB,
        Remaining: Math.max(0, DAILY_QUERY_STORAGE_MB - mb)
      },
      DailyBulkV2QueryJobs: {
        Max: DAILY_QUERY_JOBS,
        Remaining: Math.max(0, DAILY_QUERY_JOBS - this.usage.queryJobs)
      }
    };
  }

  /** Routes /jobs/... (segments after "jobs"). */
  route(
    method: string,
    seg: string[],
    url: URL,
    body: string,
    contentType: string,
    version: string,
    runAs: RunAs
  ): BulkReply {
    const [kind, id, sub] = seg;
    const major = Number(version.split('.')[0]);
    if (kind !== 'ingest' && kind !== 'query') throw notFound();
    if (major < (kind === 'ingest' ? INGEST_MIN_VERSION : QUERY_MIN_VERSION)) throw notFound();
    if (seg.length === 1) {
      if (method === 'POST') {
        if (contentType.toLowerCase().startsWith('multipart/'))
          throw jobError(
            'API_ERROR',
            'Creating a job with its data in one multipart request is not supported by the sandbox org: create the job, then upload its CSV with PUT .../batches'
          );
        const job =
          kind === 'ingest'
            ? this.createIngest(this.json(body), version, runAs)
            : this.createQuery(this.json(body), version, runAs);
        return { status: 200, body: this.info(job, true) };
      }
      if (method === 'GET') return { status: 200, body: this.list(kind, url) };
      throw this.notAllowed(method, 'GET,POST');
    }
    const job = this.jobs.get(id);
    if (!job || job.kind !== kind) throw notFound();
    if (seg.length === 2) {
      if (method === 'GET') return { status: 200, body: this.info(job, false) };
      if (method === 'PATCH') return { status: 200, body: this.info(this.patch(job, body), true) };
      if (method === 'DELETE') return this.remove(job);
      throw this.notAllowed(method, 'GET,PATCH,DELETE');
    }
    if (seg.length !== 3) throw notFound();
    if (job.kind === 'ingest') {
      if (sub === 'batches') {
        if (method !== 'PUT') throw this.notAllowed(method, 'PUT');
        return this.upload(job, body, contentType);
      }
      if (method !== 'GET') throw this.notAllowed(method, 'GET');
      if (sub === 'successfulResults') return this.ingestResults(job, 'successful');
      if (sub === 'failedResults') return this.ingestResults(job, 'failed');
      if (sub === 'unprocessedrecords') return this.unprocessed(job);
      throw notFound();
    }
    if (sub === 'results') {
      if (method !== 'GET') throw this.notAllowed(method, 'GET');
      return this.queryResults(job, url, version);
    }
    if (sub === 'resultPages')
      throw jobError(
        'API_ERROR',
        'Parallel results (resultPages) are not supported by the sandbox org: read results with .../results and the Sforce-Locator header'
      );
    throw notFound();
  }

  /** Request size limit for uploads (checked while the body is read). */
  uploadTooLarge(): SfError {
    return jobError(
      'INVALIDBATCH',
      `The job data exceeds the maximum upload size of ${Math.round(this.maxUploadBytes / (1024 * 1024))} MB. Split the data over several jobs.`,
      413
    );
  }

  // ---------- requests ----------

  private json(body: string): unknown {
    if (body.trim() === '')
      throw jobError('JSON_PARSER_ERROR', 'The request body is empty: a JSON job definition is required');
    try {
      return JSON.parse(body);
    } catch (err) {
      throw jobError('JSON_PARSER_ERROR', `The request body is not valid JSON: ${(err as Error).message}`);
    }
  }

  private notAllowed(method: string, allowed: string): SfError {
    return jobError('METHOD_NOT_ALLOWED', `HTTP Method '${method}' not allowed. Allowed are ${allowed}`, 405);
  }

  private format(v: { contentType?: string; columnDelimiter?: string; lineEnding?: string }): {
    columnDelimiter: ColumnDelimiter;
    lineEnding: LineEnding;
  } {
    if (v.contentType !== undefined && v.contentType !== 'CSV')
      throw jobError(
        'INVALIDJOB',
        `contentType ${v.contentType} is not supported: the only valid value is CSV`
      );
    const columnDelimiter = (v.columnDelimiter ?? 'COMMA') as ColumnDelimiter;
    if (!(columnDelimiter in COLUMN_DELIMITERS))
      throw jobError(
        'INVALIDJOB',
        `columnDelimiter ${String(v.columnDelimiter)} is not valid: use one of ${Object.keys(COLUMN_DELIMITERS).join(', ')}`
      );
    const lineEnding = (v.lineEnding ?? 'LF') as LineEnding;
    if (!(lineEnding in LINE_ENDINGS))
      throw jobError('INVALIDJOB', `lineEnding ${String(v.lineEnding)} is not valid: use LF or CRLF`);
    return { columnDelimiter, lineEnding };
  }

  private newJobBase(
    object: string,
    version: string,
    runAs: RunAs,
    fmt: ReturnType<BulkApi['format']>
  ): JobBase {
    const now = this.o.clock();
    return {
      id: this.o.ids().next('750'),
      object,
      createdById: runAs.userId,
      createdDate: now,
      systemModstamp: now,
      state: 'Open',
      apiVersion: version,
      ...fmt,
      errorMessage: null,
      queuedAt: 0,
      failAt: null,
      runAs,
      processed: false
    };
  }

  private createIngest(raw: unknown, version: string, runAs: RunAs): Job {
    const r = ingestBody.safeParse(raw);
    if (!r.success) {
      const issue = r.error.issues[0];
      throw jobError('INVALIDJOB', `${issue.path.join('.') || 'body'}: ${issue.message}`);
    }
    const v = r.data;
    const def = this.o.schema.byLower.get(v.object.toLowerCase());
    if (!def)
      throw jobError(
        'INVALIDJOB',
        `sObject type '${v.object}' is not supported by the sandbox org (no such object)`
      );
    if (v.assignmentRuleId !== undefined)
      throw jobError(
        'API_ERROR',
        'assignmentRuleId is not supported by the sandbox org: assignment rules do not run there'
      );
    if (v.operation === 'hardDelete')
      throw jobError(
        'FEATURENOTENABLED',
        'hardDelete is not supported by the sandbox org: no user holds the Bulk API Hard Delete permission; use delete'
      );
    let externalId: FieldDef | null = null;
    if (v.operation === 'upsert') {
      if (!v.externalIdFieldName)
        throw jobError('INVALIDJOB', 'externalIdFieldName is required for an upsert job');
      const f = def.byLower.get(v.externalIdFieldName.toLowerCase());
      if (!f || !(f.externalId || f.name === 'Id'))
        throw jobError(
          'INVALIDJOB',
          `Field name provided, ${v.externalIdFieldName} is not an External ID or indexed field for ${def.name}`
        );
      externalId = f;
    } else if (v.externalIdFieldName !== undefined) {
      throw jobError('INVALIDJOB', `externalIdFieldName is only valid for an upsert job, not ${v.operation}`);
    }
    const job: IngestJob = {
      ...this.newJobBase(def.name, version, runAs, this.format(v)),
      kind: 'ingest',
      operation: v.operation,
      def,
      externalId,
      raw: null,
      header: [],
      rows: [],
      cursor: 0,
      ids: [],
      created: new Uint8Array(0),
      errors: [],
      failed: 0,
      fields: []
    };
    this.jobs.set(job.id, job);
    return job;
  }

  private createQuery(raw: unknown, version: string, runAs: RunAs): Job {
    const r = queryBody.safeParse(raw);
    if (!r.success) {
      const issue = r.error.issues[0];
      throw jobError('INVALIDJOB', `${issue.path.join('.') || 'body'}: ${issue.message}`);
    }
    const v = r.data;
    const fmt = this.format(v);
    let query: CompiledQuery;
    try {
      query = this.o.compiler.compile(v.query);
    } catch (err) {
      if (err instanceof SfError) throw jobError('INVALIDJOB', `${err.errorCode}: ${err.message}`);
      throw err;
    }
    if (query.count)
      throw jobError(
        'API_ERROR',
        'Aggregate functions such as COUNT() are not supported by Bulk API 2.0 query'
      );
    if (query.offset > 0) throw jobError('API_ERROR', 'OFFSET is not supported by Bulk API 2.0 query');
    if (this.usage.queryJobs >= DAILY_QUERY_JOBS)
      throw jobError(
        'EXCEEDEDQUOTA',
        `The maximum number of query jobs per 24 hours (${DAILY_QUERY_JOBS}) has been reached (DailyBulkV2QueryJobs)`
      );
    this.usage.queryJobs++;
    const job: QueryJob = {
      ...this.newJobBase(query.def.name, version, runAs, fmt),
      kind: 'query',
      operation: v.operation,
      query,
      soql: v.query,
      rows: null,
      countedPages: new Set()
    };
    job.state = 'UploadComplete';
    this.jobs.set(job.id, job);
    this.enqueue(job);
    return job;
  }

  private info(job: Job, brief: boolean): Record<string, unknown> {
    const out: Record<string, unknown> = {
      id: job.id,
      operation: job.operation,
      object: job.object,
      createdById: job.createdById,
      createdDate: formatDateTime(job.createdDate),
      systemModstamp: formatDateTime(job.systemModstamp),
      state: job.state
    };
    if (job.kind === 'ingest' && job.externalId) out.externalIdFieldName = job.externalId.name;
    out.concurrencyMode = 'Parallel';
    out.contentType = 'CSV';
    out.apiVersion = Number(job.apiVersion);
    out.jobType = job.kind === 'ingest' ? 'V2Ingest' : 'V2Query';
    if (job.kind === 'ingest' && job.state === 'Open')
      out.contentUrl = `services/data/v${job.apiVersion}/jobs/ingest/${job.id}/batches`;
    out.lineEnding = job.lineEnding;
    out.columnDelimiter = job.columnDelimiter;
    if (brief) return out;
    if (job.kind === 'ingest') {
      out.numberRecordsProcessed = job.cursor;
      out.numberRecordsFailed = job.failed;
    } else {
      out.numberRecordsProcessed = job.state === 'JobComplete' ? (job.rows?.length ?? 0) : 0;
    }
    out.retries = 0;
    const elapsed = job.queuedAt > 0 ? Math.max(0, job.systemModstamp - job.queuedAt) : 0;
    out.totalProcessingTime = elapsed;
    if (job.kind === 'ingest') {
      out.apiActiveProcessingTime = elapsed;
      out.apexProcessingTime = 0;
    } else {
      out.isPkChunkingSupported = true;
    }
    if (job.errorMessage !== null) out.errorMessage = job.errorMessage;
    return out;
  }

  private list(kind: 'ingest' | 'query', url: URL): Record<string, unknown> {
    const jobType = url.searchParams.get('jobType');
    const concurrencyMode = url.searchParams.get('concurrencyMode');
    const records = [...this.jobs.values()]
      .filter((j) => j.kind === kind)
      .filter((j) => !jobType || jobType === (j.kind === 'ingest' ? 'V2Ingest' : 'V2Query'))
      .filter(() => !concurrencyMode || concurrencyMode === 'Parallel')
      .map((j) => {
        const i = this.info(j, true);
        return Object.fromEntries(
          [
            'id',
            'operation',
            'object',
            'createdById',
            'createdDate',
            'systemModstamp',
            'state',
            'externalIdFieldName',
            'concurrencyMode',
            'contentType',
            'apiVersion',
            'jobType',
            'contentUrl',
            'lineEnding',
            'columnDelimiter'
          ]
            .filter((k) => k in i)
            .map((k) => [k, i[k]])
        );
      });
    return { done: true, records, nextRecordsUrl: null };
  }

  private touch(job: Job, state?: JobState): void {
    if (state) job.state = state;
    job.systemModstamp = Math.max(this.o.clock(), job.systemModstamp);
  }

  private patch(job: Job, body: string): Job {
    const r = stateBody.safeParse(this.json(body));
    if (!r.success) throw jobError('INVALIDJOBSTATE', 'state: is required (UploadComplete or Aborted)');
    const target = r.data.state;
    if (target === 'Aborted') {
      if (job.state === 'JobComplete' || job.state === 'Failed' || job.state === 'Aborted')
        throw jobError(
          'INVALIDJOBSTATE',
          `Aborting already ${job.state === 'JobComplete' ? 'Completed' : job.state} Job not allowed`
        );
      this.dequeue(job);
      this.touch(job, 'Aborted');
      return job;
    }
    if (target === 'UploadComplete' && job.kind === 'ingest') {
      if (job.state !== 'Open')
        throw jobError(
          'INVALIDJOBSTATE',
          `Closing a job in state ${job.state} is not allowed: only an Open job can be closed`
        );
      if (job.raw === null) {
        this.touch(job, 'Failed');
        job.errorMessage = 'InvalidBatch : No data was uploaded for this job before it was closed';
        return job;
      }
      this.touch(job, 'UploadComplete');
      this.enqueue(job);
      return job;
    }
    throw jobError(
      'INVALIDJOBSTATE',
      `Invalid state in request: ${target}. A ${job.kind} job can be moved to ${job.kind === 'ingest' ? 'UploadComplete or ' : ''}Aborted`
    );
  }

  private remove(job: Job): BulkReply {
    const deletable: JobState[] =
      job.kind === 'ingest'
        ? ['UploadComplete', 'JobComplete', 'Aborted', 'Failed']
        : ['JobComplete', 'Aborted', 'Failed'];
    if (!deletable.includes(job.state))
      throw jobError(
        'INVALIDJOBSTATE',
        `A job in state ${job.state} cannot be deleted: it must be ${deletable.join(', ')}`
      );
    this.dequeue(job);
    this.jobs.delete(job.id);
    return { status: 204 };
  }

  private upload(job: IngestJob, body: string, contentType: string): BulkReply {
    if (!contentType.toLowerCase().startsWith('text/csv'))
      throw jobError(
        'UNSUPPORTED_MEDIA_TYPE',
        `Content type '${contentType || '(none)'}' is not supported for job data: upload text/csv`,
        415
      );
    if (job.state !== 'Open')
      throw jobError(
        'INVALIDJOBSTATE',
        `Job data can only be uploaded while the job is Open; job ${job.id} is ${job.state}`
      );
    if (body === '')
      throw jobError('INVALIDBATCH', 'The upload is empty: job data needs a header row and its records');
    if (job.raw !== null)
      throw jobError(
        'INVALIDJOB',
        `Found multiple contents for job: <${job.id}>, please 'Close' / 'Abort' / 'Delete' the current Job then create a new Job and make sure you only do 'PUT' once on a given Job.`
      );
    job.raw = body;
    this.touch(job);
    return { status: 201 };
  }

  // ---------- processing ----------

  private enqueue(job: Job): void {
    job.queuedAt = this.o.clock();
    const failAt = this.o.faults.bulkJobFailure();
    job.failAt = failAt;
    this.queue.push(job);
    this.schedule(0);
  }

  private dequeue(job: Job): void {
    const i = this.queue.indexOf(job);
    if (i >= 0) this.queue.splice(i, 1);
  }

  private schedule(ms: number): void {
    if (this.stopped || this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.step();
    }, ms);
    this.timer.unref();
  }

  /**
   * Works on the next job for a while, then lets requests through. Jobs take turns, as the
   * platform runs jobs side by side: a long ingest job does not hold up a query job.
   */
  private step(): void {
    const job = this.queue.shift();
    if (!job) return;
    let again = false;
    try {
      job.processed = job.kind === 'ingest' ? this.stepIngest(job) : this.stepQuery(job);
      if (!job.processed || this.o.clock() < job.queuedAt + this.minProcessingMs) again = true;
      else if (job.state === 'InProgress') this.touch(job, 'JobComplete');
    } catch (err) {
      this.touch(job, 'Failed');
      job.errorMessage = `InternalServerError : ${(err as Error).message}`;
    }
    if (again) this.queue.push(job);
    // Jobs that are only waiting out their shortest processing time need no busy loop.
    if (this.queue.length > 0) this.schedule(this.queue.every((j) => j.processed) ? 5 : 0);
  }

  private fail(job: Job, message: string): true {
    this.touch(job, 'Failed');
    job.errorMessage = message;
    return true;
  }

  /** Parses the upload and resolves its columns; a problem fails the whole job, as on the platform. */
  private start(job: IngestJob): boolean {
    let parsed;
    try {
      parsed = parseCsv(job.raw ?? '', COLUMN_DELIMITERS[job.columnDelimiter], job.lineEnding);
    } catch (err) {
      if (err instanceof CsvError) {
        this.fail(
          job,
          err.message.startsWith('ClientInputError')
            ? err.message
            : `InvalidBatch : ${err.message} (line ${err.line})`
        );
        return false;
      }
      throw err;
    }
    const { header } = parsed;
    const rows =
      header.length > 1 ? parsed.rows : parsed.rows.filter((r) => !(r.length === 1 && r[0] === ''));
    const fields: FieldDef[] = [];
    const seen = new Set<string>();
    for (const name of header) {
      const trimmed = name.trim();
      if (trimmed.includes('.'))
        return !this.fail(
          job,
          `InvalidBatch : Field name not supported : ${trimmed} (relationship columns that match a parent by external id are not supported by the sandbox org; give the parent's Id)`
        );
      const f = job.def.byLower.get(trimmed.toLowerCase());
      if (!f) return !this.fail(job, `InvalidBatch : Field name not found : ${trimmed}`);
      if (seen.has(f.name)) return !this.fail(job, `InvalidBatch : Duplicate field name : ${trimmed}`);
      seen.add(f.name);
      fields.push(f);
    }
    if (job.operation === 'delete' && !seen.has('Id'))
      return !this.fail(job, 'InvalidBatch : Field name not found : Id (a delete job needs the Id column)');
    for (let i = 0; i < rows.length; i++) {
      if (rows[i].length !== header.length)
        return !this.fail(
          job,
          `InvalidBatch : Row ${i + 1} has ${rows[i].length} columns but the header has ${header.length}`
        );
    }
    if (this.usage.recordsIngested + rows.length > DAILY_RECORDS)
      return !this.fail(
        job,
        `ExceededQuota : The maximum number of records uploaded per 24 hours (${DAILY_RECORDS}) would be exceeded`
      );
    job.header = header;
    job.rows = rows;
    job.fields = fields;
    job.raw = null;
    job.ids = new Array<string | null>(rows.length).fill(null);
    job.created = new Uint8Array(rows.length);
    job.errors = new Array<string | null>(rows.length).fill(null);
    this.usage.recordsIngested += rows.length;
    this.usage.batches += Math.ceil(rows.length / RECORDS_PER_BATCH);
    return true;
  }

  private stepIngest(job: IngestJob): boolean {
    if (job.state === 'UploadComplete') {
      this.touch(job, 'InProgress');
      if (!this.start(job)) return true;
    }
    if (job.state !== 'InProgress') return true;
    // An injected failure stops the job at a transaction boundary; later rows stay unprocessed.
    const failRow =
      job.failAt === null ? Infinity : Math.floor((job.failAt * job.rows.length) / CHUNK) * CHUNK;
    const end = Math.min(job.rows.length, job.cursor + ROWS_PER_STEP, failRow);
    while (job.cursor < end) {
      const to = Math.min(end, job.cursor + CHUNK);
      this.saveChunk(job, job.cursor, to);
      job.cursor = to;
    }
    this.touch(job);
    if (job.cursor >= failRow)
      return this.fail(
        job,
        'InternalServerError : Failed to process the job: an internal batch was retried more than 10 times (fault injected by the sandbox org)'
      );
    return job.cursor >= job.rows.length;
  }

  /** A row's values as a record body: empty leaves a field alone, #N/A sets it to null. */
  private rowBody(job: IngestJob, row: string[]): { body: Rec; id: string; ext: string } | { error: string } {
    const body: Rec = {};
    let id = '';
    let ext = '';
    for (let c = 0; c < row.length; c++) {
      const f = job.fields[c];
      const raw = row[c];
      if (f.name === 'Id') {
        id = raw.trim();
        if (job.externalId?.name === 'Id') ext = id;
        continue;
      }
      if (raw === '') continue;
      if (job.externalId && f.name === job.externalId.name) {
        ext = raw;
        continue;
      }
      if (raw.length > MAX_FIELD_CHARS)
        return {
          error: formatRowError([
            {
              statusCode: 'STRING_TOO_LONG',
              message: `${f.label}: data value too large (max ${MAX_FIELD_CHARS} characters in a Bulk API field)`,
              fields: [f.name]
            }
          ])
        };
      if (raw === NULL_VALUE) {
        body[f.name] = null;
        continue;
      }
      const v = this.value(f, raw, c);
      if (typeof v === 'object' && v !== null && 'error' in v) return v as { error: string };
      body[f.name] = v;
    }
    return { body, id, ext };
  }

  private value(f: FieldDef, raw: string, col: number): unknown {
    const bad = (xsd: string) => ({
      error: formatRowError([
        {
          statusCode: 'INVALID_FIELD',
          message: `Failed to deserialize field at col ${col + 1}. Due to, '${raw}' is not a valid value for the type xsd:${xsd}`,
          fields: []
        }
      ])
    });
    switch (f.type) {
      case 'boolean': {
        const s = raw.trim().toLowerCase();
        if (s === 'true' || s === '1' || s === 'yes') return true;
        if (s === 'false' || s === '0' || s === 'no') return false;
        return bad('boolean');
      }
      case 'double':
      case 'int':
      case 'currency':
      case 'percent': {
        const n = raw.trim() === '' ? Number.NaN : Number(raw.trim());
        return Number.isFinite(n) ? n : bad(f.type === 'int' ? 'int' : 'double');
      }
      case 'date':
        return /^\d{4}-\d{2}-\d{2}$/.test(raw.trim()) && !Number.isNaN(Date.parse(raw.trim()))
          ? raw.trim()
          : bad('date');
      case 'datetime':
        return parseDateTime(raw.trim()) === null ? bad('dateTime') : raw.trim();
      default:
        return raw;
    }
  }

  private saveChunk(job: IngestJob, from: number, to: number): void {
    const items: Array<{ index: number; body: Rec; id: string; ext: string }> = [];
    for (let i = from; i < to; i++) {
      const r = this.rowBody(job, job.rows[i]);
      const error =
        'error' in r
          ? r.error
          : job.operation === 'insert' && r.id !== ''
            ? formatRowError([
                {
                  statusCode: 'INVALID_FIELD_FOR_INSERT_UPDATE',
                  message: 'cannot specify Id in an insert call',
                  fields: ['Id']
                }
              ])
            : null;
      if (error !== null) {
        job.errors[i] = error;
        job.failed++;
      } else if (!('error' in r)) items.push({ index: i, ...r });
    }
    if (items.length === 0) return;
    const runAs = job.runAs;
    const opts = { allOrNone: false, recordFault: () => this.o.faults.recordFault() };
    const { store } = this.o;
    let results: SaveResult[];
    switch (job.operation) {
      case 'insert':
        results = store.insert(
          job.def,
          items.map((it) => it.body),
          runAs,
          opts
        );
        break;
      case 'update':
        results = store.update(
          items.map((it) => ({
            def: job.def,
            body: it.body,
            id: it.id === '' ? null : it.id,
            typeName: job.def.name
          })),
          runAs,
          opts
        );
        break;
      case 'upsert':
        results = store.upsert(
          job.def,
          job.externalId!,
          items.map((it) => ({ body: it.body, value: it.ext === '' ? null : it.ext })),
          runAs,
          opts
        );
        break;
      default:
        results = store.delete(
          items.map((it) => it.id),
          runAs,
          opts
        );
    }
    for (let k = 0; k < items.length; k++) {
      const i = items[k].index;
      const res = results[k];
      if (res.success) {
        job.ids[i] = res.id ?? null;
        job.created[i] = job.operation === 'insert' || res.created ? 1 : 0;
      } else {
        const id = items[k].id;
        job.ids[i] = job.operation === 'insert' ? null : (res.id ?? (id === '' ? null : id));
        job.errors[i] = formatRowError(
          res.errors.length > 0
            ? res.errors
            : [{ statusCode: 'UNKNOWN_EXCEPTION', message: 'the record was not saved', fields: [] }]
        );
        job.failed++;
      }
    }
  }

  private stepQuery(job: QueryJob): boolean {
    if (job.state === 'UploadComplete') {
      this.touch(job, 'InProgress');
      if (job.failAt !== null)
        return this.fail(
          job,
          'InternalServerError : Failed to process query: the query was retried more than 15 times (fault injected by the sandbox org)'
        );
      job.rows = this.o.compiler.run(job.query, job.operation === 'queryAll');
      return true;
    }
    return true;
  }

  // ---------- results ----------

  private ingestResults(job: IngestJob, which: 'successful' | 'failed'): BulkReply {
    if (job.state === 'Open' || job.state === 'UploadComplete' || job.state === 'InProgress')
      throw jobError(
        'INVALIDJOBSTATE',
        `Results are available once the job has finished processing; job ${job.id} is ${job.state}`
      );
    const d = COLUMN_DELIMITERS[job.columnDelimiter];
    const eol = LINE_ENDINGS[job.lineEnding];
    const head = which === 'successful' ? ['sf__Id', 'sf__Created'] : ['sf__Id', 'sf__Error'];
    const self = job;
    function* chunks(): Generator<string> {
      let out = csvRecord([...head, ...self.header], d, eol, true);
      for (let i = 0; i < self.cursor; i++) {
        const err = self.errors[i];
        if (which === 'successful' ? err !== null : err === null) continue;
        const lead =
          which === 'successful'
            ? [self.ids[i] ?? '', self.created[i] ? 'true' : 'false']
            : [self.ids[i] ?? '', err!];
        out += csvRecord([...lead, ...self.rows[i]], d, eol);
        if (out.length > 64 * 1024) {
          yield out;
          out = '';
        }
      }
      if (out) yield out;
    }
    return { status: 200, csv: chunks() };
  }

  private unprocessed(job: IngestJob): BulkReply {
    if (job.raw !== null) {
      // Never parsed (still open, aborted before processing, or unreadable): the upload as received.
      return { status: 200, csv: [job.raw] };
    }
    const d = COLUMN_DELIMITERS[job.columnDelimiter];
    const eol = LINE_ENDINGS[job.lineEnding];
    const self = job;
    const done = job.state === 'JobComplete';
    function* chunks(): Generator<string> {
      let out = self.header.length > 0 ? csvRecord(self.header, d, eol) : '';
      if (!done) {
        for (let i = self.cursor; i < self.rows.length; i++) {
          out += csvRecord(self.rows[i], d, eol);
          if (out.length > 64 * 1024) {
            yield out;
            out = '';
          }
        }
      }
      if (out) yield out;
    }
    return { status: 200, csv: chunks() };
  }

  private queryResults(job: QueryJob, url: URL, version: string): BulkReply {
    if (job.apiVersion !== version)
      throw jobError(
        'INVALIDJOB',
        `Query job ${job.id} was created with API version ${job.apiVersion}: get its results with the same version`,
        409
      );
    if (job.state !== 'JobComplete' || !job.rows)
      throw jobError(
        'INVALIDJOBSTATE',
        `Results are available once the query job is JobComplete; job ${job.id} is ${job.state}`
      );
    const locator = url.searchParams.get('locator');
    const maxParam = url.searchParams.get('maxRecords');
    let max = this.defaultPageRecords;
    if (maxParam !== null) {
      if (!/^\d+$/.test(maxParam) || Number(maxParam) < 1)
        throw jobError('API_ERROR', `maxRecords must be a positive whole number: ${maxParam}`);
      max = Number(maxParam);
    }
    let offset = 0;
    if (locator !== null && locator !== '') {
      const n = unb64(locator);
      if (n === null || n > job.rows.length || n === 0)
        throw jobError('INVALID_QUERY_LOCATOR', `invalid locator: ${locator}`);
      offset = n;
    }
    const rows = job.rows;
    const end = Math.min(rows.length, offset + max);
    const counted = job.countedPages.has(offset);
    job.countedPages.add(offset);
    return {
      status: 200,
      csv: this.queryPage(job, offset, end, !counted),
      headers: {
        'Sforce-Locator': end < rows.length ? b64(end) : 'null',
        'Sforce-NumberOfRecords': String(end - offset)
      }
    };
  }

  /** One page of results, header first, written a thousand rows at a time. */
  private *queryPage(job: QueryJob, offset: number, end: number, count: boolean): Generator<string> {
    const d = COLUMN_DELIMITERS[job.columnDelimiter];
    const eol = LINE_ENDINGS[job.lineEnding];
    const rows = job.rows!;
    let bytes = 0;
    let out = csvRecord(this.queryHeader(job.query), d, eol, true);
    for (let i = offset; i < end; i++) {
      out += this.queryRow(job.query, rows[i], d, eol);
      if ((i - offset) % ROWS_PER_WRITE === ROWS_PER_WRITE - 1) {
        bytes += Buffer.byteLength(out);
        yield out;
        out = '';
      }
    }
    bytes += Buffer.byteLength(out);
    if (count) this.usage.queryStorageBytes += bytes;
    if (out) yield out;
  }

  private queryHeader(q: CompiledQuery): string[] {
    const out: string[] = [];
    for (const c of q.columns) {
      if (c.kind === 'field') out.push(c.field.name);
      else for (const f of c.parent.fields) out.push(`${c.parent.rel.relationshipName}.${f}`);
    }
    return out;
  }

  private queryRow(q: CompiledQuery, r: Rec, d: string, eol: string): string {
    let out = '';
    let first = true;
    const put = (v: unknown, type: string): void => {
      if (!first) out += d;
      first = false;
      if (v === null || v === undefined) return;
      let s = typeof v === 'string' ? v : String(v);
      if (type === 'datetime') s = s.replace(/\+0000$/, 'Z');
      out += `"${s.replace(/"/g, '""')}"`;
    };
    for (const c of q.columns) {
      if (c.kind === 'field') {
        put(r[c.field.name], c.field.type);
        continue;
      }
      const pid = r[c.parent.rel.name] as string | null;
      const parent = pid ? this.o.store.findById(pid) : undefined;
      const pdef = parent ? this.o.store.objectOfId(pid!) : undefined;
      for (const name of c.parent.fields) {
        const pf = pdef?.byLower.get(name.toLowerCase());
        put(parent && pf ? parent[pf.name] : null, pf?.type ?? 'string');
      }
    }
    return out + eol;
  }
}
