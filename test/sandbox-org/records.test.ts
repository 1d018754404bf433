import type { Connection } from 'jsforce';
import { startSandboxOrg, type SandboxOrg } from '../../scripts/sandbox-org';
import { checksumSuffix, isValidId } from '../../scripts/sandbox-org/ids';
import { connectAs, failure } from './org-fixture';

describe('sandbox org records', () => {
  let org: SandboxOrg;
  let staff: Connection;
  /** Owns the sync cursors; admin writes External_Payment_Id__c (staff may not: field-level security). */
  let integration: Connection;
  let admin: Connection;
  let caseId: string;

  beforeAll(async () => {
    org = await startSandboxOrg({ port: 0, seed: 11 });
    staff = await connectAs(org, 'staff');
    integration = await connectAs(org, 'integration');
    admin = await connectAs(org, 'admin');
    const r = await staff.sobject('Case').create({ Subject: 'Rent arrears', Processing_Step__c: 'Draft' });
    caseId = r.id!;
  });
  afterAll(() => org.stop());

  it('creates a case with an 18-character Id, a case number and the audit fields of the running user', async () => {
    expect(caseId).toMatch(/^500[a-zA-Z0-9]{15}$/);
    expect(caseId.slice(15)).toBe(checksumSuffix(caseId.slice(0, 15)));
    const c = await staff.sobject('Case').retrieve(caseId);
    expect(c).toMatchObject({
      Id: caseId,
      Subject: 'Rent arrears',
      Processing_Step__c: 'Draft',
      Status: 'New',
      OwnerId: org.users.staff.userId,
      CreatedById: org.users.staff.userId,
      LastModifiedById: org.users.staff.userId,
      IsDeleted: false
    });
    expect(c.CaseNumber).toMatch(/^\d{8}$/);
    expect(c.CreatedDate).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}\+0000$/);
    expect(c.SystemModstamp).toBe(c.LastModifiedDate);
  });

  it('numbers payments P-000001, P-000002 from the object metadata display format', async () => {
    const a = await staff.sobject('Assistance_Payment__c').create({ Case__c: caseId, Amount__c: 100 });
    const b = await staff.sobject('Assistance_Payment__c').create({ Case__c: caseId, Amount__c: 200.456 });
    const rows = await staff.retrieve('Assistance_Payment__c', [a.id!, b.id!], {
      fields: ['Name', 'Amount__c']
    });
    expect(rows.map((r) => r?.Name)).toEqual(['P-000001', 'P-000002']);
    expect(rows[1]?.Amount__c).toBe(200.46);
    expect(a.id!.slice(0, 3)).toMatch(/^a[0-9A-Za-z]{2}$/);
    expect(isValidId(a.id)).toBe(true);
  });

  it('updates a record and records who changed it', async () => {
    const supervisor = await connectAs(org, 'supervisor');
    await supervisor.sobject('Case').update({ Id: caseId, Priority: 'Urgent', Escalated__c: true });
    const c = await staff
      .sobject('Case')
      .retrieve(caseId, { fields: ['Priority', 'Escalated__c', 'LastModifiedById', 'CreatedById'] });
    expect(c).toMatchObject({
      Priority: 'Urgent',
      Escalated__c: true,
      LastModifiedById: org.users.supervisor.userId,
      CreatedById: org.users.staff.userId
    });
  });

  it('deletes a record; reading it afterwards says so', async () => {
    const t = await staff
      .sobject('Task')
      .create({ Subject: 'Call back', WhatId: caseId, Work_Type__c: 'Follow-up' });
    expect(t.id!.startsWith('00T')).toBe(true);
    await staff.sobject('Task').destroy(t.id!);
    expect(await failure(staff.sobject('Task').retrieve(t.id!))).toMatchObject({
      errorCode: 'ENTITY_IS_DELETED'
    });
    expect(await failure(staff.sobject('Task').destroy(t.id!))).toMatchObject({
      errorCode: 'ENTITY_IS_DELETED'
    });
  });

  it('answers NOT_FOUND for an unknown record and an unknown object', async () => {
    expect(await failure(staff.sobject('Case').retrieve('500000000000000AAA'))).toMatchObject({
      errorCode: 'NOT_FOUND'
    });
    expect(await failure(staff.request('/sobjects/Nope__c/describe'))).toMatchObject({
      errorCode: 'NOT_FOUND',
      message: 'The requested resource does not exist'
    });
  });

  it('upserts by external id: creates first (201, created true), then updates (created false)', async () => {
    const first = await integration
      .sobject('Payment_Sync_Cursor__c')
      .upsert({ Partition_Key__c: 'p-0', Cursor__c: 'c1' }, 'Partition_Key__c');
    expect(first).toMatchObject({ success: true, created: true });
    const second = await integration
      .sobject('Payment_Sync_Cursor__c')
      .upsert({ Partition_Key__c: 'p-0', Cursor__c: 'c2' }, 'Partition_Key__c');
    expect(second).toMatchObject({ success: true, created: false, id: first.id });
    const rows = await integration.query<{ Cursor__c: string; Name: string }>(
      "SELECT Cursor__c, Name FROM Payment_Sync_Cursor__c WHERE Partition_Key__c = 'p-0'"
    );
    expect(rows.records).toHaveLength(1);
    expect(rows.records[0].Cursor__c).toBe('c2');
    expect(rows.records[0].Name).toBe(first.id); // a text Name left blank takes the record Id
  });

  it('refuses upsert on a field that is not an external id', async () => {
    const err = await failure(
      integration.sobject('Payment_Sync_Cursor__c').upsert({ Cursor__c: 'x', Name: 'n' }, 'Cursor__c')
    );
    expect(err.errorCode).toBe('NOT_FOUND');
    expect(err.message).toMatch(/Provided external ID field does not exist or is not accessible: Cursor__c/);
  });

  describe('field rules', () => {
    it('INVALID_FIELD for a field the object does not have', async () => {
      expect(await failure(staff.sobject('Case').create({ Subject: 'x', Nope__c: 1 }))).toMatchObject({
        errorCode: 'INVALID_FIELD',
        message: "No such column 'Nope__c' on sobject of type Case"
      });
    });

    it('STRING_TOO_LONG beyond the metadata length', async () => {
      const err = await failure(
        staff
          .sobject('Assistance_Payment__c')
          .create({ Case__c: caseId, Amount__c: 5, Vendor_Id__c: 'v'.repeat(41) })
      );
      expect(err.errorCode).toBe('STRING_TOO_LONG');
      expect(err.message).toMatch(/max length=40/);
      expect(err.data).toMatchObject({ fields: ['Vendor_Id__c'] });
    });

    it('REQUIRED_FIELD_MISSING names every missing field', async () => {
      const err = await failure(staff.sobject('Assistance_Payment__c').create({ Payee__c: 'Landlord LLC' }));
      expect(err).toMatchObject({
        errorCode: 'REQUIRED_FIELD_MISSING',
        message: 'Required fields are missing: [Amount__c, Case__c]'
      });
    });

    it('INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST for a value outside the restricted list', async () => {
      const supervisor = await connectAs(org, 'supervisor');
      const err = await failure(supervisor.sobject('Case').update({ Id: caseId, Program__c: 'LIHEAP' }));
      expect(err.errorCode).toBe('INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST');
      expect(err.message).toMatch(/bad value for restricted picklist field: LIHEAP/);
    });

    it('checks every value of a multi-select picklist', async () => {
      await staff.sobject('Case').update({ Id: caseId, Contact_Channels__c: 'Phone;Email' });
      const err = await failure(
        staff.sobject('Case').update({ Id: caseId, Contact_Channels__c: 'Phone;Pigeon' })
      );
      expect(err.errorCode).toBe('INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST');
    });

    it('DUPLICATE_VALUE for a unique external id (case-sensitive)', async () => {
      await admin
        .sobject('Assistance_Payment__c')
        .create({ Case__c: caseId, Amount__c: 1, External_Payment_Id__c: 'PAY-1' });
      const err = await failure(
        admin
          .sobject('Assistance_Payment__c')
          .create({ Case__c: caseId, Amount__c: 1, External_Payment_Id__c: 'PAY-1' })
      );
      expect(err.errorCode).toBe('DUPLICATE_VALUE');
      expect(err.message).toMatch(
        /duplicate value found: External_Payment_Id__c duplicates value on record with id: a/
      );
      await expect(
        admin
          .sobject('Assistance_Payment__c')
          .create({ Case__c: caseId, Amount__c: 1, External_Payment_Id__c: 'pay-1' })
      ).resolves.toMatchObject({ success: true });
    });

    it('refuses read-only fields and references of the wrong kind', async () => {
      expect(await failure(staff.sobject('Case').update({ Id: caseId, CaseNumber: '1' }))).toMatchObject({
        errorCode: 'INVALID_FIELD_FOR_INSERT_UPDATE'
      });
      expect(
        await failure(staff.sobject('Assistance_Payment__c').create({ Case__c: 'not-an-id', Amount__c: 1 }))
      ).toMatchObject({ errorCode: 'MALFORMED_ID' });
      expect(
        await failure(
          staff.sobject('Assistance_Payment__c').create({ Case__c: org.users.staff.userId, Amount__c: 1 })
        )
      ).toMatchObject({ errorCode: 'FIELD_INTEGRITY_EXCEPTION' });
    });
  });

  describe('describe', () => {
    it('describes a custom object from force-app metadata', async () => {
      const d = await staff.describe('Assistance_Payment__c');
      const field = (n: string) => d.fields.find((f) => f.name === n)!;
      expect(d.keyPrefix).toBe(caseIdPrefixOfPayments());
      expect(field('Amount__c')).toMatchObject({ type: 'currency', scale: 2, nillable: false });
      expect(field('External_Payment_Id__c')).toMatchObject({
        type: 'string',
        length: 64,
        externalId: true,
        unique: true,
        caseSensitive: true
      });
      expect(field('Status__c')).toMatchObject({ type: 'picklist', restrictedPicklist: true });
      expect((field('Status__c').picklistValues ?? []).map((p) => p.value)).toHaveLength(10);
      expect(field('Case__c')).toMatchObject({
        type: 'reference',
        referenceTo: ['Case'],
        relationshipName: 'Case__r',
        cascadeDelete: true
      });
      expect(field('Name')).toMatchObject({ autoNumber: true, createable: false });
    });

    it('describes the standard objects with their standard fields plus the project fields', async () => {
      const c = await staff.describe('Case');
      const names = c.fields.map((f) => f.name);
      for (const n of [
        'Id',
        'OwnerId',
        'CaseNumber',
        'Subject',
        'Status',
        'Priority',
        'CreatedDate',
        'LastModifiedDate',
        'SystemModstamp',
        'CreatedById',
        'LastModifiedById',
        'IsDeleted',
        'Program__c'
      ])
        expect(names).toContain(n);
      expect(
        (c.fields.find((f) => f.name === 'Priority')!.picklistValues ?? []).map((p) => p.value)
      ).toContain('Urgent');
      const t = await staff.describe('Task');
      expect(t.fields.map((f) => f.name)).toEqual(
        expect.arrayContaining(['Work_Type__c', 'Raised_In_Step__c', 'Outcome__c'])
      );
      for (const type of ['User', 'Group'])
        await expect(staff.describe(type)).resolves.toMatchObject({ name: type });
    });
  });

  function caseIdPrefixOfPayments(): string {
    return org.schema.objects.get('Assistance_Payment__c')!.keyPrefix;
  }
});
