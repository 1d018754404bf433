import {
  allowanceNearlySpent,
  buildSubmission,
  cursorKey,
  decideDrift,
  decideMirror,
  decideStatus,
  describeDrift,
  detectDrift,
  hashId,
  idempotencyKeyFor,
  latestByPayment,
  orgKeyPrefix,
  ownedPartitionValues,
  parseWatermark,
  recordIdOfKey,
  needsSubmission,
  ownsRecord,
  parseSnapshot,
  partitionOf,
  serializeSnapshot,
  submissionWriteBack,
  summarizeReport,
  emptyReport,
  type PaymentRecord
} from '../../scripts/sync/decisions';
import type { RemotePayment } from '../../scripts/payment-system/client';
import { escapeHtml, renderReconciliationHtml, type Reconciliation } from '../../scripts/sync/reconciliation';

const ID = 'a0A8d0000000001EAA';

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
    External_Payment_Id__c: null,
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
    status: 'Submitted for Payment',
    amount: 5400,
    currency: 'USD',
    payee: 'Riverside Property Management',
    vendorId: 'VEN-10442',
    reasonCode: 'ARR',
    caseId: '5008d0000000001AAA',
    createdAt: '2026-01-05T14:00:00.000Z',
    updatedAt: '2026-01-05T14:00:00.000Z',
    version: 1,
    ...overrides
  };
}

const SNAPSHOT = serializeSnapshot({
  amount: 5400,
  payee: 'Riverside Property Management',
  vendorId: 'VEN-10442',
  reasonCode: 'ARR',
  caseId: '5008d0000000001AAA'
});

describe('which payments are submitted', () => {
  it('submits a payment that is Submitted for Payment and has no payment-system id', () => {
    expect(needsSubmission(record())).toBe(true);
  });

  it.each([
    ['None', null],
    ['Payment Not Verified', 'Payment Not Verified'],
    ['Verified By Worker', 'Verified By Worker'],
    ['Rejected By Worker', 'Rejected By Worker'],
    ['Payment Successful', 'Payment Successful']
  ])('does not submit a payment in status %s', (_label, status) => {
    expect(needsSubmission(record({ Status__c: status }))).toBe(false);
  });

  it('never submits a payment that already has a payment-system id', () => {
    expect(needsSubmission(record({ External_Payment_Id__c: 'PAY-1' }))).toBe(false);
  });
});

describe('the submission', () => {
  it('uses the record Id as the idempotency key and sends amount, payee, vendor, reason and case', () => {
    expect(buildSubmission(record())).toEqual({
      kind: 'submit',
      idempotencyKey: ID,
      submission: {
        amount: 5400,
        currency: 'USD',
        payee: 'Riverside Property Management',
        vendorId: 'VEN-10442',
        reasonCode: 'ARR',
        caseId: '5008d0000000001AAA'
      }
    });
  });

  it('names everything a payment lacks instead of sending it', () => {
    const plan = buildSubmission(record({ Payee__c: ' ', Reason_Code__c: null, Amount__c: 0 }));
    expect(plan).toEqual({
      kind: 'invalid',
      reason: 'Cannot submit: the payment needs an amount above zero, a payee, a reason code.'
    });
  });

  it('writes back the payment-system id and a snapshot of what the payment system holds', () => {
    const update = submissionWriteBack(
      record(),
      remote({ amount: 5400.5 }),
      { index: 0, count: 4 },
      '2026-01-05T14:00:01Z'
    );
    expect(update.External_Payment_Id__c).toBe('PAY-1');
    expect(parseSnapshot(update.Submitted_Snapshot__c as string)).toEqual({
      amount: 5400.5,
      payee: 'Riverside Property Management',
      vendorId: 'VEN-10442',
      reasonCode: 'ARR',
      caseId: '5008d0000000001AAA'
    });
    expect(update.Sync_Partition__c).toBe(hashId(ID) % 4);
    expect(update).not.toHaveProperty('Status__c');
  });

  it('keeps a partition someone set on the record', () => {
    const update = submissionWriteBack(
      record({ Sync_Partition__c: 3 }),
      remote(),
      { index: 3, count: 4 },
      'now'
    );
    expect(update).not.toHaveProperty('Sync_Partition__c');
  });
});

