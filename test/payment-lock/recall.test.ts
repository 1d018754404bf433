/**
 * Issue 16 item 2: a payment the payment system never received has a way out. A supervisor (custom
 * permission Omni_Assist_Recall_Unsent_Payment) recalls it to Verified By Worker with a reason; nobody
 * else can, and a payment the payment system holds never can. A payment reaches Submitted for Payment
 * only with what the worker needs to send it. The module and the committed validation rules are
 * compared save by save, as the platform would evaluate them.
 */
import {
  LOCKED_FIELDS,
  PAYMENT_RULE_MESSAGES,
  PAYMENT_RULES,
  PAYMENT_STATUSES,
  PAYMENT_SYNC_PERMISSION,
  RECALL_PERMISSION,
  RECALL_STATUS,
  SUBMISSION_REQUIREMENTS,
  UNSENT_REASON_PREFIX,
  isUnsent,
  lockExplanation,
  missingForSubmission,
  paymentRuleViolations,
  statusToPicklist,
  unsentReason,
  type PaymentChange,
  type PaymentValues
} from '../../force-app/main/default/lwc/paymentRules/paymentRules';
import { evaluateValidationFormula } from '../../scripts/formula/evaluator';
import { buildSubmission, type PaymentRecord } from '../../scripts/sync/decisions';
import * as fs from 'fs';
import * as path from 'path';
import { ROOT, committedRules, paymentFieldTypes, readXml } from './metadata';

const fieldTypes = paymentFieldTypes();
const rules = committedRules();

/** P-000016 of the demo: submitted before the rule, no payee, the worker would not send it. */
const UNSENT: PaymentValues = {
  Status__c: 'Submitted for Payment',
  Amount__c: 450,
  Payee__c: null,
  Vendor_Id__c: null,
  Reason_Code__c: 'UTL',
  Case__c: '500000000000001AAA',
  External_Payment_Id__c: null,
  Sync_Error__c: 'Cannot submit: the payment needs a payee.',
  Recall_Reason__c: null
};
const SENT: PaymentValues = {
  ...UNSENT,
  Payee__c: 'Eastern Gas & Electric',
  External_Payment_Id__c: 'PAY-1',
  Sync_Error__c: null
};
const RECALLED: PaymentValues = {
  ...UNSENT,
  Status__c: 'Verified By Worker',
  Recall_Reason__c: 'Payee missing; entered before the rule'
};

type Who = 'staff' | 'supervisor' | 'integration';

function change(who: Who, prior: PaymentValues | null, next: PaymentValues): PaymentChange {
  return {
    isNew: prior === null,
    prior,
    next,
    hasSyncPermission: who === 'integration',
    hasRecallPermission: who === 'supervisor'
  };
}

function firedRules(c: PaymentChange): string[] {
  const permissions = new Set<string>();
  if (c.hasSyncPermission) permissions.add(PAYMENT_SYNC_PERMISSION);
  if (c.hasRecallPermission) permissions.add(RECALL_PERMISSION);
  const record = (values: PaymentValues): Record<string, unknown> => ({
    Drift_Detected__c: false,
    ...values
  });
  return rules
    .filter((rule) =>
      evaluateValidationFormula(rule.errorConditionFormula, {
        record: record(c.next),
        prior: c.isNew || !c.prior ? null : record(c.prior),
        isNew: c.isNew,
        permissions,
        fieldTypes
      })
    )
    .map((rule) => rule.fullName)
    .sort();
}

function moduleRules(c: PaymentChange): string[] {
  return paymentRuleViolations(c)
    .map((v) => v.rule)
    .sort();
}

