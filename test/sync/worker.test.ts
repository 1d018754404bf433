/**
 * The sync worker against the sandbox org and the sandbox payment system over real HTTP (jsforce on
 * one side, the payment-system client on the other).
 */
import { Connection } from 'jsforce';
import type { CrashPoint } from '../../scripts/sync/worker';
import {
  createdByRecord,
  exactlyOnce,
  recordOf,
  payments,
  seedPayments,
  settleBeforeWrites,
  startSandboxes,
  statusMismatches,
  statusWithoutPaymentId,
  worker,
  type Sandboxes
} from './sandboxes';

jest.setTimeout(120_000);

const nextSecond = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 1100));

describe('sync worker on the sandboxes', () => {
  let sb: Sandboxes;

  afterEach(async () => {
    await sb?.stop();
  });

  it('submits every payment exactly once and mirrors settlements within one cycle', async () => {
    sb = await startSandboxes();
    const ids = await seedPayments(sb, 30);
    await seedPayments(sb, 5, { Status__c: 'Verified By Worker' });
    const { worker: w } = await worker(sb);

    const first = await w.runCycle();
    expect(first.submitted).toBe(30);
    expect(exactlyOnce(sb, ids)).toEqual({ duplicates: [], missing: [] });
    expect(sb.ps.payments()).toHaveLength(30);
    const afterFirst = payments(sb).filter((p) => ids.includes(p.Id));
    expect(
      afterFirst.every((p) => p.External_Payment_Id__c !== null && p.Submitted_Snapshot__c !== null)
    ).toBe(true);

    sb.ps.advance(2000);
    const second = await w.runCycle();
    expect(second.mirrored).toBe(30);
    expect(statusMismatches(sb)).toEqual([]);
    expect(payments(sb).filter((p) => p.Status__c === 'Payment Successful')).toHaveLength(30);
    expect(payments(sb).filter((p) => p.Status__c === 'Verified By Worker')).toHaveLength(5);
  });

  it('spends at most one Salesforce API call on an idle cycle', async () => {
    sb = await startSandboxes();
    await seedPayments(sb, 20);
    const { worker: w } = await worker(sb);
    await w.runCycle();
    sb.ps.advance(2000);
    await w.runCycle();
    await nextSecond();
    await w.runCycle();

    // idle cycles a second apart: the clock moves, nothing else does
    for (let i = 0; i < 2; i++) {
      await nextSecond();
      const before = sb.org.apiUsage().used;
      const idle = await w.runCycle();
      expect(sb.org.apiUsage().used - before).toBeLessThanOrEqual(1);
      expect(idle.idle).toBe(true);
    }
  });

  it('reads 2,000 rows per call and writes 200 records per call', async () => {
    sb = await startSandboxes();
    await seedPayments(sb, 4100);
    const { worker: w } = await worker(sb);
    const before = sb.org.apiUsage().used;
    const report = await w.runCycle();
    expect(report.submitted).toBe(4100);
    expect(report.apiCallsByKind.scan).toBe(3); // ceil(4100 / 2000)
    expect(report.apiCallsByKind.write).toBe(21); // ceil(4100 / 200)
    expect(sb.org.apiUsage().used - before).toBe(report.apiCalls);
  });

  describe('exactly once across a crash at each step', () => {
    const points: CrashPoint[] = [
      'afterSubmit',
      'beforeWrite',
      'afterWrite',
      'afterChangesPage',
      'beforeCursorSave',
      'afterCursorSave'
    ];

    it.each(points)(
      'crash at %s: no payment created twice, none missing, statuses converge',
      async (point) => {
        sb = await startSandboxes();
        const ids = await seedPayments(sb, 450);
        let hits = 0;
        let crashed = false;
        const { worker: doomed } = await worker(sb, {
          crashHook: (at) => {
            if (at !== point || crashed) return;
            hits++;
            if (hits === 2 || (point.includes('Cursor') && hits === 1)) {
              crashed = true;
              throw new Error(`simulated crash at ${point}`);
            }
          }
        });
        for (let i = 0; i < 3 && !crashed; i++) {
          await doomed.runCycle().catch(() => undefined);
          sb.ps.advance(2000);
        }
        expect(crashed).toBe(true);

        // a new process: nothing carried over but what the org and the payment system hold
        const { worker: restarted } = await worker(sb);
        await restarted.runCycle();
        sb.ps.advance(2000);
        await restarted.runCycle();

        expect(exactlyOnce(sb, ids)).toEqual({ duplicates: [], missing: [] });
        expect(statusMismatches(sb)).toEqual([]);
        expect(
          payments(sb).every((p) => p.Status__c === 'Payment Successful' && p.External_Payment_Id__c)
        ).toBe(true);
      }
    );
  });

  it('heals a lost write-back by replaying the submission, never creating a second payment', async () => {
    sb = await startSandboxes();
    const ids = await seedPayments(sb, 10);
    const { worker: doomed } = await worker(sb, {
      crashHook: (at) => {
        if (at === 'beforeWrite') throw new Error('killed before Salesforce recorded the submissions');
      }
    });
    await expect(doomed.runCycle()).rejects.toThrow('killed');
    expect(sb.ps.payments()).toHaveLength(10);
    expect(payments(sb).every((p) => p.External_Payment_Id__c === null)).toBe(true);

    const { worker: w } = await worker(sb);
    const healing = await w.runCycle();
    // the payment system already held all ten: the replays heal them, none is a new submission
    expect(healing.healed).toBe(10);
    expect(healing.submitted).toBe(0);
    expect(exactlyOnce(sb, ids)).toEqual({ duplicates: [], missing: [] });
    const remoteIds = new Map(sb.ps.payments().map((p) => [recordOf(sb, p.idempotencyKey), p.id]));
    expect(payments(sb).every((p) => p.External_Payment_Id__c === remoteIds.get(p.Id))).toBe(true);
  });

  it('moves statuses forward only: a change read again never moves a record back', async () => {
    sb = await startSandboxes();
    const ids = await seedPayments(sb, 6);
    const { worker: w } = await worker(sb);
    await w.runCycle();
    sb.ps.advance(2000);
    await w.runCycle();
    const [ahead, conflicting] = ids;
    // one record already shows a later status; another one a final status the payment system never gave
    await sb.org.updateAsSystem('Assistance_Payment__c', [
      { Id: ahead, Status__c: 'Payment Returned' },
      { Id: conflicting, Status__c: 'Payment Failed' }
    ]);
    // forget the cursor: the whole change feed is read again
    const [cursor] = sb.org.querySystem('SELECT Id FROM Payment_Sync_Cursor__c') as { Id: string }[];
    await sb.org.updateAsSystem('Payment_Sync_Cursor__c', [{ Id: cursor.Id, Cursor__c: null }]);

    const { worker: fresh } = await worker(sb);
    const replay = await fresh.runCycle();
    expect(replay.mirrored).toBe(0);
    expect(replay.staleChanges).toBe(1);
    expect(replay.quarantined.map((q) => q.recordId)).toEqual([conflicting]);
    const byId = new Map(payments(sb).map((p) => [p.Id, p]));
    expect(byId.get(ahead)?.Status__c).toBe('Payment Returned');
    expect(byId.get(conflicting)?.Status__c).toBe('Payment Failed');
    expect(byId.get(conflicting)?.Sync_Error__c).toContain('not a forward move');
    expect(ids.slice(2).every((id) => byId.get(id)?.Status__c === 'Payment Successful')).toBe(true);
    expect(exactlyOnce(sb, ids).duplicates).toEqual([]);
  });

  it('flags an edit forced past the lock as drift and never sends it', async () => {
    sb = await startSandboxes();
    const [id] = await seedPayments(sb, 1, { Amount__c: 650, Payee__c: 'Commonwealth Heating Oil' });
    const { worker: w } = await worker(sb);
    await w.runCycle();
    await sb.org.updateAsSystem(
      'Assistance_Payment__c',
      [{ Id: id, Amount__c: 1650, Payee__c: 'Someone Else' }],
      { as: 'staff' }
    );

    const report = await w.runCycle();
    expect(report.drifted).toHaveLength(1);
    expect(report.drifted[0].details).toContain('amount: submitted 650.00, now 1650.00');
    const [row] = payments(sb);
    expect(row.Drift_Detected__c).toBe(true);
    expect(row.Drift_Details__c).toContain('payee: submitted Commonwealth Heating Oil, now Someone Else');
    const [sent] = sb.ps.payments();
    expect(sent.amount).toBe(650);
    expect(sent.payee).toBe('Commonwealth Heating Oil');
    expect(createdByRecord(sb).get(id)).toBe(1);

    // the drifted payment still follows the payment system's status
    sb.ps.advance(2000);
    await w.runCycle();
    expect(payments(sb)[0].Status__c).toBe('Payment Successful');
  });

  it('flags an edit made between a lost write-back and the replay, and still sends nothing new', async () => {
    sb = await startSandboxes();
    const [id] = await seedPayments(sb, 1, { Amount__c: 900 });
    const { worker: doomed } = await worker(sb, {
      crashHook: (at) => {
        if (at === 'afterSubmit') throw new Error('killed');
      }
    });
    await expect(doomed.runCycle()).rejects.toThrow('killed');
    await sb.org.updateAsSystem('Assistance_Payment__c', [{ Id: id, Amount__c: 9000 }], { as: 'staff' });

    const { worker: w } = await worker(sb);
    const report = await w.runCycle();
    expect(report.drifted.map((d) => d.recordId)).toEqual([id]);
    expect(sb.ps.payments().map((p) => p.amount)).toEqual([900]);
    expect(createdByRecord(sb).get(id)).toBe(1);
    const [row] = payments(sb);
    expect(row.External_Payment_Id__c).toBe(sb.ps.payments()[0].id);
    expect(row.Drift_Detected__c).toBe(true);
  });

  it('refuses a staff edit of a submitted payment through the validation rule', async () => {
    sb = await startSandboxes();
    const [id] = await seedPayments(sb, 1);
    const { worker: w } = await worker(sb);
    await w.runCycle();
    const conn = new Connection({ loginUrl: sb.org.loginUrl, version: '64.0' });
    await conn.login(sb.org.users.staff.username, sb.org.users.staff.password);
    await expect(conn.sobject('Assistance_Payment__c').update({ Id: id, Amount__c: 1 })).rejects.toThrow(
      /locked/
    );
  });

  it('quarantines a payment the payment system answers malformed, then heals it', async () => {
    sb = await startSandboxes();
    const ids = await seedPayments(sb, 3);
    sb.ps.setFaults({
      script: [{ endpoint: 'submit', fault: 'malformed', phase: 'after', field: 'status' }]
    });
    const { worker: w } = await worker(sb);
    const first = await w.runCycle();
    expect(first.submitted).toBe(2);
    expect(first.quarantined).toHaveLength(1);
    expect(first.quarantined[0].reason).toContain('malformed: status');
    const quarantined = payments(sb).filter((p) => p.Sync_Error__c !== null);
    expect(quarantined).toHaveLength(1);
    expect(quarantined[0].Sync_Error__c).toContain('status');

    await w.runCycle();
    expect(exactlyOnce(sb, ids)).toEqual({ duplicates: [], missing: [] });
    expect(payments(sb).every((p) => p.Sync_Error__c === null && p.External_Payment_Id__c !== null)).toBe(
      true
    );
  });

  it('reads a payment the change feed sent malformed on its own and mirrors it', async () => {
    sb = await startSandboxes();
    await seedPayments(sb, 3);
    const { worker: w } = await worker(sb);
    await w.runCycle();
    sb.ps.advance(2000);
    sb.ps.setFaults({ script: [{ endpoint: 'changes', fault: 'malformed', field: 'status' }] });
    await w.runCycle();
    expect(statusMismatches(sb)).toEqual([]);
    expect(payments(sb).every((p) => p.Status__c === 'Payment Successful')).toBe(true);
  });

  it('quarantines one record Salesforce refuses without failing the rest of its collection', async () => {
    sb = await startSandboxes();
    const ids = await seedPayments(sb, 5);
    // a record the validation rules refuse on every save
    const [broken] = await seedPayments(sb, 1, { Sync_Partition__c: -1 });
    const { worker: w } = await worker(sb);
    const report = await w.runCycle();
    expect(report.quarantined.map((q) => q.recordId)).toEqual([broken]);
    expect(report.quarantined[0].reason).toMatch(/refused/);
    const rows = new Map(payments(sb).map((p) => [p.Id, p]));
    expect(ids.every((id) => rows.get(id)?.External_Payment_Id__c)).toBe(true);
    expect(rows.get(broken)?.External_Payment_Id__c).toBeNull();

    // tried again next cycle with the same key: still one payment
    await w.runCycle();
    expect(createdByRecord(sb).get(broken)).toBe(1);
  });

  it('retries records refused for a moment (row locks) and converges', async () => {
    sb = await startSandboxes({
      org: { faults: { recordFailureRate: 0.2, recordFailureKind: 'UNABLE_TO_LOCK_ROW', seed: 7 } }
    });
    const ids = await seedPayments(sb, 300);
    const { worker: w } = await worker(sb);
    const first = await w.runCycle();
    expect(first.recordFailuresRetried).toBeGreaterThan(0);
    for (let i = 0; i < 4; i++) await w.runCycle();
    expect(exactlyOnce(sb, ids)).toEqual({ duplicates: [], missing: [] });
    expect(payments(sb).every((p) => p.External_Payment_Id__c !== null)).toBe(true);
  });

  it('mirrors in the same cycle the payments it has just sent from what their write-backs left, without reading them again', async () => {
    sb = await startSandboxes();
    const ids = await seedPayments(sb, 30);
    // the payments settle while their write-backs are on the way
    const { worker: w } = await worker(sb, { crashHook: settleBeforeWrites(sb) });
    const first = await w.runCycle();
    expect(first.error).toBeNull();
    expect(first.submitted).toBe(30);
    expect(first.mirrored).toBe(30);
    expect(first.apiCallsByKind.lookup).toBeUndefined();
    expect(exactlyOnce(sb, ids)).toEqual({ duplicates: [], missing: [] });
    expect(statusMismatches(sb)).toEqual([]);
    const next = await w.runCycle();
    expect(next.submitted + next.mirrored + next.healed).toBe(0);
  });

  it('reads again the records whose write-back Salesforce refused before mirroring their payments: no status without its payment id', async () => {
    sb = await startSandboxes({ org: { faults: { seed: 11, recordFailureRate: 0.3 } } });
    const ids = await seedPayments(sb, 120);
    const { worker: w } = await worker(sb, { crashHook: settleBeforeWrites(sb) });
    const first = await w.runCycle();
    expect(first.recordFailuresRetried).toBeGreaterThan(0);
    expect(first.apiCallsByKind.lookup).toBeGreaterThan(0);
    expect(statusWithoutPaymentId(sb)).toEqual([]);
    for (let i = 0; i < 3; i++) await w.runCycle().catch(() => undefined);
    sb.org.setFaults({});
    await w.runCycle();
    await w.runCycle();
    expect(statusWithoutPaymentId(sb)).toEqual([]);
    expect(exactlyOnce(sb, ids)).toEqual({ duplicates: [], missing: [] });
    expect(statusMismatches(sb)).toEqual([]);
    expect(payments(sb).filter((p) => p.Sync_Error__c !== null)).toEqual([]);
  });

  it('saves the sync position although Salesforce refuses its save for a moment (row lock), instead of failing the cycle', async () => {
    // with this seed the position's save is refused twice, then taken
    sb = await startSandboxes({ org: { faults: { recordFailureRate: 0.5, seed: 2 } } });
    const [id] = await seedPayments(sb, 1);
    const { worker: w } = await worker(sb);
    const report = await w.runCycle();
    expect(report.error).toBeNull();
    expect(report.apiCallsByKind['cursor-write']).toBe(3);
    const rows = sb.org.querySystem('SELECT Cursor__c FROM Payment_Sync_Cursor__c') as {
      Cursor__c: string;
    }[];
    expect(rows).toHaveLength(1);
    expect(JSON.parse(rows[0].Cursor__c)).toMatchObject({ k: 1 });
    expect(createdByRecord(sb).get(id)).toBe(1);
  });

  it.each([
    ['username and password', false],
    ['client credentials', true]
  ])('logs in again when the session expires (%s)', async (_label, clientCredentials) => {
    sb = await startSandboxes();
    await seedPayments(sb, 3);
    const { worker: w, session } = await worker(sb, { clientCredentials });
    await w.runCycle();
    sb.org.expireSessions();
    sb.ps.advance(2000);
    const report = await w.runCycle();
    expect(report.error).toBeNull();
    expect(report.mirrored).toBe(3);
    expect(session.renewals()).toBe(1);
  });

  it('backs off without calling Salesforce when the daily allowance is nearly spent', async () => {
    sb = await startSandboxes();
    await seedPayments(sb, 3);
    const { worker: w } = await worker(sb);
    await w.runCycle();
    const { max } = sb.org.apiUsage();
    sb.org.setApiUsage(max - 10);
    await w.runCycle().catch(() => undefined); // learns the usage from the answer headers
    const before = sb.org.apiUsage().used;
    const report = await w.runCycle();
    expect(report.backedOff).toBe(true);
    expect(sb.org.apiUsage().used).toBe(before);
  });

  it('rides out REQUEST_LIMIT_EXCEEDED and 503 answers', async () => {
    sb = await startSandboxes({
      org: {
        faults: {
          seed: 3,
          rules: [
            { endpoint: 'query', kind: 'SERVER_UNAVAILABLE', rate: 0.3 },
            { endpoint: 'collections', kind: 'REQUEST_LIMIT_EXCEEDED', rate: 0.3 }
          ]
        }
      }
    });
    const ids = await seedPayments(sb, 450);
    const { worker: w } = await worker(sb);
    for (let i = 0; i < 3; i++) {
      await w.runCycle().catch(() => undefined);
      sb.ps.advance(2000);
    }
    expect(exactlyOnce(sb, ids)).toEqual({ duplicates: [], missing: [] });
    expect(statusMismatches(sb)).toEqual([]);
  });

  it('splits the work between partitions: each payment sent once, by its own worker', async () => {
    sb = await startSandboxes();
    const ids = await seedPayments(sb, 120);
    const { worker: a } = await worker(sb, { config: { partition: { index: 0, count: 2 } } });
    const { worker: b } = await worker(sb, { config: { partition: { index: 1, count: 2 } } });
    const [ra, rb] = await Promise.all([a.runCycle(), b.runCycle()]);
    expect(ra.submitted).toBeGreaterThan(0);
    expect(rb.submitted).toBeGreaterThan(0);
    expect(ra.submitted + rb.submitted).toBe(120);
    sb.ps.advance(2000);
    await Promise.all([a.runCycle(), b.runCycle()]);
    expect(exactlyOnce(sb, ids)).toEqual({ duplicates: [], missing: [] });
    expect(statusMismatches(sb)).toEqual([]);
    expect(sb.org.querySystem('SELECT Partition_Key__c FROM Payment_Sync_Cursor__c')).toHaveLength(2);
  });
});