describe('drift: the record against what was submitted', () => {
  it('finds nothing when the record still matches its snapshot', () => {
    expect(decideDrift(record({ External_Payment_Id__c: 'PAY-1', Submitted_Snapshot__c: SNAPSHOT }))).toEqual(
      { kind: 'none' }
    );
  });

  it('names each field that differs, with the submitted and the current value', () => {
    const differences = detectDrift(
      record({ Amount__c: 5500, Payee__c: 'Someone Else', Vendor_Id__c: null, Reason_Code__c: 'RNT' }),
      parseSnapshot(SNAPSHOT)!
    );
    expect(differences.map((d) => d.label)).toEqual(['amount', 'payee', 'vendor', 'reason code']);
    expect(describeDrift(differences)).toBe(
      'amount: submitted 5400.00, now 5500.00; payee: submitted Riverside Property Management, now Someone Else; ' +
        'vendor: submitted VEN-10442, now (blank); reason code: submitted ARR, now RNT. This edit was not sent to the payment system.'
    );
  });

  it('flags a drifted record once, with the details to store', () => {
    const drifted = record({
      External_Payment_Id__c: 'PAY-1',
      Submitted_Snapshot__c: SNAPSHOT,
      Amount__c: 1
    });
    const decision = decideDrift(drifted);
    expect(decision.kind).toBe('flag');
    if (decision.kind === 'flag') {
      expect(decision.update).toEqual({
        Id: ID,
        Drift_Detected__c: true,
        Drift_Details__c: 'amount: submitted 5400.00, now 1.00. This edit was not sent to the payment system.'
      });
    }
    expect(decideDrift({ ...drifted, Drift_Detected__c: true }).kind).toBe('already-flagged');
  });

  it('treats cents as equal however the amount is written', () => {
    expect(
      detectDrift(record({ Amount__c: 5400.0 }), { ...parseSnapshot(SNAPSHOT)!, amount: 5400.004 })
    ).toEqual([]);
  });

  it('reports a submitted record without a readable snapshot', () => {
    expect(
      decideDrift(record({ External_Payment_Id__c: 'PAY-1', Submitted_Snapshot__c: '{"amount":' })).kind
    ).toBe('no-snapshot');
  });
});

describe('status mirror: forward only along the transition table', () => {
  it.each([
    ['Submitted for Payment', 'Payment Successful'],
    ['Submitted for Payment', 'Payment Failed'],
    ['Submitted for Payment', 'Payment Voided'],
    ['Payment Successful', 'Payment Returned'],
    ['Payment Successful', 'Refund or Cancelled'],
    ['Payment Successful', 'Payment Recouped'],
    ['Submitted for Payment', 'Payment Recouped']
  ])('moves %s to %s', (from, to) => {
    expect(decideStatus(from, to)).toEqual({ kind: 'update', from, to });
  });

  it('never moves back: an older change read again is stale', () => {
    expect(decideStatus('Payment Returned', 'Payment Successful').kind).toBe('stale');
    expect(decideStatus('Payment Successful', 'Submitted for Payment').kind).toBe('stale');
  });

  it('refuses moves between final statuses', () => {
    expect(decideStatus('Payment Failed', 'Payment Successful').kind).toBe('refused');
    expect(decideStatus('Payment Voided', 'Payment Returned').kind).toBe('refused');
  });

  it('refuses to mirror onto a record that is no longer locked', () => {
    expect(decideStatus('Verified By Worker', 'Payment Successful').kind).toBe('refused');
  });

  it('writes the new status as the only locked field it touches', () => {
    const decision = decideMirror(
      record({ External_Payment_Id__c: 'PAY-1', Submitted_Snapshot__c: SNAPSHOT }),
      remote({ status: 'Payment Successful', version: 2 }),
      'now'
    );
    expect(decision).toMatchObject({
      kind: 'write',
      healed: false,
      update: { Id: ID, Status__c: 'Payment Successful' }
    });
    if (decision.kind === 'write') {
      expect(Object.keys(decision.update).sort()).toEqual(['Id', 'Last_Synced_At__c', 'Status__c']);
    }
  });

  it('heals a record whose write-back was lost', () => {
    const decision = decideMirror(record(), remote({ status: 'Payment Successful', version: 2 }), 'now');
    expect(decision).toMatchObject({
      kind: 'write',
      healed: true,
      update: { External_Payment_Id__c: 'PAY-1', Status__c: 'Payment Successful' }
    });
  });

  it('skips a record already showing the status', () => {
    const decision = decideMirror(
      record({ External_Payment_Id__c: 'PAY-1', Status__c: 'Payment Successful' }),
      remote({ status: 'Payment Successful' }),
      'now'
    );
    expect(decision.kind).toBe('skip');
  });

  it('quarantines a record bound to a different payment', () => {
    const decision = decideMirror(
      record({ External_Payment_Id__c: 'PAY-9' }),
      remote({ status: 'Payment Successful' }),
      'now'
    );
    expect(decision).toMatchObject({ kind: 'quarantine' });
  });

  it('keeps only the newest version of each payment on a page', () => {
    const latest = latestByPayment([
      remote({ version: 2, status: 'Payment Successful' }),
      remote({ version: 3, status: 'Payment Returned' }),
      remote({ version: 1 })
    ]);
    expect(latest).toHaveLength(1);
    expect(latest[0].status).toBe('Payment Returned');
  });
});

