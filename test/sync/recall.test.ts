/**
 * Issue 16 item 2, end to end on the sandboxes: a payment submitted without a payee is quarantined
 * by the worker and never sent; a supervisor recalls it through jsforce; the worker lets go of it;
 * staff correct and submit it; the worker sends it, once.
 */
import { Connection } from 'jsforce';
import { exactlyOnce, payments, seedPayments, startSandboxes, worker, type Sandboxes } from './sandboxes';

jest.setTimeout(120_000);

async function connectAs(sb: Sandboxes, user: 'staff' | 'supervisor'): Promise<Connection> {
  const conn = new Connection({ loginUrl: sb.org.loginUrl, version: '62.0' });
  await conn.login(sb.org.users[user].username, sb.org.users[user].password);
  return conn;
}

describe('issue 16 item 2: a quarantined payment has a way out', () => {
  let sb: Sandboxes;
  afterEach(async () => {
    await sb?.stop();
  });

  it('quarantined without a payee, recalled by a supervisor, corrected by staff, then sent exactly once', async () => {
    sb = await startSandboxes();
    const [id] = await seedPayments(sb, 1, { Payee__c: null });
    const { worker: w } = await worker(sb);

    const first = await w.runCycle();
    expect(first.submitted).toBe(0);
    expect(first.quarantined.map((q) => q.reason)).toEqual(['Cannot submit: the payment needs a payee.']);
    expect(sb.ps.payments()).toHaveLength(0);

    const staff = await connectAs(sb, 'staff');
    await expect(
      staff.sobject('Assistance_Payment__c').update({ Id: id, Payee__c: 'Landlord 1' })
    ).rejects.toThrow(/until a supervisor recalls it to Verified By Worker/);

    const supervisor = await connectAs(sb, 'supervisor');
    await supervisor.sobject('Assistance_Payment__c').update({
      Id: id,
      Status__c: 'Verified By Worker',
      Recall_Reason__c: 'No payee: entered before the rule'
    });

    const second = await w.runCycle();
    expect(second.quarantined).toEqual([]);
    expect(payments(sb).find((p) => p.Id === id)).toMatchObject({
      Status__c: 'Verified By Worker',
      Sync_Error__c: null,
      External_Payment_Id__c: null
    });
    expect(sb.ps.payments()).toHaveLength(0);

    await staff.sobject('Assistance_Payment__c').update({ Id: id, Payee__c: 'Landlord 1' });
    await staff.sobject('Assistance_Payment__c').update({ Id: id, Status__c: 'Submitted for Payment' });
    const third = await w.runCycle();
    expect(third.submitted).toBe(1);
    expect(exactlyOnce(sb, [id])).toEqual({ duplicates: [], missing: [] });
    expect(sb.ps.payments()[0]).toMatchObject({ payee: 'Landlord 1', amount: 100 });
  });

  it('keeps a sync error that is not about a payment never sent, on a record moved back before submission', async () => {
    sb = await startSandboxes();
    const [id] = await seedPayments(sb, 1, { Status__c: 'Verified By Worker' });
    await sb.org.updateAsSystem('Assistance_Payment__c', [
      {
        Id: id,
        Sync_Error__c: 'Record is "Verified By Worker" but the payment system has it as "Payment Successful"'
      }
    ]);
    const { worker: w } = await worker(sb);
    await w.runCycle();
    expect(payments(sb).find((p) => p.Id === id)?.Sync_Error__c).toMatch(/payment system has it/);
  });
});
