/**
 * What the sync worker's decisions promise a supervisor, stated at their edges: which payment-system
 * payments are quarantined and why, when the daily API allowance makes the worker back off, what the
 * drift details and the cycle line say, and how records are split among workers.
 */
import {
  allowanceNearlySpent,
  buildSubmission,
  decideDrift,
  decideMirror,
  decideStatus,
  describeDrift,
  emptyReport,
  keysOfRecord,
  hashId,
  latestByPayment,
  looksLikeRecordId,
  orgKeyPrefix,
  ownedPartitionValues,
  parseWatermark,
  needsSubmission,
  ownsRecord,
  parseSnapshot,
  partitionOf,
  recalledBeforeSending,
  submissionWriteBack,
  summarizeReport,
  truncate,
  type PaymentRecord
} from '../../scripts/sync/decisions';
import type { RemotePayment } from '../../scripts/payment-system/client';

const ID = 'a0A8d0000000001EAA';
const OTHER_ID = 'a0A8d0000000002EAA';
const ORG = '00D8d0000000001';
const NOW = '2026-01-05T15:00:00.000Z';

function record(overrides: Partial<PaymentRecord> = {}): PaymentRecord {
  return {
    Id: ID,
    Name: 'P-283068',
    Case__c: '5008d0000000001AAA',
    Amount__c: 5400,
    Payee__c: 'Riverside Property Management',
    Vendor_Id__c: 'VEN-10442',
    Reason_Code__c: 'ARR',
    Status__c: 'Submitted for Payment',
    External_Payment_Id__c: 'PAY-1',
    Submitted_Snapshot__c: null,
    Drift_Detected__c: false,
    Sync_Error__c: null,
    Sync_Partition__c: null,
    ...overrides
  };
}

function remote(overrides: Partial<RemotePayment> = {}): RemotePayment {
  return {
    id: 'PAY-1',
    idempotencyKey: ID,
    status: 'Payment Successful',
    amount: 5400,
    currency: 'USD',
    payee: 'Riverside Property Management',
    vendorId: 'VEN-10442',
    reasonCode: 'ARR',
    caseId: '5008d0000000001AAA',
    createdAt: '2026-01-05T14:00:00.000Z',
    updatedAt: '2026-01-05T14:30:00.000Z',
    version: 2,
    ...overrides
  };
}

const snapshot = JSON.stringify({
  amount: 5400,
  payee: 'Riverside Property Management',
  vendorId: 'VEN-10442',
  reasonCode: 'ARR',
  caseId: '5008d0000000001AAA'
});

describe('quarantine: a payment-system payment is never mirrored onto a record it does not belong to', () => {
  it('a payment whose key names another record is quarantined, naming the payment', () => {
    for (const orgPrefix of [null, ORG]) {
      const decision = decideMirror(
        record(),
        remote({ id: 'PAY-9', idempotencyKey: OTHER_ID }),
        NOW,
        orgPrefix
      );
      expect(decision).toEqual({
        kind: 'quarantine',
        reason: "Payment system payment PAY-9 carries another record's key"
      });
    }
  });

  it("a payment carrying this record's Id under another org's prefix is quarantined", () => {
    const decision = decideMirror(
      record(),
      remote({ id: 'PAY-9', idempotencyKey: `00D8d0000000002_${ID}` }),
      NOW,
      ORG
    );
    expect(decision.kind).toBe('quarantine');
  });

  it('without an org prefix only the bare record Id is the key', () => {
    expect(keysOfRecord(ID, null)).toEqual([ID]);
    expect(keysOfRecord(ID, ORG)).toEqual([`${ORG}_${ID}`, ID]);
    expect(decideMirror(record(), remote({ idempotencyKey: `${ORG}_${ID}` }), NOW, null).kind).toBe(
      'quarantine'
    );
  });

  it('a record bound to another payment is quarantined, naming both payments', () => {
    expect(decideMirror(record({ External_Payment_Id__c: 'PAY-7' }), remote(), NOW)).toEqual({
      kind: 'quarantine',
      reason: 'Record holds payment PAY-7 but the payment system created PAY-1 for it'
    });
  });

  it('a status the record cannot take is quarantined with the reason a person reads', () => {
    const decision = decideMirror(record({ Status__c: 'Payment Voided' }), remote(), NOW);
    expect(decision).toEqual({
      kind: 'quarantine',
      reason:
        'Payment system reports "Payment Successful" but the record is "Payment Voided"; that is not a forward move.'
    });
  });

  it('a record moved back before submission is not overwritten by the payment system', () => {
    expect(decideStatus('Verified By Worker', 'Payment Successful')).toEqual({
      kind: 'refused',
      from: 'Verified By Worker',
      to: 'Payment Successful',
      reason:
        'Record is "Verified By Worker" but the payment system has it as "Payment Successful"; the record was moved back before submission.'
    });
  });

  it('a status the picklist does not know is refused with the picklist’s own complaint', () => {
    const decision = decideStatus('Submitted for Payment', 'Paid Twice');
    expect(decision).toMatchObject({ kind: 'refused', from: 'None', to: 'None' });
    expect(decision.kind === 'refused' && decision.reason).toContain('Paid Twice');
  });
});

