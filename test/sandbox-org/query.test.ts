import type { Connection } from 'jsforce';
import { startSandboxOrg, type SandboxOrg } from '../../scripts/sandbox-org';
import { connectAs, failure } from './org-fixture';

const DAY = 86_400_000;

describe('sandbox org SOQL', () => {
  let org: SandboxOrg;
  let staff: Connection;
  let now = Date.parse('2026-05-20T12:00:00Z');
  const caseIds: string[] = [];

  beforeAll(async () => {
    org = await startSandboxOrg({ port: 0, seed: 5, clock: () => now, dailyApiLimit: 100000 });
    staff = await connectAs(org, 'staff');
    const programs = ['RAFT', 'ERMA', 'HCEC', 'EAP', 'CalFresh'];
    caseIds.push(
      ...(await org.insertAsSystem(
        'Case',
        Array.from({ length: 10 }, (_, i) => ({
          Subject: i === 9 ? null : `Case ${i}`,
          Program__c: programs[i % 5],
          Processing_Step__c: i < 4 ? 'Chaser' : 'Reviewer',
          CreatedDate: new Date(now - i * DAY).toISOString()
        })),
        { as: 'staff' }
      ))
    );
    const rows = Array.from({ length: 5200 }, (_, i) => ({
      Case__c: caseIds[i % 10],
      Amount__c: i + 1,
      Sync_Partition__c: i % 4,
      External_Payment_Id__c: `EXT-${String(i).padStart(5, '0')}`
    }));
    await org.insertAsSystem('Assistance_Payment__c', rows);
  });
  afterAll(() => org.stop());

  it('pages 5,200 rows 2,000 at a time with nextRecordsUrl, and autoFetch reads them all', async () => {
    const first = await staff.query('SELECT Id, Name FROM Assistance_Payment__c');
    expect(first).toMatchObject({ totalSize: 5200, done: false });
    expect(first.records).toHaveLength(2000);
    expect(first.nextRecordsUrl).toMatch(/\/services\/data\/v62\.0\/query\/01g[0-9A-Za-z]+-2000$/);
    const second = await staff.queryMore(first.nextRecordsUrl!);
    expect(second.records).toHaveLength(2000);
    expect(second.records[0].Id).not.toBe(first.records[0].Id);
    const third = await staff.queryMore(second.nextRecordsUrl!);
    expect(third).toMatchObject({ done: true, totalSize: 5200 });
    expect(third.records).toHaveLength(1200);
    expect(third.nextRecordsUrl).toBeUndefined();

    const before = org.apiUsage().used;
    const all: Array<{ Id: string }> = [];
    await new Promise<void>((resolve, reject) => {
      staff
        .query('SELECT Id FROM Assistance_Payment__c')
        .on('record', (r: { Id: string }) => all.push(r))
        .on('end', () => resolve())
        .on('error', reject)
        .run({ autoFetch: true, maxFetch: 10000 });
    });
    expect(all).toHaveLength(5200);
    expect(new Set(all.map((r) => r.Id)).size).toBe(5200);
    expect(org.apiUsage().used - before).toBe(3);
  });

  it('honours Sforce-Query-Options batchSize', async () => {
    const res = await staff.request<{ records: unknown[]; nextRecordsUrl: string }>({
      method: 'GET',
      url: `/query?q=${encodeURIComponent('SELECT Id FROM Assistance_Payment__c')}`,
      headers: { 'Sforce-Query-Options': 'batchSize=500' }
    });
    expect(res.records).toHaveLength(500);
    expect(res.nextRecordsUrl).toMatch(/^\/services\/data\/v62\.0\/query\/01g[0-9A-Za-z]+-500$/);
  });

  it('answers INVALID_QUERY_LOCATOR for a locator it does not know', async () => {
    expect(await failure(staff.queryMore('01g000000000000-2000'))).toMatchObject({
      errorCode: 'INVALID_QUERY_LOCATOR'
    });
  });

  it('returns one level of parent fields as nested objects', async () => {
    const res = await staff.query<{
      Name: string;
      Case__r: { CaseNumber: string; Owner: unknown; attributes: { type: string } };
    }>(
      "SELECT Name, Case__r.CaseNumber, Case__r.Subject FROM Assistance_Payment__c WHERE External_Payment_Id__c = 'EXT-00003'"
    );
    expect(res.records[0].Case__r).toEqual({
      attributes: { type: 'Case', url: expect.stringContaining(`/sobjects/Case/${caseIds[3]}`) },
      CaseNumber: expect.stringMatching(/^\d{8}$/),
      Subject: 'Case 3'
    });
    const owners = await staff.query<{ Owner: { Name: string } }>(
      `SELECT Owner.Name FROM Case WHERE Id = '${caseIds[0]}'`
    );
    expect(owners.records[0].Owner.Name).toBe('Sam Staff');
  });

  it('filters with AND / OR / NOT, comparisons, IN, NOT IN, LIKE and null checks', async () => {
    const count = async (where: string) =>
      (await staff.query(`SELECT Id FROM Assistance_Payment__c WHERE ${where}`)).totalSize;
    expect(await count('Amount__c <= 10')).toBe(10);
    expect(await count('Amount__c > 5190 AND Sync_Partition__c = 1')).toBe(2);
    expect(await count('(Amount__c = 1 OR Amount__c = 2) AND Sync_Partition__c != 0')).toBe(1);
    expect(await count('NOT (Amount__c > 3)')).toBe(3);
    expect(await count("External_Payment_Id__c IN ('EXT-00001', 'EXT-00002', 'nope')")).toBe(2);
    expect(await count("Amount__c < 6 AND External_Payment_Id__c NOT IN ('EXT-00001')")).toBe(4);
    expect(await count("External_Payment_Id__c LIKE 'ext-0000%'")).toBe(10);
    expect(await count('Payee__c = null')).toBe(5200);
    expect(await count("Case__r.Program__c = 'EAP' AND Amount__c < 21")).toBe(4);
    expect((await staff.query('SELECT Id FROM Case WHERE Subject != null')).totalSize).toBe(9);
    expect((await staff.query(`SELECT Id FROM Case WHERE Id = '${caseIds[0].slice(0, 15)}'`)).totalSize).toBe(
      1
    );
  });

  it('understands date literals and datetime values', async () => {
    const count = async (where: string) =>
      (await staff.query(`SELECT Id FROM Case WHERE ${where}`)).totalSize;
    expect(await count('CreatedDate = TODAY')).toBe(1);
    expect(await count('CreatedDate = YESTERDAY')).toBe(1);
    expect(await count('CreatedDate = LAST_N_DAYS:3')).toBe(4);
    expect(await count('CreatedDate < LAST_N_DAYS:3')).toBe(6);
    expect(await count('CreatedDate >= 2026-05-15T00:00:00Z')).toBe(6);
    expect(await count('CreatedDate > 2026-05-18T12:00:00.000+0000')).toBe(2);
    now += DAY;
    expect(await count('CreatedDate = TODAY')).toBe(0);
  });

  it('orders ascending / descending with nulls first or last, then LIMIT and OFFSET', async () => {
    const subjects = async (soql: string) =>
      (await staff.query<{ Subject: string | null }>(soql)).records.map((r) => r.Subject);
    expect(await subjects('SELECT Subject FROM Case ORDER BY Subject LIMIT 3')).toEqual([
      null,
      'Case 0',
      'Case 1'
    ]);
    expect(await subjects('SELECT Subject FROM Case ORDER BY Subject DESC NULLS LAST LIMIT 2')).toEqual([
      'Case 8',
      'Case 7'
    ]);
    expect(
      await subjects('SELECT Subject FROM Case ORDER BY Subject ASC NULLS LAST LIMIT 2 OFFSET 7')
    ).toEqual(['Case 7', 'Case 8']);
    const byParent = await staff.query<{ Amount__c: number }>(
      'SELECT Amount__c FROM Assistance_Payment__c ORDER BY Case__r.Subject DESC, Amount__c DESC LIMIT 1'
    );
    expect(byParent.records[0].Amount__c).toBe(5200); // nulls sort first by default, in either direction
    const nullsLast = await staff.query<{ Amount__c: number }>(
      'SELECT Amount__c FROM Assistance_Payment__c ORDER BY Case__r.Subject DESC NULLS LAST, Amount__c DESC LIMIT 1'
    );
    expect(nullsLast.records[0].Amount__c).toBe(5199);
  });

  it('sorts picklists in the order their values are defined', async () => {
    const asc = await staff.query<{ Program__c: string }>(
      'SELECT Program__c FROM Case ORDER BY Program__c LIMIT 1'
    );
    expect(asc.records[0].Program__c).toBe('RAFT'); // first defined value; alphabetically CalFresh comes first
  });

  it('treats an empty string literal as blank', async () => {
    expect((await staff.query("SELECT Id FROM Case WHERE Subject = ''")).totalSize).toBe(1);
  });

  it('counts with COUNT() and COUNT(field)', async () => {
    const c = await staff.query('SELECT COUNT() FROM Assistance_Payment__c WHERE Sync_Partition__c = 2');
    expect(c).toEqual({ totalSize: 1300, done: true, records: [] });
    const agg = await staff.query('SELECT COUNT(Id) total FROM Case');
    expect(agg.records[0]).toMatchObject({ total: 10 });
  });

  it('queryAll includes deleted rows, query does not', async () => {
    const id = (await staff.sobject('Case').create({ Subject: 'Gone soon' })).id!;
    await staff.sobject('Case').destroy(id);
    expect((await staff.query("SELECT Id FROM Case WHERE Subject = 'Gone soon'")).totalSize).toBe(0);
    const all = await staff.query<{ IsDeleted: boolean }>(
      "SELECT Id, IsDeleted FROM Case WHERE Subject = 'Gone soon'",
      { scanAll: true }
    );
    expect(all.records).toEqual([expect.objectContaining({ IsDeleted: true })]);
  });

  it.each([
    ['SELECT Program__c, COUNT(Id) FROM Case GROUP BY Program__c', /GROUP BY is not supported/],
    ['SELECT Id, (SELECT Id FROM Assistance_Payments__r) FROM Case', /subquery .* is not supported/],
    [
      'SELECT Id FROM Case WHERE CreatedDate = THIS_FISCAL_QUARTER',
      /date literal THIS_FISCAL_QUARTER is not supported/
    ],
    ['SELECT Case__r.Owner.Name FROM Assistance_Payment__c', /more than one level/],
    ['SELECT Id FROM Case WHERE Id IN (SELECT Case__c FROM Assistance_Payment__c)', /semi-join/],
    [
      "SELECT Id FROM Case WHERE Subject = 'a' AND Status = 'New' OR Priority = 'High'",
      /unexpected token: 'OR'/
    ],
    ['SELECT MAX(Amount__c) FROM Assistance_Payment__c', /function MAX\(\) is not supported/],
    ['SELEKT Id FROM Case', /./]
  ])('answers MALFORMED_QUERY naming what is unsupported: %s', async (soql, message) => {
    const err = await failure(staff.query(soql));
    expect(err.errorCode).toBe('MALFORMED_QUERY');
    expect(err.message).toMatch(message);
  });

  it('answers INVALID_FIELD / INVALID_TYPE for unknown names and mistyped values', async () => {
    expect(await failure(staff.query('SELECT Nope__c FROM Case'))).toMatchObject({
      errorCode: 'INVALID_FIELD',
      message: expect.stringContaining("No such column 'Nope__c' on entity 'Case'")
    });
    expect(await failure(staff.query('SELECT Id FROM Nope__c'))).toMatchObject({ errorCode: 'INVALID_TYPE' });
    expect(
      await failure(staff.query("SELECT Id FROM Assistance_Payment__c WHERE Amount__c = '5'"))
    ).toMatchObject({ errorCode: 'INVALID_FIELD' });
  });
});

