import {
  EDITABLE_STATUSES,
  LOCKED_FIELDS,
  LOCKED_STATUSES,
  PAYMENT_STATUSES,
  PAYMENT_SYSTEM_STATUSES,
  STATUS_PICKLIST_VALUES,
  STATUS_TRANSITIONS,
  canTransition,
  changedLockedFields,
  isLocked,
  lockExplanation,
  paymentRuleViolations,
  reachableStatuses,
  statusFromPicklist,
  statusToPicklist
} from '../../force-app/main/default/lwc/paymentRules/paymentRules';

describe('payment statuses', () => {
  it('are the eleven statuses of the E2E deck, split into editable and locked', () => {
    expect(PAYMENT_STATUSES).toHaveLength(11);
    expect([...EDITABLE_STATUSES, ...LOCKED_STATUSES].sort()).toEqual([...PAYMENT_STATUSES].sort());
    expect(STATUS_PICKLIST_VALUES).not.toContain('None');
    expect(PAYMENT_SYSTEM_STATUSES).not.toContain('Submitted for Payment');
  });

  it('lock from Submitted for Payment on, and treat blank as None', () => {
    expect(isLocked('Submitted for Payment')).toBe(true);
    expect(isLocked('Payment Recouped')).toBe(true);
    expect(isLocked('Verified By Worker')).toBe(false);
    expect(isLocked(null)).toBe(false);
    expect(isLocked('')).toBe(false);
  });

  it('convert between the blank picklist value and None', () => {
    expect(statusFromPicklist(null)).toBe('None');
    expect(statusFromPicklist('')).toBe('None');
    expect(statusFromPicklist('Payment Failed')).toBe('Payment Failed');
    expect(statusToPicklist('None')).toBeNull();
    expect(statusToPicklist('Payment Failed')).toBe('Payment Failed');
    expect(() => statusFromPicklist('Paid')).toThrow('Unknown payment status "Paid"');
  });

  it('list the fields a submission locks', () => {
    expect([...LOCKED_FIELDS]).toEqual([
      'Amount__c',
      'Payee__c',
      'Vendor_Id__c',
      'Reason_Code__c',
      'Case__c',
      'Status__c'
    ]);
  });
});

describe('canTransition', () => {
  it('follows the table forward after submission', () => {
    for (const [from, targets] of Object.entries(STATUS_TRANSITIONS)) {
      for (const to of targets ?? []) {
        expect(canTransition(from, to)).toBe(true);
      }
    }
    expect(canTransition('Submitted for Payment', 'Payment Returned')).toBe(true);
  });

  it('never goes back or leaves a final status', () => {
    expect(canTransition('Payment Successful', 'Submitted for Payment')).toBe(false);
    expect(canTransition('Payment Successful', 'Payment Failed')).toBe(false);
    expect(canTransition('Payment Failed', 'Payment Successful')).toBe(false);
    expect(canTransition('Payment Voided', 'Verified By Worker')).toBe(false);
    expect(canTransition('Submitted for Payment', null)).toBe(false);
    expect(reachableStatuses('Payment Recouped')).toEqual([]);
  });

  it('before submission allows any editable status or the submission, nothing the payment system sets', () => {
    expect(canTransition(null, 'Verified By Worker')).toBe(true);
    expect(canTransition('Rejected By Worker', 'Payment Not Verified')).toBe(true);
    expect(canTransition('Verified By Worker', 'Submitted for Payment')).toBe(true);
    expect(canTransition('Verified By Worker', 'Payment Successful')).toBe(false);
  });
});

describe('paymentRuleViolations', () => {
  const submitted = {
    Status__c: 'Submitted for Payment',
    Amount__c: 900,
    Payee__c: 'Acme Oil',
    Reason_Code__c: 'DLF'
  };

  it('refuses a person editing the amount of a submitted payment, with what to do instead', () => {
    const violations = paymentRuleViolations({
      isNew: false,
      prior: submitted,
      next: { ...submitted, Amount__c: 950 },
      hasSyncPermission: false
    });
    expect(violations.map((v) => v.rule)).toEqual(['Payment_Locked_After_Submission']);
    expect(violations[0].message).toContain('ask for a void or recoup in the payment system');
  });

  it('treats blank and null as the same value', () => {
    const change = {
      isNew: false,
      prior: { ...submitted, Payee__c: '' },
      next: { ...submitted, Payee__c: null },
      hasSyncPermission: false
    };
    expect(changedLockedFields(change)).toEqual([]);
  });

  it('allows the integration to record the outcome, and a person to save unrelated fields', () => {
    expect(
      paymentRuleViolations({
        isNew: false,
        prior: submitted,
        next: { ...submitted, Status__c: 'Payment Successful' },
        hasSyncPermission: true
      })
    ).toEqual([]);
    expect(
      paymentRuleViolations({
        isNew: false,
        prior: submitted,
        next: { ...submitted },
        hasSyncPermission: false
      })
    ).toEqual([]);
  });

  it('explains the lock on a locked payment and says nothing otherwise', () => {
    expect(lockExplanation('Payment Successful')).toContain('ask for a void or recoup in the payment system');
    expect(lockExplanation('Verified By Worker')).toBe('');
  });
});
