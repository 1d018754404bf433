/**
 * One side of `npm run bench:sync`, run in its own process so its memory and time are its own:
 * `worker` runs the sync worker until it is quiet; `bare` is a bare jsforce script making only the
 * minimal batched calls for the same job (page the pending payments, send them, write back the ids
 * in collections of 200, then write the settled statuses in collections of 200). Prints one JSON line.
 */
import { Connection } from 'jsforce';
import pino from 'pino';
import { PaymentSystemClient } from '../payment-system/client';
import { loadWorkerConfig } from './config';
import { buildSubmission, type PaymentRecord } from './decisions';
import { buildWorker } from './setup';

interface Env {
  loginUrl: string;
  username: string;
  password: string;
  psUrl: string;
  psToken: string;
  n: number;
}

function env(): Env {
  const e = process.env;
  if (
    !e.SF_LOGIN_URL ||
    !e.SF_USERNAME ||
    !e.SF_PASSWORD ||
    !e.PAYMENT_SYSTEM_URL ||
    !e.PAYMENT_SYSTEM_TOKEN ||
    !e.BENCH_N
  ) {
    throw new Error(
      'bench child needs SF_LOGIN_URL, SF_USERNAME, SF_PASSWORD, PAYMENT_SYSTEM_URL, PAYMENT_SYSTEM_TOKEN, BENCH_N'
    );
  }
  return {
    loginUrl: e.SF_LOGIN_URL,
    username: e.SF_USERNAME,
    password: e.SF_PASSWORD,
    psUrl: e.PAYMENT_SYSTEM_URL,
    psToken: e.PAYMENT_SYSTEM_TOKEN,
    n: Number(e.BENCH_N)
  };
}

async function pool<T>(items: T[], size: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(size, items.length) }, async () => {
      while (next < items.length) await fn(items[next++]);
    })
  );
}

async function runWorker(e: Env): Promise<{ cycles: number }> {
  const config = { ...loadWorkerConfig(), clockSkewMs: 0 };
  const { worker } = await buildWorker({
    config,
    logger: pino({ level: 'silent' }),
    credentials: { kind: 'password', loginUrl: e.loginUrl, username: e.username, password: e.password },
    paymentSystem: { url: e.psUrl, token: e.psToken }
  });
  let submitted = 0;
  let mirrored = 0;
  let cycles = 0;
  while (cycles < 50) {
    const report = await worker.runCycle();
    cycles++;
    submitted += report.submitted;
    mirrored += report.mirrored;
    if (submitted >= e.n && mirrored >= e.n) break;
    if (report.idle) await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return { cycles };
}

async function runBare(e: Env): Promise<{ cycles: number }> {
  const conn = new Connection({ loginUrl: e.loginUrl, version: '64.0' });
  await conn.login(e.username, e.password);
  const ps = new PaymentSystemClient({ baseUrl: e.psUrl, token: e.psToken });
  const base = `/services/data/v64.0`;
  const update = async (records: Record<string, unknown>[]): Promise<void> => {
    for (let i = 0; i < records.length; i += 200) {
      await conn.request({
        method: 'PATCH',
        url: `${base}/composite/sobjects`,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          allOrNone: false,
          records: records
            .slice(i, i + 200)
            .map((r) => ({ attributes: { type: 'Assistance_Payment__c' }, ...r }))
        })
      });
    }
  };
  // submissions
  const soql =
    "SELECT Id, Case__c, Amount__c, Payee__c, Vendor_Id__c, Reason_Code__c, Status__c FROM Assistance_Payment__c WHERE Status__c = 'Submitted for Payment' AND External_Payment_Id__c = null";
  let url: string | undefined = `${base}/query?q=${encodeURIComponent(soql)}`;
  while (url) {
    const page: { done: boolean; nextRecordsUrl?: string; records: PaymentRecord[] } = await conn.request({
      method: 'GET',
      url,
      headers: { 'Sforce-Query-Options': 'batchSize=2000' }
    });
    const writes: Record<string, unknown>[] = [];
    await pool(page.records, 8, async (r) => {
      const plan = buildSubmission(r);
      if (plan.kind !== 'submit') return;
      const remote = (await ps.submitPayment(plan.idempotencyKey, plan.submission)).payment;
      writes.push({ Id: r.Id, External_Payment_Id__c: remote.id });
    });
    await update(writes);
    url = page.done ? undefined : page.nextRecordsUrl;
  }
  // statuses
  const settled = new Map<string, string>();
  let cursor: string | null = null;
  for (let rounds = 0; settled.size < e.n && rounds < 1000; rounds++) {
    const page = await ps.listChanges(cursor, 1000);
    cursor = page.nextCursor;
    const writes = page.payments
      .filter((p) => p.status !== 'Submitted for Payment' && settled.get(p.idempotencyKey) !== p.status)
      .map((p) => {
        settled.set(p.idempotencyKey, p.status);
        return { Id: p.idempotencyKey, Status__c: p.status };
      });
    await update(writes);
    if (!page.hasMore && settled.size < e.n) await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return { cycles: 1 };
}

async function main(): Promise<void> {
  const mode = process.argv[2];
  if (mode !== 'worker' && mode !== 'bare') throw new Error('usage: bench-child.ts worker|bare');
  const e = env();
  const t0 = process.hrtime.bigint();
  const { cycles } = mode === 'worker' ? await runWorker(e) : await runBare(e);
  const wallMs = Number(process.hrtime.bigint() - t0) / 1e6;
  process.stdout.write(
    `${JSON.stringify({ mode, wallMs, cycles, maxRssKb: process.resourceUsage().maxRSS })}\n`
  );
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exitCode = 1;
});
