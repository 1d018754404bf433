import type { Connection } from 'jsforce';
import { startSandboxOrg, type SandboxOrg } from '../../scripts/sandbox-org';
import { unsentReason } from '../../force-app/main/default/lwc/paymentRules/paymentRules';
import { connectAs, failure } from './org-fixture';

/**
 * Issue 16 item 2 through real jsforce: the sandbox org evaluates the validation rules deployed from
 * force-app and the custom permissions of the permission sets, so this is the recall as the platform
 * would apply it.
 */
describe('issue 16 item 2: recalling a payment the payment system never received', () => {
  let org: SandboxOrg;
  let staff: Connection;
  let supervisor: Connection;
  let caseId: string;

  beforeAll(async () => {
    org = await startSandboxOrg({ port: 0, seed: 16 });
    staff = await connectAs(org, 'staff');
    supervisor = await connectAs(org, 'supervisor');
    [caseId] = await org.insertAsSystem('Case', [{ Subject: 'Recall', Program__c: 'RAFT' }]);
  });
  afterAll(() => org.stop());

  /** Like P-000016: submitted before the rule without a payee, quarantined by the worker (never sent). */
  async function unsentPayment(): Promise<string> {
    const values = { Case__c: caseId, Amount__c: 450, Payee__c: null, Reason_Code__c: 'UTL' };
    const [id] = await org.insertAsSystem('Assistance_Payment__c', [
      { ...values, Status__c: 'Submitted for Payment', Sync_Error__c: unsentReason(values) }
    ]);
    return id;
  }

  const payments = () => staff.sobject('Assistance_Payment__c');

  it('refuses staff the recall, saying a supervisor can recall it', async () => {
    const id = await unsentPayment();
    const err = await failure(
      staff
        .sobject('Assistance_Payment__c')
        .update({ Id: id, Status__c: 'Verified By Worker', Recall_Reason__c: 'Payee missing' })
    );
    // staff may not even write the recall reason (field-level security of Omni_Assist_Staff)
    expect(err.errorCode).toBe('INVALID_FIELD_FOR_INSERT_UPDATE');
    const plain = await failure(
      staff.sobject('Assistance_Payment__c').update({ Id: id, Status__c: 'Verified By Worker' })
    );
    expect(plain.errorCode).toBe('FIELD_CUSTOM_VALIDATION_EXCEPTION');
    expect(plain.message).toMatch(/never reached the payment system/);
    expect(plain.message).toMatch(/until a supervisor recalls it to Verified By Worker/);
    expect(plain.message).not.toMatch(/void or recoup/);
    const row = await payments().retrieve(id, { fields: ['Status__c'] });
    expect(row.Status__c).toBe('Submitted for Payment');
  });

  it('lets a supervisor recall it with a reason, recorded with who did it, and then correct and submit it', async () => {
    const id = await unsentPayment();
    await expect(
      supervisor.sobject('Assistance_Payment__c').update({
        Id: id,
        Status__c: 'Verified By Worker',
        Recall_Reason__c: 'Payee missing; entered before the rule'
      })
    ).resolves.toMatchObject({ success: true });
    const row = await payments().retrieve(id, {
      fields: ['Status__c', 'Recall_Reason__c', 'LastModifiedById']
    });
    expect(row).toMatchObject({
      Status__c: 'Verified By Worker',
      Recall_Reason__c: 'Payee missing; entered before the rule',
      LastModifiedById: org.users.supervisor.userId
    });
    // now an ordinary payment before submission: staff correct it and submit it again
    await expect(payments().update({ Id: id, Payee__c: 'Eastern Gas & Electric' })).resolves.toMatchObject({
      success: true
    });
    await expect(payments().update({ Id: id, Status__c: 'Submitted for Payment' })).resolves.toMatchObject({
      success: true
    });
  });

  it('refuses a supervisor a recall without a reason, naming the reason', async () => {
    const id = await unsentPayment();
    const err = await failure(
      supervisor.sobject('Assistance_Payment__c').update({ Id: id, Status__c: 'Verified By Worker' })
    );
    expect(err.errorCode).toBe('FIELD_CUSTOM_VALIDATION_EXCEPTION');
    expect(err.message).toMatch(/with a recall reason/);
  });

  it('never lets a supervisor recall a payment the payment system holds', async () => {
    const [id] = await org.insertAsSystem('Assistance_Payment__c', [
      {
        Case__c: caseId,
        Amount__c: 450,
        Payee__c: 'Eastern Gas & Electric',
        Reason_Code__c: 'UTL',
        Status__c: 'Submitted for Payment',
        External_Payment_Id__c: 'PAY-RECALL-1',
        Sync_Error__c: 'Cannot submit: the payment needs a payee.'
      }
    ]);
    const err = await failure(
      supervisor.sobject('Assistance_Payment__c').update({ Id: id, Status__c: 'Verified By Worker' })
    );
    expect(err.errorCode).toBe('FIELD_CUSTOM_VALIDATION_EXCEPTION');
    expect(err.message).toMatch(/ask for a void or recoup in the payment system/);
    expect(err.message).not.toMatch(/recall/);
    // with a reason too: refused by the lock and by the recall reason rule
    const withReason = await failure(
      supervisor
        .sobject('Assistance_Payment__c')
        .update({ Id: id, Status__c: 'Verified By Worker', Recall_Reason__c: 'Wrong payee' })
    );
    expect(withReason.errorCode).toBe('MULTIPLE_API_ERRORS');
    const row = await payments().retrieve(id, { fields: ['Status__c', 'Recall_Reason__c'] });
    expect(row).toMatchObject({ Status__c: 'Submitted for Payment', Recall_Reason__c: null });
  });

  it('refuses a submission without a payee, naming the payee field', async () => {
    const id = (
      await payments().create({
        Case__c: caseId,
        Amount__c: 450,
        Reason_Code__c: 'UTL',
        Status__c: 'Verified By Worker'
      })
    ).id!;
    const err = await failure(payments().update({ Id: id, Status__c: 'Submitted for Payment' }));
    expect(err.errorCode).toBe('FIELD_CUSTOM_VALIDATION_EXCEPTION');
    expect(err.message).toMatch(/^Enter the payee before setting the status to Submitted for Payment/);
    expect(err.data).toMatchObject({ fields: ['Payee__c'] });
    const created = await failure(
      payments().create({
        Case__c: caseId,
        Amount__c: 450,
        Status__c: 'Submitted for Payment',
        Payee__c: 'P'
      })
    );
    expect(created.message).toMatch(/Choose the reason code/);
    expect(created.data).toMatchObject({ fields: ['Reason_Code__c'] });
  });
});
