/** Shared set-up for the payment-system tests: a sandbox on loopback and clients that count their calls. */
import { Writable } from 'node:stream';
import pino from 'pino';
import { PaymentSystemClient, type PaymentSubmission } from '../../scripts/payment-system/client';
import {
  startSandboxPaymentSystem,
  type SandboxPaymentSystem,
  type SandboxPaymentSystemOptions
} from '../../scripts/payment-system/sandbox';

export interface Exchange {
  method: string;
  path: string;
  status: number;
  headers: Record<string, string>;
  requestBody: unknown;
  responseBody: unknown;
}

/** fetch that records every exchange (status and parsed body) and counts attempts per path. */
export function recordingFetch(): { fetchImpl: typeof fetch; exchanges: Exchange[]; attempts: () => number } {
  const exchanges: Exchange[] = [];
  let attempts = 0;
  const fetchImpl: typeof fetch = async (input, init) => {
    attempts++;
    const response = await fetch(input, init);
    const text = await response.clone().text();
    let responseBody: unknown = text;
    try {
      responseBody = JSON.parse(text);
    } catch {
      // not JSON: kept as text
    }
    const headers: Record<string, string> = {};
    response.headers.forEach((value, name) => {
      headers[name] = value;
    });
    const url = new URL(String(input));
    exchanges.push({
      method: init?.method ?? 'GET',
      path: url.pathname,
      status: response.status,
      headers,
      requestBody: typeof init?.body === 'string' ? (JSON.parse(init.body) as unknown) : undefined,
      responseBody
    });
    return response;
  };
  return { fetchImpl, exchanges, attempts: () => attempts };
}

export async function startSandbox(opts: SandboxPaymentSystemOptions = {}): Promise<SandboxPaymentSystem> {
  return startSandboxPaymentSystem({ clock: 'manual', fsync: false, seed: 7, ...opts });
}

export interface TestClient {
  client: PaymentSystemClient;
  attempts: () => number;
  sleeps: number[];
  exchanges: Exchange[];
}

/** A client whose waits are recorded instead of slept, so retry tests run fast and can see the delays. */
export function clientFor(
  sandbox: SandboxPaymentSystem,
  opts: Partial<ConstructorParameters<typeof PaymentSystemClient>[0]> = {}
): TestClient {
  const recording = recordingFetch();
  const sleeps: number[] = [];
  const client = new PaymentSystemClient({
    baseUrl: sandbox.url,
    token: sandbox.token,
    timeoutMs: 2_000,
    maxRetries: 4,
    fetchImpl: recording.fetchImpl,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    random: () => 0.5,
    ...opts
  });
  return { client, attempts: recording.attempts, sleeps, exchanges: recording.exchanges };
}

let counter = 0;
/** A fresh 18-character Assistance_Payment__c-style record Id. */
export function recordId(): string {
  counter++;
  return `a0B5e00000${String(counter).padStart(5, '0')}AAA`;
}

export function submission(overrides: Partial<PaymentSubmission> = {}): PaymentSubmission {
  return {
    amount: 5400,
    currency: 'USD',
    payee: 'Riverside Property Management',
    vendorId: 'V-000123',
    reasonCode: 'ARR',
    caseId: '5005e00000AbCdEAAV',
    caseNumber: '00001042',
    ...overrides
  };
}

/** A pino logger writing into memory, at the most verbose level. */
export function capturingLogger(): { logger: pino.Logger; output: () => string } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      chunks.push(chunk.toString());
      callback();
    }
  });
  return { logger: pino({ level: 'trace' }, stream), output: () => chunks.join('') };
}

/** The error `promise` rejects with, when it is a `type`; any other error is rethrown. */
export async function rejection<E extends Error>(
  promise: Promise<unknown>,
  type: abstract new (...args: never[]) => E,
  expected: string
): Promise<E> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof type) return err;
    throw err;
  }
  throw new Error(expected);
}
