/// <reference types="@sa11y/jest" />
import { createElement } from 'lwc';
import PaymentGuard from '../paymentGuard';
import getPaymentView from '@salesforce/apex/PaymentGuardController.getPaymentView';
import savePayment from '@salesforce/apex/PaymentGuardController.savePayment';
import { notifyRecordUpdateAvailable } from 'lightning/uiRecordApi';
import { PAYMENT_RULE_MESSAGES, lockExplanation } from '../../paymentRules/paymentRules';
import beforeSubmission from './data/paymentBeforeSubmission.json';
import submitted from './data/paymentSubmitted.json';
import drift from './data/paymentDrift.json';
import syncError from './data/paymentSyncError.json';

jest.mock(
  '@salesforce/apex/PaymentGuardController.getPaymentView',
  () => ({ default: jest.requireActual('@salesforce/sfdx-lwc-jest').createApexTestWireAdapter(jest.fn()) }),
  { virtual: true }
);
jest.mock('@salesforce/apex/PaymentGuardController.savePayment', () => ({ default: jest.fn() }), {
  virtual: true
});

interface WireAdapterMock {
  emit(value: unknown): void;
  error(body?: unknown, status?: number, statusText?: string): void;
  getLastConfig(): Record<string, unknown>;
}

interface ComboboxStub extends HTMLElement {
  options: { label: string; value: string }[];
  value: unknown;
}

const viewAdapter = getPaymentView as unknown as WireAdapterMock;
const mockSave = savePayment as unknown as jest.Mock;
const mockNotifyRecordUpdate = notifyRecordUpdateAvailable as unknown as jest.Mock;

const LOCK_MESSAGE = PAYMENT_RULE_MESSAGES.Payment_Locked_After_Submission;

function flushPromises(): Promise<void> {
  // a macrotask lets every pending promise and re-render settle
  // eslint-disable-next-line @lwc/lwc/no-async-operation
  return new Promise((resolve) => setTimeout(resolve, 0));
}

async function render(view?: unknown): Promise<HTMLElement> {
  const element = createElement('c-payment-guard', { is: PaymentGuard });
  (element as unknown as { recordId: string }).recordId = beforeSubmission.id;
  document.body.appendChild(element);
  if (view !== undefined) {
    viewAdapter.emit(view);
  }
  await flushPromises();
  return element;
}

function root(element: HTMLElement): ShadowRoot {
  return element.shadowRoot as ShadowRoot;
}

function find<T extends Element = HTMLElement>(element: HTMLElement, selector: string): T | null {
  return root(element).querySelector<T>(selector);
}

function query<T extends Element = HTMLElement>(element: HTMLElement, selector: string): T {
  const found = find<T>(element, selector);
  if (!found) throw new Error(`nothing matches ${selector}`);
  return found;
}

function text(element: HTMLElement, dataId: string): string {
  return query(element, `[data-id="${dataId}"]`).textContent?.trim() ?? '';
}

function field<T extends HTMLElement = HTMLElement>(element: HTMLElement, apiName: string): T {
  return query<T>(element, `[data-field="${apiName}"]`);
}

async function fill(element: HTMLElement, apiName: string, value: unknown): Promise<void> {
  field(element, apiName).dispatchEvent(new CustomEvent('change', { detail: { value } }));
  await flushPromises();
}

async function click(element: HTMLElement, dataId: string): Promise<void> {
  query(element, `[data-id="${dataId}"]`).click();
  await flushPromises();
}

afterEach(() => {
  while (document.body.firstChild) document.body.removeChild(document.body.firstChild);
  jest.clearAllMocks();
});

