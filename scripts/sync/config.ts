/**
 * Worker configuration (config/worker.json), validated with zod. A bad value stops start-up with one
 * message naming the field and the file. Secrets never live here: the payment-system token comes from
 * PAYMENT_SYSTEM_TOKEN, Salesforce credentials from the CLI's auth store or the environment. The shipped
 * file names no payment-system URL: production's is given where the worker is deployed.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { z } from 'zod';
import { paymentSystemUrlSchema } from '../payment-system/client';

export const workerConfigSchema = z
  .object({
    apiVersion: z.string().regex(/^\d{2,3}\.0$/, 'must look like "64.0"'),
    partition: z
      .object({ index: z.number().int().min(0), count: z.number().int().min(1).max(999) })
      .strict()
      .refine((p) => p.index < p.count, { message: 'index must be below count', path: ['index'] }),
    cycleIntervalMs: z.number().int().min(10).max(3_600_000),
    queryBatchSize: z.number().int().min(200).max(2000),
    collectionSize: z.number().int().min(1).max(200),
    /** payment-system changes read per call (the payment system serves at most 1,000) */
    changesPageSize: z.number().int().min(1).max(1000),
    /** records read per sObject Collections retrieve when mirroring changes (Salesforce takes 2,000) */
    lookupBatchSize: z.number().int().min(1).max(2000),
    /** how far the worker's clock may be from the org's; records changed this recently are read again */
    clockSkewMs: z.number().int().min(0).max(600_000),
    submitConcurrency: z.number().int().min(1).max(64),
    /** every Salesforce request (and login) gives up after this long; a black-holed instance cannot hold a cycle */
    salesforceTimeoutMs: z.number().int().min(100).max(600_000).default(60_000),
    /** the watchdog: a cycle stops at this age, saves what is safe and reports (the next one carries on) */
    cycleDeadlineMs: z.number().int().min(100).max(86_400_000).default(900_000),
    /** change-feed pages read per cycle at most; the rest waits for the next cycle */
    maxChangePagesPerCycle: z.number().int().min(1).max(100_000).default(500),
    /** after a stop signal (Ctrl-C, SIGTERM) the process ends within this long, whatever is in flight */
    stopGraceMs: z.number().int().min(100).max(60_000).default(5_000),
    /** how many times a record refused inside a collection is sent again before it is quarantined */
    recordRetries: z.number().int().min(0).max(5),
    /**
     * Bulk API 2.0: a direction of a cycle with more than `threshold` records reads them with a query
     * job and writes them with an ingest job; at or below it, REST queries and sObject Collections
     */
    bulk: z
      .object({
        threshold: z.number().int().min(1).max(100_000_000).default(10_000),
        /** rows per query result page: what one page holds in memory */
        queryPageSize: z.number().int().min(100).max(100_000).default(10_000),
        pollIntervalMs: z.number().int().min(1).max(60_000).default(250),
        maxPollIntervalMs: z.number().int().min(1).max(300_000).default(30_000),
        /** a job not finished by then is aborted and the cycle fails (the next one redoes the work) */
        pollTimeoutMs: z.number().int().min(100).max(86_400_000).default(600_000)
      })
      .strict()
      .default({
        threshold: 10_000,
        queryPageSize: 10_000,
        pollIntervalMs: 250,
        maxPollIntervalMs: 30_000,
        pollTimeoutMs: 600_000
      }),
    allowance: z
      .object({
        reserveFraction: z.number().min(0).max(0.9),
        checkEveryCycles: z.number().int().min(1),
        pauseMs: z.number().int().min(10)
      })
      .strict(),
    backoff: z
      .object({
        maxRetries: z.number().int().min(0).max(10),
        baseMs: z.number().int().min(1),
        maxMs: z.number().int().min(1)
      })
      .strict(),
    paymentSystem: z
      .object({
        /**
         * the payment system's base URL; none by default, so a deployment names its own (this key,
         * PAYMENT_SYSTEM_URL or --payment-system-url) and never reaches a local sandbox by accident
         */
        url: paymentSystemUrlSchema.optional(),
        timeoutMs: z.number().int().min(100),
        maxRetries: z.number().int().min(0).max(10),
        /** a larger answer is refused unread (a change page of 1,000 payments is about 600 kB) */
        maxAnswerBytes: z
          .number()
          .int()
          .min(1024)
          .max(256 * 1024 * 1024)
          .default(8 * 1024 * 1024)
      })
      .strict()
  })
  .strict();

export type WorkerConfig = z.output<typeof workerConfigSchema>;

export const DEFAULT_CONFIG_PATH = path.join('config', 'worker.json');

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/** Validates a parsed config; `where` names the file in the message. */
export function parseWorkerConfig(raw: unknown, where: string): WorkerConfig {
  const parsed = workerConfigSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue && issue.path.length > 0 ? issue.path.map(String).join('.') : '(top level)';
    throw new ConfigError(`${where}: "${field}" ${issue ? issue.message : 'is invalid'}`);
  }
  return parsed.data;
}

export function loadWorkerConfig(file: string = DEFAULT_CONFIG_PATH): WorkerConfig {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    throw new ConfigError(`${file}: cannot be read (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    throw new ConfigError(`${file}: is not valid JSON (${(err as Error).message})`);
  }
  return parseWorkerConfig(raw, file);
}
