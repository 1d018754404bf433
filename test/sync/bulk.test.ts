/**
 * The sync worker above its bulk threshold: Bulk API 2.0 query and ingest jobs through jsforce's
 * bulk2 module against the sandbox org over real HTTP. The threshold is set to 50 so that a few
 * hundred payments take the bulk path.
 */
import * as fs from 'node:fs';
import {
  exactlyOnce,
  payments,
  seedPayments,
  settleBeforeWrites,
  startSandboxes,
  statusMismatches,
  statusWithoutPaymentId,
  TEST_CONFIG,
  worker,
  type Sandboxes
} from './sandboxes';
import {
  csvRows,
  csvValue,
  nextPollWait,
  parseBulkError,
  platformError,
  typedRow
} from '../../scripts/sync/bulk';
import { uploadStream } from '../../scripts/sync/bulk-spool';
import type { WorkerConfig } from '../../scripts/sync/config';
import * as os from 'node:os';
import * as path from 'node:path';
import { buffer } from 'node:stream/consumers';

jest.setTimeout(180_000);

const BULK: Partial<WorkerConfig> = {
  bulk: { ...TEST_CONFIG.bulk, threshold: 50, queryPageSize: 100, pollIntervalMs: 20, maxPollIntervalMs: 100 }
};

describe('Bulk API 2.0 values', () => {
  it('reads query CSV values as the REST API returns them: numbers, checkboxes, datetimes, empty as null', () => {
    const row = typedRow<Record<string, unknown>>(
      {
        Id: 'a0X000000000001AAA',
        Amount__c: '650.5',
        Drift_Detected__c: 'false',
        SystemModstamp: '2026-01-02T03:04:05.000Z',
        Payee__c: '',
        Sync_Partition__c: ''
      },
      {
        Amount__c: 'number',
        Drift_Detected__c: 'boolean',
        SystemModstamp: 'datetime',
        Sync_Partition__c: 'number'
      }
    );
    expect(row).toEqual({
      Id: 'a0X000000000001AAA',
      Amount__c: 650.5,
      Drift_Detected__c: false,
      SystemModstamp: '2026-01-02T03:04:05.000+0000',
      Payee__c: null,
      Sync_Partition__c: null
    });
    expect(() => typedRow({ Amount__c: 'twelve' }, { Amount__c: 'number' })).toThrow(/Amount__c/);
  });

  it('writes null as #N/A, leaves a field the update does not set empty, and quotes CSV', () => {
    expect(csvValue(null)).toBe('#N/A');
    expect(csvValue(undefined)).toBe('');
    expect(csvValue(true)).toBe('true');
    expect(csvValue(12.5)).toBe('12.5');
    expect(csvValue('{"amount":650,"payee":"A, B"}')).toBe('"{""amount"":650,""payee"":""A, B""}"');
    expect(csvValue('line 1\nline 2')).toBe('"line 1\nline 2"');
  });

  it('reads the status code and message of a failed record', () => {
    expect(parseBulkError('UNABLE_TO_LOCK_ROW:unable to obtain exclusive access to this record:--')).toEqual({
      statusCode: 'UNABLE_TO_LOCK_ROW',
      message: 'unable to obtain exclusive access to this record'
    });
    expect(
      parseBulkError('FIELD_CUSTOM_VALIDATION_EXCEPTION:Payment is locked: amount:Amount__c --')
    ).toEqual({
      statusCode: 'FIELD_CUSTOM_VALIDATION_EXCEPTION',
      message: 'Payment is locked: amount'
    });
  });
});

