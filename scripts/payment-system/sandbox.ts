/**
 * Sandbox payment system: the contract in openapi.yaml served on loopback, for development, tests and
 * the demo. Never a production payment system.
 *
 * Settlement is realistic but reproducible: each submitted payment settles after a configurable delay
 * to a configurable mix of outcomes, and some successful payments are later returned or recouped. All
 * of it is drawn from a seeded generator per idempotency key, so the same seed and keys give the same
 * story. Time is either the real clock (the demo) or a manual clock that tests move with advance().
 *
 * Faults can be injected per endpoint: error answers, dropped connections, latency, 429 with
 * Retry-After and malformed bodies, either before the work is done or after it (the work is done but
 * the answer is lost, the case idempotency exists for). crash() kills the HTTP layer and drops all
 * in-memory state; restart() rebuilds it from the journal (see store.ts), so nothing acknowledged is
 * lost.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import pino from 'pino';
import type { z } from 'zod';
import {
  describeIssue,
  IDEMPOTENCY_KEY_PATTERN,
  paymentSubmissionSchema,
  recoupRequestSchema,
  voidRequestSchema,
  type ErrorCode,
  type RemotePayment
} from './contract';
import { canRemoteTransition, transitionRefusal, type RemoteStatus } from './lifecycle';
import { pickWeighted, seededRandom, streamFor } from '../shared/prng';
import { PaymentStore, type SettlementPlan, type StoredSubmission } from './store';

export const ENDPOINTS = ['submit', 'get', 'getByKey', 'changes', 'void', 'recoup', 'health'] as const;
export type Endpoint = (typeof ENDPOINTS)[number];
export type FaultKind = 'error500' | 'error503' | 'rateLimit' | 'reset' | 'malformed' | 'delay';

/** One fault for the next matching request, for exact scenarios. */
export interface ScriptedFault {
  endpoint: Endpoint | '*';
  fault: FaultKind;
  /** 'before': nothing is done. 'after': the work is done and journalled, then the answer is lost or spoiled. */
  phase?: 'before' | 'after';
  retryAfterSeconds?: number;
  /** For 'delay': how long the answer is held back. */
  delayMs?: number;
  /** For 'malformed': the payment field to spoil (default status). */
  field?: string;
}

export type RateByEndpoint = number | Partial<Record<Endpoint | '*', number>>;

export interface FaultConfig {
  /** Share of requests answered 500 or 503. */
  errorRate?: RateByEndpoint;
  /** Share of requests answered 429 with Retry-After. */
  rateLimitRate?: RateByEndpoint;
  retryAfterSeconds?: number;
  /** Share of requests whose connection is dropped without an answer. */
  resetRate?: RateByEndpoint;
  /** Share of successful answers sent with a spoiled payment field. */
  malformedRate?: RateByEndpoint;
  /** Added before every answer. */
  latencyMs?: number | { min: number; max: number };
  /** When error and reset faults strike (default: either, at random). */
  phase?: 'before' | 'after' | 'either';
  /** Consumed one by one by the next matching requests, before the rates apply. */
  script?: ScriptedFault[];
  /**
   * The change feed never ends: every page says hasMore and hands back the cursor it was asked with
   * (the first page, asked without one, hands back a cursor of its own). A broken payment system.
   */
  endlessFeed?: boolean;
  /** Change cursors carry this many characters of padding (cursors are opaque; a client must store long ones). */
  longCursors?: number;
  /** Change cursors issued from now on belong to another stream, so every cursor issued before is refused (400 INVALID_CURSOR). */
  newCursorStream?: boolean;
}

export interface SettlementConfig {
  /** Typical time from submission to settlement. */
  delayMs: number;
  /** 0..1: how far a settlement delay may stray from delayMs either way. */
  jitter: number;
  /** Relative weights of the outcomes. */
  mix: { success: number; failed: number; voided: number };
  /** Share of successful payments later returned, refunded or recouped. */
  reversalRate: number;
  reversalDelayMs: number;
}

