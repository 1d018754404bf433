import type { Connection } from 'jsforce';
import { startSandboxOrg, type SandboxOrg } from '../../scripts/sandbox-org';
import { connectAs, failure } from './org-fixture';

/** The validation rules deployed from force-app, evaluated by the sandbox org on every save. */
describe('payment lock enforced by the deployed validation rules', () => {
  let org: SandboxOrg;
  let staff: Connection;
  let integration: Connection;
  let caseId: string;

  beforeAll(async () => {
    org = await startSandboxOrg({ port: 0, seed: 9 });
    staff = await connectAs(org, 'staff');
    integration = await connectAs(org, 'integration');
    [caseId] = await org.insertAsSystem('Case', [{ Subject: 'Lock', Program__c: 'RAFT' }]);
  });
  afterAll(() => org.stop());

  async function submittedPayment(): Promise<string> {
    const id = (
      await staff.sobject('Assistance_Payment__c').create({
        Case__c: caseId,
        Amount__c: 850,
        Payee__c: 'Landlord LLC',
        Vendor_Id__c: 'VEN-1001',
        Reason_Code__c: 'RNT',
        Status__c: 'Verified By Worker'
      })
    ).id!;
    await staff.sobject('Assistance_Payment__c').update({ Id: id, Status__c: 'Submitted for Payment' });
    return id;
  }

  it('lets staff edit freely before submission', async () => {
    const id = (
      await staff
        .sobject('Assistance_Payment__c')
        .create({ Case__c: caseId, Amount__c: 100, Status__c: 'Payment Not Verified' })
    ).id!;
    await expect(
      staff
        .sobject('Assistance_Payment__c')
        .update({ Id: id, Amount__c: 120, Payee__c: 'Utility Co', Reason_Code__c: 'UTL' })
    ).resolves.toMatchObject({ success: true });
  });

  it('refuses a staff edit of the amount after submission with the rule message', async () => {
    const id = await submittedPayment();
    const err = await failure(staff.sobject('Assistance_Payment__c').update({ Id: id, Amount__c: 900 }));
    expect(err.errorCode).toBe('FIELD_CUSTOM_VALIDATION_EXCEPTION');
    expect(err.message).toMatch(/ask for a void or recoup in the payment system/);
    const row = await staff.sobject('Assistance_Payment__c').retrieve(id, { fields: ['Amount__c'] });
    expect(row.Amount__c).toBe(850);
  });

  it('issue 12 item 10: refuses a staff change of Vendor_Id__c after submission (the vendor is sent too)', async () => {
    const id = await submittedPayment();
    const err = await failure(staff.sobject('Assistance_Payment__c').update({ Id: id, Vendor_Id__c: 'V-1' }));
    expect(err.errorCode).toBe('FIELD_CUSTOM_VALIDATION_EXCEPTION');
    expect(err.message).toMatch(/amount, payee, vendor, reason code, case and status are locked/);
    const row = await staff.sobject('Assistance_Payment__c').retrieve(id, { fields: ['Vendor_Id__c'] });
    expect(row.Vendor_Id__c).toBe('VEN-1001');
  });

  it('refuses a post-submission status set by a person', async () => {
    const id = (
      await staff
        .sobject('Assistance_Payment__c')
        .create({ Case__c: caseId, Amount__c: 10, Payee__c: 'P', Reason_Code__c: 'ARR' })
    ).id!;
    const err = await failure(
      staff.sobject('Assistance_Payment__c').update({ Id: id, Status__c: 'Payment Successful' })
    );
    expect(err).toMatchObject({ errorCode: 'FIELD_CUSTOM_VALIDATION_EXCEPTION' });
    expect(err.data).toMatchObject({ fields: ['Status__c'] });
  });

  it('lets the integration user move the status forward, and only forward', async () => {
    const id = await submittedPayment();
    await expect(
      integration.sobject('Assistance_Payment__c').update({ Id: id, Status__c: 'Payment Successful' })
    ).resolves.toMatchObject({ success: true });
    const back = await failure(
      integration.sobject('Assistance_Payment__c').update({ Id: id, Status__c: 'Submitted for Payment' })
    );
    expect(back.errorCode).toBe('FIELD_CUSTOM_VALIDATION_EXCEPTION');
    expect(back.message).toMatch(/only moves forward/);
  });

  it('reports the rule per record inside a collection', async () => {
    const ids = [await submittedPayment(), await submittedPayment()];
    const results = await staff.sobject('Assistance_Payment__c').update(
      ids.map((Id) => ({ Id, Payee__c: 'Someone else' })),
      { allOrNone: false }
    );
    expect(results).toEqual(
      ids.map((id) =>
        expect.objectContaining({
          id,
          success: false,
          errors: [expect.objectContaining({ statusCode: 'FIELD_CUSTOM_VALIDATION_EXCEPTION' })]
        })
      )
    );
  });

  it('a system-mode write goes past the lock (a forced edit) and still stamps the record', async () => {
    const id = await submittedPayment();
    const before = await staff.sobject('Assistance_Payment__c').retrieve(id, { fields: ['SystemModstamp'] });
    await org.updateAsSystem('Assistance_Payment__c', [{ Id: id, Amount__c: 999 }], { as: 'staff' });
    const after = await staff
      .sobject('Assistance_Payment__c')
      .retrieve(id, { fields: ['Amount__c', 'LastModifiedById', 'SystemModstamp'] });
    expect(after).toMatchObject({ Amount__c: 999, LastModifiedById: org.users.staff.userId });
    expect(after.SystemModstamp >= before.SystemModstamp).toBe(true);
  });
});