describe('partitions', () => {
  const ids = Array.from({ length: 400 }, (_, i) => `a0A8d${String(i).padStart(10, '0')}AAA`);

  it('gives every record exactly one owner among N workers', () => {
    for (const id of ids) {
      const owners = [0, 1, 2, 3].filter((index) =>
        ownsRecord({ index, count: 4 }, { Id: id, Sync_Partition__c: null })
      );
      expect(owners).toHaveLength(1);
    }
  });

  it('spreads records over the partitions', () => {
    const counts = [0, 0, 0, 0];
    for (const id of ids) counts[partitionOf({ Id: id, Sync_Partition__c: null }, 4)]++;
    for (const c of counts) expect(c).toBeGreaterThan(50);
  });

  it('honours Sync_Partition__c when set', () => {
    expect(partitionOf({ Id: ids[0], Sync_Partition__c: 2 }, 4)).toBe(2);
    expect(cursorKey({ index: 2, count: 4 })).toBe('payments:2/4');
  });
});

describe('cycle report and API allowance', () => {
  it('summarizes a cycle in one line', () => {
    const report = {
      ...emptyReport(7, { index: 0, count: 1 }, 'now'),
      submitted: 3,
      mirrored: 2,
      apiCalls: 5
    };
    report.apiAllowance = { used: 10, max: 15000, remaining: 14990 };
    expect(summarizeReport(report)).toBe(
      'cycle 7: submitted 3, mirrored 2, healed 0, drifted 0, quarantined 0, API calls 5, API allowance left 14990/15000'
    );
  });

  it('backs off when less than the reserve of the daily allowance is left', () => {
    expect(allowanceNearlySpent({ used: 13600, max: 15000 }, 0.1)).toBe(true);
    expect(allowanceNearlySpent({ used: 13400, max: 15000 }, 0.1)).toBe(false);
    expect(allowanceNearlySpent(null, 0.1)).toBe(false);
  });
});

describe('reconciliation page', () => {
  it('escapes every piece of text a record carries', () => {
    const report: Reconciliation = {
      generatedAt: '2026-01-05T14:00:00.000Z',
      totals: { payments: 1, submitted: 1, drifted: 1, quarantined: 0 },
      countsByStatus: { 'Payment Successful': 1 },
      drifted: [
        {
          recordId: ID,
          name: 'P-1',
          status: 'Payment Successful',
          amount: 1,
          payee: '<script>alert("x")</script>',
          externalId: 'PAY-1',
          reason: 'payee: submitted A & B, now <b>C</b>'
        }
      ],
      quarantined: [],
      mismatches: [],
      cycles: [],
      apiCalls: 3
    };
    const html = renderReconciliationHtml(report);
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<b>C</b>');
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(html).toContain('A &amp; B');
    expect(escapeHtml(`'`)).toBe('&#39;');
  });
});

