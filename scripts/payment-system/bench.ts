/**
 * Figures for the sandbox payment system and the client adapter, printed as `name: value` lines.
 *
 *   npm run bench:payment-system -- [--payments 1000] [--concurrency 20] [--seed 1]
 */
import { parseArgs } from 'node:util';
import { PaymentSystemClient, type PaymentSubmission } from './client';
import { startSandboxPaymentSystem } from './sandbox';

function submission(i: number): PaymentSubmission {
  return {
    amount: 100 + (i % 900),
    currency: 'USD',
    payee: `Landlord ${i % 37}`,
    vendorId: `V-${i % 101}`,
    reasonCode: ['ARR', 'RNT', 'STP', 'UTL', 'DLF'][i % 5],
    caseId: `5005e0000${String(i).padStart(9, '0')}`
  };
}

async function inParallel<T>(
  count: number,
  concurrency: number,
  work: (i: number) => Promise<T>
): Promise<T[]> {
  const results: T[] = new Array(count);
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) {
        const i = next++;
        results[i] = await work(i);
      }
    })
  );
  return results;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      payments: { type: 'string', default: '1000' },
      concurrency: { type: 'string', default: '20' },
      seed: { type: 'string', default: '1' }
    }
  });
  const n = Number(values.payments);
  const concurrency = Number(values.concurrency);
  const sandbox = await startSandboxPaymentSystem({
    clock: 'manual',
    seed: Number(values.seed),
    fsync: true
  });
  const client = new PaymentSystemClient({ baseUrl: sandbox.url, token: sandbox.token, maxRetries: 10 });
  const key = (i: number) => `a0B5e0000${String(i).padStart(9, '0')}`;
  const print = (name: string, value: number | string) => process.stdout.write(`${name}: ${value}\n`);
  try {
    let started = performance.now();
    await inParallel(n, concurrency, (i) => client.submitPayment(key(i), submission(i)));
    let ms = performance.now() - started;
    print('submit_per_second_fsync', Math.round((n / ms) * 1000));

    started = performance.now();
    await inParallel(n, concurrency, (i) => client.submitPayment(key(i), submission(i)));
    ms = performance.now() - started;
    print('replay_per_second', Math.round((n / ms) * 1000));

    sandbox.advance(60_000);
    started = performance.now();
    let cursor: string | null = null;
    let pages = 0;
    let seen = 0;
    for (;;) {
      const page = await client.listChanges(cursor, 200);
      pages++;
      seen += page.payments.length;
      cursor = page.nextCursor;
      if (!page.hasMore) break;
    }
    print('changes_full_read_ms', Math.round(performance.now() - started));
    print('changes_pages', pages);
    print('changes_payments_seen', seen);

    await sandbox.crash();
    started = performance.now();
    await sandbox.restart();
    print('restart_from_journal_ms', Math.round(performance.now() - started));

    sandbox.setFaults({
      errorRate: 0.2,
      resetRate: 0.05,
      rateLimitRate: 0.05,
      retryAfterSeconds: 0,
      phase: 'either'
    });
    const chaosClient = new PaymentSystemClient({
      baseUrl: sandbox.url,
      token: sandbox.token,
      maxRetries: 12,
      retryBaseDelayMs: 5
    });
    const before = sandbox.stats().requests;
    started = performance.now();
    await inParallel(n, concurrency, (i) => chaosClient.submitPayment(key(n + i), submission(n + i)));
    ms = performance.now() - started;
    print('chaos_submit_per_second', Math.round((n / ms) * 1000));
    print('chaos_requests_per_payment', ((sandbox.stats().requests - before) / n).toFixed(2));
    const duplicates = [...sandbox.createdCountByKey().values()].filter((count) => count > 1).length;
    print('chaos_keys_created_more_than_once', duplicates);
  } finally {
    await sandbox.stop();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
