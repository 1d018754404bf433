/**
 * The sync worker above its bulk threshold: Bulk API 2.0 query and ingest jobs through jsforce's
 * bulk2 module against the sandbox org over real HTTP. The threshold is set to 50 so that a few
 * hundred payments take the bulk path.
 */
import {
  exactlyOnce,
  payments,
  seedPayments,
  startSandboxes,
  statusMismatches,
  TEST_CONFIG,
  worker,
  type Sandboxes
} from './sandboxes';
import { csvValue, parseBulkError, typedRow } from '../../scripts/sync/bulk';
import type { WorkerConfig } from '../../scripts/sync/config';

jest.setTimeout(180_000);

const BULK: Partial<WorkerConfig> = {
  bulk: { ...TEST_CONFIG.bulk, threshold: 50, queryPageSize: 100, pollIntervalMs: 20, maxPollIntervalMs: 100 }
};

describe('Bulk API 2.0 values', () => {
  it('reads query CSV values as the REST API returns them: numbers, checkboxes, datetimes, empty as null', () => {
    const row = typedRow<Record<string, unknown>>(
      {
        Id: 'a0X000000000001AAA',
        Amount__c: '650.5',
        Drift_Detected__c: 'false',
        SystemModstamp: '2026-01-02T03:04:05.000Z',
        Payee__c: '',
        Sync_Partition__c: ''
      },
      {
        Amount__c: 'number',
        Drift_Detected__c: 'boolean',
        SystemModstamp: 'datetime',
        Sync_Partition__c: 'number'
      }
    );
    expect(row).toEqual({
      Id: 'a0X000000000001AAA',
      Amount__c: 650.5,
      Drift_Detected__c: false,
      SystemModstamp: '2026-01-02T03:04:05.000+0000',
      Payee__c: null,
      Sync_Partition__c: null
    });
    expect(() => typedRow({ Amount__c: 'twelve' }, { Amount__c: 'number' })).toThrow(/Amount__c/);
  });

  it('writes null as #N/A, leaves a field the update does not set empty, and quotes CSV', () => {
    expect(csvValue(null)).toBe('#N/A');
    expect(csvValue(undefined)).toBe('');
    expect(csvValue(true)).toBe('true');
    expect(csvValue(12.5)).toBe('12.5');
    expect(csvValue('{"amount":650,"payee":"A, B"}')).toBe('"{""amount"":650,""payee"":""A, B""}"');
    expect(csvValue('line 1\nline 2')).toBe('"line 1\nline 2"');
  });

  it('reads the status code and message of a failed record', () => {
    expect(parseBulkError('UNABLE_TO_LOCK_ROW:unable to obtain exclusive access to this record:--')).toEqual({
      statusCode: 'UNABLE_TO_LOCK_ROW',
      message: 'unable to obtain exclusive access to this record'
    });
    expect(
      parseBulkError('FIELD_CUSTOM_VALIDATION_EXCEPTION:Payment is locked: amount:Amount__c --')
    ).toEqual({
      statusCode: 'FIELD_CUSTOM_VALIDATION_EXCEPTION',
      message: 'Payment is locked: amount'
    });
  });
});

describe('sync worker above the bulk threshold', () => {
  let sb: Sandboxes;

  afterEach(async () => {
    await sb?.stop();
  });

  it('sends and mirrors 300 payments through query and ingest jobs, exactly once', async () => {
    sb = await startSandboxes();
    const ids = await seedPayments(sb, 300);
    await seedPayments(sb, 5, { Status__c: 'Verified By Worker' });
    const { worker: w } = await worker(sb, { config: BULK });

    const first = await w.runCycle();
    expect(first.submitted).toBe(300);
    expect(first.apiCallsByKind['bulk-scan']).toBeGreaterThanOrEqual(3);
    expect(first.apiCallsByKind['bulk-write']).toBeGreaterThanOrEqual(4);
    expect(first.apiCallsByKind.write).toBeUndefined();
    expect(first.bulkJobs).toBe(1);
    expect(exactlyOnce(sb, ids)).toEqual({ duplicates: [], missing: [] });
    const sent = payments(sb).filter((p) => ids.includes(p.Id));
    expect(sent.every((p) => p.External_Payment_Id__c !== null && p.Submitted_Snapshot__c !== null)).toBe(
      true
    );
    expect(sent.every((p) => p.Sync_Error__c === null)).toBe(true);

    sb.ps.advance(2000);
    const second = await w.runCycle();
    expect(second.mirrored).toBe(300);
    expect(second.apiCallsByKind['bulk-lookup']).toBeGreaterThanOrEqual(3);
    expect(second.apiCallsByKind.lookup).toBeUndefined();
    expect(statusMismatches(sb)).toEqual([]);
    expect(payments(sb).filter((p) => p.Status__c === 'Payment Successful')).toHaveLength(300);
    expect(payments(sb).filter((p) => p.Status__c === 'Verified By Worker')).toHaveLength(5);
  });
});