describe('c-payment-guard before submission', () => {
  it('shows a spinner until the payment arrives, then asks for it by record id', async () => {
    const element = await render();
    expect(find(element, 'lightning-spinner')).not.toBeNull();
    expect(viewAdapter.getLastConfig()).toEqual({ paymentId: beforeSubmission.id });

    viewAdapter.emit(beforeSubmission);
    await flushPromises();
    expect(find(element, 'lightning-spinner')).toBeNull();
  });

  it('offers an edit form with the current values and no lock banner', async () => {
    const element = await render(beforeSubmission);
    expect(find(element, '[data-id="lock-banner"]')).toBeNull();
    expect(field<HTMLInputElement>(element, 'Amount__c').value).toBe(5400);
    expect(field<HTMLInputElement>(element, 'Payee__c').value).toBe('Greenfield Property Management');
    expect(field<HTMLInputElement>(element, 'Vendor_Id__c').value).toBe('V-10442');
    expect(field<ComboboxStub>(element, 'Reason_Code__c').value).toBe('ARR');
    expect(field<ComboboxStub>(element, 'Status__c').value).toBe('Verified By Worker');
    expect(query<HTMLElement & { title: string }>(element, 'lightning-card').title).toBe(
      'Assistance payment P-283068'
    );
  });

  it('offers only the statuses a person may choose', async () => {
    const element = await render(beforeSubmission);
    const values = field<ComboboxStub>(element, 'Status__c').options.map((option) => option.value);
    expect(values).toEqual([
      'None',
      'Payment Not Verified',
      'Verified By Worker',
      'Rejected By Worker',
      'Submitted for Payment'
    ]);
    const reasons = field<ComboboxStub>(element, 'Reason_Code__c').options.map((option) => option.label);
    expect(reasons).toContain('DLF (Delivered Fuel)');
  });

  it('saves the edited payment, confirms it and refreshes the record page', async () => {
    const saved = { ...beforeSubmission, amount: 5500, vendorId: null };
    mockSave.mockResolvedValue(saved);
    const element = await render(beforeSubmission);
    const toasts: CustomEvent[] = [];
    element.addEventListener('lightning__showtoast', (event) => toasts.push(event as CustomEvent));

    await fill(element, 'Amount__c', '5500');
    await fill(element, 'Vendor_Id__c', '  ');
    await click(element, 'save');

    expect(mockSave).toHaveBeenCalledWith({
      paymentId: beforeSubmission.id,
      amount: 5500,
      payee: 'Greenfield Property Management',
      vendorId: null,
      reasonCode: 'ARR',
      status: 'Verified By Worker'
    });
    expect(toasts).toHaveLength(1);
    expect(toasts[0].detail).toMatchObject({
      variant: 'success',
      message: 'The payment P-283068 was saved.'
    });
    expect(mockNotifyRecordUpdate).toHaveBeenCalledWith([{ recordId: beforeSubmission.id }]);
    expect(find(element, '[data-id="save-error"]')).toBeNull();
    expect(field<HTMLInputElement>(element, 'Amount__c').value).toBe(5500);
  });

  it('sends None as a blank status', async () => {
    mockSave.mockResolvedValue({ ...beforeSubmission, status: null });
    const element = await render(beforeSubmission);
    await fill(element, 'Status__c', 'None');
    await click(element, 'save');
    expect(mockSave).toHaveBeenCalledWith(expect.objectContaining({ status: null }));
  });

  it('warns that saving as Submitted for Payment sends and locks the payment, then shows the lock', async () => {
    const element = await render(beforeSubmission);
    expect(find(element, '[data-id="submit-warning"]')).toBeNull();
    await fill(element, 'Status__c', 'Submitted for Payment');
    expect(text(element, 'submit-warning')).toContain('Saving sends this payment to the payment system');

    mockSave.mockResolvedValue({ ...submitted, lastSyncedAt: null, externalPaymentId: null });
    const toasts: CustomEvent[] = [];
    element.addEventListener('lightning__showtoast', (event) => toasts.push(event as CustomEvent));
    await click(element, 'save');

    expect(text(element, 'lock-banner')).toContain(lockExplanation('Submitted for Payment'));
    expect(find(element, '[data-field]')).toBeNull();
    expect(toasts[0].detail.message).toBe(
      'The payment P-283068 was saved as Submitted for Payment and is now locked.'
    );
    expect(text(element, 'not-synced')).toBe('Not synced yet');
    expect(text(element, 'external-id')).toBe('Not assigned yet');
  });

  it('shows the validation rule message when the platform refuses the save', async () => {
    mockSave.mockRejectedValue({ status: 500, body: { message: LOCK_MESSAGE } });
    const element = await render(beforeSubmission);
    await fill(element, 'Payee__c', 'Someone Else');
    await click(element, 'save');

    expect(text(element, 'save-error')).toContain('The payment was not saved');
    expect(text(element, 'save-error')).toContain(LOCK_MESSAGE);
    // the draft stays so the person does not lose what they typed
    expect(field<HTMLInputElement>(element, 'Payee__c').value).toBe('Someone Else');
  });

  it('reads the rule text out of an unhandled FIELD_CUSTOM_VALIDATION_EXCEPTION', async () => {
    mockSave.mockRejectedValue({
      body: {
        message:
          'Update failed. First exception on row 0 with id a015g00000AbCdEAAZ; first error: ' +
          'FIELD_CUSTOM_VALIDATION_EXCEPTION, Enter an amount greater than zero.: [Amount__c]'
      }
    });
    const element = await render(beforeSubmission);
    await click(element, 'save');
    const shown = text(element, 'save-error');
    expect(shown).toContain('Enter an amount greater than zero.');
    expect(shown).not.toContain('FIELD_CUSTOM_VALIDATION_EXCEPTION');
  });

  it('shows Lightning Data Service page and field errors', async () => {
    mockSave.mockRejectedValue({
      body: {
        output: {
          errors: [{ errorCode: 'INSUFFICIENT_ACCESS', message: 'You do not have access to this record.' }],
          fieldErrors: { Payee__c: [{ message: 'Payee: data value too large' }] }
        }
      }
    });
    const element = await render(beforeSubmission);
    await click(element, 'save');
    const shown = text(element, 'save-error');
    expect(shown).toContain('You do not have access to this record.');
    expect(shown).toContain('Payee: data value too large');
  });

  it('refuses a submission without payee or reason before calling the server', async () => {
    const element = await render(beforeSubmission);
    await fill(element, 'Payee__c', '');
    await fill(element, 'Status__c', 'Submitted for Payment');
    await click(element, 'save');

    expect(mockSave).not.toHaveBeenCalled();
    expect(text(element, 'save-error')).toContain(PAYMENT_RULE_MESSAGES.Payment_Submission_Needs_Payee);
  });

  it('asks for the amount when it is cleared', async () => {
    const element = await render(beforeSubmission);
    await fill(element, 'Amount__c', '');
    await click(element, 'save');
    expect(mockSave).not.toHaveBeenCalled();
    expect(text(element, 'save-error')).toContain('Enter the amount.');
  });

  it('undoes unsaved changes', async () => {
    const element = await render(beforeSubmission);
    expect(query<HTMLButtonElement>(element, '[data-id="undo"]').disabled).toBe(true);
    await fill(element, 'Payee__c', 'Typo Landlord');
    expect(query<HTMLButtonElement>(element, '[data-id="undo"]').disabled).toBe(false);
    await click(element, 'undo');
    expect(field<HTMLInputElement>(element, 'Payee__c').value).toBe('Greenfield Property Management');
  });

  it('shows the values read-only to a person who cannot edit the payment', async () => {
    const element = await render({ ...beforeSubmission, canEdit: false });
    expect(find(element, '[data-field]')).toBeNull();
    expect(text(element, 'read-only-intro')).toContain('You can view this payment but not edit it');
    expect(text(element, 'current-status')).toBe('Verified By Worker');
  });
});

