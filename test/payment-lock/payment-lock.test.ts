/**
 * The payment lock lives in three places that must agree: the paymentRules module, the Status__c
 * picklist and the validation rules. These tests fail when any one of them changes alone.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import pino from 'pino';
import {
  LOCKED_FIELDS,
  PAYMENT_RULE_MESSAGES,
  PAYMENT_RULES,
  PAYMENT_STATUSES,
  PAYMENT_SYNC_PERMISSION,
  PaymentChange,
  PaymentStatus,
  PaymentValues,
  paymentRuleViolations,
  statusToPicklist
} from '../../force-app/main/default/lwc/paymentRules/paymentRules';
import { evaluateValidationFormula } from '../../scripts/formula/evaluator';
import {
  buildPaymentValidationRules,
  findDifferences,
  generatedFiles,
  main
} from '../../scripts/metadata/payment-lock';
import { CommittedRule, committedRules, paymentFieldTypes, statusPicklistValues } from './metadata';

const fieldTypes = paymentFieldTypes();
const silent = pino({ enabled: false });

const BASE: PaymentValues = {
  Amount__c: 5400,
  Payee__c: 'Happy Valley Housing',
  Vendor_Id__c: 'VEN-1001',
  Reason_Code__c: 'ARR',
  Case__c: '500000000000001AAA',
  Sync_Partition__c: 0
};

/** Which committed rules refuse the save, evaluated from the XML formulas. */
function firedRules(rules: CommittedRule[], change: PaymentChange): string[] {
  const toRecord = (values: PaymentValues): Record<string, unknown> => ({
    Drift_Detected__c: false,
    ...values
  });
  return rules
    .filter((rule) =>
      evaluateValidationFormula(rule.errorConditionFormula, {
        record: toRecord(change.next),
        prior: change.isNew || !change.prior ? null : toRecord(change.prior),
        isNew: change.isNew,
        permissions: new Set(change.hasSyncPermission ? [PAYMENT_SYNC_PERMISSION] : []),
        fieldTypes
      })
    )
    .map((rule) => rule.fullName)
    .sort();
}

function expectedRules(change: PaymentChange): string[] {
  return paymentRuleViolations(change)
    .map((violation) => violation.rule)
    .sort();
}

function withStatus(status: PaymentStatus, values: PaymentValues = BASE): PaymentValues {
  return { ...values, Status__c: statusToPicklist(status) };
}

/** Every save the behavioural comparison covers. */
function scenarios(): Array<{ name: string; change: PaymentChange }> {
  const list: Array<{ name: string; change: PaymentChange }> = [];
  const edits: Record<(typeof LOCKED_FIELDS)[number], unknown> = {
    Amount__c: 5500,
    Payee__c: 'Someone Else LLC',
    Vendor_Id__c: 'VEN-2002',
    Reason_Code__c: 'RNT',
    Case__c: '500000000000002AAA',
    Status__c: undefined
  };
  for (const hasSyncPermission of [false, true]) {
    const who = hasSyncPermission ? 'integration' : 'person';
    for (const to of PAYMENT_STATUSES) {
      list.push({
        name: `${who} creates ${to}`,
        change: { isNew: true, next: withStatus(to), hasSyncPermission }
      });
      for (const from of PAYMENT_STATUSES) {
        list.push({
          name: `${who} moves ${from} -> ${to}`,
          change: { isNew: false, prior: withStatus(from), next: withStatus(to), hasSyncPermission }
        });
      }
    }
    for (const from of PAYMENT_STATUSES) {
      for (const field of LOCKED_FIELDS.filter((name) => name !== 'Status__c')) {
        list.push({
          name: `${who} edits ${field} on ${from}`,
          change: {
            isNew: false,
            prior: withStatus(from),
            next: { ...withStatus(from), [field]: edits[field] },
            hasSyncPermission
          }
        });
        list.push({
          name: `${who} blanks ${field} on ${from}`,
          change: {
            isNew: false,
            prior: withStatus(from),
            next: { ...withStatus(from), [field]: null },
            hasSyncPermission
          }
        });
      }
      list.push({
        name: `${who} edits sync fields on ${from}`,
        change: {
          isNew: false,
          prior: withStatus(from),
          next: { ...withStatus(from), Sync_Partition__c: 3 },
          hasSyncPermission
        }
      });
    }
    for (const amount of [0, -1, 0.01]) {
      list.push({
        name: `${who} creates with amount ${amount}`,
        change: {
          isNew: true,
          next: { ...withStatus('Verified By Worker'), Amount__c: amount },
          hasSyncPermission
        }
      });
    }
    for (const missing of ['Payee__c', 'Reason_Code__c'] as const) {
      for (const from of ['Verified By Worker', 'Submitted for Payment'] as PaymentStatus[]) {
        list.push({
          name: `${who} moves ${from} -> Submitted for Payment without ${missing}`,
          change: {
            isNew: false,
            prior: { ...withStatus(from), [missing]: null },
            next: { ...withStatus('Submitted for Payment'), [missing]: null },
            hasSyncPermission
          }
        });
      }
      list.push({
        name: `${who} creates Submitted for Payment without ${missing}`,
        change: {
          isNew: true,
          next: { ...withStatus('Submitted for Payment'), [missing]: '' },
          hasSyncPermission
        }
      });
    }
    list.push({
      name: `${who} sets a negative sync partition`,
      change: {
        isNew: false,
        prior: withStatus('None'),
        next: { ...withStatus('None'), Sync_Partition__c: -1 },
        hasSyncPermission
      }
    });
    list.push({
      name: `${who} saves with a blank sync partition`,
      change: { isNew: true, next: { ...withStatus('None'), Sync_Partition__c: null }, hasSyncPermission }
    });
  }
  return list;
}

