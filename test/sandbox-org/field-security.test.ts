/**
 * The sandbox org enforces the field-level security the permission sets in force-app grant: what a
 * permission set promises (staff cannot write what the payment sync records) is tested by running
 * code through jsforce, not only by reading the XML.
 */
import fs from 'node:fs';
import path from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import type { Connection } from 'jsforce';
import { startSandboxOrg, type SandboxOrg, type UserKey } from '../../scripts/sandbox-org';
import { connectAs, failure } from './org-fixture';

const PERMISSION_SETS = path.resolve(__dirname, '../../force-app/main/default/permissionsets');
const PAYMENT = 'Assistance_Payment__c';

/** A value each payment field accepts, on a payment that was not submitted. */
const SAMPLE: Record<string, unknown> = {
  Payee__c: 'Happy Valley Housing',
  Vendor_Id__c: 'VEN-7',
  Reason_Code__c: 'ARR',
  Status__c: 'Verified By Worker',
  External_Payment_Id__c: 'PAY-FLS',
  Submitted_Snapshot__c: '{}',
  Submitted_At__c: '2026-03-02T10:00:00.000Z',
  Last_Synced_At__c: '2026-03-02T10:05:00.000Z',
  Drift_Detected__c: true,
  Drift_Details__c: 'amount: 850.00 -> 900.00',
  Sync_Error__c: 'x',
  Sync_Partition__c: 1
};

/** Payment fields each permission set lets its holder edit, read straight from the XML. */
function editableInPermissionSets(names: string[]): Set<string> {
  const parser = new XMLParser({ isArray: (tag) => tag === 'fieldPermissions', parseTagValue: false });
  const editable = new Set<string>();
  for (const name of names) {
    const xml = parser.parse(
      fs.readFileSync(path.join(PERMISSION_SETS, `${name}.permissionset-meta.xml`), 'utf8')
    ) as { PermissionSet: { fieldPermissions?: Array<{ field: string; editable: string }> } };
    for (const p of xml.PermissionSet.fieldPermissions ?? []) {
      if (p.editable === 'true' && p.field.startsWith(`${PAYMENT}.`))
        editable.add(p.field.slice(PAYMENT.length + 1));
    }
  }
  return editable;
}

