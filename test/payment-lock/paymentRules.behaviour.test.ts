/**
 * The payment lock as staff meet it, stated at its edges: which saves are refused and with which
 * words, what a submission needs and when that is checked, the recall of a payment never sent, and the
 * sentence above a locked payment.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  REASON_CODES,
  canTransition,
  changedLockedFields,
  isLocked,
  isRecall,
  isUnsent,
  lockExplanation,
  missingForSubmission,
  paymentRuleViolations,
  reachableStatuses,
  statusFromPicklist,
  statusToPicklist,
  unsentReason,
  type PaymentChange,
  type PaymentValues
} from '../../force-app/main/default/lwc/paymentRules/paymentRules';

const complete: PaymentValues = {
  Status__c: 'Verified By Worker',
  Amount__c: 900,
  Payee__c: 'Acme Oil',
  Vendor_Id__c: 'VEN-1',
  Reason_Code__c: 'DLF',
  Case__c: '5008d0000000001AAA'
};
const submitted: PaymentValues = { ...complete, Status__c: 'Submitted for Payment' };
const unsent: PaymentValues = {
  ...submitted,
  Payee__c: null,
  Sync_Error__c: 'Cannot submit: the payment needs a payee.'
};

const rules = (change: PaymentChange) => paymentRuleViolations(change).map((v) => v.rule);
const edit = (
  prior: PaymentValues,
  next: PaymentValues,
  extra: Partial<PaymentChange> = {}
): PaymentChange => ({
  isNew: false,
  prior,
  next,
  hasSyncPermission: false,
  ...extra
});

describe('statuses', () => {
  it('a blank or missing status is None, and None is stored blank', () => {
    for (const value of [null, undefined, '']) expect(statusFromPicklist(value)).toBe('None');
    expect(statusToPicklist('None')).toBeNull();
    expect(statusToPicklist('Payment Failed')).toBe('Payment Failed');
    expect(isLocked(null)).toBe(false);
    expect(isLocked('')).toBe(false);
  });

  it('a status the picklist does not have is refused by name', () => {
    expect(() => statusFromPicklist('Paid')).toThrow('Unknown payment status "Paid"');
  });

  it('after a success the payment can still be returned, refunded or recouped, and after those nothing', () => {
    expect(reachableStatuses('Submitted for Payment')).toEqual([
      'Payment Successful',
      'Payment Failed',
      'Payment Returned',
      'Payment Voided',
      'Refund or Cancelled',
      'Payment Recouped'
    ]);
    expect(reachableStatuses('Payment Recouped')).toEqual([]);
    expect(canTransition('Payment Successful', 'Payment Successful')).toBe(true);
    expect(canTransition('', 'Submitted for Payment')).toBe(true);
    expect(canTransition('Verified By Worker', 'Payment Successful')).toBe(false);
  });
});

describe('what a submission needs', () => {
  it('names everything missing, in the order staff fix it', () => {
    expect(unsentReason({ Amount__c: 0, Payee__c: '  ', Reason_Code__c: null, Case__c: '' })).toBe(
      'Cannot submit: the payment needs an amount above zero, a payee, a reason code, a case.'
    );
    expect(unsentReason(complete)).toBeNull();
    expect(missingForSubmission({ ...complete, Amount__c: 0.01 })).toEqual([]);
    expect(missingForSubmission({ ...complete, Amount__c: null }).map((m) => m.key)).toEqual(['amount']);
  });

  it('is checked when a payment enters Submitted for Payment, on create too, not on a later save', () => {
    expect(rules(edit(complete, { ...complete, Status__c: 'Submitted for Payment', Payee__c: '' }))).toEqual([
      'Payment_Submission_Needs_Payee'
    ]);
    expect(
      rules({
        isNew: true,
        next: { ...submitted, Reason_Code__c: null, Payee__c: null },
        hasSyncPermission: false
      })
    ).toEqual(['Payment_Submission_Needs_Payee', 'Payment_Submission_Needs_Reason_Code']);
    expect(rules(edit({ ...submitted, Payee__c: null }, { ...submitted, Payee__c: null }))).toEqual([]);
  });

  it('the payment page may submit without the case or amount in its values: those the field definitions require, and no rule is named for them', () => {
    // the payment page sends amount, payee, reason code and status; the case is the master-detail
    const pageDraft: PaymentValues = {
      Status__c: 'Submitted for Payment',
      Amount__c: 900,
      Payee__c: 'Acme Oil',
      Reason_Code__c: 'DLF'
    };
    const pagePrior: PaymentValues = { ...pageDraft, Status__c: 'Verified By Worker' };
    expect(paymentRuleViolations(edit(pagePrior, pageDraft))).toEqual([]);
    expect(paymentRuleViolations(edit(pagePrior, { ...pageDraft, Amount__c: null }))).toEqual([]);
    expect(rules(edit(pagePrior, { ...pageDraft, Amount__c: null, Payee__c: null }))).toEqual([
      'Payment_Submission_Needs_Payee'
    ]);
  });

  it('a payment created as Submitted for Payment is checked whatever prior values come with the create', () => {
    // the platform's PRIORVALUE gives the new values on create
    const created = { ...submitted, Payee__c: null };
    expect(rules({ isNew: true, prior: created, next: created, hasSyncPermission: false })).toEqual([
      'Payment_Submission_Needs_Payee'
    ]);
  });

  it('an amount of zero or less is refused next to the amount; a blank amount is not this rule', () => {
    const violations = paymentRuleViolations(edit(complete, { ...complete, Amount__c: 0 }));
    expect(violations).toEqual([
      {
        rule: 'Payment_Amount_Must_Be_Positive',
        field: 'Amount__c',
        message: 'Enter an amount greater than zero.'
      }
    ]);
    expect(rules(edit(complete, { ...complete, Amount__c: null }))).toEqual([]);
  });

  it('a negative sync partition is refused; zero is fine', () => {
    expect(rules(edit(complete, { ...complete, Sync_Partition__c: -1 }))).toEqual([
      'Payment_Sync_Partition_Not_Negative'
    ]);
    expect(rules(edit(complete, { ...complete, Sync_Partition__c: 0 }))).toEqual([]);
  });
});

describe('reason codes', () => {
  it('each reads as the Reason Code picklist labels it ("ARR (Arrears)"), as the payment page and the reconciliation report write it', () => {
    const xml = readFileSync(
      path.join(
        __dirname,
        '../../force-app/main/default/objects/Assistance_Payment__c/fields/Reason_Code__c.field-meta.xml'
      ),
      'utf8'
    );
    const picklist = Array.from(
      xml.matchAll(/<value>\s*<fullName>([^<]+)<\/fullName>[\s\S]*?<label>([^<]+)<\/label>/g),
      (match) => [match[1], match[2]]
    );
    expect(picklist.length).toBeGreaterThan(0);
    expect(Object.entries(REASON_CODES).map(([code, meaning]) => [code, `${code} (${meaning})`])).toEqual(
      picklist
    );
  });
});

describe('the lock', () => {
  it('every sent field and the status are locked, and only a real change counts', () => {
    const changed = changedLockedFields(
      edit(submitted, {
        Status__c: 'Payment Failed',
        Amount__c: 901,
        Payee__c: 'Other',
        Vendor_Id__c: 'VEN-2',
        Reason_Code__c: 'UTL',
        Case__c: '5008d0000000002AAA'
      })
    );
    expect(changed).toEqual([
      'Amount__c',
      'Payee__c',
      'Vendor_Id__c',
      'Reason_Code__c',
      'Case__c',
      'Status__c'
    ]);
    expect(changedLockedFields({ isNew: true, next: submitted, hasSyncPermission: false })).toEqual([]);
    expect(changedLockedFields(edit(submitted, { ...submitted, Vendor_Id__c: '' }))).toEqual([
      'Vendor_Id__c'
    ]);
  });

  it('a person cannot set a status only the payment system sets, even on create', () => {
    expect(
      rules({ isNew: true, next: { ...complete, Status__c: 'Payment Successful' }, hasSyncPermission: false })
    ).toEqual(['Payment_Status_Set_By_Payment_System']);
  });

  it('the integration may not move a status backwards, and is told the order', () => {
    const violations = paymentRuleViolations(
      edit({ ...submitted, Status__c: 'Payment Successful' }, submitted, { hasSyncPermission: true })
    );
    expect(violations.map((v) => [v.rule, v.field])).toEqual([['Payment_Status_Forward_Only', 'Status__c']]);
  });
});

describe('an update is judged against the values before it', () => {
  it('an update without its prior values is refused with an error saying so, not judged as unlocked', () => {
    const withoutPrior: PaymentChange = { isNew: false, next: submitted, hasSyncPermission: false };
    const message =
      'A payment update needs the values before the save (prior) to be judged against the payment lock';
    expect(() => paymentRuleViolations(withoutPrior)).toThrow(message);
    expect(() => paymentRuleViolations({ ...withoutPrior, prior: null })).toThrow(message);
    expect(() => changedLockedFields(withoutPrior)).toThrow(message);
    expect(() => isRecall({ ...withoutPrior, hasRecallPermission: true })).toThrow(message);
  });
});

describe('a payment the payment system never received', () => {
  it('is one Submitted for Payment, without a payment-system id, carrying the worker’s reason', () => {
    expect(isUnsent(unsent)).toBe(true);
    expect(isUnsent({ ...unsent, External_Payment_Id__c: 'PAY-1' })).toBe(false);
    expect(isUnsent({ ...unsent, Sync_Error__c: 'Timed out' })).toBe(false);
    expect(isUnsent({ ...unsent, Sync_Error__c: null })).toBe(false);
    expect(isUnsent({ ...unsent, Status__c: 'Verified By Worker' })).toBe(false);
    expect(isUnsent(null)).toBe(false);
  });

  it('a supervisor recalls it to Verified By Worker with a reason, and the recall is not a locked edit', () => {
    const recall = edit(
      unsent,
      { ...unsent, Status__c: 'Verified By Worker', Recall_Reason__c: 'Payee missing' },
      {
        hasRecallPermission: true
      }
    );
    expect(paymentRuleViolations(recall)).toEqual([]);
  });

  it('a recall reason of spaces, a recall to another status, or a recall by staff is refused as a locked edit', () => {
    const back = { ...unsent, Status__c: 'Verified By Worker', Recall_Reason__c: 'Payee missing' };
    expect(rules(edit(unsent, { ...back, Recall_Reason__c: '   ' }, { hasRecallPermission: true }))).toEqual([
      'Payment_Locked_Not_Sent'
    ]);
    expect(
      rules(edit(unsent, { ...back, Status__c: 'Payment Not Verified' }, { hasRecallPermission: true }))
    ).toEqual(['Payment_Locked_Not_Sent', 'Payment_Recall_Reason_Only_On_Recall']);
    expect(rules(edit(unsent, back))).toEqual([
      'Payment_Locked_Not_Sent',
      'Payment_Recall_Reason_Only_On_Recall'
    ]);
  });

  it('a recall reason given with a new payment is refused, even when the create carries the same values as prior', () => {
    const created = { ...complete, Recall_Reason__c: 'why' };
    expect(rules({ isNew: true, prior: created, next: created, hasSyncPermission: false })).toEqual([
      'Payment_Recall_Reason_Only_On_Recall'
    ]);
  });

  it('a recall reason typed on any other save is refused, on create too', () => {
    expect(rules(edit(complete, { ...complete, Recall_Reason__c: 'why' }))).toEqual([
      'Payment_Recall_Reason_Only_On_Recall'
    ]);
    expect(
      rules({ isNew: true, next: { ...complete, Recall_Reason__c: 'why' }, hasSyncPermission: false })
    ).toEqual(['Payment_Recall_Reason_Only_On_Recall']);
  });
});

describe('the sentence above a locked payment', () => {
  it('says the payment was submitted, or what the payment system reports, and lists what is locked', () => {
    expect(lockExplanation('Submitted for Payment')).toBe(
      'This payment was submitted to the payment system, so its amount, payee, vendor, reason code, case and ' +
        'status can no longer be changed here. To change it, ask for a void or recoup in the payment system.'
    );
    expect(lockExplanation('Payment Failed', submitted)).toBe(
      'The payment system reports this payment as Payment Failed, so its amount, payee, vendor, reason code, ' +
        'case and status can no longer be changed here. To change it, ask for a void or recoup in the payment system.'
    );
  });

  it('for a payment never received, says a supervisor can recall it', () => {
    expect(lockExplanation('Submitted for Payment', unsent)).toBe(
      'This payment never reached the payment system: the sync could not send it (see the sync error). ' +
        'Its amount, payee, vendor, reason code, case and status stay locked until a supervisor recalls it to ' +
        'Verified By Worker, giving a reason; then it can be corrected and submitted again.'
    );
  });
});