function mismatches(rules: CommittedRule[]): string[] {
  return scenarios()
    .map(({ name, change }) => ({ name, fired: firedRules(rules, change), expected: expectedRules(change) }))
    .filter(({ fired, expected }) => fired.join() !== expected.join())
    .map(({ name, fired, expected }) => `${name}: formulas refuse [${fired}], module says [${expected}]`);
}

describe('Status__c picklist', () => {
  it('holds exactly the module statuses except None (stored as blank), in order, restricted', () => {
    const { values, restricted } = statusPicklistValues();
    expect(values).toEqual(PAYMENT_STATUSES.filter((status) => status !== 'None'));
    expect(restricted).toBe('true');
  });
});

describe('committed validation rules', () => {
  it('are exactly the rules the generator builds from the module', () => {
    const committed = committedRules().map((rule) => ({
      fullName: rule.fullName,
      active: rule.active,
      formula: rule.errorConditionFormula,
      message: rule.errorMessage,
      field: rule.errorDisplayField ?? null
    }));
    const generated = buildPaymentValidationRules()
      .map((rule) => ({
        fullName: rule.fullName,
        active: String(rule.active),
        formula: rule.errorConditionFormula,
        message: rule.errorMessage,
        field: rule.errorDisplayField
      }))
      .sort((a, b) => a.fullName.localeCompare(b.fullName));
    expect(committed).toEqual(generated);
  });

  it('stay within the platform limit of 3,900 characters per formula', () => {
    for (const rule of committedRules()) {
      expect({ rule: rule.fullName, fits: rule.errorConditionFormula.length <= 3900 }).toEqual({
        rule: rule.fullName,
        fits: true
      });
    }
  });

  it('match the generated files byte for byte (what generate:payment-lock --check enforces)', () => {
    expect(findDifferences()).toEqual([]);
  });
});