describe('Bulk API 2.0 result pages read a row at a time', () => {
  it('reads quoted fields with commas, doubled quotes and line breaks, empty fields, LF and CRLF', () => {
    const text =
      'Id,Submitted_Snapshot__c,Payee__c\n' +
      'a01,"{""payee"":""A, B""}",Landlord\r\n' +
      'a02,,"two\nlines"\n' +
      'a03,"",\n';
    expect([...csvRows(text)]).toEqual([
      ['Id', 'Submitted_Snapshot__c', 'Payee__c'],
      ['a01', '{"payee":"A, B"}', 'Landlord'],
      ['a02', '', 'two\nlines'],
      ['a03', '', '']
    ]);
    // what csvValue writes, csvRows reads back
    const values = ['{"amount":650,"payee":"A, B"}', 'line 1\nline 2', 'plain'];
    expect([...csvRows(values.map(csvValue).join(',') + '\n')]).toEqual([values]);
  });

  it('refuses a quoted field that is never closed or has text after its closing quote, naming it', () => {
    expect(() => [...csvRows('Id,Payee__c\na01,"Landlord\n')]).toThrow(/never closed/);
    expect(() => [...csvRows('Id,Payee__c\na01,"Land"lord\n')]).toThrow(/after a closing quote/);
  });

  it("reads Salesforce's error code back from a page asked for as text, so an expired session is renewed", () => {
    const err = platformError({
      errorCode: 'ERROR_HTTP_401',
      message: '[{"errorCode":"INVALID_SESSION_ID","message":"Session expired or invalid"}]'
    }) as Error & { errorCode: string };
    expect(err.errorCode).toBe('INVALID_SESSION_ID');
    expect(err.message).toBe('Session expired or invalid');
    // anything else is left as jsforce reported it
    const html = { errorCode: 'ERROR_HTTP_503', message: '<html>Service Unavailable</html>' };
    expect(platformError(html)).toBe(html);
    const coded = { errorCode: 'REQUEST_LIMIT_EXCEEDED', message: 'TotalRequests Limit exceeded.' };
    expect(platformError(coded)).toBe(coded);
  });
});

describe('Bulk API 2.0 job-state checks', () => {
  const settings = { pollIntervalMs: 250, maxPollIntervalMs: 30_000 };

  it("checks again when the job's steady pace says it will be done, so a large job costs a few checks", () => {
    // 25,000 of 100,000 rows done in the 4 s since the last check: the other 75,000 need about 12 s
    expect(nextPollWait(500, { ms: 4000, done: 25_000, left: 75_000, steady: true }, settings)).toBe(12_000);
    // nearly done: the next check comes soon, not after the doubled interval
    expect(nextPollWait(8000, { ms: 2000, done: 20_000, left: 1000, steady: true }, settings)).toBe(250);
  });

  it('follows the latest pace: a job that slowed down is given longer, one that sped up is checked sooner', () => {
    expect(nextPollWait(1000, { ms: 1000, done: 10_000, left: 40_000, steady: true }, settings)).toBe(4000);
    expect(nextPollWait(1000, { ms: 1000, done: 40_000, left: 40_000, steady: true }, settings)).toBe(1000);
  });

  it('after the first progress seen, checks again no later than that stretch was long (it may include time in the queue)', () => {
    // 2,000 of 30,000 rows 360 ms after the close: a pace that says 5 s may be queue time, check after 360 ms
    expect(nextPollWait(250, { ms: 360, done: 2000, left: 28_000, steady: false }, settings)).toBe(360);
    // a first stretch that says the job is nearly done is believed
    expect(nextPollWait(250, { ms: 4000, done: 29_000, left: 1000, steady: false }, settings)).toBe(250);
  });

  it('never waits longer than maxPollIntervalMs, and waits the doubling interval when no progress is known', () => {
    expect(nextPollWait(500, { ms: 10_000, done: 1, left: 99_999, steady: true }, settings)).toBe(30_000);
    expect(nextPollWait(500, { ms: 10_000, done: 0, left: 100_000, steady: true }, settings)).toBe(500);
    expect(nextPollWait(8000, null, settings)).toBe(8000);
    expect(nextPollWait(64_000, null, settings)).toBe(30_000);
  });
});

describe('an ingest job uploads its CSV file byte for byte', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'upload-'));
  });
  afterEach(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('keeps characters of several bytes whole where a chunk ends inside one', async () => {
    const file = path.join(dir, 'ingest.csv');
    const text = `Id,Payee__c\n${Array.from({ length: 50 }, (_, i) => `a0${i},Propriétaire Ñandú 住宅 ${i}\n`).join('')}`;
    fs.writeFileSync(file, text);
    // 7-byte chunks split many of the two- and three-byte characters
    const uploaded = await buffer(uploadStream(file, 7));
    expect(uploaded.equals(fs.readFileSync(file))).toBe(true);
    expect(uploaded.toString('utf8')).toBe(text);
  });

  it('fails naming the file when it cannot be read', async () => {
    const missing = path.join(dir, 'gone.csv');
    await expect(buffer(uploadStream(missing))).rejects.toThrow(missing);
  });
});

