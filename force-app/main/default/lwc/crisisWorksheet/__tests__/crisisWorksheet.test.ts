/// <reference types="@sa11y/jest" />
import { createElement } from 'lwc';
import CrisisWorksheet from '../crisisWorksheet';
import getWorksheet from '@salesforce/apex/CrisisWorksheetController.getWorksheet';
import saveWorksheet from '@salesforce/apex/CrisisWorksheetController.saveWorksheet';
import createPayments from '@salesforce/apex/CrisisWorksheetController.createPayments';
import cancelEvent from '@salesforce/apex/CrisisWorksheetController.cancelEvent';
import { EDIT_REFUSED_MESSAGE } from '../../crisisRules/crisisRules';
import qualifying from './data/qualifying.json';
import notQualifying from './data/notQualifying.json';
import split from './data/split.json';
import noDelivery from './data/noDelivery.json';
import worksheetPage2 from './data/worksheetPage2.json';
import paid from './data/paid.json';

jest.mock('@salesforce/apex/CrisisWorksheetController.getWorksheet', () => ({ default: jest.fn() }), {
  virtual: true
});
jest.mock('@salesforce/apex/CrisisWorksheetController.saveWorksheet', () => ({ default: jest.fn() }), {
  virtual: true
});
jest.mock('@salesforce/apex/CrisisWorksheetController.createPayments', () => ({ default: jest.fn() }), {
  virtual: true
});
jest.mock('@salesforce/apex/CrisisWorksheetController.cancelEvent', () => ({ default: jest.fn() }), {
  virtual: true
});

const mockGet = getWorksheet as unknown as jest.Mock;
const mockSave = saveWorksheet as unknown as jest.Mock;
const mockCreate = createPayments as unknown as jest.Mock;
const mockCancel = cancelEvent as unknown as jest.Mock;

// The gallery's clock: 19:00 UTC on the day the fixtures were received.
const NOW = Date.parse('2026-11-23T19:00:00.000Z');

function flushPromises(): Promise<void> {
  // eslint-disable-next-line @lwc/lwc/no-async-operation
  return new Promise((resolve) => setTimeout(resolve, 0));
}

async function render(sheet: unknown): Promise<HTMLElement> {
  mockGet.mockResolvedValue(sheet);
  const element = createElement('c-crisis-worksheet', { is: CrisisWorksheet });
  (element as unknown as { recordId: string }).recordId = (sheet as { request: { Id: string } }).request.Id;
  document.body.appendChild(element);
  await flushPromises();
  return element;
}

function root(element: HTMLElement): ShadowRoot {
  return element.shadowRoot as ShadowRoot;
}

function query<T extends Element = HTMLElement>(element: HTMLElement, selector: string): T {
  const found = root(element).querySelector<T>(selector);
  if (!found) throw new Error(`nothing matches ${selector}`);
  return found;
}

function text(element: HTMLElement, selector: string): string {
  return (query(element, selector).textContent ?? '').replace(/\s+/g, ' ').trim();
}

function texts(element: HTMLElement, selector: string): string[] {
  return Array.from(root(element).querySelectorAll(selector)).map((node) =>
    (node.textContent ?? '').replace(/\s+/g, ' ').trim()
  );
}

function reason(element: HTMLElement, name: string): { claimed: boolean; verdict: string; why: string } {
  const row = `li[data-reason="${name}"]`;
  return {
    claimed: text(element, row).includes('(claimed)'),
    verdict: text(element, `${row} [data-id="verdict"]`),
    why: text(element, `${row} [data-id="why"]`)
  };
}

async function change(
  element: HTMLElement,
  selector: string,
  detail: Record<string, unknown>
): Promise<void> {
  query(element, selector).dispatchEvent(new CustomEvent('change', { detail }));
  await flushPromises();
}

function button(element: HTMLElement, id: string): HTMLElement & { disabled: boolean } {
  return query(element, `lightning-button[data-id="${id}"]`);
}