export interface SandboxPaymentSystemOptions {
  /** 0 (default) picks a free port. Always bound to 127.0.0.1. */
  port?: number;
  seed?: number;
  /** Bearer token clients must present; generated when absent. */
  token?: string;
  /** Journal file; a fresh temporary one (removed by stop()) when absent. */
  journalPath?: string;
  /** fsync each journal write (default true); tests may turn it off, a process crash loses nothing either way. */
  fsync?: boolean;
  /** 'real' settles on a timer; 'manual' settles only when advance()/tick() is called. */
  clock?: 'real' | 'manual';
  /** Manual clock start (epoch ms). */
  startTime?: number;
  /** Real clock: how often due settlements are applied. */
  tickMs?: number;
  settlement?: Partial<SettlementConfig>;
  faults?: FaultConfig;
  logger?: pino.Logger;
}

export interface SandboxPaymentSystem {
  readonly url: string;
  readonly port: number;
  readonly token: string;
  readonly journalPath: string;
  stop(): Promise<void>;
  /** Drops every connection and all in-memory state, like a killed process. */
  crash(): Promise<void>;
  /** Starts again on the same port from the journal. */
  restart(): Promise<void>;
  /** How many payments were created per idempotency key, over the journal's whole life. */
  createdCountByKey(): Map<string, number>;
  setFaults(faults: FaultConfig): void;
  /** Manual clock: move time forward and apply the settlements now due. */
  advance(ms: number): RemotePayment[];
  /** Apply settlements due now; returns the payments that moved. */
  tick(): RemotePayment[];
  now(): number;
  /** The payment system's own move (settlement desk), checked against the lifecycle. */
  settle(id: string, status: RemoteStatus, reason?: string): RemotePayment;
  payments(): RemotePayment[];
  stats(): { requests: number; faultsInjected: number; created: number };
}

const DEFAULT_SETTLEMENT: SettlementConfig = {
  delayMs: 3_000,
  jitter: 0.25,
  mix: { success: 0.85, failed: 0.1, voided: 0.05 },
  reversalRate: 0.1,
  reversalDelayMs: 8_000
};

const FAILURE_REASONS = [
  "Payee's bank account is closed",
  'Vendor id not found in the vendor file',
  'Payee name does not match the account holder',
  "Payee's bank rejected the transfer"
];
const VOID_REASONS = [
  'Duplicate vendor invoice held by the payment desk',
  'Payee reported the bill already paid'
];
const REVERSALS = {
  'Payment Returned': [
    "Returned by the payee's bank: account closed",
    'Returned by the payee: unknown tenant'
  ],
  'Refund or Cancelled': [
    'Landlord refunded the arrears payment',
    'Vendor cancelled the delivery and refunded'
  ],
  'Payment Recouped': [
    'Recouped: household received a duplicate payment',
    'Recouped after eligibility review'
  ]
} as const;

const MAX_BODY_BYTES = 64 * 1024;

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
    readonly details?: Record<string, unknown>
  ) {
    super(message);
  }
}

function rateFor(rate: RateByEndpoint | undefined, endpoint: Endpoint): number {
  if (rate === undefined) return 0;
  if (typeof rate === 'number') return rate;
  return rate[endpoint] ?? rate['*'] ?? 0;
}

function fingerprintDiff(a: StoredSubmission, b: StoredSubmission): string[] {
  return (Object.keys(a) as (keyof StoredSubmission)[]).filter((k) => a[k] !== b[k]);
}

/** Spoils one field of a payment the way a buggy payment system might. */
function spoil(payment: Record<string, unknown>, field: string): void {
  const wrong: Record<string, unknown> = {
    status: 'Paid',
    amount: String(payment.amount),
    id: 42,
    idempotencyKey: null,
    updatedAt: 'yesterday',
    createdAt: 'soon',
    version: -1,
    currency: 'EUR'
  };
  if (field in wrong) payment[field] = wrong[field];
  else delete payment[field];
}

function paymentId(seed: number, key: string, taken: (id: string) => boolean): string {
  const base = `PAY-${createHash('sha256').update(`${seed}:${key}`).digest('hex').slice(0, 20).toUpperCase()}`;
  let id = base;
  for (let n = 2; taken(id); n++) id = `${base}-${n}`;
  return id;
}

