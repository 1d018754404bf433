/**
 * Wires a worker from its parts: a Salesforce session, the payment-system client and the config.
 * The command line, the demo, the tests, the chaos run and the bench all build workers here.
 */
import type pino from 'pino';
import { PaymentSystemClient } from '../payment-system/client';
import type { WorkerConfig } from './config';
import { openSession, type Credentials, type SalesforceSession } from './connect';
import { SalesforceGateway } from './salesforce';
import { SyncWorker, type CrashHook, type PaymentSystemPort, type ProgressEvent } from './worker';

export interface BuildWorkerOptions {
  config: WorkerConfig;
  logger: pino.Logger;
  /** an open session, or credentials to open one */
  session?: SalesforceSession;
  credentials?: Credentials;
  paymentSystem: { url: string; token: string } | PaymentSystemPort;
  crashHook?: CrashHook;
  onProgress?: (event: ProgressEvent) => void;
  sleep?: (ms: number) => Promise<void>;
  /** the stop signal: retries and waits end, the running cycle stops at its next step */
  signal?: AbortSignal;
}

export interface BuiltWorker {
  worker: SyncWorker;
  salesforce: SalesforceGateway;
  session: SalesforceSession;
  paymentSystem: PaymentSystemPort;
}

export async function buildWorker(opts: BuildWorkerOptions): Promise<BuiltWorker> {
  const session =
    opts.session ??
    (opts.credentials
      ? await openSession(opts.credentials, opts.config.apiVersion, {
          timeoutMs: opts.config.salesforceTimeoutMs
        })
      : (() => {
          throw new Error('No Salesforce session or credentials given');
        })());
  const salesforce = new SalesforceGateway({
    connection: session.connection,
    reauthenticate: session.reauthenticate,
    logger: opts.logger,
    backoff: opts.config.backoff,
    queryBatchSize: opts.config.queryBatchSize,
    sleep: opts.sleep,
    timeoutMs: opts.config.salesforceTimeoutMs,
    signal: opts.signal
  });
  const paymentSystem =
    'submitPayment' in opts.paymentSystem
      ? opts.paymentSystem
      : new PaymentSystemClient({
          baseUrl: opts.paymentSystem.url,
          token: opts.paymentSystem.token,
          timeoutMs: opts.config.paymentSystem.timeoutMs,
          maxRetries: opts.config.paymentSystem.maxRetries,
          maxAnswerBytes: opts.config.paymentSystem.maxAnswerBytes,
          logger: opts.logger,
          signal: opts.signal
        });
  const worker = new SyncWorker({
    salesforce,
    paymentSystem,
    config: opts.config,
    logger: opts.logger,
    crashHook: opts.crashHook,
    onProgress: opts.onProgress,
    signal: opts.signal,
    organizationId: () => session.organizationId()
  });
  return { worker, salesforce, session, paymentSystem };
}