describe('c-payment-guard after submission', () => {
  it('locks the payment, says why and what to do instead', async () => {
    const element = await render(submitted);
    expect(find(element, '[data-field]')).toBeNull();
    expect(find(element, '[data-id="save"]')).toBeNull();
    const banner = text(element, 'lock-banner');
    expect(banner).toContain('Locked: submitted to the payment system');
    expect(banner).toContain(lockExplanation('Submitted for Payment'));
    expect(banner).toContain('ask for a void or recoup in the payment system');
  });

  it('shows what was submitted and the status mirrored from the payment system', async () => {
    const element = await render(submitted);
    expect(query<HTMLElement & { value: number }>(element, '[data-id="submitted-amount"]').value).toBe(5400);
    expect(text(element, 'submitted-payee')).toBe('Greenfield Property Management');
    expect(text(element, 'submitted-vendor')).toBe('V-10442');
    expect(text(element, 'submitted-reason')).toBe('ARR (Arrears)');
    expect(query<HTMLElement & { value: string }>(element, '[data-id="submitted-at"]').value).toBe(
      submitted.submittedAt
    );
    expect(text(element, 'current-status')).toBe('Submitted for Payment');
    expect(query<HTMLElement & { value: string }>(element, '[data-id="last-synced-at"]').value).toBe(
      submitted.lastSyncedAt
    );
    expect(text(element, 'external-id')).toBe('PAY-7F3K2Q9M');
    expect(find(element, '[data-id="drift-warning"]')).toBeNull();
    expect(find(element, '[data-id="sync-error"]')).toBeNull();
  });

  it('warns prominently when the record drifted from what was submitted', async () => {
    const element = await render(drift);
    const warning = query(element, '[data-id="drift-warning"]');
    expect(warning.getAttribute('role')).toBe('alert');
    expect(warning.textContent).toContain('This payment was changed after it was submitted');
    // what differs, field by field with the card's labels and amounts as currency (issue 16 item 6)
    const rows = Array.from(root(element).querySelectorAll('[data-drift]'));
    expect(rows.map((row) => row.querySelector('[data-id="drift-label"]')?.textContent?.trim())).toEqual([
      'Amount',
      'Payee'
    ]);
    const amounts = Array.from(rows[0].querySelectorAll('lightning-formatted-number')) as unknown as Array<
      HTMLElement & { value: number; formatStyle: string; currencyCode: string }
    >;
    expect(amounts.map((a) => [a.value, a.formatStyle, a.currencyCode])).toEqual([
      [5400, 'currency', 'USD'],
      [5900, 'currency', 'USD']
    ]);
    expect(warning.textContent).not.toMatch(/__c/);
    // what was sent, not the edited record, is what the payment system pays
    expect(query<HTMLElement & { value: number }>(element, '[data-id="submitted-amount"]').value).toBe(5400);
    expect(text(element, 'current-status')).toBe('Payment Successful');
    expect(text(element, 'lock-banner')).toContain(lockExplanation('Payment Successful'));
  });

  it('shows the last sync error', async () => {
    const element = await render(syncError);
    const shown = text(element, 'sync-error');
    expect(shown).toContain('The last sync with the payment system failed');
    expect(shown).toContain(syncError.syncError);
  });

  it('says so when the record of what was submitted cannot be read', async () => {
    const element = await render({ ...submitted, submittedSnapshot: '{"amount":' });
    expect(find(element, '[data-id="submitted-values"]')).toBeNull();
    expect(text(element, 'snapshot-problem')).toContain('could not be read');
  });

  it('says so when no record of what was submitted was saved', async () => {
    const element = await render({ ...submitted, submittedSnapshot: null });
    expect(text(element, 'snapshot-problem')).toBe(
      'No record of what was submitted was saved with this payment.'
    );
  });

  it('says so when the person may not read what was submitted', async () => {
    const element = await render({
      ...submitted,
      submittedSnapshot: null,
      unreadableFields: ['Submitted_Snapshot__c', 'Drift_Details__c']
    });
    expect(text(element, 'snapshot-problem')).toContain(
      'You do not have access to the record of what was submitted'
    );
    expect(text(element, 'lock-banner')).toContain(lockExplanation('Submitted for Payment'));
  });
});

