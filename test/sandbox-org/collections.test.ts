import type { Connection } from 'jsforce';
import { startSandboxOrg, type SandboxOrg } from '../../scripts/sandbox-org';
import { connectAs, failure } from './org-fixture';

describe('sandbox org sObject Collections', () => {
  let org: SandboxOrg;
  let staff: Connection;
  /** Writes External_Payment_Id__c, which staff may not (field-level security of the permission sets). */
  let admin: Connection;
  let caseId: string;

  beforeAll(async () => {
    org = await startSandboxOrg({ port: 0, seed: 3 });
    staff = await connectAs(org, 'staff');
    admin = await connectAs(org, 'admin');
    caseId = (await staff.sobject('Case').create({ Subject: 'Collections' })).id!;
  });
  afterAll(() => org.stop());

  const payments = (n: number, extra: (i: number) => Record<string, unknown> = () => ({})) =>
    Array.from({ length: n }, (_, i) => ({
      Case__c: caseId,
      Amount__c: 10 + i,
      Payee__c: `Payee ${i}`,
      ...extra(i)
    }));

  it('creates 200 records in one call, which costs one API request', async () => {
    const before = org.apiUsage().used;
    const results = await staff.sobject('Assistance_Payment__c').create(payments(200));
    expect(org.apiUsage().used - before).toBe(1);
    expect(results).toHaveLength(200);
    expect(results.every((r) => r.success && r.id && r.errors.length === 0)).toBe(true);
    expect(staff.limitInfo.apiUsage?.used).toBe(org.apiUsage().used);
  });

  it('retrieves up to 2,000 records in one POST, and refuses more than 200 Ids on a write', async () => {
    const created = await staff.sobject('Assistance_Payment__c').create(payments(200));
    const ids = created.map((r) => r.id!);
    const manyIds = Array.from({ length: 10 }, () => ids).flat();
    const before = org.apiUsage().used;
    const rows = await staff.request<Array<{ Id: string; Payee__c: string } | null>>({
      method: 'POST',
      url: `/services/data/v${staff.version}/composite/sobjects/Assistance_Payment__c`,
      body: JSON.stringify({ ids: manyIds, fields: ['Id', 'Payee__c'] }),
      headers: { 'Content-Type': 'application/json' }
    });
    expect(org.apiUsage().used - before).toBe(1);
    expect(rows).toHaveLength(2000);
    expect(rows[1999]).toMatchObject({ Id: ids[199], Payee__c: 'Payee 199' });
    const tooMany = await failure(
      staff.request({
        method: 'POST',
        url: `/services/data/v${staff.version}/composite/sobjects/Assistance_Payment__c`,
        body: JSON.stringify({ ids: [...manyIds, ids[0]], fields: ['Id'] }),
        headers: { 'Content-Type': 'application/json' }
      })
    );
    expect(tooMany).toMatchObject({ errorCode: 'EXCEEDED_ID_LIMIT' });
    const deleteTooMany = await failure(staff.sobject('Assistance_Payment__c').destroy(ids.concat(ids[0])));
    expect(deleteTooMany).toMatchObject({ errorCode: 'EXCEEDED_ID_LIMIT' });
  });

  it('with allOrNone false saves the good records and reports the bad one in place', async () => {
    const recs = payments(3, (i) =>
      i === 1 ? { Reason_Code__c: 'XYZ' } : { External_Payment_Id__c: `partial-${i}` }
    );
    const results = await admin.sobject('Assistance_Payment__c').create(recs, { allOrNone: false });
    expect(results[0]).toMatchObject({ success: true, errors: [] });
    expect(results[1]).toEqual({
      success: false,
      errors: [
        {
          statusCode: 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST',
          message: expect.stringContaining('bad value for restricted picklist field: XYZ'),
          fields: ['Reason_Code__c']
        }
      ]
    });
    expect(results[2]).toMatchObject({ success: true });
    const saved = await admin.query(
      "SELECT Id FROM Assistance_Payment__c WHERE External_Payment_Id__c LIKE 'partial-%'"
    );
    expect(saved.totalSize).toBe(2);
  });

  it('with allOrNone true rolls everything back and marks the good records ALL_OR_NONE_OPERATION_ROLLED_BACK', async () => {
    const recs = payments(3, (i) =>
      i === 2 ? { Amount__c: null, External_Payment_Id__c: 'aon-2' } : { External_Payment_Id__c: `aon-${i}` }
    );
    const results = await admin.sobject('Assistance_Payment__c').create(recs, { allOrNone: true });
    const rolledBack = {
      statusCode: 'ALL_OR_NONE_OPERATION_ROLLED_BACK',
      message:
        'Record rolled back because not all records were valid and the request was using AllOrNone header',
      fields: []
    };
    expect(results[0]).toEqual({ success: false, errors: [rolledBack] });
    expect(results[1]).toEqual({ success: false, errors: [rolledBack] });
    expect(results[2]).toEqual({
      success: false,
      errors: [
        {
          statusCode: 'REQUIRED_FIELD_MISSING',
          message: 'Required fields are missing: [Amount__c]',
          fields: ['Amount__c']
        }
      ]
    });
    const saved = await admin.query(
      "SELECT Id FROM Assistance_Payment__c WHERE External_Payment_Id__c LIKE 'aon-%'"
    );
    expect(saved.totalSize).toBe(0);
  });

  it('updates many records; a failed update keeps its id in the result', async () => {
    const created = await staff.sobject('Assistance_Payment__c').create(payments(3));
    const ids = created.map((r) => r.id!);
    const results = await staff.sobject('Assistance_Payment__c').update(
      [
        { Id: ids[0], Payee__c: 'New payee' },
        { Id: ids[1], Payee__c: 'x'.repeat(300) },
        { Id: ids[2], Payee__c: 'Other payee' }
      ],
      { allOrNone: false }
    );
    expect(results[0]).toEqual({ id: ids[0], success: true, errors: [] });
    expect(results[1]).toMatchObject({
      id: ids[1],
      success: false,
      errors: [{ statusCode: 'STRING_TOO_LONG', fields: ['Payee__c'] }]
    });
    const aon = await staff.sobject('Assistance_Payment__c').update(
      [
        { Id: ids[0], Payee__c: 'Changed again' },
        { Id: ids[1], Reason_Code__c: 'BAD' }
      ],
      { allOrNone: true }
    );
    expect(aon[0]).toMatchObject({
      id: ids[0],
      success: false,
      errors: [{ statusCode: 'ALL_OR_NONE_OPERATION_ROLLED_BACK' }]
    });
    const row = await staff.sobject('Assistance_Payment__c').retrieve(ids[0], { fields: ['Payee__c'] });
    expect(row.Payee__c).toBe('New payee');
  });

  it('upserts by external id in one call, telling created from updated', async () => {
    await admin
      .sobject('Assistance_Payment__c')
      .create({ Case__c: caseId, Amount__c: 5, External_Payment_Id__c: 'ups-1' });
    const results = await admin.sobject('Assistance_Payment__c').upsert(
      [
        { External_Payment_Id__c: 'ups-1', Amount__c: 6 },
        { External_Payment_Id__c: 'ups-2', Amount__c: 7, Case__c: caseId }
      ],
      'External_Payment_Id__c'
    );
    expect(results).toEqual([
      { id: expect.any(String), success: true, errors: [], created: false },
      { id: expect.any(String), success: true, errors: [], created: true }
    ]);
    const rows = await admin.query<{ External_Payment_Id__c: string; Amount__c: number }>(
      "SELECT External_Payment_Id__c, Amount__c FROM Assistance_Payment__c WHERE External_Payment_Id__c IN ('ups-1', 'ups-2') ORDER BY External_Payment_Id__c"
    );
    expect(rows.records.map((r) => [r.External_Payment_Id__c, r.Amount__c])).toEqual([
      ['ups-1', 6],
      ['ups-2', 7]
    ]);
  });

  it('deletes by ids, reporting unknown ones per record; allOrNone keeps everything', async () => {
    const ids = (await staff.sobject('Assistance_Payment__c').create(payments(2))).map((r) => r.id!);
    const aon = await staff.sobject('Assistance_Payment__c').destroy([ids[0], 'bogus'], { allOrNone: true });
    expect(aon[0]).toMatchObject({
      id: ids[0],
      success: false,
      errors: [{ statusCode: 'ALL_OR_NONE_OPERATION_ROLLED_BACK' }]
    });
    expect(aon[1]).toMatchObject({ success: false, errors: [{ statusCode: 'MALFORMED_ID' }] });
    await expect(staff.sobject('Assistance_Payment__c').retrieve(ids[0])).resolves.toMatchObject({
      Id: ids[0]
    });
    const results = await staff.sobject('Assistance_Payment__c').destroy(ids);
    expect(results).toEqual(ids.map((id) => ({ id, success: true, errors: [] })));
  });

  it('refuses more than 200 records in one call', async () => {
    const err = await failure(
      staff.request({
        method: 'POST',
        url: '/composite/sobjects',
        body: JSON.stringify({
          allOrNone: false,
          records: payments(201).map((p) => ({ attributes: { type: 'Assistance_Payment__c' }, ...p }))
        }),
        headers: { 'content-type': 'application/json' }
      })
    );
    expect(err.errorCode).toBe('EXCEEDED_ID_LIMIT');
  });

  it('deleting a case deletes its payments (master-detail)', async () => {
    const c = (await staff.sobject('Case').create({ Subject: 'to delete' })).id!;
    const p = (await staff.sobject('Assistance_Payment__c').create({ Case__c: c, Amount__c: 1 })).id!;
    await staff.sobject('Case').destroy(c);
    expect(await failure(staff.sobject('Assistance_Payment__c').retrieve(p))).toMatchObject({
      errorCode: 'ENTITY_IS_DELETED'
    });
  });

  it('reports DailyApiRequests as really used', async () => {
    const limits = (await staff.limits()) as unknown as {
      DailyApiRequests: { Max: number; Remaining: number };
    };
    const { used, max } = org.apiUsage();
    expect(limits.DailyApiRequests).toEqual({ Max: max, Remaining: max - used });
  });
});