function tempJournal(): { journalPath: string; dir: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'payment-sandbox-'));
  return { dir, journalPath: path.join(dir, 'journal.ndjson') };
}

function encodeCursor(streamId: string, seq: number, padding = 0): string {
  const raw = { v: 1, s: streamId, q: seq, ...(padding > 0 ? { p: 'x'.repeat(padding) } : {}) };
  return Buffer.from(JSON.stringify(raw)).toString('base64url');
}

function decodeCursor(cursor: string, streamId: string): number {
  try {
    const raw = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as {
      v?: unknown;
      s?: unknown;
      q?: unknown;
    };
    if (
      raw.v === 1 &&
      raw.s === streamId &&
      typeof raw.q === 'number' &&
      Number.isInteger(raw.q) &&
      raw.q >= 0
    ) {
      return raw.q;
    }
  } catch {
    // fall through to the refusal below
  }
  throw new HttpError(
    400,
    'INVALID_CURSOR',
    'The cursor is not one this payment system issued; start again without a cursor.'
  );
}

export async function startSandboxPaymentSystem(
  opts: SandboxPaymentSystemOptions = {}
): Promise<SandboxPaymentSystem> {
  const seed = opts.seed ?? 1;
  const token = opts.token ?? `sandbox-${randomBytes(24).toString('base64url')}`;
  const tokenBytes = Buffer.from(`Bearer ${token}`);
  const temp = opts.journalPath ? null : tempJournal();
  const journalPath = opts.journalPath ?? (temp as { journalPath: string }).journalPath;
  const fsync = opts.fsync ?? true;
  const settlement: SettlementConfig = {
    ...DEFAULT_SETTLEMENT,
    ...opts.settlement,
    mix: { ...DEFAULT_SETTLEMENT.mix, ...opts.settlement?.mix }
  };
  const manual = opts.clock === 'manual';
  let manualNow = opts.startTime ?? Date.parse('2026-01-05T14:00:00.000Z');
  const now = (): number => (manual ? manualNow : Date.now());
  const log = (opts.logger ?? pino({ level: 'silent' })).child({ component: 'sandbox-payment-system' });

  let faults: FaultConfig = opts.faults ?? {};
  let script: ScriptedFault[] = [...(faults.script ?? [])];
  const faultRandom = seededRandom(seed ^ 0x5eed);
  let store: PaymentStore | null = PaymentStore.open(journalPath, { fsync });
  let generation = 0;
  let requests = 0;
  let faultsInjected = 0;
  let ticker: NodeJS.Timeout | null = null;
  const sockets = new Set<Socket>();

  const openStore = (): PaymentStore => {
    if (!store) throw new HttpError(503, 'SERVICE_UNAVAILABLE', 'The payment system is restarting.');
    return store;
  };

  const planFor = (key: string, at: number): SettlementPlan => {
    const random = streamFor(seed, key);
    const outcomeKey = pickWeighted(random, settlement.mix);
    const delay = Math.max(0, Math.round(settlement.delayMs * (1 + settlement.jitter * (random() * 2 - 1))));
    const settleAt = at + delay;
    const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)];
    if (outcomeKey === 'failed') {
      return { settleAt, outcome: 'Payment Failed', outcomeReason: pick(FAILURE_REASONS), reversal: null };
    }
    if (outcomeKey === 'voided') {
      return { settleAt, outcome: 'Payment Voided', outcomeReason: pick(VOID_REASONS), reversal: null };
    }
    let reversal: SettlementPlan['reversal'] = null;
    if (random() < settlement.reversalRate) {
      const status = pickWeighted(random, {
        'Payment Returned': 0.6,
        'Payment Recouped': 0.25,
        'Refund or Cancelled': 0.15
      });
      const reversalDelay = Math.round(settlement.reversalDelayMs * (0.5 + random()));
      reversal = { at: settleAt + reversalDelay, status, reason: pick(REVERSALS[status]) };
    }
    return { settleAt, outcome: 'Payment Successful', outcomeReason: null, reversal };
  };

  const tick = (): RemotePayment[] => {
    if (!store) return [];
    const moved: RemotePayment[] = [];
    const current = now();
    // a reversal may fall due in the same tick as the settlement before it
    for (let round = 0; round < 3; round++) {
      const due = store.dueMoves(current);
      if (due.length === 0) break;
      for (const move of due) {
        moved.push(
          store.move(move.id, move.status, move.reason, new Date(move.at).toISOString(), 'settlement')
        );
      }
    }
    if (moved.length > 0) log.debug({ settled: moved.length }, 'settlement applied');
    return moved;
  };

  const nextFault = (endpoint: Endpoint): ScriptedFault | null => {
    const index = script.findIndex((f) => f.endpoint === endpoint || f.endpoint === '*');
    if (index >= 0) return script.splice(index, 1)[0];
    const phase = (): 'before' | 'after' =>
      faults.phase === 'before' || faults.phase === 'after'
        ? faults.phase
        : faultRandom() < 0.5
          ? 'before'
          : 'after';
    if (faultRandom() < rateFor(faults.rateLimitRate, endpoint)) return { endpoint, fault: 'rateLimit' };
    if (faultRandom() < rateFor(faults.errorRate, endpoint)) {
      return { endpoint, fault: faultRandom() < 0.5 ? 'error500' : 'error503', phase: phase() };
    }
    if (faultRandom() < rateFor(faults.resetRate, endpoint))
      return { endpoint, fault: 'reset', phase: phase() };
    if (faultRandom() < rateFor(faults.malformedRate, endpoint)) return { endpoint, fault: 'malformed' };
    return null;
  };

  const latency = (): number => {
    const l = faults.latencyMs;
    if (l === undefined) return 0;
    if (typeof l === 'number') return l;
    return l.min + Math.round(faultRandom() * (l.max - l.min));
  };

  const sendJson = (
    res: http.ServerResponse,
    status: number,
    body: unknown,
    headers: Record<string, string> = {}
  ): void => {
    const text = JSON.stringify(body);
    res.writeHead(status, {
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(text),
      ...headers
    });
    res.end(text);
  };

  const faultAnswer = (res: http.ServerResponse, fault: ScriptedFault): void => {
    faultsInjected++;
    switch (fault.fault) {
      case 'reset':
        res.socket?.destroy();
        return;
      case 'rateLimit': {
        const seconds = fault.retryAfterSeconds ?? faults.retryAfterSeconds ?? 1;
        sendJson(
          res,
          429,
          { code: 'RATE_LIMITED', message: `Too many requests; try again in ${seconds} s.` },
          {
            'retry-after': String(seconds)
          }
        );
        return;
      }
      case 'error503':
        sendJson(res, 503, {
          code: 'SERVICE_UNAVAILABLE',
          message: 'The payment system is temporarily unavailable.'
        });
        return;
      default:
        sendJson(res, 500, {
          code: 'INTERNAL_ERROR',
          message: 'The payment system failed to process the request.'
        });
    }
  };

  const readBody = (req: http.IncomingMessage): Promise<unknown> =>
    new Promise((resolve, reject) => {
      const chunks: Buffer[] = [];
      let size = 0;
      req.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size <= MAX_BODY_BYTES) chunks.push(chunk);
      });
      req.on('error', reject);
      req.on('end', () => {
        if (size > MAX_BODY_BYTES)
          return reject(new HttpError(400, 'INVALID_REQUEST', 'The request body is too large.'));
        const text = Buffer.concat(chunks).toString('utf8');
        if (text.trim() === '') return resolve(undefined);
        try {
          resolve(JSON.parse(text));
        } catch {
          reject(new HttpError(400, 'INVALID_REQUEST', 'The request body is not JSON.'));
        }
      });
    });

  const parseWith = <T>(schema: z.ZodType<T>, body: unknown): T => {
    const parsed = schema.safeParse(body);
    if (parsed.success) return parsed.data;
    const { field, message } = describeIssue(parsed.error);
    throw new HttpError(400, 'INVALID_REQUEST', `Field "${field}": ${message}`, { field });
  };

  const findPayment = (id: string): RemotePayment => {
    const payment = openStore().findById(id);
    if (!payment) throw new HttpError(404, 'PAYMENT_NOT_FOUND', `No payment with id ${id}.`);
    return payment;
  };

  /** Moves a payment on a caller's request; a repeat of a move already made answers the payment as it is. */
  const requestMove = (id: string, to: RemoteStatus, reason: string): RemotePayment => {
    const payment = findPayment(id);
    if (payment.status === to) return payment;
    const refusal = transitionRefusal(payment.status, to);
    if (refusal) {
      throw new HttpError(409, 'INVALID_TRANSITION', refusal, { from: payment.status, to });
    }
    return openStore().move(id, to, reason, new Date(now()).toISOString(), 'request');
  };

  type Route = {
    endpoint: Endpoint;
    handle: (body: unknown) => { status: number; body: unknown; headers?: Record<string, string> };
  };

  const route = (req: http.IncomingMessage, url: URL): Route | null => {
    const parts = url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
    const method = req.method ?? 'GET';
    if (parts[0] !== 'v1') return null;
    if (method === 'GET' && parts.length === 2 && parts[1] === 'health') {
      return { endpoint: 'health', handle: () => ({ status: 200, body: { status: 'ok' } }) };
    }
    if (method === 'POST' && parts.length === 2 && parts[1] === 'payments') {
      return {
        endpoint: 'submit',
        handle: (body) => {
          const key = req.headers['idempotency-key'];
          if (typeof key !== 'string' || key === '') {
            throw new HttpError(
              400,
              'MISSING_IDEMPOTENCY_KEY',
              'Send the Idempotency-Key header (the Salesforce record Id).'
            );
          }
          if (!IDEMPOTENCY_KEY_PATTERN.test(key)) {
            throw new HttpError(
              400,
              'INVALID_REQUEST',
              'The Idempotency-Key must be 1-255 letters, digits, "_" or "-".',
              {
                field: 'Idempotency-Key'
              }
            );
          }
          const input = parseWith(paymentSubmissionSchema, body);
          const submission: StoredSubmission = {
            amount: input.amount,
            currency: input.currency,
            payee: input.payee,
            vendorId: input.vendorId ?? null,
            reasonCode: input.reasonCode,
            caseId: input.caseId,
            caseNumber: input.caseNumber ?? null
          };
          const db = openStore();
          const existing = db.findByKey(key);
          if (existing) {
            const differs = fingerprintDiff(existing.submission, submission);
            if (differs.length > 0) {
              throw new HttpError(
                422,
                'IDEMPOTENCY_KEY_REUSED',
                `Idempotency key ${key} was already used for payment ${existing.original.id} with different ${differs.join(', ')}; a submitted payment cannot be changed.`,
                { paymentId: existing.original.id, fields: differs }
              );
            }
            return { status: 201, body: existing.original, headers: { 'idempotent-replayed': 'true' } };
          }
          const at = now();
          const created = db.create(
            {
              id: paymentId(seed, key, (id) => db.hasId(id)),
              idempotencyKey: key,
              status: 'Submitted for Payment',
              amount: submission.amount,
              currency: 'USD',
              payee: submission.payee,
              vendorId: submission.vendorId,
              reasonCode: submission.reasonCode,
              caseId: submission.caseId,
              caseNumber: submission.caseNumber,
              createdAt: new Date(at).toISOString(),
              updatedAt: new Date(at).toISOString(),
              statusReason: null
            },
            submission,
            planFor(key, at)
          );
          return { status: 201, body: created, headers: { 'idempotent-replayed': 'false' } };
        }
      };
    }
    if (
      method === 'GET' &&
      parts.length === 4 &&
      parts[1] === 'payments' &&
      parts[2] === 'by-idempotency-key'
    ) {
      return {
        endpoint: 'getByKey',
        handle: () => {
          const found = openStore().findByKey(parts[3]);
          if (!found)
            throw new HttpError(
              404,
              'PAYMENT_NOT_FOUND',
              `No payment was created with idempotency key ${parts[3]}.`
            );
          return { status: 200, body: found.payment };
        }
      };
    }
    if (method === 'GET' && parts.length === 3 && parts[1] === 'payments') {
      return { endpoint: 'get', handle: () => ({ status: 200, body: findPayment(parts[2]) }) };
    }
    if (method === 'POST' && parts.length === 4 && parts[1] === 'payments' && parts[3] === 'void') {
      return {
        endpoint: 'void',
        handle: (body) => {
          const { reason } = parseWith(voidRequestSchema, body);
          return { status: 200, body: requestMove(parts[2], 'Payment Voided', reason) };
        }
      };
    }
    if (method === 'POST' && parts.length === 4 && parts[1] === 'payments' && parts[3] === 'recoup') {
      return {
        endpoint: 'recoup',
        handle: (body) => {
          const { kind, reason } = parseWith(recoupRequestSchema, body);
          return { status: 200, body: requestMove(parts[2], kind, reason) };
        }
      };
    }
    if (method === 'GET' && parts.length === 2 && parts[1] === 'changes') {
      return {
        endpoint: 'changes',
        handle: () => {
          const db = openStore();
          const limitText = url.searchParams.get('limit') ?? '100';
          const limit = /^\d+$/.test(limitText) ? Number(limitText) : NaN;
          if (!(limit >= 1 && limit <= 1000)) {
            throw new HttpError(400, 'INVALID_REQUEST', 'limit must be a whole number from 1 to 1000.', {
              field: 'limit'
            });
          }
          const cursor = url.searchParams.get('cursor');
          const stream = faults.newCursorStream ? `${db.streamId}-2` : db.streamId;
          const after = cursor === null ? 0 : decodeCursor(cursor, stream);
          const page = db.changesAfter(after, limit);
          const nextCursor = encodeCursor(stream, page.lastSeq, faults.longCursors ?? 0);
          if (faults.endlessFeed) {
            faultsInjected++;
            return {
              status: 200,
              body: { payments: page.payments, nextCursor: cursor ?? nextCursor, hasMore: true }
            };
          }
          return {
            status: 200,
            body: { payments: page.payments, nextCursor, hasMore: page.hasMore }
          };
        }
      };
    }
    return null;
  };

  const authorized = (req: http.IncomingMessage): boolean => {
    const header = req.headers.authorization;
    if (typeof header !== 'string') return false;
    const given = Buffer.from(header);
    return given.length === tokenBytes.length && timingSafeEqual(given, tokenBytes);
  };

  const handle = async (req: http.IncomingMessage, res: http.ServerResponse): Promise<void> => {
    const born = generation;
    requests++;
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const matched = route(req, url);
    const endpoint = matched?.endpoint ?? null;
    let status = 0;
    try {
      const body = await readBody(req);
      const wait = latency();
      const fault = endpoint && endpoint !== 'health' ? nextFault(endpoint) : null;
      const delay = wait + (fault?.fault === 'delay' ? (fault.delayMs ?? 1_000) : 0);
      if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
      if (generation !== born) return; // crashed meanwhile: the connection is gone
      if (
        fault &&
        fault.fault !== 'delay' &&
        fault.fault !== 'malformed' &&
        (fault.phase ?? 'before') === 'before'
      ) {
        faultAnswer(res, fault);
        status = res.statusCode;
        return;
      }
      if (!matched) throw new HttpError(404, 'NOT_FOUND', `No operation ${req.method} ${url.pathname}.`);
      if (endpoint !== 'health' && !authorized(req)) {
        res.setHeader('www-authenticate', 'Bearer');
        throw new HttpError(401, 'UNAUTHORIZED', 'A valid bearer token is required.');
      }
      const answer = matched.handle(body);
      if (fault && fault.fault !== 'delay' && fault.fault !== 'malformed') {
        faultAnswer(res, fault); // the work above is journalled; only the answer is lost
        status = res.statusCode;
        return;
      }
      let answerBody = answer.body;
      if (fault?.fault === 'malformed' && answer.status < 300) {
        faultsInjected++;
        const copy = JSON.parse(JSON.stringify(answerBody)) as Record<string, unknown>;
        const field = fault.field ?? 'status';
        if (
          Array.isArray(copy.payments) &&
          copy.payments.length > 0 &&
          field !== 'nextCursor' &&
          field !== 'hasMore'
        ) {
          spoil(copy.payments[0] as Record<string, unknown>, field);
        } else {
          spoil(copy, field);
        }
        answerBody = copy;
      }
      status = answer.status;
      sendJson(res, answer.status, answerBody, answer.headers);
    } catch (err) {
      if (generation !== born) return;
      if (err instanceof HttpError) {
        status = err.status;
        sendJson(res, err.status, {
          code: err.code,
          message: err.message,
          ...(err.details ? { details: err.details } : {})
        });
      } else {
        status = 500;
        log.error({ err: err instanceof Error ? err.message : String(err) }, 'request failed');
        sendJson(res, 500, {
          code: 'INTERNAL_ERROR',
          message: 'The payment system failed to process the request.'
        });
      }
    } finally {
      log.debug({ method: req.method, endpoint, status }, 'request');
    }
  };

  const server = http.createServer((req, res) => {
    void handle(req, res);
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  const listen = (port: number): Promise<number> =>
    new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        server.off('error', reject);
        resolve((server.address() as AddressInfo).port);
      });
    });

  const startTicker = (): void => {
    if (manual || ticker) return;
    ticker = setInterval(tick, opts.tickMs ?? 250);
    ticker.unref();
  };

  const stopServer = async (): Promise<void> => {
    if (ticker) clearInterval(ticker);
    ticker = null;
    generation++;
    for (const socket of sockets) socket.destroy();
    sockets.clear();
    if (server.listening) await new Promise<void>((resolve) => server.close(() => resolve()));
  };

  let port: number;
  try {
    port = await listen(opts.port ?? 0);
  } catch (err) {
    store?.close();
    if (temp) fs.rmSync(temp.dir, { recursive: true, force: true });
    throw err;
  }
  startTicker();
  const url = `http://127.0.0.1:${port}`;
  log.info({ url, seed, clock: manual ? 'manual' : 'real' }, 'sandbox payment system listening');

  return {
    url,
    port,
    token,
    journalPath,
    async stop() {
      await stopServer();
      store?.close();
      store = null;
      if (temp) fs.rmSync(temp.dir, { recursive: true, force: true });
    },
    async crash() {
      await stopServer();
      store?.close();
      store = null;
      log.warn('sandbox payment system crashed');
    },
    async restart() {
      if (server.listening) await stopServer();
      store?.close();
      store = PaymentStore.open(journalPath, { fsync });
      await listen(port);
      startTicker();
      log.info({ url }, 'sandbox payment system restarted');
    },
    createdCountByKey() {
      if (store) return store.createdCountByKey();
      const replay = PaymentStore.open(journalPath, { fsync: false });
      const counts = replay.createdCountByKey();
      replay.close();
      return counts;
    },
    setFaults(next) {
      faults = next;
      script = [...(next.script ?? [])];
    },
    advance(ms) {
      if (!manual) throw new Error('advance() needs the manual clock (clock: "manual")');
      manualNow += ms;
      return tick();
    },
    tick,
    now,
    settle(id, to, reason) {
      const db = openStore();
      const payment = db.findById(id);
      if (!payment) throw new Error(`No payment with id ${id}`);
      if (!canRemoteTransition(payment.status, to)) {
        throw new Error(transitionRefusal(payment.status, to) ?? `Cannot move ${id} to ${to}`);
      }
      return db.move(id, to, reason ?? null, new Date(now()).toISOString(), 'settlement');
    },
    payments() {
      return openStore().all();
    },
    stats() {
      const created = store ? [...store.createdCountByKey().values()].reduce((a, b) => a + b, 0) : 0;
      return { requests, faultsInjected, created };
    }
  };
}