beforeEach(() => {
  jest.spyOn(Date, 'now').mockReturnValue(NOW);
});

afterEach(() => {
  while (document.body.firstChild) document.body.removeChild(document.body.firstChild);
  jest.restoreAllMocks();
  jest.clearAllMocks();
});

describe('a qualifying household (heat-related notice, level 1)', () => {
  it('shows the claimed reason qualifying and why', async () => {
    const element = await render(qualifying);
    expect(reason(element, 'Heat Related Disconnection Notice')).toEqual({
      claimed: true,
      verdict: 'Qualifies',
      why: 'A heat-related notice with a scheduled date, active with the vendor, is valid whatever the date.'
    });
  });

  it('shows owed − Primary Heat = need, rounded, and the Crisis part (slide 40)', async () => {
    const element = await render(qualifying);
    expect(text(element, '[data-id="benefit"] li')).toBe(
      'Xcel Energy: Owed 152 − Primary Heat 100 = need 52 → rounded up 52; Crisis: 52'
    );
  });

  it('counts down the 18 hours and flags under two hours left', async () => {
    const element = await render(qualifying);
    expect(text(element, '[data-id="clock"]')).toContain('Response due in 1 h 30 min');
    expect((query(element, '[data-id="due-soon"]') as unknown as { label: string }).label).toBe(
      'Under 2 hours left'
    );
  });

  it('writes the deck’s Primary Heat note with the worker’s initials', async () => {
    const element = await render(qualifying);
    expect(texts(element, '.crisis-note')).toContain(
      '11/23/26 Actual amount owed is 152. 100 PH payment on 11/22/26 but not yet credited. Entered 52 - JM'
    );
  });

  it('is accessible', async () => {
    const element = await render(qualifying);
    await expect(element).toBeAccessible();
  });
});

describe('a household that does not qualify (tank at 20 percent)', () => {
  it('says why and does not offer payments', async () => {
    const element = await render(notQualifying);
    expect(reason(element, 'Less than 20')).toEqual({
      claimed: true,
      verdict: 'Does not qualify',
      why: 'The tank is at 20%; it must be below 20%.'
    });
    expect(text(element, '[data-id="no-reason"]')).toMatch(/cannot be paid from Crisis/);
    expect(button(element, 'create-payments').disabled).toBe(true);
  });

  it('qualifies live once the worker enters 19 percent', async () => {
    const element = await render(notQualifying);
    await change(element, 'lightning-input[data-field="Crisis_Tank_Percent__c"]', { value: '19' });
    expect(reason(element, 'Less than 20')).toMatchObject({
      verdict: 'Qualifies',
      why: 'The tank is at 19%, below 20%.'
    });
    expect(root(element).querySelector('[data-id="no-reason"]')).toBeNull();
  });

  it('is accessible', async () => {
    const element = await render(notQualifying);
    await expect(element).toBeAccessible();
  });
});

