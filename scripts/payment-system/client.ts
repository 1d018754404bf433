/**
 * Client adapter for the payment system (contract: openapi.yaml).
 *
 * Every call has a timeout. Transient failures (5xx, 429, network errors, timeouts) are retried with
 * exponential backoff and jitter, honouring Retry-After; other 4xx answers are final. Submissions are
 * safe to retry because they carry the Idempotency-Key; voids and recoups are safe because the
 * payment system answers a repeat of a move already made with the payment as it is.
 *
 * Every answer is validated. An answer that does not match the contract becomes a
 * MalformedResponseError naming the payment and the field, so the caller can quarantine that one
 * payment and carry on with the rest of its batch.
 *
 * The bearer token is held in a private field and never written to logs or error messages.
 */
import pino from 'pino';
import { z } from 'zod';
import {
  changesPageSchema,
  describeIssue,
  errorBodySchema,
  IDEMPOTENCY_KEY_PATTERN,
  remotePaymentSchema,
  type PaymentSubmission,
  type RemotePayment
} from './contract';
import type { RecoupKind } from './lifecycle';

export type { PaymentSubmission, RemotePayment } from './contract';
export type { RecoupKind, RemoteStatus } from './lifecycle';

export class PaymentSystemError extends Error {
  override readonly name: string = 'PaymentSystemError';
  /** The payment system's error code (see openapi.yaml), or NETWORK_ERROR / TIMEOUT / HTTP_<status>. */
  readonly code: string;
  /** HTTP status, or null when no answer arrived. */
  readonly status: number | null;
  /** True when trying again later may succeed. */
  readonly retryable: boolean;
  /** The payment (id or idempotency key) the call was about, when there was one. */
  readonly paymentRef: string | null;
  /** Milliseconds the payment system asked to wait before trying again (429). */
  readonly retryAfterMs: number | null;

  constructor(
    code: string,
    message: string,
    opts: {
      status?: number | null;
      retryable?: boolean;
      paymentRef?: string | null;
      retryAfterMs?: number | null;
    } = {}
  ) {
    super(message);
    this.code = code;
    this.status = opts.status ?? null;
    this.retryable = opts.retryable ?? false;
    this.paymentRef = opts.paymentRef ?? null;
    this.retryAfterMs = opts.retryAfterMs ?? null;
  }
}

/**
 * The client is set up wrongly (the token is refused, the base URL answers "no such operation" or
 * redirects elsewhere): no payment can be sent until a person fixes the configuration. Callers stop
 * their cycle with this one message instead of marking each payment.
 */
export class PaymentSystemConfigError extends PaymentSystemError {
  override readonly name: string = 'PaymentSystemConfigError';
}

/**
 * The payment system answered, but not in the contract's shape. Not retried: the caller quarantines
 * the payment named here (paymentRef: the payment's id, or the idempotency key when the id itself is
 * unusable; null when the answer as a whole, not one payment, is unusable).
 */
export class MalformedResponseError extends PaymentSystemError {
  override readonly name: string = 'MalformedResponseError';
  readonly field: string;

  constructor(
    operation: string,
    paymentRef: string | null,
    field: string,
    problem: string,
    status: number | null
  ) {
    super(
      'MALFORMED_RESPONSE',
      `Payment system answered ${operation} with a malformed ${paymentRef ? `payment ${paymentRef}` : 'response'}: field "${field}" ${problem}`,
      { status, retryable: false, paymentRef }
    );
    this.field = field;
  }
}

export interface PaymentSystemClientOptions {
  /** https, or http to a loopback address only */
  baseUrl: string;
  /** a bearer token (RFC 6750 characters only: no spaces, no line breaks) */
  token: string;
  /** Answers larger than this are refused unread. Default 8 MiB. */
  maxAnswerBytes?: number;
  /** Aborts calls in flight and waits between retries (a stop signal). */
  signal?: AbortSignal;
  /** Per attempt, including reading the answer. Default 10 s. */
  timeoutMs?: number;
  /** Attempts after the first one for transient failures. Default 4. */
  maxRetries?: number;
  logger?: pino.Logger;
  fetchImpl?: typeof fetch;
  /** First backoff delay; doubles per attempt up to retryMaxDelayMs. Default 200 ms. */
  retryBaseDelayMs?: number;
  retryMaxDelayMs?: number;
  /** A Retry-After longer than this is not waited for: the call fails (retryable) instead. Default 60 s. */
  maxRetryAfterMs?: number;
  /** Injected in tests to observe waits without waiting. */
  sleep?: (ms: number) => Promise<void>;
  /** Source of jitter, 0 <= x < 1. */
  random?: () => number;
}