/** The recall and everything around it, for each kind of user. */
function scenarios(): Array<{ name: string; change: PaymentChange }> {
  const list: Array<{ name: string; change: PaymentChange }> = [];
  const priors: Record<string, PaymentValues> = {
    unsent: UNSENT,
    sent: SENT,
    'in flight (no id, no sync error)': { ...UNSENT, Payee__c: 'P', Sync_Error__c: null },
    'no id, another sync error': { ...UNSENT, Sync_Error__c: 'Payment system unavailable (HTTP 503)' },
    recalled: RECALLED
  };
  for (const who of ['staff', 'supervisor', 'integration'] as Who[]) {
    for (const [label, prior] of Object.entries(priors)) {
      for (const to of PAYMENT_STATUSES) {
        for (const reason of [null, 'Payee missing']) {
          list.push({
            name: `${who} moves ${label} to ${to} with reason ${reason}`,
            change: change(who, prior, {
              ...prior,
              Status__c: statusToPicklist(to),
              Recall_Reason__c: reason
            })
          });
        }
      }
      for (const field of LOCKED_FIELDS.filter((f) => f !== 'Status__c')) {
        list.push({
          name: `${who} recalls ${label} and changes ${field} in the same save`,
          change: change(who, prior, {
            ...prior,
            Status__c: 'Verified By Worker',
            Recall_Reason__c: 'Payee missing',
            [field]: field === 'Amount__c' ? 999 : 'changed'
          })
        });
      }
      list.push({
        name: `${who} recalls ${label} and sets a payment system id`,
        change: change(who, prior, {
          ...prior,
          Status__c: 'Verified By Worker',
          Recall_Reason__c: 'x',
          External_Payment_Id__c: 'PAY-9'
        })
      });
      list.push({
        name: `${who} recalls ${label} with a reason of spaces`,
        change: change(who, prior, { ...prior, Status__c: 'Verified By Worker', Recall_Reason__c: '   ' })
      });
    }
    list.push({
      name: `${who} creates a payment with a recall reason`,
      change: change(who, null, { ...RECALLED, Sync_Error__c: null })
    });
    for (const requirement of SUBMISSION_REQUIREMENTS) {
      for (const blank of [null, '', '  ']) {
        // a number is blank only as null; a restricted picklist never holds spaces
        if (requirement.field === 'Amount__c' && blank !== null) continue;
        if (requirement.field === 'Reason_Code__c' && blank === '  ') continue;
        const next = { ...SENT, External_Payment_Id__c: null, [requirement.field]: blank };
        list.push({
          name: `${who} submits without ${requirement.field} (${JSON.stringify(blank)})`,
          change: change(who, { ...next, Status__c: 'Verified By Worker' }, next)
        });
        list.push({
          name: `${who} creates submitted without ${requirement.field}`,
          change: change(who, null, next)
        });
      }
    }
  }
  return list;
}

describe('issue 16 item 2: the recall of a payment the payment system never received', () => {
  it('the committed validation rules refuse exactly what paymentRules refuses, save by save', () => {
    const all = scenarios();
    expect(all.length).toBeGreaterThan(300);
    const differ = all
      .map(({ name, change: c }) => ({ name, fired: firedRules(c), expected: moduleRules(c) }))
      .filter(({ fired, expected }) => fired.join() !== expected.join())
      .map(({ name, fired, expected }) => `${name}: formulas [${fired}], module [${expected}]`);
    expect(differ).toEqual([]);
  });

  it('lets a supervisor recall P-000016 to Verified By Worker with a reason, and nothing else', () => {
    expect(firedRules(change('supervisor', UNSENT, RECALLED))).toEqual([]);
  });

  it('refuses staff the recall, with the message that says a supervisor can recall it', () => {
    expect(firedRules(change('staff', UNSENT, RECALLED))).toEqual([
      PAYMENT_RULES.lockedNotSent,
      PAYMENT_RULES.recallReasonOnlyOnRecall
    ]);
    expect(PAYMENT_RULE_MESSAGES.Payment_Locked_Not_Sent).toContain(
      'until a supervisor recalls it to Verified By Worker'
    );
  });

  it('refuses a supervisor a recall without a reason, or with the payee fixed in the same save', () => {
    expect(firedRules(change('supervisor', UNSENT, { ...RECALLED, Recall_Reason__c: null }))).toEqual([
      PAYMENT_RULES.lockedNotSent
    ]);
    expect(firedRules(change('supervisor', UNSENT, { ...RECALLED, Payee__c: 'Eastern Gas' }))).toEqual([
      PAYMENT_RULES.lockedNotSent
    ]);
  });

  it('never lets anyone recall a payment the payment system holds, and keeps its message about a void', () => {
    const recall = { ...SENT, Status__c: 'Verified By Worker', Recall_Reason__c: 'x' };
    expect(firedRules(change('supervisor', SENT, recall))).toEqual([
      PAYMENT_RULES.lockedAfterSubmission,
      PAYMENT_RULES.recallReasonOnlyOnRecall
    ]);
    expect(PAYMENT_RULE_MESSAGES.Payment_Locked_After_Submission).toContain('ask for a void or recoup');
    expect(PAYMENT_RULE_MESSAGES.Payment_Locked_After_Submission).not.toContain('recall');
  });

  it('does not treat a payment on its way (no sync error) or failed for another reason as never received', () => {
    expect(isUnsent({ ...UNSENT, Sync_Error__c: null })).toBe(false);
    expect(isUnsent({ ...UNSENT, Sync_Error__c: 'Payment system unavailable (HTTP 503)' })).toBe(false);
    expect(isUnsent({ ...UNSENT, External_Payment_Id__c: 'PAY-1' })).toBe(false);
    expect(isUnsent(UNSENT)).toBe(true);
  });

  it('explains the lock of an unsent payment with the recall, and of a sent one with a void, in sentences', () => {
    const unsent = lockExplanation('Submitted for Payment', UNSENT);
    expect(unsent).toContain('never reached the payment system');
    expect(unsent).toContain('a supervisor recalls it to Verified By Worker');
    expect(unsent).not.toContain('void');
    expect(lockExplanation('Payment Successful', SENT)).toBe(
      'The payment system reports this payment as Payment Successful, so its amount, payee, vendor, ' +
        'reason code, case and status can no longer be changed here. To change it, ask for a void or ' +
        'recoup in the payment system.'
    );
    expect(lockExplanation('Submitted for Payment', SENT)).toMatch(
      /^This payment was submitted to the payment system, so its amount/
    );
    expect(lockExplanation('Payment Successful')).not.toContain('This payment is Payment Successful');
  });
});

