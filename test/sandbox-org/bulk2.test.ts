import type { Connection } from 'jsforce';
import { startSandboxOrg, type SandboxOrg } from '../../scripts/sandbox-org';
import { parseCsv } from '../../scripts/sandbox-org/csv';
import { API_VERSION, connectAs, failure } from './org-fixture';

jest.setTimeout(60_000);

const PAYMENT = 'Assistance_Payment__c';

/** A raw Bulk API 2.0 request over HTTP (to see status codes, headers and CSV as the org sends them). */
async function call(
  org: SandboxOrg,
  conn: Connection,
  method: string,
  path: string,
  body?: string,
  contentType = 'application/json'
): Promise<{ status: number; headers: Headers; text: string; json: () => unknown }> {
  const res = await fetch(`${org.instanceUrl}/services/data/v${API_VERSION}/jobs/${path}`, {
    method,
    headers: { Authorization: `Bearer ${conn.accessToken}`, 'Content-Type': contentType },
    body
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, text, json: () => JSON.parse(text) as unknown };
}

async function waitForJob(
  org: SandboxOrg,
  conn: Connection,
  path: string
): Promise<{
  state: string;
  numberRecordsProcessed: number;
  numberRecordsFailed?: number;
  errorMessage?: string;
}> {
  for (;;) {
    const info = (await call(org, conn, 'GET', path)).json() as { state: string };
    if (!['Open', 'UploadComplete', 'InProgress'].includes(info.state))
      return info as Awaited<ReturnType<typeof waitForJob>>;
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('sandbox org Bulk API 2.0', () => {
  let org: SandboxOrg;
  let staff: Connection;
  let admin: Connection;
  let caseId: string;
  let amountRule: string;

  beforeAll(async () => {
    org = await startSandboxOrg({ port: 0, seed: 7 });
    staff = await connectAs(org, 'staff');
    admin = await connectAs(org, 'admin');
    for (const c of [staff, admin]) c.bulk2.pollInterval = 10;
    [caseId] = await org.insertAsSystem('Case', [{ Subject: 'Bulk', Program__c: 'RAFT' }]);
    amountRule = org.schema.objects
      .get(PAYMENT)!
      .validationRules.find((r) => r.errorDisplayField === 'Amount__c')!.errorMessage;
  });
  afterAll(() => org.stop());

  it('inserts through jsforce: good rows saved, a validation rule failure reported with its text, CSV quoting kept', async () => {
    const input = [
      { Case__c: caseId, Amount__c: 120, Payee__c: 'Ada "the landlord", LLC\nUnit 4', Reason_Code__c: 'RNT' },
      { Case__c: caseId, Amount__c: -5, Payee__c: 'Negative', Reason_Code__c: 'RNT' },
      { Case__c: caseId, Amount__c: 30, Payee__c: 'Plain', Reason_Code__c: 'RNT' }
    ];
    const results = await staff.bulk2.loadAndWaitForResults({ object: PAYMENT, operation: 'insert', input });
    expect(results.successfulResults).toHaveLength(2);
    expect(results.successfulResults[0]).toMatchObject({
      sf__Created: 'true',
      Payee__c: 'Ada "the landlord", LLC\nUnit 4',
      Amount__c: '120'
    });
    expect(results.failedResults).toEqual([
      expect.objectContaining({
        sf__Id: '',
        sf__Error: `FIELD_CUSTOM_VALIDATION_EXCEPTION:${amountRule}:Amount__c --`,
        Payee__c: 'Negative'
      })
    ]);
    expect(results.unprocessedRecords).toEqual([]);
    const saved = org.querySystem(
      `SELECT Id, Payee__c, CreatedById FROM ${PAYMENT} WHERE Payee__c LIKE 'Ada%'`
    );
    expect(saved).toEqual([
      expect.objectContaining({
        Id: results.successfulResults[0].sf__Id,
        Payee__c: 'Ada "the landlord", LLC\nUnit 4',
        CreatedById: org.users.staff.userId
      })
    ]);
  });

  it('updates and upserts: #N/A clears a field, an empty value leaves it, upsert reports created or not, field-level security applies', async () => {
    const [id] = await org.insertAsSystem(PAYMENT, [
      { Case__c: caseId, Amount__c: 50, Payee__c: 'Before', Vendor_Id__c: 'V-1', Reason_Code__c: 'RNT' }
    ]);
    const update = await staff.bulk2.loadAndWaitForResults({
      object: PAYMENT,
      operation: 'update',
      input: `Id,Payee__c,Vendor_Id__c,Amount__c\n${id},After,#N/A,\nnot-an-id,X,,\n`
    });
    expect(update.successfulResults).toEqual([expect.objectContaining({ sf__Id: id, sf__Created: 'false' })]);
    expect(update.failedResults).toHaveLength(1);
    expect(update.failedResults[0].sf__Error).toMatch(/^MALFORMED_ID:/);
    const insertWithId = await staff.bulk2.loadAndWaitForResults({
      object: PAYMENT,
      operation: 'insert',
      input: `Id,Case__c,Amount__c\n${id},${caseId},5\n`
    });
    expect(insertWithId.failedResults).toEqual([
      expect.objectContaining({
        sf__Error: 'INVALID_FIELD_FOR_INSERT_UPDATE:cannot specify Id in an insert call:Id --'
      })
    ]);
    expect(
      org.querySystem(`SELECT Payee__c, Vendor_Id__c, Amount__c FROM ${PAYMENT} WHERE Id = '${id}'`)
    ).toEqual([expect.objectContaining({ Payee__c: 'After', Vendor_Id__c: null, Amount__c: 50 })]);

    const upsertInput = `External_Payment_Id__c,Case__c,Amount__c,Payee__c\nEXT-1,${caseId},10,First\nEXT-1b,${caseId},11,Second\n`;
    const first = await admin.bulk2.loadAndWaitForResults({
      object: PAYMENT,
      operation: 'upsert',
      externalIdFieldName: 'External_Payment_Id__c',
      input: upsertInput
    });
    expect(first.successfulResults.map((r) => r.sf__Created)).toEqual(['true', 'true']);
    const again = await admin.bulk2.loadAndWaitForResults({
      object: PAYMENT,
      operation: 'upsert',
      externalIdFieldName: 'External_Payment_Id__c',
      input: `External_Payment_Id__c,Payee__c\nEXT-1,First renamed\n`
    });
    expect(again.successfulResults).toEqual([
      expect.objectContaining({ sf__Id: first.successfulResults[0].sf__Id, sf__Created: 'false' })
    ]);

    const denied = await staff.bulk2.loadAndWaitForResults({
      object: PAYMENT,
      operation: 'update',
      input: `Id,External_Payment_Id__c\n${id},EXT-9\n`
    });
    expect(denied.failedResults[0].sf__Error).toMatch(
      /^INVALID_FIELD_FOR_INSERT_UPDATE:Unable to create\/update fields: External_Payment_Id__c\./
    );
  });

  it('an aborted job saves nothing and returns its rows as unprocessed records', async () => {
    const job = staff.bulk2.createJob({ object: PAYMENT, operation: 'insert' });
    await job.open();
    await job.uploadData(
      `Case__c,Amount__c,Payee__c\n${caseId},5,Never saved 1\n${caseId},6,Never saved 2\n`
    );
    await job.abort();
    expect((await job.check()).state).toBe('Aborted');
    expect(await job.getUnprocessedRecords()).toEqual([
      { Case__c: caseId, Amount__c: '5', Payee__c: 'Never saved 1' },
      { Case__c: caseId, Amount__c: '6', Payee__c: 'Never saved 2' }
    ]);
    expect(org.querySystem(`SELECT Id FROM ${PAYMENT} WHERE Payee__c LIKE 'Never saved%'`)).toEqual([]);
    expect(await failure(job.abort())).toMatchObject({
      errorCode: 'INVALIDJOBSTATE',
      message: 'Aborting already Aborted Job not allowed'
    });
  });

  it('queries through jsforce, and pages results by locator when maxRecords is given', async () => {
    await org.insertAsSystem(
      PAYMENT,
      Array.from({ length: 25 }, (_, i) => ({
        Case__c: caseId,
        Amount__c: 1 + i,
        Payee__c: `Paged, "${i}"`,
        Reason_Code__c: 'RNT',
        Sync_Partition__c: 7
      }))
    );
    const soql = `SELECT Id, Payee__c, Amount__c, Case__r.CaseNumber FROM ${PAYMENT} WHERE Sync_Partition__c = 7 ORDER BY Amount__c`;
    const stream = await staff.bulk2.query(soql);
    const records: Array<Record<string, string>> = [];
    await new Promise<void>((resolve, reject) => {
      stream.on('record', (r: Record<string, string>) => records.push(r));
      stream.on('end', () => resolve());
      stream.on('error', reject);
    });
    expect(records).toHaveLength(25);
    expect(records[3]).toMatchObject({
      Payee__c: 'Paged, "3"',
      Amount__c: '4',
      'Case__r.CaseNumber': expect.any(String)
    });

    const created = await call(
      org,
      staff,
      'POST',
      'query',
      JSON.stringify({ operation: 'query', query: soql })
    );
    const { id } = created.json() as { id: string };
    expect(await waitForJob(org, staff, `query/${id}`)).toMatchObject({
      state: 'JobComplete',
      numberRecordsProcessed: 25
    });
    const pages: Array<{ n: string | null; locator: string | null; rows: string[][] }> = [];
    let locator: string | null = '';
    while (locator !== 'null') {
      const page = await call(
        org,
        staff,
        'GET',
        `query/${id}/results?maxRecords=10${locator ? `&locator=${locator}` : ''}`
      );
      expect(page.status).toBe(200);
      locator = page.headers.get('sforce-locator');
      const parsed = parseCsv(page.text, ',', 'LF');
      expect(parsed.header).toEqual(['Id', 'Payee__c', 'Amount__c', 'Case__r.CaseNumber']);
      pages.push({ n: page.headers.get('sforce-numberofrecords'), locator, rows: parsed.rows });
    }
    expect(pages.map((p) => p.n)).toEqual(['10', '10', '5']);
    expect(pages[2].locator).toBe('null');
    expect(pages.flatMap((p) => p.rows).map((r) => r[1])).toEqual(records.map((r) => r.Payee__c));
    // A locator names the same set of results every time it is used.
    const again = await call(
      org,
      staff,
      'GET',
      `query/${id}/results?maxRecords=10&locator=${pages[0].locator}`
    );
    expect(parseCsv(again.text, ',', 'LF').rows).toEqual(pages[1].rows);
  });

  it('counts every Bulk API 2.0 request against DailyApiRequests, and query jobs and batches in their own limits', async () => {
    const limits = async () =>
      (await staff.limits()) as unknown as Record<string, { Max: number; Remaining: number }>;
    const before = await limits();
    const used = org.apiUsage().used;
    const job = (
      await call(org, staff, 'POST', 'ingest', JSON.stringify({ object: PAYMENT, operation: 'insert' }))
    ).json() as {
      id: string;
      state: string;
      contentUrl: string;
    };
    expect(job).toMatchObject({
      state: 'Open',
      contentUrl: `services/data/v${API_VERSION}/jobs/ingest/${job.id}/batches`
    });
    const upload = await call(
      org,
      staff,
      'PUT',
      `ingest/${job.id}/batches`,
      `Case__c,Amount__c\n${caseId},9\n`,
      'text/csv'
    );
    expect(upload.status).toBe(201);
    await call(org, staff, 'PATCH', `ingest/${job.id}`, JSON.stringify({ state: 'UploadComplete' }));
    expect(org.apiUsage().used - used).toBe(3);
    await waitForJob(org, staff, `ingest/${job.id}`);
    const q = (
      await call(org, staff, 'POST', 'query', JSON.stringify({ query: 'SELECT Id FROM Case' }))
    ).json() as {
      id: string;
    };
    await waitForJob(org, staff, `query/${q.id}`);
    await call(org, staff, 'GET', `query/${q.id}/results`);
    const after = await limits();
    expect(after.DailyApiRequests.Remaining).toBe(after.DailyApiRequests.Max - org.apiUsage().used);
    expect(before.DailyBulkApiBatches.Remaining - after.DailyBulkApiBatches.Remaining).toBe(1);
    expect(before.DailyBulkV2QueryJobs.Remaining - after.DailyBulkV2QueryJobs.Remaining).toBe(1);
    expect(after.DailyBulkV2QueryFileStorageMB.Max).toBe(976562);
  });

  it('answers bad job ids, wrong states and unsupported features with the documented error shape', async () => {
    const missing = await call(org, staff, 'GET', 'ingest/7508d0000000099AAA');
    expect(missing.status).toBe(404);
    expect(missing.json()).toEqual([
      { errorCode: 'NOT_FOUND', message: 'The requested resource does not exist' }
    ]);

    const job = staff.bulk2.createJob({ object: PAYMENT, operation: 'insert' });
    await job.open();
    const empty = await call(org, staff, 'PUT', `ingest/${job.id}/batches`, '', 'text/csv');
    expect(empty.json()).toEqual([{ errorCode: 'INVALIDBATCH', message: expect.stringContaining('empty') }]);
    await job.uploadData(`Case__c,Amount__c\n${caseId},3\n`);
    const twice = await call(org, staff, 'PUT', `ingest/${job.id}/batches`, 'Case__c\n', 'text/csv');
    expect(twice.status).toBe(400);
    expect(twice.json()).toEqual([
      {
        errorCode: 'INVALIDJOB',
        message: expect.stringContaining(`Found multiple contents for job: <${job.id}>`)
      }
    ]);
    expect(await failure(job.delete())).toMatchObject({ errorCode: 'INVALIDJOBSTATE' });
    await job.close();
    await job.poll(10, 30_000);
    expect(await failure(job.abort())).toMatchObject({
      errorCode: 'INVALIDJOBSTATE',
      message: 'Aborting already Completed Job not allowed'
    });
    await job.delete();
    expect((await call(org, staff, 'GET', `ingest/${job.id}`)).status).toBe(404);

    expect(
      (
        await call(org, staff, 'POST', 'ingest', JSON.stringify({ object: PAYMENT, operation: 'upsert' }))
      ).json()
    ).toEqual([{ errorCode: 'INVALIDJOB', message: 'externalIdFieldName is required for an upsert job' }]);
    const hard = (
      await call(org, staff, 'POST', 'ingest', JSON.stringify({ object: PAYMENT, operation: 'hardDelete' }))
    ).json();
    expect(hard).toEqual([
      { errorCode: 'FEATURENOTENABLED', message: expect.stringContaining('hardDelete') }
    ]);
    const count = await call(
      org,
      staff,
      'POST',
      'query',
      JSON.stringify({ query: `SELECT COUNT() FROM ${PAYMENT}` })
    );
    expect(count.json()).toEqual([{ errorCode: 'API_ERROR', message: expect.stringContaining('COUNT()') }]);
    const badField = await call(
      org,
      staff,
      'POST',
      'query',
      JSON.stringify({ query: `SELECT Nope__c FROM ${PAYMENT}` })
    );
    expect(badField.json()).toEqual([
      { errorCode: 'INVALIDJOB', message: expect.stringContaining("No such column 'Nope__c'") }
    ]);
  });

  it('fails a job whose CSV names an unknown field or uses the wrong line ending, losing no row', async () => {
    const unknown = staff.bulk2.createJob({ object: PAYMENT, operation: 'insert' });
    await unknown.open();
    await unknown.uploadData(`Case__c,Nope__c\n${caseId},1\n`);
    await unknown.close();
    await expect(unknown.poll(10, 30_000)).rejects.toThrow('InvalidBatch : Field name not found : Nope__c');
    expect(await unknown.getUnprocessedRecords()).toEqual([{ Case__c: caseId, Nope__c: '1' }]);

    const crlf = staff.bulk2.createJob({ object: PAYMENT, operation: 'insert' });
    await crlf.open();
    await crlf.uploadData(`Case__c,Amount__c\r\n${caseId},1\r\n`);
    await crlf.close();
    await expect(crlf.poll(10, 30_000)).rejects.toThrow(
      'ClientInputError : LineEnding is invalid on user data. Current LineEnding setting is LF'
    );
  });
});

describe('sandbox org Bulk API 2.0 processing and faults', () => {
  const started: SandboxOrg[] = [];
  afterAll(() => Promise.all(started.map((o) => o.stop())));

  it('reads and writes the column delimiter and line ending a job names, and refuses uploads over the size limit', async () => {
    const org = await startSandboxOrg({ port: 0, seed: 10, bulk: { maxUploadBytes: 400 } });
    started.push(org);
    const staff = await connectAs(org, 'staff');
    const [caseId] = await org.insertAsSystem('Case', [{ Subject: 'Pipes' }]);
    const job = (
      await call(
        org,
        staff,
        'POST',
        'ingest',
        JSON.stringify({ object: PAYMENT, operation: 'insert', columnDelimiter: 'PIPE', lineEnding: 'CRLF' })
      )
    ).json() as { id: string };
    const put = await call(
      org,
      staff,
      'PUT',
      `ingest/${job.id}/batches`,
      `Case__c|Amount__c|Payee__c\r\n${caseId}|12|"Pipe | inside"\r\n`,
      'text/csv'
    );
    expect(put.status).toBe(201);
    await call(org, staff, 'PATCH', `ingest/${job.id}`, JSON.stringify({ state: 'UploadComplete' }));
    expect(await waitForJob(org, staff, `ingest/${job.id}`)).toMatchObject({
      state: 'JobComplete',
      numberRecordsProcessed: 1,
      numberRecordsFailed: 0
    });
    const ok = await call(org, staff, 'GET', `ingest/${job.id}/successfulResults`);
    expect(ok.text).toMatch(/^"sf__Id"\|"sf__Created"\|"Case__c"\|"Amount__c"\|"Payee__c"\r\n/);
    expect(ok.text).toContain('|"Pipe | inside"\r\n');

    const q = (
      await call(
        org,
        staff,
        'POST',
        'query',
        JSON.stringify({ query: `SELECT Payee__c, Amount__c FROM ${PAYMENT}`, columnDelimiter: 'TAB' })
      )
    ).json() as { id: string };
    await waitForJob(org, staff, `query/${q.id}`);
    expect((await call(org, staff, 'GET', `query/${q.id}/results`)).text).toBe(
      '"Payee__c"\t"Amount__c"\n"Pipe | inside"\t"12"\n'
    );

    const big = (
      await call(org, staff, 'POST', 'ingest', JSON.stringify({ object: PAYMENT, operation: 'insert' }))
    ).json() as { id: string };
    const tooBig = await call(
      org,
      staff,
      'PUT',
      `ingest/${big.id}/batches`,
      `Case__c,Payee__c\n${Array.from({ length: 20 }, (_, i) => `${caseId},Payee ${i}`).join('\n')}\n`,
      'text/csv'
    );
    expect(tooBig.status).toBe(413);
    expect(tooBig.json()).toEqual([
      { errorCode: 'INVALIDBATCH', message: expect.stringContaining('maximum upload size') }
    ]);
    expect((await call(org, staff, 'GET', `ingest/${big.id}`)).json()).toMatchObject({ state: 'Open' });
  });

  it('keeps a closed job in progress until it has processed, so a polling client sees it running', async () => {
    let now = Date.parse('2026-03-02T10:00:00Z');
    const org = await startSandboxOrg({
      port: 0,
      seed: 8,
      clock: () => now,
      bulk: { minProcessingMs: 60_000 }
    });
    started.push(org);
    const staff = await connectAs(org, 'staff');
    const [caseId] = await org.insertAsSystem('Case', [{ Subject: 'Slow' }]);
    const job = staff.bulk2.createJob({ object: PAYMENT, operation: 'insert' });
    await job.open();
    await job.uploadData(`Case__c,Amount__c\n${caseId},1\n${caseId},2\n`);
    await job.close();
    for (let i = 0; i < 3; i++) expect(['UploadComplete', 'InProgress']).toContain((await job.check()).state);
    now += 60_000;
    await job.poll(10, 30_000);
    expect(await job.check()).toMatchObject({
      state: 'JobComplete',
      numberRecordsProcessed: 2,
      numberRecordsFailed: 0
    });
  });

  it('injects faults into job creation, upload and result reads, and fails whole jobs part way without losing rows', async () => {
    const org = await startSandboxOrg({
      port: 0,
      seed: 9,
      faults: { rules: [{ endpoint: 'bulkCreate', kind: 'SERVER_UNAVAILABLE', rate: 1 }] }
    });
    started.push(org);
    const staff = await connectAs(org, 'staff');
    staff.bulk2.pollInterval = 10;
    const [caseId] = await org.insertAsSystem('Case', [{ Subject: 'Faults' }]);
    const csv = `Case__c,Amount__c,Payee__c\n${Array.from({ length: 1000 }, (_, i) => `${caseId},${i + 1},F${i}`).join('\n')}\n`;

    const create = staff.bulk2.createJob({ object: PAYMENT, operation: 'insert' });
    expect(await failure(create.open())).toMatchObject({ errorCode: 'SERVER_UNAVAILABLE' });

    org.setFaults({ rules: [{ endpoint: 'bulkUpload', kind: 'UNABLE_TO_LOCK_ROW', rate: 1 }] });
    const upload = staff.bulk2.createJob({ object: PAYMENT, operation: 'insert' });
    await upload.open();
    await expect(upload.uploadData(csv)).rejects.toMatchObject({ errorCode: 'UNABLE_TO_LOCK_ROW' });
    expect((await upload.check()).state).toBe('Open');

    org.setFaults({ rules: [{ endpoint: 'bulkResults', kind: 'REQUEST_LIMIT_EXCEEDED', rate: 1 }] });
    const read = staff.bulk2.createJob({ object: PAYMENT, operation: 'insert' });
    await read.open();
    await read.uploadData(csv);
    await read.close();
    await read.poll(10, 30_000);
    const denied = await fetch(
      `${org.instanceUrl}/services/data/v${API_VERSION}/jobs/ingest/${read.id}/successfulResults`,
      { headers: { Authorization: `Bearer ${staff.accessToken}` } }
    );
    expect(denied.status).toBe(403);
    expect(await denied.json()).toEqual([expect.objectContaining({ errorCode: 'REQUEST_LIMIT_EXCEEDED' })]);

    org.setFaults({ bulkJobFailureRate: 1, recordFailureRate: 0.1 });
    const broken = staff.bulk2.createJob({ object: PAYMENT, operation: 'insert' });
    await broken.open();
    await broken.uploadData(csv.replace(/,F(\d+)\n/g, ',G$1\n'));
    await broken.close();
    await expect(broken.poll(10, 30_000)).rejects.toThrow(/fault injected/);
    org.setFaults({});
    const [ok, bad, left] = await Promise.all([
      broken.getSuccessfulResults(),
      broken.getFailedResults(),
      broken.getUnprocessedRecords()
    ]);
    expect(ok.length + bad.length + left.length).toBe(1000);
    expect(bad.every((r) => r.sf__Error.startsWith('UNABLE_TO_LOCK_ROW:'))).toBe(true);
    expect(org.querySystem(`SELECT Id FROM ${PAYMENT} WHERE Payee__c LIKE 'G%'`)).toHaveLength(ok.length);
    expect((await broken.check()).state).toBe('Failed');

    org.setFaults({ bulkJobFailureRate: 1 });
    const q = await failure(staff.bulk2.query(`SELECT Id FROM ${PAYMENT}`));
    expect(q.message).toBe('Query job failed to complete');
    // jsforce deletes the failed job without waiting; let that finish before the org stops.
    while (((await call(org, staff, 'GET', 'query')).json() as { records: unknown[] }).records.length > 0)
      await new Promise((r) => setTimeout(r, 10));
  });
});