export interface ChangesPage {
  /** Payments that matched the contract, in the payment system's change order. */
  payments: RemotePayment[];
  /** Payments on this page that did not; the cursor still moves past them, so quarantine and re-read each. */
  malformed: MalformedResponseError[];
  nextCursor: string;
  hasMore: boolean;
}

/** What submitPayment answers: the payment, and whether the answer replays an earlier submission. */
export interface SubmitResult {
  payment: RemotePayment;
  /**
   * True when the payment system answered `Idempotent-Replayed: true` to a submission it had already
   * taken from an earlier request (an earlier run whose answer was lost); false for a new payment.
   * A replay caused only by this call's own retry after an unanswered attempt counts as new.
   */
  replayed: boolean;
}

interface CallSpec {
  operation: string;
  method: 'GET' | 'POST';
  path: string;
  paymentRef: string | null;
  body?: unknown;
  headers?: Record<string, string>;
}

const RETRYABLE_NETWORK_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'EPIPE',
  'ETIMEDOUT',
  'EAI_AGAIN',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT'
]);

/** 127.0.0.0/8, ::1 and localhost: the only hosts plain http may reach. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return host === 'localhost' || host === '::1' || /^127(?:\.\d{1,3}){3}$/.test(host);
}

/** The payment system's base URL: https, or http to a loopback address (the sandbox). */
export const paymentSystemUrlSchema = z
  .url({ protocol: /^https?$/, message: 'must be an http(s) URL' })
  .refine((value) => {
    const url = URL.canParse(value) ? new URL(value) : null;
    return url === null || url.protocol === 'https:' || isLoopbackHost(url.hostname);
  }, 'must use https (plain http only to a loopback address such as 127.0.0.1)')
  .refine((value) => {
    const url = URL.canParse(value) ? new URL(value) : null;
    return (
      url === null || (url.username === '' && url.password === '' && url.search === '' && url.hash === '')
    );
  }, 'must not carry credentials, a query or a fragment');

/** A bearer token as RFC 6750 spells it: a stray space or line break would never authenticate. */
export const paymentSystemTokenSchema = z
  .string()
  .min(1, 'is empty')
  .max(4096, 'is longer than 4,096 characters')
  .regex(
    /^[A-Za-z0-9\-._~+/]+=*$/,
    'contains characters a bearer token cannot hold (a space or line break?)'
  );

const optionsSchema = z.object({
  baseUrl: paymentSystemUrlSchema,
  token: paymentSystemTokenSchema,
  maxAnswerBytes: z.number().int().positive().optional(),
  timeoutMs: z.number().int().positive().optional(),
  maxRetries: z.number().int().min(0).max(20).optional(),
  retryBaseDelayMs: z.number().int().min(0).optional(),
  retryMaxDelayMs: z.number().int().min(0).optional(),
  maxRetryAfterMs: z.number().int().min(0).optional()
});

/** Waits, or ends at once when the signal aborts (the caller then finds the signal aborted). */
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

