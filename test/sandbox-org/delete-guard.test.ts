/**
 * Deleting a payment that was Submitted for Payment, or a Case that holds one, is refused for everyone
 * but the payment sync integration. On the platform PaymentDeleteGuard (Apex, before delete) does it;
 * the sandbox org applies the same rule to its simulated users, with the same custom label.
 */
import type { Connection } from 'jsforce';
import { startSandboxOrg, type SandboxOrg } from '../../scripts/sandbox-org';
import { labelValues } from '../../scripts/labels/customLabels';
import { connectAs, failure } from './org-fixture';

const PAYMENT = 'Assistance_Payment__c';

describe('issue 12 item 10: deleting a submitted payment, or a case that has one, is refused for everyone but the integration', () => {
  let org: SandboxOrg;
  let staff: Connection;
  let supervisor: Connection;
  let admin: Connection;
  let integration: Connection;
  const refusal = labelValues().get('Payment_Delete_Refused');

  beforeAll(async () => {
    org = await startSandboxOrg({ port: 0, seed: 10 });
    [staff, supervisor, admin, integration] = await Promise.all([
      connectAs(org, 'staff'),
      connectAs(org, 'supervisor'),
      connectAs(org, 'admin'),
      connectAs(org, 'integration')
    ]);
  });
  afterAll(() => org.stop());

  async function caseWith(statuses: string[]): Promise<{ caseId: string; paymentIds: string[] }> {
    const [caseId] = await org.insertAsSystem('Case', [{ Subject: 'Delete guard', Program__c: 'RAFT' }]);
    const paymentIds = await org.insertAsSystem(
      PAYMENT,
      statuses.map((status) => ({
        Case__c: caseId,
        Amount__c: 850,
        Payee__c: 'Happy Valley Housing',
        Reason_Code__c: 'RNT',
        Status__c: status
      }))
    );
    return { caseId, paymentIds };
  }

  async function exists(type: string, id: string): Promise<boolean> {
    return (await admin.query(`SELECT Id FROM ${type} WHERE Id = '${id}'`)).totalSize === 1;
  }

  it('the refusal is the custom label the Apex guard adds', () => {
    expect(refusal).toMatch(/cannot be deleted.*ask for a void or recoup in the payment system/);
  });

  it.each([
    ['staff', () => staff],
    ['a supervisor', () => supervisor],
    ['an admin', () => admin]
  ])('refuses %s deleting a submitted payment, with the label, and keeps it', async (_who, conn) => {
    for (const status of ['Submitted for Payment', 'Payment Successful']) {
      const { paymentIds } = await caseWith([status]);
      const err = await failure(conn().sobject(PAYMENT).destroy(paymentIds[0]));
      expect(err).toMatchObject({ errorCode: 'FIELD_CUSTOM_VALIDATION_EXCEPTION', message: refusal });
      expect(await exists(PAYMENT, paymentIds[0])).toBe(true);
    }
  });

  it('refuses deleting a case that holds a submitted payment, and keeps the case and all its payments', async () => {
    const { caseId, paymentIds } = await caseWith(['Verified By Worker', 'Submitted for Payment']);
    const err = await failure(supervisor.sobject('Case').destroy(caseId));
    expect(err).toMatchObject({ errorCode: 'FIELD_CUSTOM_VALIDATION_EXCEPTION', message: refusal });
    expect(await exists('Case', caseId)).toBe(true);
    for (const id of paymentIds) expect(await exists(PAYMENT, id)).toBe(true);
  });

  it('still deletes payments not submitted yet, and cases without a submitted payment (with their payments)', async () => {
    const { paymentIds } = await caseWith(['Verified By Worker']);
    await expect(staff.sobject(PAYMENT).destroy(paymentIds[0])).resolves.toMatchObject({ success: true });
    const other = await caseWith(['Payment Not Verified', 'Rejected By Worker']);
    await expect(admin.sobject('Case').destroy(other.caseId)).resolves.toMatchObject({ success: true });
    for (const id of other.paymentIds) expect(await exists(PAYMENT, id)).toBe(false);
  });

  it('reports each refusal in place inside a collection delete', async () => {
    const { paymentIds } = await caseWith(['Verified By Worker', 'Submitted for Payment']);
    const results = await admin.sobject(PAYMENT).destroy(paymentIds, { allOrNone: false });
    expect(results[0]).toMatchObject({ id: paymentIds[0], success: true });
    expect(results[1]).toMatchObject({
      id: paymentIds[1],
      success: false,
      errors: [{ statusCode: 'FIELD_CUSTOM_VALIDATION_EXCEPTION', message: refusal, fields: [] }]
    });
  });

  it('lets the payment sync integration delete a submitted payment and a case that holds one', async () => {
    const { caseId, paymentIds } = await caseWith(['Submitted for Payment', 'Submitted for Payment']);
    await expect(integration.sobject(PAYMENT).destroy(paymentIds[0])).resolves.toMatchObject({
      success: true
    });
    await expect(integration.sobject('Case').destroy(caseId)).resolves.toMatchObject({ success: true });
    expect(await exists(PAYMENT, paymentIds[1])).toBe(false);
  });
});