describe('issue 12 item 4: the drift watermark is a strict past UTC datetime', () => {
  const now = new Date('2026-03-01T12:00:00Z');
  it('accepts YYYY-MM-DDThh:mm:ssZ in the past', () => {
    expect(parseWatermark('2026-02-28T23:59:59Z', now)).toBe('2026-02-28T23:59:59Z');
  });
  it.each([
    'garbage',
    '2026-02-30T00:00:00Z',
    '2026-02-28T23:59:59.000Z',
    '2026-02-28T23:59:59+01:00',
    '2026-02-28T23:59:59Z OR Id != null',
    '2999-01-01T00:00:00Z',
    ''
  ])('refuses %j', (value) => {
    expect(parseWatermark(value, now)).toBeNull();
  });
  it('refuses what is not a string', () => {
    expect(parseWatermark(12, now)).toBeNull();
    expect(parseWatermark(null, now)).toBeNull();
  });
});

describe('issue 12 item 6: the partition query and ownership agree for any count', () => {
  it.each([1, 2, 3, 4, 7])(
    'every stored partition value is owned by exactly the worker it is listed for (N = %i)',
    (count) => {
      for (let stored = 0; stored <= 999; stored++) {
        const owners = Array.from({ length: count }, (_, index) => index).filter((index) =>
          ownedPartitionValues({ index, count }).includes(stored)
        );
        const owner = partitionOf({ Id: ID, Sync_Partition__c: stored }, count);
        expect(owners).toEqual([owner]);
      }
    }
  );
});

describe('issue 12 item 11: keys are matched exactly and carry the org', () => {
  const prefix = orgKeyPrefix('00D8d0000000001EAA');
  it('uses the 15-character org Id whichever form the session reports', () => {
    expect(prefix).toBe('00D8d0000000001');
    expect(orgKeyPrefix('00D8d0000000001')).toBe(prefix);
    expect(() => orgKeyPrefix('not an org')).toThrow(/organization Id/);
  });
  it('prefixes the record Id with the org', () => {
    expect(idempotencyKeyFor(ID, prefix)).toBe(`00D8d0000000001_${ID}`);
    expect(buildSubmission(record(), prefix)).toMatchObject({ idempotencyKey: `00D8d0000000001_${ID}` });
  });
  it('finds the record for its own keys, old and new, and for nothing else', () => {
    expect(recordIdOfKey(`00D8d0000000001_${ID}`, prefix)).toBe(ID);
    expect(recordIdOfKey(ID, prefix)).toBe(ID);
    expect(recordIdOfKey(ID.slice(0, 15), prefix)).toBeNull();
    expect(recordIdOfKey(`00D8d0000000002_${ID}`, prefix)).toBeNull();
    expect(recordIdOfKey('invoice-77', prefix)).toBeNull();
  });
  it('mirrors a payment under either key of the record, never under another key', () => {
    const submitted = record({ External_Payment_Id__c: 'PAY-1' });
    const paid = remote({ status: 'Payment Successful', version: 2 });
    expect(
      decideMirror(
        submitted,
        { ...paid, idempotencyKey: `00D8d0000000001_${ID}` },
        '2026-01-05T15:00:00.000Z',
        prefix
      ).kind
    ).toBe('write');
    expect(decideMirror(submitted, paid, '2026-01-05T15:00:00.000Z', prefix).kind).toBe('write');
    expect(
      decideMirror(
        submitted,
        { ...paid, idempotencyKey: ID.slice(0, 15) },
        '2026-01-05T15:00:00.000Z',
        prefix
      ).kind
    ).toBe('quarantine');
  });
});

describe('issue 12 item 12: a flagged record carries its current drift', () => {
  it('describes the drift of a record flagged before', () => {
    const snapshot = serializeSnapshot({
      amount: 5400,
      payee: 'Riverside Property Management',
      vendorId: 'VEN-10442',
      reasonCode: 'ARR',
      caseId: '5008d0000000001AAA'
    });
    const drift = decideDrift(
      record({
        External_Payment_Id__c: 'PAY-1',
        Submitted_Snapshot__c: snapshot,
        Drift_Detected__c: true,
        Amount__c: 6400
      })
    );
    expect(drift).toMatchObject({ kind: 'already-flagged', details: expect.stringContaining('now 6400.00') });
  });
});