/** Retry-After is either delay-seconds or an HTTP date (RFC 9110 10.2.3). */
export function parseRetryAfter(value: string | null, now: number = Date.now()): number | null {
  if (value === null) return null;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

/** The body as text, or null when it is larger than `cap` bytes (then it is not read further). */
async function readCapped(response: Response, cap: number): Promise<string | null> {
  const declared = Number(response.headers.get('content-length') ?? NaN);
  if (Number.isFinite(declared) && declared > cap) {
    await response.body?.cancel().catch(() => undefined);
    return null;
  }
  if (!response.body) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > cap) {
      await reader.cancel().catch(() => undefined);
      return null;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function networkErrorCode(err: unknown): string | null {
  let current: unknown = err;
  for (let depth = 0; depth < 4 && current && typeof current === 'object'; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    current = (current as { cause?: unknown }).cause;
  }
  return null;
}

export class PaymentSystemClient {
  readonly #token: string;
  readonly #baseUrl: string;
  readonly #timeoutMs: number;
  readonly #maxRetries: number;
  readonly #retryBaseDelayMs: number;
  readonly #retryMaxDelayMs: number;
  readonly #maxRetryAfterMs: number;
  readonly #maxAnswerBytes: number;
  readonly #signal?: AbortSignal;
  readonly #fetch: typeof fetch;
  readonly #sleep: (ms: number) => Promise<void>;
  readonly #random: () => number;
  readonly #log: pino.Logger;

  constructor(opts: PaymentSystemClientOptions) {
    const parsed = optionsSchema.safeParse(opts);
    if (!parsed.success) {
      const { field, message } = describeIssue(parsed.error);
      // never echo the value: the field may be the token
      throw new Error(`Invalid payment system client option "${field}": ${message}`);
    }
    this.#token = opts.token;
    this.#baseUrl = opts.baseUrl.replace(/\/+$/, '');
    this.#timeoutMs = opts.timeoutMs ?? 10_000;
    this.#maxRetries = opts.maxRetries ?? 4;
    this.#retryBaseDelayMs = opts.retryBaseDelayMs ?? 200;
    this.#retryMaxDelayMs = opts.retryMaxDelayMs ?? 10_000;
    this.#maxRetryAfterMs = opts.maxRetryAfterMs ?? 60_000;
    this.#maxAnswerBytes = opts.maxAnswerBytes ?? 8 * 1024 * 1024;
    this.#signal = opts.signal;
    this.#fetch = opts.fetchImpl ?? fetch;
    this.#sleep = opts.sleep ?? ((ms) => abortableSleep(ms, opts.signal));
    this.#random = opts.random ?? Math.random;
    this.#log = (opts.logger ?? pino({ level: 'silent' })).child({ component: 'payment-system-client' });
  }

  async submitPayment(idempotencyKey: string, body: PaymentSubmission): Promise<SubmitResult> {
    if (!IDEMPOTENCY_KEY_PATTERN.test(idempotencyKey)) {
      throw new PaymentSystemError(
        'INVALID_REQUEST',
        'Idempotency key must be 1-255 letters, digits, "_" or "-"',
        {
          paymentRef: null
        }
      );
    }
    const operation = 'submitPayment';
    const { status, json, replayed } = await this.#call({
      operation,
      method: 'POST',
      path: '/v1/payments',
      paymentRef: idempotencyKey,
      body,
      headers: { 'idempotency-key': idempotencyKey }
    });
    const payment = this.#parsePayment(operation, json, idempotencyKey, status);
    if (payment.idempotencyKey !== idempotencyKey) {
      throw new MalformedResponseError(
        operation,
        payment.id,
        'idempotencyKey',
        'does not match the key sent',
        status
      );
    }
    return { payment, replayed };
  }

  async getPayment(id: string): Promise<RemotePayment> {
    const operation = 'getPayment';
    const { status, json } = await this.#call({
      operation,
      method: 'GET',
      path: `/v1/payments/${encodeURIComponent(id)}`,
      paymentRef: id
    });
    const payment = this.#parsePayment(operation, json, id, status);
    if (payment.id !== id) {
      throw new MalformedResponseError(operation, id, 'id', 'does not match the payment asked for', status);
    }
    return payment;
  }

  /** The payment created with this key, or null when the payment system has none. */
  async getPaymentByKey(idempotencyKey: string): Promise<RemotePayment | null> {
    const operation = 'getPaymentByKey';
    try {
      const { status, json } = await this.#call({
        operation,
        method: 'GET',
        path: `/v1/payments/by-idempotency-key/${encodeURIComponent(idempotencyKey)}`,
        paymentRef: idempotencyKey
      });
      const payment = this.#parsePayment(operation, json, idempotencyKey, status);
      if (payment.idempotencyKey !== idempotencyKey) {
        throw new MalformedResponseError(
          operation,
          payment.id,
          'idempotencyKey',
          'does not match the key asked for',
          status
        );
      }
      return payment;
    } catch (err) {
      if (err instanceof PaymentSystemError && err.status === 404 && err.code === 'PAYMENT_NOT_FOUND')
        return null;
      throw err;
    }
  }

  /**
   * Payments changed since the cursor (null: from the beginning), oldest change first. A payment that
   * changes again later appears again on a later page with a higher version.
   */
  async listChanges(cursor: string | null, limit = 200): Promise<ChangesPage> {
    const operation = 'listChanges';
    const query = new URLSearchParams({ limit: String(limit) });
    if (cursor !== null) query.set('cursor', cursor);
    const { status, json } = await this.#call({
      operation,
      method: 'GET',
      path: `/v1/changes?${query.toString()}`,
      paymentRef: null
    });
    const envelope = changesPageSchema.safeParse(json);
    if (!envelope.success) {
      const { field, message } = describeIssue(envelope.error);
      throw new MalformedResponseError(operation, null, field, message, status);
    }
    const payments: RemotePayment[] = [];
    const malformed: MalformedResponseError[] = [];
    envelope.data.payments.forEach((raw, index) => {
      const parsed = remotePaymentSchema.safeParse(raw);
      if (parsed.success) {
        payments.push(parsed.data);
        return;
      }
      const { field, message } = describeIssue(parsed.error);
      const ref = referenceOf(raw) ?? `changes[${index}]`;
      malformed.push(new MalformedResponseError(operation, ref, field, message, status));
    });
    for (const err of malformed) {
      this.#log.warn(
        { operation, paymentRef: err.paymentRef, field: err.field },
        'malformed payment in changes page'
      );
    }
    return { payments, malformed, nextCursor: envelope.data.nextCursor, hasMore: envelope.data.hasMore };
  }

  /**
   * Checks the base URL and the token with one read of the change feed (nothing changes). Throws
   * PaymentSystemConfigError when either is wrong; other failures (the payment system is down) are
   * thrown as they are, for the caller to treat as passing trouble.
   */
  async verify(): Promise<void> {
    await this.listChanges(null, 1);
  }

  /** Stop a payment before payout (Submitted for Payment -> Payment Voided). */
  async requestVoid(id: string, reason: string): Promise<RemotePayment> {
    return this.#move('requestVoid', id, `/v1/payments/${encodeURIComponent(id)}/void`, { reason });
  }

  /** Record that money paid out came back (Payment Successful -> Returned / Refund or Cancelled / Recouped). */
  async recordRecoup(id: string, kind: RecoupKind, reason: string): Promise<RemotePayment> {
    return this.#move('recordRecoup', id, `/v1/payments/${encodeURIComponent(id)}/recoup`, { kind, reason });
  }

  async #move(operation: string, id: string, path: string, body: unknown): Promise<RemotePayment> {
    const { status, json } = await this.#call({ operation, method: 'POST', path, paymentRef: id, body });
    const payment = this.#parsePayment(operation, json, id, status);
    if (payment.id !== id) {
      throw new MalformedResponseError(operation, id, 'id', 'does not match the payment asked for', status);
    }
    return payment;
  }

  #parsePayment(operation: string, json: unknown, fallbackRef: string, status: number): RemotePayment {
    const parsed = remotePaymentSchema.safeParse(json);
    if (parsed.success) return parsed.data;
    const { field, message } = describeIssue(parsed.error);
    const ref = referenceOf(json) ?? fallbackRef;
    this.#log.warn({ operation, paymentRef: ref, field }, 'malformed payment in answer');
    throw new MalformedResponseError(operation, ref, field, message, status);
  }

  async #call(spec: CallSpec): Promise<{ status: number; json: unknown; replayed: boolean }> {
    const url = `${this.#baseUrl}${spec.path}`;
    const where = `${spec.operation} ${spec.method} ${spec.path.split('?')[0]}`;
    // Set once an earlier attempt of this call may have been processed (no answer, or an answer
    // other than "busy"/"unavailable"): a replay that follows may be of this very call.
    let ownAttemptMayHaveLanded = false;
    for (let attempt = 0; ; attempt++) {
      let failure: PaymentSystemError;
      if (this.#signal?.aborted) {
        throw new PaymentSystemError('STOPPED', `Payment system call ${where} not made: stopping`, {
          retryable: true,
          paymentRef: spec.paymentRef
        });
      }
      // One controller per attempt, aborted by the timeout (reading the answer included) or by the
      // stop signal; its listener is removed afterwards, so a long-lived stop signal holds nothing.
      const controller = new AbortController();
      const timer = setTimeout(
        () => controller.abort(new DOMException('The attempt timed out', 'TimeoutError')),
        this.#timeoutMs
      );
      const onStop = (): void => controller.abort(this.#signal?.reason);
      this.#signal?.addEventListener('abort', onStop, { once: true });
      try {
        const response = await this.#fetch(url, {
          method: spec.method,
          headers: {
            authorization: `Bearer ${this.#token}`,
            accept: 'application/json',
            ...(spec.body === undefined ? {} : { 'content-type': 'application/json' }),
            ...spec.headers
          },
          body: spec.body === undefined ? undefined : JSON.stringify(spec.body),
          // a redirect would carry the body, the key and the token to wherever it points
          redirect: 'manual',
          signal: controller.signal
        });
        if (response.status >= 300 && response.status < 400) {
          await response.body?.cancel().catch(() => undefined);
          throw new PaymentSystemConfigError(
            'REDIRECT',
            `Payment system answered ${where} with a redirect (${response.status}); redirects are never followed: set the payment system URL to the address that answers`,
            { status: response.status, paymentRef: spec.paymentRef }
          );
        }
        const text = await readCapped(response, this.#maxAnswerBytes);
        if (text === null) {
          throw new MalformedResponseError(
            spec.operation,
            spec.paymentRef,
            '(body)',
            `is larger than ${this.#maxAnswerBytes} bytes; it was not read`,
            response.status
          );
        }
        this.#log.debug(
          { operation: spec.operation, paymentRef: spec.paymentRef, status: response.status, attempt },
          'answer'
        );
        if (response.ok) {
          try {
            return {
              status: response.status,
              json: JSON.parse(text) as unknown,
              replayed: response.headers.get('idempotent-replayed') === 'true' && !ownAttemptMayHaveLanded
            };
          } catch {
            throw new MalformedResponseError(
              spec.operation,
              spec.paymentRef,
              '(body)',
              'is not JSON',
              response.status
            );
          }
        }
        failure = this.#errorFromAnswer(response, text, spec, where);
      } catch (err) {
        if (err instanceof PaymentSystemError) throw err;
        failure = this.#errorFromFailure(err, spec, where);
      } finally {
        clearTimeout(timer);
        this.#signal?.removeEventListener('abort', onStop);
      }
      if (!failure.retryable || attempt >= this.#maxRetries) throw failure;
      if (failure.status !== 429 && failure.status !== 503) ownAttemptMayHaveLanded = true;
      let delayMs = Math.min(this.#retryMaxDelayMs, this.#retryBaseDelayMs * 2 ** attempt);
      delayMs = Math.round(delayMs / 2 + (this.#random() * delayMs) / 2);
      if (failure.retryAfterMs !== null) {
        if (failure.retryAfterMs > this.#maxRetryAfterMs) throw failure;
        delayMs = failure.retryAfterMs;
      }
      this.#log.warn(
        {
          operation: spec.operation,
          paymentRef: spec.paymentRef,
          code: failure.code,
          status: failure.status,
          attempt: attempt + 1,
          delayMs
        },
        'payment system call failed; retrying'
      );
      await this.#sleep(delayMs);
    }
  }

  #errorFromAnswer(response: Response, text: string, spec: CallSpec, where: string): PaymentSystemError {
    const status = response.status;
    let body: { code: string; message: string } | null = null;
    try {
      const parsed = errorBodySchema.safeParse(JSON.parse(text));
      if (parsed.success) body = parsed.data;
    } catch {
      body = null;
    }
    const retryable = status >= 500 || status === 429;
    const retryAfterMs =
      status === 429 || status === 503 ? parseRetryAfter(response.headers.get('retry-after')) : null;
    const code = body?.code ?? `HTTP_${status}`;
    const detail = body ? body.message : `HTTP ${status} without an error body`;
    if (status === 401 || status === 403) {
      return new PaymentSystemConfigError(
        code,
        `Payment system refused the token (${status} ${code}) on ${where}: check PAYMENT_SYSTEM_TOKEN`,
        { status, paymentRef: spec.paymentRef }
      );
    }
    // The contract answers 404 PAYMENT_NOT_FOUND for a payment it does not hold; any other 404 means
    // the base URL does not lead to the payment system's operations.
    if (status === 404 && code !== 'PAYMENT_NOT_FOUND') {
      return new PaymentSystemConfigError(
        code,
        `Payment system has no operation ${where} (404 ${code}): check the payment system URL`,
        { status, paymentRef: spec.paymentRef }
      );
    }
    return new PaymentSystemError(code, `Payment system refused ${where} (${status} ${code}): ${detail}`, {
      status,
      retryable,
      paymentRef: spec.paymentRef,
      retryAfterMs
    });
  }

  #errorFromFailure(err: unknown, spec: CallSpec, where: string): PaymentSystemError {
    // by name, not instanceof: the error may come from another realm (a DOMException, a test runner's globals)
    const name = err && typeof err === 'object' ? String((err as { name?: unknown }).name) : '';
    if (this.#signal?.aborted) {
      // retryable for the caller (the payment stays pending); the retry loop itself ends at the top
      return new PaymentSystemError('STOPPED', `Payment system call ${where} abandoned: stopping`, {
        retryable: true,
        paymentRef: spec.paymentRef
      });
    }
    if (name === 'TimeoutError' || name === 'AbortError') {
      return new PaymentSystemError(
        'TIMEOUT',
        `Payment system did not answer ${where} within ${this.#timeoutMs} ms`,
        {
          retryable: true,
          paymentRef: spec.paymentRef
        }
      );
    }
    const code = networkErrorCode(err);
    // fetch reports every connection-level failure as a TypeError, with the socket error as its cause
    const retryable = name === 'TypeError' || (code !== null && RETRYABLE_NETWORK_CODES.has(code));
    return new PaymentSystemError(
      'NETWORK_ERROR',
      `Payment system call ${where} failed before an answer arrived${code ? ` (${code})` : ''}`,
      { retryable, paymentRef: spec.paymentRef }
    );
  }
}

function referenceOf(raw: unknown): string | null {
  if (!raw || typeof raw !== 'object') return null;
  const { id, idempotencyKey } = raw as { id?: unknown; idempotencyKey?: unknown };
  if (typeof id === 'string' && id.length > 0) return id;
  if (typeof idempotencyKey === 'string' && idempotencyKey.length > 0) return idempotencyKey;
  return null;
}

const environmentSchema = z.object({
  PAYMENT_SYSTEM_URL: paymentSystemUrlSchema,
  PAYMENT_SYSTEM_TOKEN: paymentSystemTokenSchema
});

/** Client options from PAYMENT_SYSTEM_URL and PAYMENT_SYSTEM_TOKEN; one message naming the variable otherwise. */
export function clientOptionsFromEnvironment(env: NodeJS.ProcessEnv = process.env): {
  baseUrl: string;
  token: string;
} {
  const parsed = environmentSchema.safeParse(env);
  if (!parsed.success) {
    const { field, message } = describeIssue(parsed.error);
    throw new Error(`Environment variable ${field} is missing or invalid: ${message}`);
  }
  return { baseUrl: parsed.data.PAYMENT_SYSTEM_URL, token: parsed.data.PAYMENT_SYSTEM_TOKEN };
}
