import {
  draftErrors,
  draftFromView,
  errorMessages,
  fieldForMessage,
  guardMode,
  humanMessage,
  parseSnapshot,
  personStatusOptions,
  snapshotOf
} from '../paymentGuardView';
import type { PaymentView } from '../paymentGuardView';
import { LOCKED_STATUSES, PAYMENT_RULE_MESSAGES } from '../../paymentRules/paymentRules';
import beforeSubmission from './data/paymentBeforeSubmission.json';
import submitted from './data/paymentSubmitted.json';

const editable = beforeSubmission as PaymentView;
const locked = submitted as PaymentView;

describe('guardMode', () => {
  it('locks every status from Submitted for Payment on, whatever the edit access', () => {
    for (const status of LOCKED_STATUSES) {
      expect(guardMode({ ...editable, status, canEdit: true }, null)).toBe('locked');
    }
  });

  it('offers the form before submission only to people who may edit', () => {
    expect(guardMode({ ...editable, status: null }, null)).toBe('editable');
    expect(guardMode({ ...editable, canEdit: false }, null)).toBe('readOnly');
  });

  it('shows a status it does not know read-only rather than overwrite it', () => {
    expect(guardMode({ ...editable, status: 'On Hold' }, null)).toBe('readOnly');
  });

  it('reports loading and errors', () => {
    expect(guardMode(null, null)).toBe('loading');
    expect(guardMode(editable, { body: { message: 'x' } })).toBe('error');
  });
});

describe('personStatusOptions', () => {
  it('never offers a status only the payment system sets', () => {
    const values = personStatusOptions('Payment Not Verified').map((option) => option.value);
    expect(values).not.toContain('Payment Successful');
    expect(values).not.toContain('Payment Voided');
    expect(values).toContain('Submitted for Payment');
    expect(personStatusOptions(null)[0]).toEqual({ label: '--None--', value: 'None' });
  });
});

describe('parseSnapshot', () => {
  it('reads what the sync worker recorded', () => {
    expect(parseSnapshot(locked.submittedSnapshot)).toEqual({
      kind: 'ok',
      snapshot: {
        amount: 5400,
        payee: 'Greenfield Property Management',
        vendorId: 'V-10442',
        reasonCode: 'ARR',
        caseId: '5005g00000XyZ12AAB'
      }
    });
  });

  it('accepts a decimal amount written as text and a missing vendor', () => {
    const result = parseSnapshot('{"amount":"900.50","payee":"Eversource","reasonCode":"UTL"}');
    expect(result).toEqual({
      kind: 'ok',
      snapshot: { amount: 900.5, payee: 'Eversource', vendorId: null, reasonCode: 'UTL', caseId: null }
    });
  });

  it('refuses anything that is not a complete snapshot', () => {
    expect(parseSnapshot('[]').kind).toBe('unreadable');
    expect(parseSnapshot('{"amount":5400,"payee":"X"}').kind).toBe('unreadable');
    expect(parseSnapshot('{"amount":"lots","payee":"X","reasonCode":"ARR"}').kind).toBe('unreadable');
    expect(parseSnapshot('').kind).toBe('missing');
  });

  it('tells a hidden snapshot from a missing one', () => {
    expect(
      snapshotOf({ ...locked, submittedSnapshot: null, unreadableFields: ['Submitted_Snapshot__c'] }).kind
    ).toBe('hidden');
    expect(snapshotOf({ ...locked, submittedSnapshot: null, unreadableFields: [] }).kind).toBe('missing');
  });
});

describe('draftErrors', () => {
  it('applies the platform rules to the draft', () => {
    const draft = { ...draftFromView(editable), amount: 0 };
    expect(draftErrors(editable, draft)).toEqual([
      { field: 'Amount__c', message: PAYMENT_RULE_MESSAGES.Payment_Amount_Must_Be_Positive }
    ]);
    expect(draftErrors(editable, draftFromView(editable))).toEqual([]);
  });
});

describe('errorMessages', () => {
  it('reads Apex, DML and Lightning Data Service errors', () => {
    expect(errorMessages({ body: { message: 'Denied.' } })).toEqual(['Denied.']);
    expect(
      errorMessages({
        body: { pageErrors: [{ message: 'Page.' }], fieldErrors: { Payee__c: [{ message: 'Field.' }] } }
      })
    ).toEqual(['Page.', 'Field.']);
    expect(errorMessages([{ body: { message: 'One.' } }, { body: { message: 'One.' } }])).toEqual(['One.']);
    expect(errorMessages(new Error('Network down'))).toEqual(['Network down']);
  });

  it('keeps only the rule text of a FIELD_CUSTOM_VALIDATION_EXCEPTION', () => {
    expect(
      humanMessage(
        'first error: FIELD_CUSTOM_VALIDATION_EXCEPTION, Enter the payee.: [Payee__c, Reason_Code__c]'
      )
    ).toBe('Enter the payee.');
  });

  it('points a rule message at its field', () => {
    expect(fieldForMessage(PAYMENT_RULE_MESSAGES.Payment_Status_Set_By_Payment_System)).toBe('Status__c');
    expect(fieldForMessage(PAYMENT_RULE_MESSAGES.Payment_Locked_After_Submission)).toBeNull();
    expect(fieldForMessage('Something else')).toBeNull();
  });
});
