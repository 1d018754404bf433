/// <reference types="@sa11y/jest" />
/**
 * Issue 16: the payment guard for a payment the payment system never received (the recall, item 2)
 * and the drift box and lock sentence a supervisor reads (item 6).
 */
import { createElement } from 'lwc';
import PaymentGuard from '../paymentGuard';
import getPaymentView from '@salesforce/apex/PaymentGuardController.getPaymentView';
import recallUnsentPayment from '@salesforce/apex/PaymentGuardController.recallUnsentPayment';
import neverSent from './data/paymentNeverSent.json';
import drift from './data/paymentDrift.json';
import submitted from './data/paymentSubmitted.json';

jest.mock(
  '@salesforce/apex/PaymentGuardController.getPaymentView',
  () => ({ default: jest.requireActual('@salesforce/sfdx-lwc-jest').createApexTestWireAdapter(jest.fn()) }),
  { virtual: true }
);
jest.mock('@salesforce/apex/PaymentGuardController.savePayment', () => ({ default: jest.fn() }), {
  virtual: true
});
jest.mock('@salesforce/apex/PaymentGuardController.recallUnsentPayment', () => ({ default: jest.fn() }), {
  virtual: true
});

interface WireAdapterMock {
  emit(value: unknown): void;
}

const viewAdapter = getPaymentView as unknown as WireAdapterMock;
const mockRecall = recallUnsentPayment as unknown as jest.Mock;

function flushPromises(): Promise<void> {
  // eslint-disable-next-line @lwc/lwc/no-async-operation
  return new Promise((resolve) => setTimeout(resolve, 0));
}

async function render(view: unknown): Promise<HTMLElement> {
  const element = createElement('c-payment-guard', { is: PaymentGuard });
  (element as unknown as { recordId: string }).recordId = (view as { id: string }).id;
  document.body.appendChild(element);
  viewAdapter.emit(view);
  await flushPromises();
  return element;
}

function find(element: HTMLElement, dataId: string): HTMLElement | null {
  return (element.shadowRoot as ShadowRoot).querySelector<HTMLElement>(`[data-id="${dataId}"]`);
}

function text(element: HTMLElement, dataId: string): string {
  return find(element, dataId)?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
}

async function typeReason(element: HTMLElement, value: string): Promise<void> {
  find(element, 'recall-reason')?.dispatchEvent(new CustomEvent('change', { detail: { value } }));
  await flushPromises();
}

async function clickRecall(element: HTMLElement): Promise<void> {
  find(element, 'recall-button')?.click();
  await flushPromises();
}

afterEach(() => {
  while (document.body.firstChild) document.body.removeChild(document.body.firstChild);
  jest.clearAllMocks();
});

describe('issue 16 item 2: c-payment-guard on a payment the payment system never received', () => {
  it('says the payment never reached the payment system and that a supervisor can recall it, not a void', async () => {
    const element = await render({ ...neverSent, canRecall: false });
    const banner = text(element, 'lock-banner');
    expect(banner).toContain('never reached the payment system');
    expect(banner).toContain('until a supervisor recalls it to Verified By Worker');
    expect(banner).not.toContain('void');
    expect(banner).toContain('Locked: Submitted for Payment, never sent');
    expect(text(element, 'snapshot-problem')).toBe(
      'Nothing was sent: the payment system never received this payment.'
    );
    expect(text(element, 'sync-error')).toContain('Cannot submit: the payment needs a payee.');
    expect(text(element, 'sync-error')).not.toContain('The sync retries on its next cycle');
    // staff see no recall button
    expect(find(element, 'recall')).toBeNull();
  });

  it('offers a supervisor the recall, which asks for a reason before calling the server', async () => {
    const element = await render(neverSent);
    expect(text(element, 'recall')).toContain('Recall it to Verified By Worker');
    await clickRecall(element);
    expect(mockRecall).not.toHaveBeenCalled();
    expect(text(element, 'recall-error')).toContain('Give the reason for the recall.');
  });

  it('recalls with the reason, then shows the payment ready to correct, with the reason and a toast', async () => {
    const recalled = {
      ...neverSent,
      status: 'Verified By Worker',
      canRecall: false,
      recallReason: 'No payee: entered before the rule'
    };
    mockRecall.mockResolvedValue(recalled);
    const element = await render(neverSent);
    const toasts: CustomEvent[] = [];
    element.addEventListener('lightning__showtoast', (event) => toasts.push(event as CustomEvent));
    await typeReason(element, '  No payee: entered before the rule ');
    await clickRecall(element);
    expect(mockRecall).toHaveBeenCalledWith({
      paymentId: neverSent.id,
      reason: 'No payee: entered before the rule'
    });
    expect(find(element, 'lock-banner')).toBeNull();
    expect(find(element, 'recall')).toBeNull();
    expect(text(element, 'recalled-note')).toBe(
      'Recalled by a supervisor before the payment system received it: No payee: entered before the rule'
    );
    expect((element.shadowRoot as ShadowRoot).querySelector('[data-field="Payee__c"]')).not.toBeNull();
    expect(toasts.map((t) => (t.detail as { message: string }).message)).toEqual([
      'P-000016 is back to Verified By Worker: correct it, then submit it again.'
    ]);
  });

  it('shows the server refusal when the recall is refused', async () => {
    mockRecall.mockRejectedValue({
      body: { message: 'Only a supervisor can recall a payment that never reached the payment system.' }
    });
    const element = await render(neverSent);
    await typeReason(element, 'No payee');
    await clickRecall(element);
    expect(text(element, 'recall-error')).toContain('Only a supervisor can recall');
    expect(find(element, 'lock-banner')).not.toBeNull();
  });

  it('never offers the recall for a payment the payment system holds, even if the server said so', async () => {
    const element = await render({ ...submitted, canRecall: true, syncError: 'Cannot submit: x' });
    expect(find(element, 'recall')).toBeNull();
    expect(text(element, 'lock-banner')).toContain('ask for a void or recoup in the payment system');
  });

  it('is accessible with the recall form shown', async () => {
    const element = await render(neverSent);
    await expect(element).toBeAccessible();
  });
});

describe('issue 16 item 6: c-payment-guard drift box and lock sentence', () => {
  it('reads as a sentence, not "This payment is Payment Successful"', async () => {
    const element = await render(drift);
    const banner = text(element, 'lock-banner');
    expect(banner).not.toContain('This payment is Payment Successful');
    expect(banner).toContain('The payment system reports this payment as Payment Successful, so its amount');
  });

  it('shows only the fields that differ, with labels and "Not provided" for a blank value', async () => {
    const element = await render({ ...drift, amount: 5400, vendorId: null, reasonCode: 'RNT' });
    const rows = Array.from((element.shadowRoot as ShadowRoot).querySelectorAll('[data-drift]')).map((row) =>
      Array.from(row.children).map((cell) => cell.textContent?.trim())
    );
    expect(rows).toEqual([
      ['Payee', 'Greenfield Property Management', 'Greenfield Property Mgmt LLC'],
      ['Vendor ID', 'V-10442', 'Not provided'],
      ['Reason code', 'ARR (Arrears)', 'RNT (Rent)']
    ]);
    expect(text(element, 'drift-warning')).not.toMatch(/__c|5400\.00/);
  });

  it("falls back to the sync's words when what was submitted cannot be read", async () => {
    const element = await render({ ...drift, submittedSnapshot: '{"amount":' });
    expect(find(element, 'drift-table')).toBeNull();
    expect(text(element, 'drift-details')).toBe(drift.driftDetails);
  });
});