describe('sync worker above the bulk threshold', () => {
  let sb: Sandboxes;

  afterEach(async () => {
    await sb?.stop();
  });

  it('sends and mirrors 300 payments through query and ingest jobs, exactly once', async () => {
    sb = await startSandboxes();
    const ids = await seedPayments(sb, 300);
    await seedPayments(sb, 5, { Status__c: 'Verified By Worker' });
    const { worker: w } = await worker(sb, { config: BULK });

    const first = await w.runCycle();
    expect(first.submitted).toBe(300);
    expect(first.apiCallsByKind['bulk-scan']).toBeGreaterThanOrEqual(3);
    expect(first.apiCallsByKind['bulk-write']).toBeGreaterThanOrEqual(4);
    expect(first.apiCallsByKind.write).toBeUndefined();
    expect(first.bulkJobs).toBe(1);
    expect(exactlyOnce(sb, ids)).toEqual({ duplicates: [], missing: [] });
    const sent = payments(sb).filter((p) => ids.includes(p.Id));
    expect(sent.every((p) => p.External_Payment_Id__c !== null && p.Submitted_Snapshot__c !== null)).toBe(
      true
    );
    expect(sent.every((p) => p.Sync_Error__c === null)).toBe(true);

    sb.ps.advance(2000);
    const second = await w.runCycle();
    expect(second.mirrored).toBe(300);
    expect(second.apiCallsByKind['bulk-lookup']).toBeGreaterThanOrEqual(3);
    expect(second.apiCallsByKind.lookup).toBeUndefined();
    expect(statusMismatches(sb)).toEqual([]);
    expect(payments(sb).filter((p) => p.Status__c === 'Payment Successful')).toHaveLength(300);
    expect(payments(sb).filter((p) => p.Status__c === 'Verified By Worker')).toHaveLength(5);
    // the status-only rows leave the write-back columns empty: what the first cycle wrote stays
    const after = payments(sb).filter((p) => ids.includes(p.Id));
    expect(after.map((p) => [p.External_Payment_Id__c, p.Submitted_Snapshot__c])).toEqual(
      sent.map((p) => [p.External_Payment_Id__c, p.Submitted_Snapshot__c])
    );
    expect(after.every((p) => p.External_Payment_Id__c !== null)).toBe(true);
  });

  it('writes back payees with accents and other scripts exactly: the submitted snapshot holds what was sent', async () => {
    sb = await startSandboxes();
    const payee = 'Propriétaire Ñandú 住宅';
    const ids = await seedPayments(sb, 400, { Payee__c: payee });
    const { worker: w } = await worker(sb, { config: BULK });
    const first = await w.runCycle();
    expect(first.error).toBeNull();
    expect(first.bulkJobs).toBe(1);
    expect(exactlyOnce(sb, ids)).toEqual({ duplicates: [], missing: [] });
    const snapshots = payments(sb).map(
      (p) => JSON.parse(p.Submitted_Snapshot__c ?? 'null') as { payee?: string }
    );
    expect(snapshots).toHaveLength(400);
    expect(snapshots.every((snapshot) => snapshot?.payee === payee)).toBe(true);
  });

  it('works through result pages larger than a REST page a REST page at a time, sending every payment once', async () => {
    sb = await startSandboxes();
    const ids = await seedPayments(sb, 450);
    // pages of 300 rows, handed on 200 at a time (200 + 100, 150): none lost, none sent twice
    const { worker: w } = await worker(sb, {
      config: { bulk: { ...BULK.bulk!, queryPageSize: 300 }, queryBatchSize: 200 }
    });
    const first = await w.runCycle();
    expect(first.error).toBeNull();
    expect(first.submitted).toBe(450);
    expect(first.apiCallsByKind['bulk-scan']).toBeGreaterThanOrEqual(2);
    expect(exactlyOnce(sb, ids)).toEqual({ duplicates: [], missing: [] });
    sb.ps.advance(2000);
    const second = await w.runCycle();
    expect(second.mirrored).toBe(450);
    expect(statusMismatches(sb)).toEqual([]);
  });

  it('retries records an ingest job refuses for a moment (row locks) and converges, as in a collection', async () => {
    sb = await startSandboxes({ org: { faults: { seed: 3, recordFailureRate: 0.1 } } });
    const ids = await seedPayments(sb, 200);
    const { worker: w } = await worker(sb, { config: BULK });
    const first = await w.runCycle();
    expect(first.error).toBeNull();
    expect(first.recordFailuresRetried).toBeGreaterThan(0);
    sb.ps.advance(2000);
    for (let i = 0; i < 4; i++) await w.runCycle();
    sb.org.setFaults({});
    await w.runCycle();
    expect(exactlyOnce(sb, ids)).toEqual({ duplicates: [], missing: [] });
    expect(statusMismatches(sb)).toEqual([]);
    expect(payments(sb).filter((p) => p.Status__c === 'Payment Successful')).toHaveLength(200);
    expect(payments(sb).filter((p) => p.Sync_Error__c !== null)).toEqual([]);
  });

  it('renews an expired session and backs off a refused request while reading result pages: sent and mirrored exactly once', async () => {
    sb = await startSandboxes({
      org: {
        faults: {
          seed: 5,
          rules: [
            { endpoint: 'bulkResults', method: 'GET', kind: 'INVALID_SESSION_ID', rate: 0.1 },
            { endpoint: 'bulkResults', method: 'GET', kind: 'REQUEST_LIMIT_EXCEEDED', rate: 0.15 }
          ]
        }
      }
    });
    const ids = await seedPayments(sb, 450);
    const { worker: w, session } = await worker(sb, {
      config: { bulk: { ...BULK.bulk!, queryPageSize: 100 }, queryBatchSize: 200 }
    });
    const failures: string[] = [];
    for (let i = 0; i < 6; i++) {
      try {
        await w.runCycle();
      } catch (err) {
        // twice refused in a row ends the cycle, by design; the next one starts afresh
        failures.push((err as Error).message);
      }
      sb.ps.advance(2000);
    }
    // a page's error is read as Salesforce's code (renewed, or backed off and retried), never as a bare HTTP status
    expect(failures.filter((m) => !/INVALID_SESSION_ID/.test(m))).toEqual([]);
    expect(session.renewals()).toBeGreaterThan(0);
    expect(exactlyOnce(sb, ids)).toEqual({ duplicates: [], missing: [] });
    expect(statusMismatches(sb)).toEqual([]);
  });

  it('survives failures of job creation, upload and result reads, and jobs that fail part way: exactly once', async () => {
    sb = await startSandboxes({
      org: {
        faults: {
          seed: 11,
          bulkJobFailureRate: 0.3,
          rules: [
            { endpoint: 'bulkCreate', kind: 'SERVER_UNAVAILABLE', rate: 0.25 },
            { endpoint: 'bulkUpload', kind: 'SERVER_UNAVAILABLE', rate: 0.25 },
            { endpoint: 'bulkResults', kind: 'SERVER_UNAVAILABLE', rate: 0.25 },
            { endpoint: 'bulkJob', kind: 'SERVER_UNAVAILABLE', rate: 0.1 }
          ]
        }
      }
    });
    const ids = await seedPayments(sb, 240);
    const { worker: w } = await worker(sb, { config: BULK });
    const failures: string[] = [];
    const cycle = async (): Promise<void> => {
      try {
        await w.runCycle();
      } catch (err) {
        failures.push((err as Error).message);
      }
    };
    for (let i = 0; i < 4; i++) await cycle();
    sb.ps.advance(2000);
    for (let i = 0; i < 6; i++) await cycle();
    sb.org.setFaults({});
    await cycle();
    await cycle();
    expect(exactlyOnce(sb, ids)).toEqual({ duplicates: [], missing: [] });
    expect(statusMismatches(sb)).toEqual([]);
    expect(payments(sb).filter((p) => p.Status__c === 'Payment Successful')).toHaveLength(240);
    expect(payments(sb).filter((p) => p.Sync_Error__c !== null)).toEqual([]);
  });

  it('looks up by Id the changes whose record the bulk query does not return (a replayed feed of settled payments)', async () => {
    sb = await startSandboxes();
    const ids = await seedPayments(sb, 120);
    const { worker: w } = await worker(sb, { config: BULK });
    await w.runCycle();
    sb.ps.advance(2000);
    await w.runCycle();
    expect(statusMismatches(sb)).toEqual([]);
    // every cursor refused: the whole feed is read again, and every record is already Payment Successful
    sb.ps.setFaults({ newCursorStream: true });
    const replay = await w.runCycle();
    expect(replay.error).toBeNull();
    expect(replay.feedRestarted).toBe(true);
    expect(replay.staleChanges + replay.mirrored).toBe(0);
    expect(replay.apiCallsByKind['bulk-lookup']).toBeGreaterThan(0);
    expect(replay.apiCallsByKind.lookup).toBe(1); // 120 records by Id, one retrieve
    expect(replay.apiCallsByKind['bulk-write']).toBeUndefined();
    expect(replay.apiCallsByKind.write).toBeUndefined();
    expect(exactlyOnce(sb, ids)).toEqual({ duplicates: [], missing: [] });
    expect(statusMismatches(sb)).toEqual([]);
  });

  it('mirrors in the same cycle the payments it has just sent from what their write-backs left, without reading them again', async () => {
    sb = await startSandboxes();
    const ids = await seedPayments(sb, 300);
    // the payments settle while their write-backs are on the way: the feed then carries 300 changes
    const { worker: w } = await worker(sb, { config: BULK, crashHook: settleBeforeWrites(sb) });
    const first = await w.runCycle();
    expect(first.error).toBeNull();
    expect(first.submitted).toBe(300);
    expect(first.mirrored).toBe(300);
    expect(first.apiCallsByKind['bulk-lookup']).toBeUndefined();
    expect(first.apiCallsByKind.lookup).toBeUndefined();
    expect(first.bulkJobs).toBe(2);
    expect(exactlyOnce(sb, ids)).toEqual({ duplicates: [], missing: [] });
    expect(statusMismatches(sb)).toEqual([]);
    expect(payments(sb).filter((p) => p.Status__c === 'Payment Successful')).toHaveLength(300);
    const next = await w.runCycle();
    expect(next.submitted + next.mirrored + next.healed).toBe(0);
  });

  it('reads again the records whose write-back Salesforce refused before mirroring their payments: no status without its payment id', async () => {
    sb = await startSandboxes({ org: { faults: { seed: 11, recordFailureRate: 0.3 } } });
    const ids = await seedPayments(sb, 300);
    const { worker: w } = await worker(sb, { config: BULK, crashHook: settleBeforeWrites(sb) });
    const first = await w.runCycle();
    expect(first.error).toBeNull();
    expect(first.recordFailuresRetried).toBeGreaterThan(0);
    expect((first.apiCallsByKind.lookup ?? 0) + (first.apiCallsByKind['bulk-lookup'] ?? 0)).toBeGreaterThan(
      0
    );
    expect(statusWithoutPaymentId(sb)).toEqual([]);
    for (let i = 0; i < 3; i++) await w.runCycle();
    sb.org.setFaults({});
    await w.runCycle();
    await w.runCycle();
    expect(statusWithoutPaymentId(sb)).toEqual([]);
    expect(exactlyOnce(sb, ids)).toEqual({ duplicates: [], missing: [] });
    expect(statusMismatches(sb)).toEqual([]);
    expect(payments(sb).filter((p) => p.Status__c === 'Payment Successful')).toHaveLength(300);
    expect(payments(sb).filter((p) => p.Sync_Error__c !== null)).toEqual([]);
  });

  it('joins a feed of payments sent this cycle and earlier: the earlier ones are read by a query job', async () => {
    sb = await startSandboxes();
    const earlier = await seedPayments(sb, 120);
    let armed = false;
    const { worker: w } = await worker(sb, { config: BULK, crashHook: settleBeforeWrites(sb, () => armed) });
    const first = await w.runCycle();
    expect(first.submitted).toBe(120);
    expect(first.mirrored).toBe(0);
    const later = await seedPayments(sb, 200);
    armed = true;
    const second = await w.runCycle();
    expect(second.error).toBeNull();
    expect(second.submitted).toBe(200);
    expect(second.mirrored).toBe(320);
    expect(second.apiCallsByKind['bulk-lookup']).toBeGreaterThan(0);
    expect(second.apiCallsByKind.lookup).toBeUndefined();
    expect(exactlyOnce(sb, [...earlier, ...later])).toEqual({ duplicates: [], missing: [] });
    expect(statusMismatches(sb)).toEqual([]);
    expect(payments(sb).filter((p) => p.Status__c === 'Payment Successful')).toHaveLength(320);
  });

  it('keeps a sample of 100 quarantined payments in the report and every one in its fullList file', async () => {
    sb = await startSandboxes();
    const unsendable = await seedPayments(sb, 130, { Payee__c: null });
    const { worker: w } = await worker(sb, { config: BULK });
    const report = await w.runCycle();
    expect(report.error).toBeNull();
    expect(report.quarantinedCount).toBe(130);
    expect(report.quarantined).toHaveLength(100);
    expect(report.fullList).not.toBeNull();
    const lines = fs
      .readFileSync(report.fullList as string, 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { list: string; recordId: string; reason: string });
    fs.rmSync(report.fullList as string);
    expect(lines.map((l) => l.recordId).sort()).toEqual([...unsendable].sort());
    expect(lines.every((l) => l.list === 'quarantined' && l.reason.includes('payee'))).toBe(true);
    // the marks were written by an ingest job
    expect(report.bulkJobs).toBe(1);
    expect(payments(sb).filter((p) => p.Sync_Error__c?.includes('payee'))).toHaveLength(130);
    expect(sb.ps.payments()).toHaveLength(0);
  });
});
