/**
 * `npm run bench:sandbox` — how fast the sandbox org answers jsforce, so it is never what limits the
 * sync worker's own benchmarks. Prints `name: value` lines.
 *
 *   records_written_per_sec   inserts through 200-record sObject Collections calls (validation rules on)
 *   records_updated_per_sec   updates through 200-record collections
 *   rows_read_per_sec         rows read through query paging (2,000 per page)
 *   bulk_records_written_per_sec  inserts through one Bulk API 2.0 ingest job (jsforce bulk2, CSV)
 *   bulk_rows_read_per_sec        rows read through one Bulk API 2.0 query job (jsforce bulk2)
 *   heap_used_mb              heap in use after the bulk read
 */
import { Connection } from 'jsforce';
import { startSandboxOrg } from './index';

const RECORDS = Number(process.env.BENCH_RECORDS ?? 20000);
const BATCH = 200;

async function main(): Promise<void> {
  const org = await startSandboxOrg({ port: 0, dailyApiLimit: 10_000_000 });
  try {
    const conn = new Connection({ loginUrl: org.loginUrl, version: org.apiVersion });
    // The admin may write every field the bench sets (field-level security applies to every simulated user).
    await conn.login(org.users.admin.username, org.users.admin.password);
    const [caseId] = await org.insertAsSystem('Case', [{ Subject: 'Bench', Program__c: 'RAFT' }]);

    const records = Array.from({ length: RECORDS }, (_, i) => ({
      Case__c: caseId,
      Amount__c: (i % 900) + 1,
      Payee__c: `Payee ${i}`,
      Reason_Code__c: 'RNT',
      Status__c: 'Verified By Worker',
      Sync_Partition__c: i % 4
    }));
    let t = process.hrtime.bigint();
    const ids: string[] = [];
    for (let i = 0; i < records.length; i += BATCH) {
      const results = await conn
        .sobject('Assistance_Payment__c')
        .create(records.slice(i, i + BATCH), { allOrNone: true });
      for (const r of results) {
        if (!r.success) throw new Error(`insert failed: ${JSON.stringify(r.errors)}`);
        ids.push(r.id!);
      }
    }
    const writeSec = Number(process.hrtime.bigint() - t) / 1e9;

    t = process.hrtime.bigint();
    for (let i = 0; i < ids.length; i += BATCH) {
      await conn.sobject('Assistance_Payment__c').update(
        ids
          .slice(i, i + BATCH)
          .map((Id) => ({ Id, Sync_Error__c: null, Last_Synced_At__c: new Date().toISOString() })),
        { allOrNone: false }
      );
    }
    const updateSec = Number(process.hrtime.bigint() - t) / 1e9;

    t = process.hrtime.bigint();
    let rows = 0;
    let page = await conn.query(
      'SELECT Id, Name, Amount__c, Status__c, Case__r.CaseNumber FROM Assistance_Payment__c WHERE Sync_Partition__c >= 0'
    );
    rows += page.records.length;
    while (!page.done && page.nextRecordsUrl) {
      page = await conn.queryMore(page.nextRecordsUrl);
      rows += page.records.length;
    }
    const readSec = Number(process.hrtime.bigint() - t) / 1e9;
    if (rows !== RECORDS) throw new Error(`read ${rows} rows, expected ${RECORDS}`);

    conn.bulk2.pollInterval = 50;
    conn.bulk2.pollTimeout = 600_000;
    t = process.hrtime.bigint();
    const bulk = await conn.bulk2.loadAndWaitForResults({
      object: 'Assistance_Payment__c',
      operation: 'insert',
      // A CSV string: jsforce 3.10.16 drops rows when it serializes a large array of records itself.
      input:
        'Case__c,Amount__c,Payee__c,Reason_Code__c,Status__c,Sync_Partition__c\n' +
        records
          .map(
            (r, i) =>
              `${r.Case__c},${r.Amount__c},Bulk payee ${i},${r.Reason_Code__c},${r.Status__c},${r.Sync_Partition__c}\n`
          )
          .join('')
    });
    const bulkWriteSec = Number(process.hrtime.bigint() - t) / 1e9;
    if (bulk.successfulResults.length !== RECORDS)
      throw new Error(`bulk insert saved ${bulk.successfulResults.length} of ${RECORDS}`);

    t = process.hrtime.bigint();
    const stream = await conn.bulk2.query(
      'SELECT Id, Name, Amount__c, Status__c, Case__r.CaseNumber FROM Assistance_Payment__c WHERE Sync_Partition__c >= 0',
      { pollInterval: 50, pollTimeout: 600_000 }
    );
    let bulkRows = 0;
    await new Promise<void>((resolve, reject) => {
      stream.on('record', () => bulkRows++);
      stream.on('end', () => resolve());
      stream.on('error', reject);
    });
    const bulkReadSec = Number(process.hrtime.bigint() - t) / 1e9;
    if (bulkRows !== 2 * RECORDS) throw new Error(`bulk read ${bulkRows} rows, expected ${2 * RECORDS}`);

    process.stdout.write(`records: ${RECORDS}\n`);
    process.stdout.write(`records_written_per_sec: ${Math.round(RECORDS / writeSec)}\n`);
    process.stdout.write(`records_updated_per_sec: ${Math.round(RECORDS / updateSec)}\n`);
    process.stdout.write(`rows_read_per_sec: ${Math.round(rows / readSec)}\n`);
    process.stdout.write(`bulk_records_written_per_sec: ${Math.round(RECORDS / bulkWriteSec)}\n`);
    process.stdout.write(`bulk_rows_read_per_sec: ${Math.round(bulkRows / bulkReadSec)}\n`);
    process.stdout.write(`heap_used_mb: ${Math.round(process.memoryUsage().heapUsed / (1024 * 1024))}\n`);
    process.stdout.write(`api_requests_used: ${org.apiUsage().used}\n`);
  } finally {
    await org.stop();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
});