describe('sandbox org getUpdated / getDeleted', () => {
  let org: SandboxOrg;
  let now = Date.parse('2026-06-01T09:00:30Z');

  beforeAll(async () => {
    org = await startSandboxOrg({ port: 0, seed: 6, clock: () => now });
  });
  afterAll(() => org.stop());

  it('lists records changed and deleted in a window, to the minute', async () => {
    const conn = await connectAs(org, 'integration');
    const [a, b] = await org.insertAsSystem('Case', [{ Subject: 'a' }, { Subject: 'b' }]);
    now += 60_000;
    await conn.sobject('Case').update({ Id: a, Subject: 'a2' });
    await conn.sobject('Case').destroy(b);
    const before = await conn.sobject('Case').updated('2026-06-01T09:00:00Z', '2026-06-01T09:05:00Z');
    expect(before.ids).toEqual([]); // both changes happened in the current minute
    now += 60_000;
    const updated = await conn.sobject('Case').updated('2026-06-01T09:00:00Z', '2026-06-01T09:05:00Z');
    expect(updated.ids).toEqual([a]);
    expect(updated.latestDateCovered).toBe('2026-06-01T09:02:00.000+0000');
    const deleted = await conn.sobject('Case').deleted('2026-06-01T09:00:00Z', '2026-06-01T09:05:00Z');
    expect(deleted.deletedRecords).toEqual([{ id: b, deletedDate: '2026-06-01T09:01:30.000+0000' }]);
    const early = await conn.sobject('Case').updated('2026-06-01T09:00:00Z', '2026-06-01T09:01:00Z');
    expect(early.ids).toEqual([]);
  });
});
