/**
 * Issue 12, "Worker: it must always come back by itself" (items 1-9) and "The payment lock and the
 * keys" (items 11-12): each item reproduced through real jsforce and the payment-system client
 * against the sandboxes, and now passing.
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as net from 'node:net';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  MalformedResponseError,
  PaymentSystemClient,
  PaymentSystemConfigError
} from '../../scripts/payment-system/client';
import { openSession } from '../../scripts/sync/connect';
import { orgKeyPrefix } from '../../scripts/sync/decisions';
import { SalesforceGateway } from '../../scripts/sync/salesforce';
import {
  createdByRecord,
  exactlyOnce,
  payments,
  seedPayments,
  silent,
  startSandboxes,
  statusMismatches,
  TEST_CONFIG,
  worker,
  type Sandboxes
} from './sandboxes';

jest.setTimeout(120_000);

interface CursorRow {
  Id: string;
  Partition_Key__c: string;
  Cursor__c: string | null;
}

function cursorRows(sb: Sandboxes): CursorRow[] {
  return sb.org.querySystem(
    'SELECT Id, Partition_Key__c, Cursor__c FROM Payment_Sync_Cursor__c'
  ) as unknown as CursorRow[];
}

async function storePosition(sb: Sandboxes, position: unknown, key = 'payments:0/1'): Promise<void> {
  const text = typeof position === 'string' ? position : JSON.stringify(position);
  const row = cursorRows(sb).find((r) => r.Partition_Key__c === key);
  if (row) await sb.org.updateAsSystem('Payment_Sync_Cursor__c', [{ Id: row.Id, Cursor__c: text }]);
  else
    await sb.org.insertAsSystem('Payment_Sync_Cursor__c', [
      { Name: key, Partition_Key__c: key, Cursor__c: text }
    ]);
}

function storedPosition(
  sb: Sandboxes,
  key = 'payments:0/1'
): { c: string | null; m: string | null; a?: { i: string }[] } {
  const row = cursorRows(sb).find((r) => r.Partition_Key__c === key);
  return JSON.parse(row?.Cursor__c ?? 'null') as { c: string | null; m: string | null; a?: { i: string }[] };
}

async function forceEdit(sb: Sandboxes, id: string, fields: Record<string, unknown>): Promise<void> {
  await sb.org.updateAsSystem('Assistance_Payment__c', [{ Id: id, ...fields }], { as: 'staff' });
}

const nextSecond = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 1100));

describe('issue 12 worker items', () => {
  let sb: Sandboxes;

  afterEach(async () => {
    await sb?.stop();
  });

  describe('issue 12 item 1: the API-allowance back-off ends by itself', () => {
    it('re-reads /limits after a back-off pause and resumes once there is room', async () => {
      sb = await startSandboxes();
      await seedPayments(sb, 3);
      const { worker: w } = await worker(sb);
      await w.runCycle();
      const { max } = sb.org.apiUsage();
      sb.org.setApiUsage(max - 10);
      await w.runCycle().catch(() => undefined); // learns the usage from the answer headers
      expect((await w.runCycle()).backedOff).toBe(true);

      // the new day: usage back at 0, and work waiting
      sb.org.setApiUsage(0);
      const fresh = await seedPayments(sb, 2);
      const resumed = await w.runCycle();
      expect(resumed.backedOff).toBe(false);
      expect(resumed.apiCallsByKind.limits).toBe(1);
      expect(resumed.submitted).toBe(2);
      expect(exactlyOnce(sb, fresh)).toEqual({ duplicates: [], missing: [] });
    });

    it('stays paused, one /limits call per pause, while the allowance is still spent', async () => {
      sb = await startSandboxes();
      await seedPayments(sb, 3);
      const { worker: w } = await worker(sb);
      await w.runCycle();
      const { max } = sb.org.apiUsage();
      sb.org.setApiUsage(max - 10);
      await w.runCycle().catch(() => undefined);
      expect((await w.runCycle()).backedOff).toBe(true);
      const paused = await w.runCycle();
      expect(paused.backedOff).toBe(true);
      expect(paused.apiCalls).toBe(1);
      expect(paused.apiCallsByKind.limits).toBe(1);
    });
  });

  describe('issue 12 item 2: bad change-feed cursors', () => {
    it('starts the feed again when the payment system refuses the stored cursor (400 INVALID_CURSOR), and reports it', async () => {
      sb = await startSandboxes();
      const ids = await seedPayments(sb, 12);
      const { worker: w } = await worker(sb);
      await w.runCycle();
      // the payment system moved its feed: every cursor issued before is refused
      sb.ps.setFaults({ newCursorStream: true });
      sb.ps.advance(2000);
      const report = await w.runCycle();
      expect(report.error).toBeNull();
      expect(report.feedRestarted).toBe(true);
      expect(report.warnings.join(' ')).toContain('refused the stored change cursor');
      expect(report.mirrored).toBe(12);
      expect(statusMismatches(sb)).toEqual([]);
      // the next cycle reads on from the new cursor, nothing restarted
      const after = await w.runCycle();
      expect(after.feedRestarted).toBe(false);
      expect(after.error).toBeNull();
      expect(exactlyOnce(sb, ids)).toEqual({ duplicates: [], missing: [] });
    });

    it('recovers from a refused cursor a new process reads from the org', async () => {
      sb = await startSandboxes();
      await seedPayments(sb, 5);
      const { worker: first } = await worker(sb);
      await first.runCycle();
      await storePosition(sb, { c: 'not-a-cursor-this-payment-system-issued', m: null });
      sb.ps.advance(2000);
      const { worker: w } = await worker(sb);
      const report = await w.runCycle();
      expect(report.feedRestarted).toBe(true);
      expect(statusMismatches(sb)).toEqual([]);
      expect(storedPosition(sb).c).not.toBe('not-a-cursor-this-payment-system-issued');
    });

    it('stores a change cursor longer than 255 characters', async () => {
      sb = await startSandboxes();
      await seedPayments(sb, 4);
      sb.ps.setFaults({ longCursors: 2000 });
      const { worker: w } = await worker(sb);
      const first = await w.runCycle();
      expect(first.error).toBeNull();
      expect(storedPosition(sb).c?.length).toBeGreaterThan(2000);
      sb.ps.advance(2000);
      const { worker: restarted } = await worker(sb);
      const second = await restarted.runCycle();
      expect(second.error).toBeNull();
      expect(second.feedRestarted).toBe(false);
      expect(statusMismatches(sb)).toEqual([]);
    });
  });

  describe('issue 12 item 3: a feed that never ends', () => {
    it('treats a repeated cursor as an error and ends the cycle', async () => {
      sb = await startSandboxes();
      const ids = await seedPayments(sb, 6);
      const { worker: w } = await worker(sb);
      await w.runCycle();
      sb.ps.advance(2000);
      sb.ps.setFaults({ endlessFeed: true });
      const before = sb.ps.stats().requests;
      const report = await w.runCycle();
      expect(report.incomplete).toMatch(/same change cursor/);
      // a handful of pages, not thousands
      expect(sb.ps.stats().requests - before).toBeLessThan(10);
      // what the pages carried was still applied
      expect(statusMismatches(sb)).toEqual([]);

      sb.ps.setFaults({});
      const healthy = await w.runCycle();
      expect(healthy.incomplete).toBeNull();
      expect(exactlyOnce(sb, ids)).toEqual({ duplicates: [], missing: [] });
    });

    it('reads at most maxChangePagesPerCycle pages per cycle and goes on next cycle', async () => {
      sb = await startSandboxes();
      await seedPayments(sb, 30);
      const { worker: w } = await worker(sb, { config: { changesPageSize: 5, maxChangePagesPerCycle: 2 } });
      await w.runCycle(); // 30 creations: more pages than one cycle reads
      sb.ps.advance(2000);
      const capped = await w.runCycle();
      expect(capped.incomplete).toMatch(/change-feed pages/);
      for (let i = 0; i < 20 && statusMismatches(sb).length > 0; i++) await w.runCycle();
      expect(statusMismatches(sb)).toEqual([]);
    });

    it('stops a cycle at its deadline, saves what is safe, and the next cycles finish the work', async () => {
      sb = await startSandboxes();
      const ids = await seedPayments(sb, 60);
      // every payment-system answer is slow: the work of this cycle outlasts its deadline
      sb.ps.setFaults({ latencyMs: 100 });
      const { worker: w } = await worker(sb, { config: { cycleDeadlineMs: 300, submitConcurrency: 2 } });
      const stopped = await w.runCycle();
      expect(stopped.incomplete).toMatch(/deadline/);
      expect(stopped.submitted).toBeLessThan(60);
      // what was submitted before the deadline was written back
      const written = payments(sb).filter((p) => p.External_Payment_Id__c !== null).length;
      expect(written).toBe(stopped.submitted + stopped.healed);

      sb.ps.setFaults({});
      const { worker: later } = await worker(sb);
      await later.runCycle();
      sb.ps.advance(2000);
      await later.runCycle();
      expect(exactlyOnce(sb, ids)).toEqual({ duplicates: [], missing: [] });
      expect(statusMismatches(sb)).toEqual([]);
    });
  });

  describe('issue 12 item 4: a corrupt watermark', () => {
    it.each([
      ['garbage', 'garbage'],
      ['a watermark from the future', '2999-01-01T00:00:00Z'],
      ['SOQL smuggled in', '2020-01-01T00:00:00Z OR Id != null'],
      ['a number', 12]
    ])('falls back to a full scan with a warning: %s', async (_label, watermark) => {
      sb = await startSandboxes();
      const [id] = await seedPayments(sb, 2);
      const { worker: first } = await worker(sb);
      await first.runCycle();
      await nextSecond();
      await first.runCycle(); // the position is saved with a real watermark
      const saved = storedPosition(sb);
      await storePosition(sb, { c: saved.c, m: watermark });
      await forceEdit(sb, id, { Amount__c: 4321 });

      const { worker: w } = await worker(sb);
      const report = await w.runCycle();
      expect(report.error).toBeNull();
      expect(report.warnings.join(' ')).toContain('watermark');
      expect(report.drifted.map((d) => d.recordId)).toEqual([id]);
      expect(payments(sb).find((p) => p.Id === id)?.Drift_Detected__c).toBe(true);
    });
  });

  describe('issue 12 item 5: one record that refuses every update', () => {
    it('sets the record aside with its reason and moves the cursor and the watermark on', async () => {
      sb = await startSandboxes();
      const ids = await seedPayments(sb, 5, { Amount__c: 650 });
      const [poisoned, ...rest] = ids;
      const { worker: w } = await worker(sb);
      await w.runCycle();
      // an edit forced past the lock that also breaks another validation rule
      await forceEdit(sb, poisoned, { Amount__c: -5 });
      sb.ps.advance(2000);

      const report = await w.runCycle();
      expect(report.error).toBeNull();
      expect(report.setAside).toBe(1);
      const entry = report.quarantined.find((q) => q.recordId === poisoned);
      expect(entry?.reason).toMatch(/greater than zero/);
      // the others moved on
      const rows = new Map(payments(sb).map((p) => [p.Id, p]));
      expect(rest.every((id) => rows.get(id)?.Status__c === 'Payment Successful')).toBe(true);
      const saved = storedPosition(sb);
      expect(saved.c).not.toBeNull();
      expect(saved.a?.map((a) => a.i)).toEqual([poisoned]);

      // later cycles neither re-read everything nor retry the record; it stays in the report
      await nextSecond();
      await w.runCycle();
      await nextSecond();
      const quiet = await w.runCycle();
      expect(quiet.apiCallsByKind.write).toBeUndefined();
      expect(quiet.mirrored).toBe(0);
      expect(quiet.quarantined.map((q) => q.recordId)).toEqual([poisoned]);
      expect(quiet.quarantined[0].reason).toMatch(/Set aside/);

      // someone fixes the amount: the record is read again, its status mirrored and its drift kept
      await forceEdit(sb, poisoned, { Amount__c: 700 });
      const healed = await w.runCycle();
      expect(healed.setAside).toBe(0);
      const fixed = payments(sb).find((p) => p.Id === poisoned);
      expect(fixed?.Status__c).toBe('Payment Successful');
      expect(fixed?.Drift_Detected__c).toBe(true);
      expect(fixed?.Drift_Details__c).toContain('now 700.00');
      expect(exactlyOnce(sb, ids)).toEqual({ duplicates: [], missing: [] });
      expect(storedPosition(sb).a ?? []).toEqual([]);
    });
  });

  describe('issue 12 item 6: partitions scaled down', () => {
    it('sees drift on records partitioned under 4 workers when 2 run', async () => {
      sb = await startSandboxes();
      const ids = await seedPayments(sb, 40);
      const four = await Promise.all(
        [0, 1, 2, 3].map((index) => worker(sb, { config: { partition: { index, count: 4 } } }))
      );
      await Promise.all(four.map(({ worker: w }) => w.runCycle()));
      const partitions = sb.org.querySystem(
        'SELECT Id, Sync_Partition__c FROM Assistance_Payment__c'
      ) as unknown as { Id: string; Sync_Partition__c: number }[];
      const high = partitions.filter((p) => p.Sync_Partition__c >= 2).map((p) => p.Id);
      expect(high.length).toBeGreaterThan(0);
      for (const id of high) await forceEdit(sb, id, { Amount__c: 5000 });

      const two = await Promise.all(
        [0, 1].map((index) => worker(sb, { config: { partition: { index, count: 2 } } }))
      );
      const reports = await Promise.all(two.map(({ worker: w }) => w.runCycle()));
      const flagged = reports.flatMap((r) => r.drifted.map((d) => d.recordId)).sort();
      expect(flagged).toEqual([...high].sort());
      expect(
        payments(sb)
          .filter((p) => p.Drift_Detected__c)
          .map((p) => p.Id)
          .sort()
      ).toEqual([...high].sort());
      sb.ps.advance(2000);
      await Promise.all(two.map(({ worker: w }) => w.runCycle()));
      expect(statusMismatches(sb)).toEqual([]);
      expect(exactlyOnce(sb, ids)).toEqual({ duplicates: [], missing: [] });
    });
  });

  describe('issue 12 item 7: jsforce session refresh is bounded', () => {
    it.each([
      ['username and password', false],
      ['client credentials', true]
    ])(
      'a 401 that persists after a successful re-login ends the cycle (%s), and the next cycle comes back',
      async (_label, clientCredentials) => {
        sb = await startSandboxes();
        await seedPayments(sb, 3);
        const { worker: w, session } = await worker(sb, { clientCredentials });
        await w.runCycle();
        // every query is refused as an invalid session, although logging in works
        sb.org.setFaults({ rules: [{ endpoint: 'query', kind: 'INVALID_SESSION_ID', rate: 1 }] });
        const cycle = w.runCycle();
        // without a bound jsforce renews for ever: fail as soon as it clearly does
        const runaway = new Promise<never>((_, reject) => {
          const timer = setInterval(() => {
            if (session.renewals() > 50) {
              clearInterval(timer);
              reject(new Error(`session renewed ${session.renewals()} times`));
            }
          }, 5);
          cycle.then(
            () => clearInterval(timer),
            () => clearInterval(timer)
          );
        });
        await expect(Promise.race([cycle, runaway])).rejects.toThrow(/INVALID_SESSION_ID/);
        expect(session.renewals()).toBeLessThanOrEqual(3);

        sb.org.setFaults({});
        sb.ps.advance(2000);
        const back = await w.runCycle();
        expect(back.error).toBeNull();
        expect(statusMismatches(sb)).toEqual([]);
      }
    );
  });

  describe('issue 12 item 8: timeouts and stopping', () => {
    let blackHole: net.Server | null = null;
    const held: net.Socket[] = [];
    afterEach(async () => {
      for (const socket of held) socket.destroy();
      await new Promise<void>((resolve) => (blackHole ? blackHole.close(() => resolve()) : resolve()));
      blackHole = null;
    });

    it('gives up on a Salesforce instance that never answers', async () => {
      sb = await startSandboxes();
      blackHole = net.createServer((socket) => held.push(socket));
      await new Promise<void>((resolve) => blackHole?.listen(0, '127.0.0.1', () => resolve()));
      const port = (blackHole.address() as AddressInfo).port;
      const session = await openSession(
        { kind: 'token', instanceUrl: `http://127.0.0.1:${port}`, accessToken: '00D8d0000000001!token' },
        '64.0',
        { timeoutMs: 300 }
      );
      const gateway = new SalesforceGateway({
        connection: session.connection,
        logger: silent,
        backoff: { maxRetries: 1, baseMs: 1, maxMs: 1 },
        timeoutMs: 300
      });
      await expect(gateway.limits()).rejects.toThrow(/limits/);
      await expect(
        gateway.call('scan', { method: 'GET', url: '/services/data/v64.0/query?q=SELECT+Id+FROM+Account' })
      ).rejects.toThrow(/did not answer|abort|timeout/i);
    });

    it('ends the process after SIGTERM while Salesforce calls are being retried', async () => {
      sb = await startSandboxes({
        org: { faults: { rules: [{ endpoint: 'query', kind: 'SERVER_UNAVAILABLE', rate: 1 }] } }
      });
      await seedPayments(sb, 2);
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sync-stop-'));
      const configFile = path.join(dir, 'worker.json');
      // a back-off that would wait an hour between attempts
      fs.writeFileSync(
        configFile,
        JSON.stringify({
          ...TEST_CONFIG,
          backoff: { maxRetries: 10, baseMs: 3_600_000, maxMs: 3_600_000 },
          paymentSystem: { ...TEST_CONFIG.paymentSystem, url: sb.ps.url }
        })
      );
      const u = sb.org.users.integration;
      const child = spawn(
        process.execPath,
        [
          '-r',
          'ts-node/register/transpile-only',
          path.join('scripts', 'sync', 'cli.ts'),
          '--config',
          configFile
        ],
        {
          env: {
            PATH: process.env.PATH,
            SF_LOGIN_URL: sb.org.loginUrl,
            SF_USERNAME: u.username,
            SF_PASSWORD: u.password,
            PAYMENT_SYSTEM_TOKEN: sb.ps.token,
            TS_NODE_TRANSPILE_ONLY: 'true'
          },
          stdio: ['ignore', 'pipe', 'pipe']
        }
      );
      let out = '';
      child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
      const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
      try {
        // wait until the worker is inside its back-off
        for (let i = 0; i < 600 && !out.includes('backing off'); i++)
          await new Promise((r) => setTimeout(r, 100));
        expect(out).toContain('backing off');
        child.kill('SIGTERM');
        expect(await exited).toBe(0);
        expect(out).toContain('stopping');
      } finally {
        child.kill('SIGKILL');
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });
  });

  describe('issue 12 item 9: configuration errors are not per-payment errors', () => {
    it.each([
      ['a wrong token', (s: Sandboxes) => ({ url: s.ps.url, token: 'wrong-token' }), /token/],
      [
        'a base URL that is not the payment system (404)',
        (s: Sandboxes) => ({ url: `${s.ps.url}/elsewhere`, token: s.ps.token }),
        /URL/
      ]
    ])('stops the cycle with one message on %s and marks no payment', async (_label, target, message) => {
      sb = await startSandboxes();
      await seedPayments(sb, 20);
      const { worker: w, paymentSystem } = await worker(sb, { paymentSystem: target(sb) });
      await expect(paymentSystem.verify?.()).rejects.toBeInstanceOf(PaymentSystemConfigError);
      await expect(w.runCycle()).rejects.toThrow(message);
      expect(payments(sb).every((p) => p.Sync_Error__c === null && p.External_Payment_Id__c === null)).toBe(
        true
      );
      expect(sb.ps.payments()).toHaveLength(0);
    });

    it('refuses at start-up a token with a line break, without echoing it', async () => {
      sb = await startSandboxes();
      await expect(
        worker(sb, { paymentSystem: { url: sb.ps.url, token: `${sb.ps.token}\n` } })
      ).rejects.toThrow(/token/);
      await expect(
        worker(sb, { paymentSystem: { url: sb.ps.url, token: `${sb.ps.token}\n` } })
      ).rejects.not.toThrow(sb.ps.token);
    });

    it('requires https except for loopback addresses', () => {
      const make = (baseUrl: string): PaymentSystemClient =>
        new PaymentSystemClient({ baseUrl, token: 'abc' });
      expect(() => make('http://payments.agency.example')).toThrow(/https/);
      expect(() => make('http://10.0.0.5:4010')).toThrow(/https/);
      expect(() => make('https://payments.agency.example')).not.toThrow();
      expect(() => make('http://127.0.0.1:4010')).not.toThrow();
      expect(() => make('http://localhost:4010')).not.toThrow();
      expect(() => make('http://[::1]:4010')).not.toThrow();
    });

    it('never follows a redirect: the body, the key and the token stay home', async () => {
      let elsewhere = 0;
      const other = http.createServer((_req, res) => {
        elsewhere++;
        res.writeHead(201, { 'content-type': 'application/json' }).end('{}');
      });
      await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', () => resolve()));
      const otherPort = (other.address() as AddressInfo).port;
      const redirecting = http.createServer((req, res) => {
        res.writeHead(307, { location: `http://127.0.0.1:${otherPort}${req.url ?? '/'}` }).end();
      });
      await new Promise<void>((resolve) => redirecting.listen(0, '127.0.0.1', () => resolve()));
      const port = (redirecting.address() as AddressInfo).port;
      try {
        const client = new PaymentSystemClient({
          baseUrl: `http://127.0.0.1:${port}`,
          token: 'secret-token'
        });
        const submission = {
          amount: 10,
          currency: 'USD' as const,
          payee: 'Landlord',
          reasonCode: 'ARR',
          caseId: '500000000000001AAA'
        };
        await expect(client.submitPayment('a0A000000000001AAA', submission)).rejects.toBeInstanceOf(
          PaymentSystemConfigError
        );
        await expect(client.submitPayment('a0A000000000001AAA', submission)).rejects.toThrow(/redirect/);
        expect(elsewhere).toBe(0);
      } finally {
        await new Promise<void>((resolve) => redirecting.close(() => resolve()));
        await new Promise<void>((resolve) => other.close(() => resolve()));
      }
    });

    it('refuses an answer larger than the cap without reading it all', async () => {
      let written = 0;
      const huge = http.createServer((_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        const chunk = Buffer.alloc(64 * 1024, 0x20);
        const pump = (): void => {
          // stops once the client hung up; 150 MB at most
          while (written < 150 * 1024 * 1024 && !res.destroyed) {
            written += chunk.length;
            if (!res.write(chunk)) return void res.once('drain', pump);
          }
          res.end();
        };
        pump();
      });
      await new Promise<void>((resolve) => huge.listen(0, '127.0.0.1', () => resolve()));
      const port = (huge.address() as AddressInfo).port;
      try {
        const client = new PaymentSystemClient({
          baseUrl: `http://127.0.0.1:${port}`,
          token: 'abc',
          maxAnswerBytes: 1024 * 1024
        });
        const failure = client.listChanges(null, 10);
        await expect(failure).rejects.toBeInstanceOf(MalformedResponseError);
        await expect(client.getPayment('PAY-1')).rejects.toThrow(/larger than 1048576 bytes/);
        expect(written).toBeLessThan(150 * 1024 * 1024);
      } finally {
        huge.closeAllConnections();
        await new Promise<void>((resolve) => huge.close(() => resolve()));
      }
    });
  });

  describe('issue 12 item 11: keys matched exactly and unique across orgs', () => {
    it('never adopts a payment whose key is the 15-character form of a record Id', async () => {
      sb = await startSandboxes();
      const [id] = await seedPayments(sb, 1);
      // someone else's payment under the short form of the record's Id, already paid out
      const client = new PaymentSystemClient({ baseUrl: sb.ps.url, token: sb.ps.token });
      const foreign = await client.submitPayment(id.slice(0, 15), {
        amount: 1,
        currency: 'USD',
        payee: 'Somebody Else',
        reasonCode: 'ARR',
        caseId: sb.caseId
      });
      sb.ps.advance(2000);
      // the record's own submission fails for a while (every attempt answered 503)
      sb.ps.setFaults({
        script: Array.from({ length: 5 }, () => ({ endpoint: 'submit' as const, fault: 'error503' as const }))
      });
      const { worker: w } = await worker(sb);
      await w.runCycle();
      expect(payments(sb)[0].External_Payment_Id__c).toBeNull();

      await w.runCycle();
      const [row] = payments(sb);
      const own = sb.ps.payments().find((p) => p.id !== foreign.payment.id);
      expect(row.External_Payment_Id__c).toBe(own?.id);
      expect(own?.idempotencyKey).toBe(`${orgKeyPrefix(sb.org.orgId)}_${id}`);
      expect(createdByRecord(sb).get(id)).toBe(1);
    });

    it('sends keys prefixed with the org Id', async () => {
      sb = await startSandboxes();
      const ids = await seedPayments(sb, 3);
      const { worker: w } = await worker(sb);
      await w.runCycle();
      const prefix = orgKeyPrefix(sb.org.orgId);
      expect(
        sb.ps
          .payments()
          .map((p) => p.idempotencyKey)
          .sort()
      ).toEqual(ids.map((id) => `${prefix}_${id}`).sort());
    });

    it('keeps payments submitted under the old key (the record Id) working', async () => {
      sb = await startSandboxes();
      const [sent, lost] = await seedPayments(sb, 2);
      // an earlier worker ran here (its position has no mark of the org-prefixed keys)
      await storePosition(sb, { c: null, m: null });
      const client = new PaymentSystemClient({ baseUrl: sb.ps.url, token: sb.ps.token });
      const submission = (amount: number): Parameters<typeof client.submitPayment>[1] => ({
        amount,
        currency: 'USD',
        payee: 'Landlord 1',
        reasonCode: 'ARR',
        vendorId: 'VEN-1',
        caseId: sb.caseId
      });
      const rows = new Map(payments(sb).map((p) => [p.Id, p]));
      // one was sent and written back under the old key; the other was sent and its write-back lost
      const old = await client.submitPayment(sent, submission(rows.get(sent)?.Amount__c ?? 0));
      await client.submitPayment(lost, submission(rows.get(lost)?.Amount__c ?? 0));
      await sb.org.updateAsSystem('Assistance_Payment__c', [
        {
          Id: sent,
          External_Payment_Id__c: old.payment.id,
          Submitted_Snapshot__c: JSON.stringify({
            amount: old.payment.amount,
            payee: old.payment.payee,
            vendorId: old.payment.vendorId,
            reasonCode: old.payment.reasonCode,
            caseId: old.payment.caseId
          })
        }
      ]);
      const { worker: w } = await worker(sb);
      const first = await w.runCycle();
      expect(first.healed).toBe(1);
      expect(first.submitted).toBe(0);
      sb.ps.advance(2000);
      await w.runCycle();
      expect(exactlyOnce(sb, [sent, lost])).toEqual({ duplicates: [], missing: [] });
      expect(sb.ps.payments()).toHaveLength(2);
      expect(statusMismatches(sb)).toEqual([]);
      expect(payments(sb).every((p) => p.Status__c === 'Payment Successful')).toBe(true);
    });
  });

  describe('issue 12 item 12: later edits update the drift details', () => {
    it('rewrites the details of a flagged record edited again, then stays quiet', async () => {
      sb = await startSandboxes();
      const [id] = await seedPayments(sb, 1, { Amount__c: 650 });
      const { worker: w } = await worker(sb);
      await w.runCycle();
      await forceEdit(sb, id, { Amount__c: 1650 });
      await w.runCycle();
      expect(payments(sb)[0].Drift_Details__c).toContain('now 1650.00');

      await forceEdit(sb, id, { Amount__c: 2650, Payee__c: 'Someone Else' });
      const again = await w.runCycle();
      expect(again.drifted.map((d) => d.recordId)).toEqual([id]);
      const [row] = payments(sb);
      expect(row.Drift_Details__c).toContain('now 2650.00');
      expect(row.Drift_Details__c).toContain('payee: submitted Landlord 0, now Someone Else');
      expect(sb.ps.payments()[0].amount).toBe(650);

      // nothing changed since: no write goes out for it again
      await nextSecond();
      await w.runCycle();
      await nextSecond();
      const quiet = await w.runCycle();
      expect(quiet.apiCallsByKind.write).toBeUndefined();
      expect(quiet.drifted).toEqual([]);
    });
  });
});