describe('a split between two vendors (slide 44)', () => {
  it('splits 500 between Xcel owed 700 and CPE owed 400 as 250 and 250', async () => {
    const element = await render(split);
    expect(texts(element, '[data-id="part"]')).toEqual(['Crisis: 250', 'Crisis: 250']);
    expect(texts(element, '.crisis-note')).toContain(
      '11/23/26 Actual amount owed CPE 400, Xcel Energy 700. HHD wants to split 500 benefit to be 250 for each. - JM'
    );
  });

  it('follows the shares the household asks for', async () => {
    const element = await render(split);
    const inputs = root(element).querySelectorAll('lightning-input[data-field="Share__c"]');
    inputs[0].dispatchEvent(new CustomEvent('change', { detail: { value: '1' } }));
    inputs[1].dispatchEvent(new CustomEvent('change', { detail: { value: '3' } }));
    await flushPromises();
    expect(texts(element, '[data-id="part"]')).toEqual(['Crisis: 125', 'Crisis: 375']);
  });

  it('creates one payment per vendor through the server and shows the event locked', async () => {
    mockCreate.mockResolvedValue(paid);
    const element = await render(split);
    const toasts: string[] = [];
    element.addEventListener('lightning__showtoast', (event) =>
      toasts.push((event as CustomEvent<{ title: string }>).detail.title)
    );
    button(element, 'create-payments').click();
    await flushPromises();
    expect(mockCreate).toHaveBeenCalledWith({
      caseId: split.request.Id,
      payments: [
        { vendorId: split.vendors[0].Id, amount: 250 },
        { vendorId: split.vendors[1].Id, amount: 250 }
      ]
    });
    expect(toasts).toEqual(['2 Crisis payment(s) created, Verified By Worker']);
    expect(text(element, '[data-id="locked"]')).toMatch(/Emergency information locked/);
  });

  it('shows the server’s refusal in the worker’s words', async () => {
    mockCreate.mockRejectedValue({
      body: { message: 'The payments add up to 600, more than the 500 available.' }
    });
    const element = await render(split);
    button(element, 'create-payments').click();
    await flushPromises();
    expect(text(element, '[data-id="action-error"]')).toContain(
      'The payments add up to 600, more than the 500 available.'
    );
  });

  it('is accessible', async () => {
    const element = await render(split);
    await expect(element).toBeAccessible();
  });
});

describe('a delivery that cannot happen (slide 46)', () => {
  it('says 500 Crisis is below the 600 minimum, and pays 500 of the 532 arrears', async () => {
    const element = await render(noDelivery);
    expect(text(element, '[data-id="delivery"]')).toBe(
      'Ferrellgas: Crisis 500 + other 0 is below the minimum delivery of 600: no delivery'
    );
    expect(text(element, '[data-id="delivery-detail"]')).toBe(
      'Crisis pays arrears only: 500 paid, 32 still owed'
    );
  });

  it('allows the delivery with 100 from HeatShare', async () => {
    const element = await render(noDelivery);
    await change(element, 'lightning-input[data-field="Other_Resources__c"]', { value: '100' });
    expect(text(element, '[data-id="delivery"]')).toBe(
      'Ferrellgas: Crisis 500 + other 100 reaches the minimum delivery of 600: delivery'
    );
  });

  it('notes the tank percent the household reported (slide 45)', async () => {
    const element = await render(noDelivery);
    expect(texts(element, '.crisis-note')).toContain('11/23/26 HHD reported 15% in tank. - JM');
  });

  it('is accessible', async () => {
    const element = await render(noDelivery);
    await expect(element).toBeAccessible();
  });
});

describe('the Reasonable Payment Worksheet (slides 61-67)', () => {
  it('page 2: income minus expenses is 28, shared as MERC 11 and Rochester PU 17', async () => {
    const element = await render(worksheetPage2);
    expect(text(element, '[data-id="reasonable-payment"]')).toBe('Reasonable payment: 28 a month (page 2)');
    expect(texts(element, '[data-id="worksheet-parts"] li')).toEqual([
      'MERC: more than 11 qualifies; bill 45: eligible for Crisis',
      'Rochester PU: more than 17 qualifies; bill 17: can reasonably pay, not eligible'
    ]);
    expect(reason(element, 'Senior').verdict).toBe('Qualifies');
  });

  it('page 1: the household can pay 77, shared as MERC 31 and Rochester PU 46', async () => {
    const element = await render(worksheetPage2);
    await change(element, 'lightning-radio-group[data-field="Crisis_Worksheet_Page__c"]', { value: '1' });
    expect(text(element, '[data-id="reasonable-payment"]')).toBe('Reasonable payment: 77 a month (page 1)');
    expect(texts(element, '[data-id="worksheet-parts"] li')[1]).toBe(
      'Rochester PU: more than 46 qualifies; bill 17: can reasonably pay, not eligible'
    );
    expect(text(element, '[data-id="fast-track"]')).toBe('Fast Track (10% of income): 115 a month');
  });

  it('is accessible', async () => {
    const element = await render(worksheetPage2);
    await expect(element).toBeAccessible();
  });
});