describe('c-payment-guard errors from Apex', () => {
  it('shows the message when the payment cannot be loaded', async () => {
    const element = await render();
    viewAdapter.error({ message: 'You do not have access to this payment, or it was deleted.' });
    await flushPromises();
    const shown = text(element, 'load-error');
    expect(shown).toContain('This payment could not be loaded');
    expect(shown).toContain('You do not have access to this payment, or it was deleted.');
    expect(find(element, '[data-field]')).toBeNull();
  });

  it('falls back to a plain sentence when the error carries no message', async () => {
    const element = await render();
    viewAdapter.error({}, 500, 'Server Error');
    await flushPromises();
    expect(text(element, 'load-error')).toContain('Something went wrong');
  });
});

describe('c-payment-guard accessibility', () => {
  it('is accessible before submission, with a save error shown', async () => {
    mockSave.mockRejectedValue({ body: { message: LOCK_MESSAGE } });
    const element = await render(beforeSubmission);
    await click(element, 'save');
    await expect(element).toBeAccessible();
  });

  it('is accessible when locked with drift', async () => {
    const element = await render(drift);
    await expect(element).toBeAccessible();
  });

  it('is accessible when locked with a sync error', async () => {
    const element = await render(syncError);
    await expect(element).toBeAccessible();
  });

  it('is accessible when the payment cannot be loaded', async () => {
    const element = await render();
    viewAdapter.error({ message: 'Insufficient access' });
    await flushPromises();
    await expect(element).toBeAccessible();
  });
});