describe('issue 12 item 16: the sandbox org enforces the permission sets’ field-level security', () => {
  let org: SandboxOrg;
  let staff: Connection;
  let caseId: string;

  beforeAll(async () => {
    org = await startSandboxOrg({ port: 0, seed: 16 });
    staff = await connectAs(org, 'staff');
    [caseId] = await org.insertAsSystem('Case', [{ Subject: 'FLS', Program__c: 'RAFT' }]);
  });
  afterAll(() => org.stop());

  async function unsubmittedPayment(): Promise<string> {
    const [id] = await org.insertAsSystem(PAYMENT, [
      { Case__c: caseId, Amount__c: 850, Payee__c: 'Landlord' }
    ]);
    return id;
  }

  it('refuses staff writing what the payment sync records, naming every field as Salesforce does', async () => {
    const id = await unsubmittedPayment();
    const err = await failure(
      staff.sobject(PAYMENT).update({
        Id: id,
        External_Payment_Id__c: 'PAY-FORGED',
        Drift_Detected__c: false,
        Submitted_Snapshot__c: '{"amount":1}'
      })
    );
    expect(err).toMatchObject({
      errorCode: 'INVALID_FIELD_FOR_INSERT_UPDATE',
      message:
        'Unable to create/update fields: External_Payment_Id__c, Drift_Detected__c, Submitted_Snapshot__c. ' +
        'Please check the security settings of this field and verify that it is read/write for your profile or permission set.',
      data: { fields: ['External_Payment_Id__c', 'Drift_Detected__c', 'Submitted_Snapshot__c'] }
    });
    const row = await staff.sobject(PAYMENT).retrieve(id, { fields: ['External_Payment_Id__c'] });
    expect(row.External_Payment_Id__c).toBeNull();
  });

  it('refuses staff creating a payment that claims an external id', async () => {
    const err = await failure(
      staff.sobject(PAYMENT).create({ Case__c: caseId, Amount__c: 10, External_Payment_Id__c: 'PAY-NEW' })
    );
    expect(err.errorCode).toBe('INVALID_FIELD_FOR_INSERT_UPDATE');
    const rows = await staff.query(`SELECT Id FROM ${PAYMENT} WHERE External_Payment_Id__c = 'PAY-NEW'`);
    expect(rows.totalSize).toBe(0);
  });

  it('reports the refusal per record inside a collection', async () => {
    const ids = [await unsubmittedPayment(), await unsubmittedPayment()];
    const results = await staff.sobject(PAYMENT).update(
      [
        { Id: ids[0], Payee__c: 'New payee' },
        { Id: ids[1], Sync_Error__c: null }
      ],
      { allOrNone: false }
    );
    expect(results[0]).toMatchObject({ success: true });
    expect(results[1]).toMatchObject({
      success: false,
      errors: [
        expect.objectContaining({ statusCode: 'INVALID_FIELD_FOR_INSERT_UPDATE', fields: ['Sync_Error__c'] })
      ]
    });
  });

  const users: Array<[UserKey, string[]]> = [
    ['staff', ['Omni_Assist_Staff']],
    ['supervisor', ['Omni_Assist_Staff', 'Omni_Assist_Supervisor']],
    ['integration', ['Omni_Assist_Payment_Sync']],
    ['admin', ['Omni_Assist_Admin']]
  ];
  it.each(users)(
    'lets %s write exactly the payment fields its permission sets make editable',
    async (user, sets) => {
      const conn = await connectAs(org, user);
      const editable = editableInPermissionSets(sets);
      const outcome: Record<string, string> = {};
      const expected: Record<string, string> = {};
      for (const [field, value] of Object.entries(SAMPLE)) {
        const id = await unsubmittedPayment();
        const sample = field === 'External_Payment_Id__c' ? `${String(value)}-${user}` : value;
        try {
          await conn.sobject(PAYMENT).update({ Id: id, [field]: sample });
          outcome[field] = 'written';
        } catch (err) {
          outcome[field] = (err as { errorCode?: string }).errorCode ?? String(err);
        }
        expected[field] = editable.has(field) ? 'written' : 'INVALID_FIELD_FOR_INSERT_UPDATE';
      }
      expect(outcome).toEqual(expected);
    }
  );

  it('keeps the integration user able to record a submission (its permission set grants it)', async () => {
    const integration = await connectAs(org, 'integration');
    const id = await unsubmittedPayment();
    await expect(
      integration.sobject(PAYMENT).update({
        Id: id,
        External_Payment_Id__c: 'PAY-SYNC-1',
        Submitted_Snapshot__c: '{"amount":850}',
        Submitted_At__c: '2026-03-02T10:00:00.000Z',
        Last_Synced_At__c: '2026-03-02T10:00:00.000Z',
        Sync_Partition__c: 0,
        Sync_Error__c: null
      })
    ).resolves.toMatchObject({ success: true });
  });

  it('leaves system-mode writes (seeding, a forced edit) outside field-level security', async () => {
    const id = await unsubmittedPayment();
    await org.updateAsSystem(PAYMENT, [{ Id: id, Drift_Detected__c: true }], { as: 'staff' });
    const row = await staff.sobject(PAYMENT).retrieve(id, { fields: ['Drift_Detected__c'] });
    expect(row.Drift_Detected__c).toBe(true);
  });
});

describe('issue 12 item 16: sandbox org credentials are random per run unless a seed is given', () => {
  it('gives two runs without a seed different passwords and client secrets, and one seed the same', async () => {
    const runs = [
      await startSandboxOrg({ port: 0 }),
      await startSandboxOrg({ port: 0 }),
      await startSandboxOrg({ port: 0, seed: 42 }),
      await startSandboxOrg({ port: 0, seed: 42 })
    ];
    try {
      const [a, b, c, d] = runs;
      for (const key of ['staff', 'supervisor', 'integration', 'admin'] as const) {
        expect(a.users[key].password).not.toBe(b.users[key].password);
        expect(c.users[key].password).toBe(d.users[key].password);
      }
      expect(a.users.integration.clientSecret).not.toBe(b.users.integration.clientSecret);
      expect(a.connectedApp.clientSecret).not.toBe(b.connectedApp.clientSecret);
      expect(c.connectedApp).toEqual(d.connectedApp);
      const conn = await connectAs(a, 'staff');
      expect(conn.userInfo?.id).toBe(a.users.staff.userId);
      await expect(
        connectAs(
          { ...b, users: { ...b.users, staff: { ...b.users.staff, password: a.users.staff.password } } },
          'staff'
        )
      ).rejects.toThrow(/INVALID_LOGIN/);
    } finally {
      for (const org of runs) await org.stop();
    }
  });
});