describe('mirroring a payment onto its own record', () => {
  it('writes the new status and when it synced, and clears an old sync error', () => {
    const decision = decideMirror(record({ Sync_Error__c: 'Timed out' }), remote(), NOW);
    expect(decision).toEqual({
      kind: 'write',
      update: { Id: ID, Status__c: 'Payment Successful', Sync_Error__c: null, Last_Synced_At__c: NOW },
      status: { kind: 'update', from: 'Submitted for Payment', to: 'Payment Successful' },
      healed: false
    });
  });

  it('leaves a record already showing the status untouched, an empty sync error included', () => {
    const same = remote({ status: 'Submitted for Payment' });
    for (const Sync_Error__c of [null, '']) {
      expect(decideMirror(record({ Sync_Error__c }), same, NOW)).toEqual({
        kind: 'skip',
        status: { kind: 'unchanged' }
      });
    }
  });

  it('clears a sync error even when the status is already right', () => {
    const decision = decideMirror(
      record({ Sync_Error__c: 'Timed out' }),
      remote({ status: 'Submitted for Payment' }),
      NOW
    );
    expect(decision).toMatchObject({
      kind: 'write',
      update: { Id: ID, Sync_Error__c: null, Last_Synced_At__c: NOW }
    });
  });

  it('heals a record that lost its write-back: payment id, snapshot and submission time', () => {
    const decision = decideMirror(record({ External_Payment_Id__c: ' ' }), remote(), NOW);
    expect(decision).toMatchObject({
      kind: 'write',
      healed: true,
      update: {
        External_Payment_Id__c: 'PAY-1',
        Submitted_Snapshot__c: snapshot,
        Submitted_At__c: '2026-01-05T14:00:00.000Z',
        Status__c: 'Payment Successful'
      }
    });
  });
});

describe('the daily API allowance', () => {
  it('backs off only when strictly less than the reserve is left', () => {
    expect(allowanceNearlySpent({ used: 13500, max: 15000 }, 0.1)).toBe(false);
    expect(allowanceNearlySpent({ used: 13501, max: 15000 }, 0.1)).toBe(true);
    expect(allowanceNearlySpent({ used: 0, max: 15000 }, 0)).toBe(false);
    expect(allowanceNearlySpent({ used: 15000, max: 15000 }, 0)).toBe(false);
  });

  it('an org reporting no allowance never makes the worker back off', () => {
    expect(allowanceNearlySpent({ used: 5, max: 0 }, 0.1)).toBe(false);
    expect(allowanceNearlySpent(null, 0.5)).toBe(false);
  });

  it('the cycle line tells what is left of it, what was set aside, and why it stopped early', () => {
    const report = { ...emptyReport(3, { index: 1, count: 2 }, 'now'), apiCalls: 9, setAside: 2 };
    report.apiAllowance = { used: 14000, max: 15000, remaining: 1000 };
    report.feedRestarted = true;
    report.incomplete = 'deadline';
    expect(summarizeReport(report)).toBe(
      'cycle 3: submitted 0, mirrored 0, healed 0, drifted 0, quarantined 0, API calls 9, ' +
        'API allowance left 1000/15000, set aside 2, change feed restarted; stopped early: deadline'
    );
    expect(summarizeReport(emptyReport(4, { index: 0, count: 1 }, 'now'))).toBe(
      'cycle 4: submitted 0, mirrored 0, healed 0, drifted 0, quarantined 0, API calls 0'
    );
  });
});

