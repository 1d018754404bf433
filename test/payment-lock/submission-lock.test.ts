/**
 * The lock and the submission must cover the same fields: whatever the sync worker sends to the
 * payment system is locked once a payment is Submitted for Payment. The submissions here are built by
 * the worker's own code (scripts/sync/decisions.ts), so a field added to the submission and not to
 * the lock (or the other way round) fails this test.
 */
import {
  LOCKED_FIELDS,
  SUBMISSION_FIELDS,
  paymentRuleViolations,
  type PaymentValues
} from '../../force-app/main/default/lwc/paymentRules/paymentRules';
import { PAYMENT_FIELDS, buildSubmission, type PaymentRecord } from '../../scripts/sync/decisions';
import type { PaymentSubmission } from '../../scripts/payment-system/client';

const RECORD: PaymentRecord = {
  Id: 'a00000000000001AAA',
  Name: 'P-000001',
  Case__c: '500000000000001AAA',
  Amount__c: 850,
  Payee__c: 'Happy Valley Housing',
  Vendor_Id__c: 'VEN-1001',
  Reason_Code__c: 'RNT',
  Status__c: 'Submitted for Payment',
  External_Payment_Id__c: null,
  Submitted_Snapshot__c: null,
  Drift_Detected__c: false,
  Sync_Error__c: null,
  Sync_Partition__c: 0,
  SystemModstamp: '2026-03-02T10:00:00.000+0000'
};

/** Another valid value for a field, of the same kind. */
function otherValue(field: keyof PaymentRecord): unknown {
  switch (field) {
    case 'Case__c':
      return '500000000000002AAA';
    case 'Reason_Code__c':
      return 'ARR';
    case 'Status__c':
      return 'Verified By Worker';
    case 'Drift_Detected__c':
      return true;
    default: {
      const value = RECORD[field];
      return typeof value === 'number' ? value + 1 : `${String(value ?? '')}2`;
    }
  }
}

function submissionOf(record: PaymentRecord): PaymentSubmission {
  const plan = buildSubmission(record);
  if (plan.kind !== 'submit') throw new Error(`expected a submission: ${plan.reason}`);
  return plan.submission;
}

/** The payment field each key of the submission changes with, found by changing one field at a time. */
function fieldsBehindSubmission(): Record<string, string[]> {
  const base = submissionOf(RECORD);
  const behind: Record<string, string[]> = {};
  for (const field of PAYMENT_FIELDS.filter((name) => name !== 'Id')) {
    const changed = submissionOf({ ...RECORD, [field]: otherValue(field) } as PaymentRecord);
    for (const key of Object.keys({ ...base, ...changed }) as (keyof PaymentSubmission)[]) {
      if (changed[key] !== base[key]) (behind[key] ??= []).push(field);
    }
  }
  return behind;
}

describe('issue 12 item 10: every field the worker sends to the payment system is locked after submission', () => {
  it('SUBMISSION_FIELDS names, key by key, the field the worker reads for that key', () => {
    const expected = Object.fromEntries(
      Object.entries(SUBMISSION_FIELDS).map(([key, field]) => [key, [field]])
    );
    expect(fieldsBehindSubmission()).toEqual(expected);
  });

  it('a submission carries exactly the keys of SUBMISSION_FIELDS, besides the constant currency', () => {
    const keys = Object.keys(submissionOf(RECORD)).filter((key) => key !== 'currency');
    expect(keys.sort()).toEqual(Object.keys(SUBMISSION_FIELDS).sort());
    expect(submissionOf({ ...RECORD, Vendor_Id__c: 'VEN-9' }).vendorId).toBe('VEN-9');
  });

  it('locks every submitted field, Vendor_Id__c included, and the status', () => {
    expect([...LOCKED_FIELDS].sort()).toEqual([...Object.values(SUBMISSION_FIELDS), 'Status__c'].sort());
    expect(LOCKED_FIELDS).toContain('Vendor_Id__c');
  });

  it('refuses a person changing any submitted field after submission, and lets the integration', () => {
    const prior: PaymentValues = { ...RECORD, Status__c: 'Submitted for Payment' };
    for (const field of Object.values(SUBMISSION_FIELDS)) {
      const next = { ...prior, [field]: otherValue(field) };
      const byPerson = paymentRuleViolations({ isNew: false, prior, next, hasSyncPermission: false });
      expect({ field, rules: byPerson.map((v) => v.rule) }).toEqual({
        field,
        rules: ['Payment_Locked_After_Submission']
      });
      const byIntegration = paymentRuleViolations({ isNew: false, prior, next, hasSyncPermission: true });
      expect({ field, rules: byIntegration }).toEqual({ field, rules: [] });
    }
  });
});