describe('issue 16 item 2: a submission needs what the worker sends, from one source', () => {
  const record = (values: Partial<PaymentRecord>): PaymentRecord => ({
    Id: 'a01000000000001AAA',
    Case__c: '500000000000001AAA',
    Amount__c: 450,
    Payee__c: 'Eastern Gas & Electric',
    Vendor_Id__c: null,
    Reason_Code__c: 'UTL',
    Status__c: 'Submitted for Payment',
    External_Payment_Id__c: null,
    Submitted_Snapshot__c: null,
    Drift_Detected__c: false,
    Sync_Error__c: null,
    Sync_Partition__c: null,
    ...values
  });

  it('the worker quarantines with the reason paymentRules gives, which marks the payment as never sent', () => {
    for (const values of [{ Payee__c: null }, { Payee__c: '  ', Reason_Code__c: null }, { Amount__c: 0 }]) {
      const plan = buildSubmission(record(values));
      const reason = unsentReason(record(values));
      expect(plan).toEqual({ kind: 'invalid', reason });
      expect(isUnsent({ ...record(values), Sync_Error__c: reason })).toBe(true);
    }
    expect(buildSubmission(record({})).kind).toBe('submit');
    expect(unsentReason(record({}))).toBeNull();
  });

  it('names every missing field, each refused by its own rule next to the field', () => {
    const next = { ...record({ Payee__c: null, Reason_Code__c: null }) } as PaymentValues;
    expect(missingForSubmission(next).map((m) => m.field)).toEqual(['Payee__c', 'Reason_Code__c']);
    const violations = paymentRuleViolations({
      isNew: false,
      prior: { ...next, Status__c: 'Verified By Worker' },
      next,
      hasSyncPermission: false
    });
    expect(violations.map((v) => [v.field, v.message])).toEqual([
      [
        'Payee__c',
        expect.stringMatching(/^Enter the payee before setting the status to Submitted for Payment/)
      ],
      [
        'Reason_Code__c',
        expect.stringMatching(/^Choose the reason code before setting the status to Submitted for Payment/)
      ]
    ]);
  });

  it('keeps every message within the 255 characters the platform stores', () => {
    for (const message of Object.values(PAYMENT_RULE_MESSAGES))
      expect(message.length).toBeLessThanOrEqual(255);
  });
});

describe('issue 16 item 2: the recall permission and the Apex action agree with paymentRules', () => {
  const defaultDir = path.join(ROOT, 'force-app', 'main', 'default');
  const granted = (set: string): string[] => {
    const xml = readXml(path.join(defaultDir, 'permissionsets', `${set}.permissionset-meta.xml`))
      .PermissionSet as {
      customPermissions?: { name: string; enabled: string } | Array<{ name: string; enabled: string }>;
    };
    const list = xml.customPermissions ?? [];
    return (Array.isArray(list) ? list : [list]).filter((p) => p.enabled === 'true').map((p) => p.name);
  };

  it('only supervisors hold the recall permission', () => {
    expect(
      fs.existsSync(
        path.join(defaultDir, 'customPermissions', `${RECALL_PERMISSION}.customPermission-meta.xml`)
      )
    ).toBe(true);
    expect(granted('Omni_Assist_Supervisor')).toContain(RECALL_PERMISSION);
    for (const set of ['Omni_Assist_Staff', 'Omni_Assist_Admin', 'Omni_Assist_Payment_Sync']) {
      expect({ set, holds: granted(set).includes(RECALL_PERMISSION) }).toEqual({ set, holds: false });
    }
  });

  it('PaymentGuardController checks the same permission and the same never-sent mark', () => {
    const apex = fs.readFileSync(path.join(defaultDir, 'classes', 'PaymentGuardController.cls'), 'utf8');
    expect(/RECALL_PERMISSION\s*=\s*'(\w+)'/.exec(apex)?.[1]).toBe(RECALL_PERMISSION);
    expect(/UNSENT_REASON_PREFIX\s*=\s*'([^']+)'/.exec(apex)?.[1]).toBe(UNSENT_REASON_PREFIX);
    expect(/RECALL_STATUS\s*=\s*'([^']+)'/.exec(apex)?.[1]).toBe(RECALL_STATUS);
    expect(apex).toMatch(/public with sharing class PaymentGuardController/);
    expect(apex).toMatch(/FeatureManagement\.checkPermission\(RECALL_PERMISSION\)/);
  });
});