describe('drift details a supervisor reads', () => {
  it('name each changed field with its submitted and current value, and say the edit was not sent', () => {
    const drift = decideDrift(
      record({
        Submitted_Snapshot__c: snapshot,
        Amount__c: null,
        Payee__c: '  ',
        Vendor_Id__c: null,
        Reason_Code__c: 'RENT'
      })
    );
    expect(drift.kind).toBe('flag');
    expect(drift.kind === 'flag' && drift.update).toEqual({
      Id: ID,
      Drift_Detected__c: true,
      Drift_Details__c:
        'amount: submitted 5400.00, now (blank); payee: submitted Riverside Property Management, now (blank); ' +
        'vendor: submitted VEN-10442, now (blank); reason code: submitted ARR, now RENT. ' +
        'This edit was not sent to the payment system.'
    });
    expect(describeDrift([])).toBe('');
  });

  it('spaces around the payee are not drift; a changed vendor is', () => {
    expect(
      decideDrift(record({ Submitted_Snapshot__c: snapshot, Payee__c: ' Riverside Property Management ' }))
    ).toEqual({
      kind: 'none'
    });
    expect(decideDrift(record({ Submitted_Snapshot__c: snapshot, Vendor_Id__c: 'VEN-1' })).kind).toBe('flag');
  });

  it('a payment not yet in the payment system cannot drift', () => {
    expect(decideDrift(record({ External_Payment_Id__c: null, Amount__c: 1 })).kind).toBe('none');
  });

  it('an unreadable or incomplete snapshot is reported, not compared', () => {
    for (const stored of ['{', '{"amount":5400}', '   ']) {
      expect(parseSnapshot(stored)).toBeNull();
      expect(decideDrift(record({ Submitted_Snapshot__c: stored })).kind).toBe('no-snapshot');
    }
  });
});

describe('submitting', () => {
  it('rounds the amount to cents, trims the payee and sends a blank vendor as none', () => {
    const plan = buildSubmission(
      record({
        External_Payment_Id__c: null,
        Amount__c: 100.005,
        Payee__c: '  Riverside  ',
        Vendor_Id__c: ' '
      })
    );
    expect(plan).toMatchObject({
      kind: 'submit',
      submission: { amount: 100.01, currency: 'USD', payee: 'Riverside', vendorId: null }
    });
  });

  it('a blank status or a blank payment-system id reads as none', () => {
    expect(needsSubmission(record({ External_Payment_Id__c: '' }))).toBe(true);
    expect(needsSubmission(record({ Status__c: '', External_Payment_Id__c: null }))).toBe(false);
  });

  it('a record recalled before sending is recognised only while it carries the worker’s unsent reason', () => {
    const recalled = record({ Status__c: 'Verified By Worker', External_Payment_Id__c: null });
    const plan = buildSubmission(record({ External_Payment_Id__c: null, Payee__c: null }));
    const unsent = plan.kind === 'invalid' ? plan.reason : '';
    expect(unsent).not.toBe('');
    expect(recalledBeforeSending({ ...recalled, Sync_Error__c: unsent })).toBe(true);
    expect(recalledBeforeSending({ ...recalled, Sync_Error__c: 'Timed out' })).toBe(false);
    expect(recalledBeforeSending({ ...recalled, Sync_Error__c: null })).toBe(false);
    expect(
      recalledBeforeSending({ ...recalled, Sync_Error__c: unsent, External_Payment_Id__c: 'PAY-1' })
    ).toBe(false);
    expect(
      recalledBeforeSending({ ...recalled, Sync_Error__c: unsent, Status__c: 'Submitted for Payment' })
    ).toBe(false);
  });

  it('the write-back stores the partition only when the record had none', () => {
    const unset = submissionWriteBack(
      record({ Sync_Partition__c: null }),
      remote(),
      { index: 0, count: 4 },
      NOW
    );
    expect(unset.Sync_Partition__c).toBe(partitionOf(record(), 4));
    const set = submissionWriteBack(record({ Sync_Partition__c: 3 }), remote(), { index: 0, count: 4 }, NOW);
    expect(set).not.toHaveProperty('Sync_Partition__c');
    const single = submissionWriteBack(record(), remote(), { index: 0, count: 0 }, NOW);
    expect(single.Sync_Partition__c).toBe(0);
  });
});

describe('splitting records among workers', () => {
  it('a single worker owns everything; a stored partition counts modulo the workers', () => {
    expect(ownsRecord({ index: 0, count: 1 }, { Id: ID, Sync_Partition__c: 5 })).toBe(true);
    expect(partitionOf({ Id: ID, Sync_Partition__c: 5 }, 4)).toBe(1);
    expect(partitionOf({ Id: ID, Sync_Partition__c: 0 }, 4)).toBe(0);
  });

  it('a stored partition that is negative or fractional is ignored and the Id decides', () => {
    const byId = partitionOf({ Id: ID, Sync_Partition__c: null }, 4);
    expect(partitionOf({ Id: ID, Sync_Partition__c: -1 }, 4)).toBe(byId);
    expect(partitionOf({ Id: ID, Sync_Partition__c: 1.5 }, 4)).toBe(byId);
  });
});