describe('the lock as the platform enforces it', () => {
  const rules = committedRules();

  it('refuses exactly the saves the module refuses, for every status move, permission and locked-field edit', () => {
    expect(scenarios().length).toBeGreaterThan(300);
    expect(mismatches(rules)).toEqual([]);
  });

  it('would notice a formula that drifted from the module', () => {
    const loosened = rules.map((rule) =>
      rule.fullName === PAYMENT_RULES.lockedAfterSubmission
        ? {
            ...rule,
            errorConditionFormula: rule.errorConditionFormula.replace(/ISCHANGED\(Payee__c\),\s*/, '')
          }
        : rule
    );
    expect(mismatches(loosened)).toEqual(
      expect.arrayContaining([expect.stringContaining('person edits Payee__c on Submitted for Payment')])
    );
  });

  it('stops a person from editing a submitted payment and tells them to ask for a void or recoup', () => {
    const change: PaymentChange = {
      isNew: false,
      prior: withStatus('Submitted for Payment'),
      next: { ...withStatus('Submitted for Payment'), Amount__c: 9000 },
      hasSyncPermission: false
    };
    expect(firedRules(rules, change)).toEqual([PAYMENT_RULES.lockedAfterSubmission]);
    const message = rules.find((rule) => rule.fullName === PAYMENT_RULES.lockedAfterSubmission)?.errorMessage;
    expect(message).toMatch(/ask for a void or recoup in the payment system/);
  });

  it('lets a person submit a verified payment and the integration move it to Payment Successful', () => {
    const submit: PaymentChange = {
      isNew: false,
      prior: withStatus('Verified By Worker'),
      next: withStatus('Submitted for Payment'),
      hasSyncPermission: false
    };
    const succeed: PaymentChange = {
      isNew: false,
      prior: withStatus('Submitted for Payment'),
      next: withStatus('Payment Successful'),
      hasSyncPermission: true
    };
    expect(firedRules(rules, submit)).toEqual([]);
    expect(firedRules(rules, succeed)).toEqual([]);
  });

  it('stops the integration from moving a successful payment back to submitted', () => {
    const change: PaymentChange = {
      isNew: false,
      prior: withStatus('Payment Successful'),
      next: withStatus('Submitted for Payment'),
      hasSyncPermission: true
    };
    expect(firedRules(rules, change)).toEqual([PAYMENT_RULES.statusForwardOnly]);
  });
});

describe('error messages', () => {
  it('fit the platform limit of 255 characters', () => {
    for (const message of Object.values(PAYMENT_RULE_MESSAGES)) {
      expect(message.length).toBeLessThanOrEqual(255);
    }
  });

  it('tell a person to ask for a void or recoup in the payment system for every lock rule', () => {
    for (const rule of [
      PAYMENT_RULES.lockedAfterSubmission,
      PAYMENT_RULES.statusForwardOnly,
      PAYMENT_RULES.statusSetByPaymentSystem
    ]) {
      expect(PAYMENT_RULE_MESSAGES[rule]).toMatch(/ask for a void or recoup in the payment system/);
    }
  });
});

describe('generate:payment-lock --check', () => {
  let root: string;

  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'payment-lock-'));
    for (const [relative, content] of generatedFiles()) {
      fs.mkdirSync(path.dirname(path.join(root, relative)), { recursive: true });
      fs.writeFileSync(path.join(root, relative), content);
    }
  });

  afterEach(() => {
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('exits 0 when the files match the module', () => {
    expect(main(['--check', '--root', root], silent)).toBe(0);
  });

  it('exits 1 when a formula was edited by hand', () => {
    const [relative] = [...generatedFiles().keys()].filter((file) => file.includes('Locked_After'));
    const file = path.join(root, relative);
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace(/ISCHANGED\(Payee__c\),\s*/, ''));
    const stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    expect(main(['--check', '--root', root], silent)).toBe(1);
    expect(stderr.mock.calls.join('')).toContain('Payment_Locked_After_Submission');
    stderr.mockRestore();
  });

  it('exits 1 when a validation rule exists that the module does not know', () => {
    const [relative] = [...generatedFiles().keys()].filter((file) => file.includes('validationRules'));
    fs.writeFileSync(
      path.join(path.dirname(path.join(root, relative)), 'Hand_Made.validationRule-meta.xml'),
      '<x/>'
    );
    const stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    expect(main(['--check', '--root', root], silent)).toBe(1);
    expect(stderr.mock.calls.join('')).toContain('Hand_Made');
    stderr.mockRestore();
  });

  it('rewrites the files without --check and exits 2 on an unknown argument', () => {
    const [relative] = [...generatedFiles().keys()];
    fs.rmSync(path.join(root, relative));
    expect(main(['--root', root], silent)).toBe(0);
    expect(fs.existsSync(path.join(root, relative))).toBe(true);
    const stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    expect(main(['--bogus'], silent)).toBe(2);
    stderr.mockRestore();
  });
});