describe('an event with payments', () => {
  it('locks the facts and offers only cancelling', async () => {
    const element = await render(paid);
    expect(text(element, '[data-id="locked"]')).toMatch(/Emergency information locked/);
    expect(
      query<HTMLElement & { disabled: boolean }>(element, 'lightning-input[data-field="Crisis_Available__c"]')
        .disabled
    ).toBe(true);
    expect(button(element, 'create-payments').disabled).toBe(true);
    expect(button(element, 'cancel-event').disabled).toBe(false);
  });

  it('cancels through the server and unlocks the facts', async () => {
    mockCancel.mockResolvedValue({
      ...split,
      request: { ...split.request, Crisis_Event_Status__c: 'Cancelled' }
    });
    const element = await render(paid);
    button(element, 'cancel-event').click();
    await flushPromises();
    expect(mockCancel).toHaveBeenCalledWith({ caseId: paid.request.Id });
    expect(root(element).querySelector('[data-id="locked"]')).toBeNull();
    expect(text(element, '[data-id="event-status"]')).toBe('Crisis event: Cancelled');
  });

  it('shows the deck’s remedy when the server refuses an edit', async () => {
    mockSave.mockRejectedValue({ body: { message: EDIT_REFUSED_MESSAGE } });
    const element = await render(split);
    button(element, 'save').click();
    await flushPromises();
    expect(text(element, '[data-id="action-error"]')).toContain(
      'cancel the crisis event, update the information'
    );
  });

  it('is accessible', async () => {
    const element = await render(paid);
    await expect(element).toBeAccessible();
  });
});

describe('saving', () => {
  it('sends the facts, the vendors and the new notes, and shows the determined event', async () => {
    mockSave.mockResolvedValue(qualifying);
    const element = await render(qualifying);
    button(element, 'save').click();
    await flushPromises();
    const params = mockSave.mock.calls[0][0] as {
      request: Record<string, unknown>;
      vendors: Record<string, unknown>[];
    };
    expect(params.request.Emergency_Level__c).toBe('Life-Threatening');
    expect(String(params.request.Crisis_Notes__c)).toContain('Entered 52 - JM');
    expect(params.vendors[0]).toMatchObject({ Id: qualifying.vendors[0].Id, Amount_Owed__c: 152 });
    expect(params.vendors[0]).not.toHaveProperty('Crisis_Amount__c');
  });

  it('records what page 2 computes as the reasonable payment', async () => {
    mockSave.mockResolvedValue(worksheetPage2);
    const element = await render(worksheetPage2);
    button(element, 'save').click();
    await flushPromises();
    const params = mockSave.mock.calls[0][0] as { request: Record<string, unknown> };
    expect(params.request.Crisis_Reasonable_Payment__c).toBe(28);
  });

  it('keeps a recorded verification date from being changed', async () => {
    const verified = {
      ...qualifying,
      request: { ...qualifying.request, Crisis_Verified_On__c: '2026-11-23' }
    };
    const element = await render(verified);
    const input = query<HTMLElement & { disabled: boolean }>(
      element,
      'lightning-input[data-field="Crisis_Verified_On__c"]'
    );
    expect(input.disabled).toBe(true);
    const fresh = await render(qualifying);
    expect(
      query<HTMLElement & { disabled: boolean }>(fresh, 'lightning-input[data-field="Crisis_Verified_On__c"]')
        .disabled
    ).toBe(false);
  });

  it('shows why it could not load', async () => {
    mockGet.mockRejectedValue({
      body: { message: 'This case does not exist or you do not have access to it.' }
    });
    const element = createElement('c-crisis-worksheet', { is: CrisisWorksheet });
    (element as unknown as { recordId: string }).recordId = '500000000000000AAA';
    document.body.appendChild(element);
    await flushPromises();
    expect(text(element, '[data-id="load-error"]')).toContain('This case does not exist');
  });
});