describe('the change feed', () => {
  it('keeps the newest version of each payment, the later one on a tie', () => {
    const older = remote({ version: 1, status: 'Submitted for Payment' });
    const newer = remote({ version: 2 });
    const sameVersion = remote({ version: 2, status: 'Payment Failed' });
    expect(latestByPayment([newer, older])).toEqual([newer]);
    expect(latestByPayment([newer, sameVersion])).toEqual([sameVersion]);
  });

  it('a key can be a record Id only in the 15- or 18-character form', () => {
    expect(looksLikeRecordId(ID)).toBe(true);
    expect(looksLikeRecordId(ID.slice(0, 15))).toBe(true);
    expect(looksLikeRecordId(ID.slice(0, 16))).toBe(false);
    expect(looksLikeRecordId(`x${ID}`)).toBe(false);
    expect(looksLikeRecordId(`${ID}-`)).toBe(false);
  });

  it('long texts are cut to fit a Text(255) field, marked with an ellipsis', () => {
    expect(truncate('x'.repeat(255))).toBe('x'.repeat(255));
    expect(truncate('x'.repeat(256))).toBe(`${'x'.repeat(254)}…`);
    expect(truncate('abcdef', 4)).toBe('abc…');
  });
});

describe('records split among workers stay put', () => {
  it('the record hash is FNV-1a, so every process and language puts a record in the same partition', () => {
    expect(hashId('')).toBe(0x811c9dc5);
    expect(hashId('a')).toBe(0xe40c292c);
    expect(hashId('foobar')).toBe(0xbf9cf968);
  });

  it('a partition scans exactly the stored partition values it owns', () => {
    const values = ownedPartitionValues({ index: 1, count: 4 });
    expect(values.slice(0, 3)).toEqual([1, 5, 9]);
    expect(values).toHaveLength(250);
    expect(values[values.length - 1]).toBe(997);
  });

  it('a new cycle report names its partition and starts idle, not backed off, without warnings', () => {
    expect(emptyReport(1, { index: 1, count: 3 }, 'then')).toMatchObject({
      partition: '1/3',
      idle: true,
      backedOff: false,
      warnings: [],
      finishedAt: 'then'
    });
  });
});

describe('keys and watermarks read back from outside', () => {
  it('an org Id is recognised only whole', () => {
    expect(() => orgKeyPrefix('x00D8d0000000001')).toThrow(
      '"x00D8d0000000001" is not a Salesforce organization Id'
    );
    expect(() => orgKeyPrefix('00D8d0000000001EAAx')).toThrow(/organization Id/);
  });

  it('the drift watermark is refused with milliseconds, or when the date does not exist, and accepted up to now', () => {
    const now = new Date('2026-03-01T12:00:00Z');
    const later = new Date('2026-06-01T00:00:00Z');
    expect(parseWatermark('2026-01-05T14:00:00.123Z', later)).toBeNull();
    expect(parseWatermark('2026-02-30T14:00:00Z', later)).toBeNull();
    expect(parseWatermark('2026-01-05T24:00:00Z', later)).toBeNull();
    expect(parseWatermark('2026-03-01T12:00:00Z', now)).toBe('2026-03-01T12:00:00Z');
    expect(parseWatermark('2026-03-01T12:00:01Z', now)).toBeNull();
  });

  it('spaces added to a vendor id are a change: the vendor id is sent as typed', () => {
    const drift = decideDrift(record({ Submitted_Snapshot__c: snapshot, Vendor_Id__c: ' VEN-10442 ' }));
    expect(drift.kind === 'flag' && drift.differences.map((d) => d.label)).toEqual(['vendor']);
  });

  it('a submitted payment without a readable snapshot says so', () => {
    expect(decideDrift(record({ Submitted_Snapshot__c: null }))).toEqual({
      kind: 'no-snapshot',
      reason: 'Submitted payment has no readable Submitted_Snapshot__c'
    });
  });
});

describe('a field missing from a record read back', () => {
  // a query result may leave a blank field out rather than send null
  const missing = (field: keyof PaymentRecord): PaymentRecord => {
    const copy: Partial<PaymentRecord> = { ...record() };
    delete copy[field];
    return copy as PaymentRecord;
  };

  it('reads as blank: no payment-system id, no snapshot, no partition, no sync error', () => {
    expect(needsSubmission(missing('External_Payment_Id__c'))).toBe(true);
    expect(decideDrift({ ...missing('Submitted_Snapshot__c') }).kind).toBe('no-snapshot');
    expect(
      submissionWriteBack(missing('Sync_Partition__c'), remote(), { index: 0, count: 4 }, NOW)
    ).toHaveProperty('Sync_Partition__c', partitionOf(record(), 4));
    expect(
      decideMirror(missing('Sync_Error__c'), remote({ status: 'Submitted for Payment' }), NOW).kind
    ).toBe('skip');
  });
});
