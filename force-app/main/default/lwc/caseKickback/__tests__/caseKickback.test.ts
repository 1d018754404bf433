import { createElement } from 'lwc';
import CaseKickback from 'c/caseKickback';
import getKickbackView from '@salesforce/apex/CaseKickbackController.getKickbackView';
import getPriorWorkers from '@salesforce/apex/CaseKickbackController.getPriorWorkers';
import getAppealReviewers from '@salesforce/apex/CaseKickbackController.getAppealReviewers';
import getEscalationTiers from '@salesforce/apex/CaseKickbackController.getEscalationTiers';
import sendBackForRework from '@salesforce/apex/CaseKickbackController.sendBackForRework';
import requestAppealReview from '@salesforce/apex/CaseKickbackController.requestAppealReview';
import escalate from '@salesforce/apex/CaseKickbackController.escalate';
import completeTask from '@salesforce/apex/CaseKickbackController.completeTask';
import { MESSAGES } from '../../caseKickbackRules/caseKickbackRules';
import viewWithTasks from './data/kickbackView.json';
import viewEmpty from './data/kickbackViewEmpty.json';
import priorWorkers from './data/priorWorkers.json';
import appealReviewers from './data/appealReviewers.json';
import escalationTiers from './data/escalationTiers.json';

jest.mock('@salesforce/apex/CaseKickbackController.getKickbackView', () => ({ default: jest.fn() }), {
  virtual: true
});
jest.mock(
  '@salesforce/apex/CaseKickbackController.getPriorWorkers',
  () => ({ default: jest.requireActual('@salesforce/sfdx-lwc-jest').createApexTestWireAdapter(jest.fn()) }),
  { virtual: true }
);
jest.mock(
  '@salesforce/apex/CaseKickbackController.getAppealReviewers',
  () => ({ default: jest.requireActual('@salesforce/sfdx-lwc-jest').createApexTestWireAdapter(jest.fn()) }),
  { virtual: true }
);
jest.mock(
  '@salesforce/apex/CaseKickbackController.getEscalationTiers',
  () => ({ default: jest.requireActual('@salesforce/sfdx-lwc-jest').createApexTestWireAdapter(jest.fn()) }),
  { virtual: true }
);
jest.mock('@salesforce/apex/CaseKickbackController.sendBackForRework', () => ({ default: jest.fn() }), {
  virtual: true
});
jest.mock('@salesforce/apex/CaseKickbackController.requestAppealReview', () => ({ default: jest.fn() }), {
  virtual: true
});
jest.mock('@salesforce/apex/CaseKickbackController.escalate', () => ({ default: jest.fn() }), {
  virtual: true
});
jest.mock('@salesforce/apex/CaseKickbackController.completeTask', () => ({ default: jest.fn() }), {
  virtual: true
});

interface WireAdapterMock {
  emit(value: unknown): void;
  error(body?: unknown, status?: number, statusText?: string): void;
}

const mockGetView = getKickbackView as unknown as jest.Mock;
const mockSendBack = sendBackForRework as unknown as jest.Mock;
const mockRequestAppeal = requestAppealReview as unknown as jest.Mock;
const mockEscalate = escalate as unknown as jest.Mock;
const mockCompleteTask = completeTask as unknown as jest.Mock;
const workersAdapter = getPriorWorkers as unknown as WireAdapterMock;
const reviewersAdapter = getAppealReviewers as unknown as WireAdapterMock;
const tiersAdapter = getEscalationTiers as unknown as WireAdapterMock;

const CASE_ID = viewWithTasks.caseId;
const FUTURE = '2099-12-31';
const PAST = '2000-01-01';

function flushPromises(): Promise<void> {
  // a macrotask lets every pending Apex promise and re-render settle
  // eslint-disable-next-line @lwc/lwc/no-async-operation
  return new Promise((resolve) => setTimeout(resolve, 0));
}

async function render(view: unknown = viewWithTasks): Promise<HTMLElement> {
  mockGetView.mockResolvedValue(view);
  const element = createElement('c-case-kickback', { is: CaseKickback });
  (element as unknown as { recordId: string }).recordId = CASE_ID;
  document.body.appendChild(element);
  workersAdapter.emit(priorWorkers);
  reviewersAdapter.emit(appealReviewers);
  tiersAdapter.emit(escalationTiers);
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

/**
 * The Jest stubs of lightning-input, -combobox, -textarea and -radio-group render nothing, so each field
 * is given the platform's contract: setCustomValidity(message) keeps a message, reportValidity() shows
 * it under the field (the browser test checks the real components render it with slds-has-error).
 */
const fieldStates = new WeakMap<Element, { pending: string; shown: string }>();
/** The data-field of the input that last took focus. */
const focused: { field: string | null } = { field: null };

function watchFields(element: HTMLElement): void {
  for (const field of Array.from(root(element).querySelectorAll<HTMLElement>('[data-field]'))) {
    if (fieldStates.has(field)) continue;
    const state = { pending: '', shown: '' };
    fieldStates.set(field, state);
    Object.assign(field, {
      setCustomValidity: (message: string) => {
        state.pending = message;
      },
      reportValidity: () => {
        state.shown = state.pending;
        return state.pending === '';
      },
      focus: () => {
        focused.field = field.dataset.field ?? null;
      }
    });
  }
}

/** The message each field shows, by its data-field name; fields without a message are left out. */
function fieldErrors(element: HTMLElement): Record<string, string> {
  const shown: Record<string, string> = {};
  for (const field of Array.from(root(element).querySelectorAll<HTMLElement>('[data-field]'))) {
    const message = fieldStates.get(field)?.shown;
    if (message) shown[field.dataset.field as string] = message;
  }
  return shown;
}

async function click(element: HTMLElement, dataId: string): Promise<void> {
  watchFields(element);
  query(element, `[data-id="${dataId}"]`).click();
  await flushPromises();
  watchFields(element);
}

async function fill(element: HTMLElement, field: string, value: string): Promise<void> {
  watchFields(element);
  query(element, `[data-field="${field}"]`).dispatchEvent(new CustomEvent('change', { detail: { value } }));
  await flushPromises();
}

function text(element: HTMLElement, dataId: string): string {
  return query(element, `[data-id="${dataId}"]`).textContent?.trim() ?? '';
}

afterEach(() => {
  focused.field = null;
  while (document.body.firstChild) document.body.removeChild(document.body.firstChild);
  jest.clearAllMocks();
});

describe('c-case-kickback task list', () => {
  it('lists open tasks first with who, due date, status and outcome', async () => {
    const element = await render();
    expect(mockGetView).toHaveBeenCalledWith({ caseId: CASE_ID });
    const rows = Array.from(root(element).querySelectorAll('tbody tr'));
    expect(rows.map((row) => row.getAttribute('data-task-id'))).toEqual([
      '00T3000000KbFupAAA',
      '00T3000000KbAppAAA',
      '00T3000000KbRewAAA',
      '00T3000000KbOldAAA'
    ]);
    const [followUp, appeal, rework, closed] = rows;
    expect(followUp.querySelector('[data-id="due"]')?.textContent).toBe('2020-01-06 (overdue)');
    expect(rework.querySelector('[data-id="owner"]')?.textContent).toBe('Carlos Manager');
    // a name too long for the column ends in an ellipsis; the whole name is its tooltip
    expect(rework.querySelector('[data-id="owner"]')?.getAttribute('title')).toBe('Carlos Manager');
    expect(rework.querySelector('[data-id="assigned-by"]')?.getAttribute('title')).toBe(
      'Assigned by Rosa Reviewer'
    );
    expect(rework.querySelector('[data-id="status"]')?.textContent).toBe('Not Started');
    expect(closed.querySelector('[data-id="outcome"]')?.textContent).toBe(
      'Upheld: Denial stands: income over the limit'
    );
    // only the task assigned to the person looking at the case can be completed from here
    expect(appeal.querySelector('[data-id="start-completion"]')).not.toBeNull();
    expect(rework.querySelector('[data-id="start-completion"]')).toBeNull();
    expect(text(element, 'case-summary')).toContain('Step: Reviewer');
  });

  it('says so when the case has no kickback, appeal or follow-up tasks', async () => {
    const element = await render(viewEmpty);
    expect(text(element, 'empty')).toBe('No kickback, appeal or follow-up tasks on this case.');
    expect(root(element).querySelector('[data-id="tasks"]')).toBeNull();
    expect(text(element, 'escalated')).toBe('Escalated: Partner Agency');
    expect(text(element, 'appeal-outcome')).toBe('Appeal outcome: Overturned');
  });

  it('shows why the tasks could not be loaded', async () => {
    mockGetView.mockRejectedValue({ body: { message: 'You do not have access to this case.' } });
    const element = createElement('c-case-kickback', { is: CaseKickback });
    (element as unknown as { recordId: string }).recordId = CASE_ID;
    document.body.appendChild(element);
    await flushPromises();
    expect(text(element, 'load-error')).toBe(
      "The case's tasks could not be loaded: You do not have access to this case."
    );
    expect(root(element).querySelector('[data-id="open-rework"]')).toBeNull();
  });

  it('loads the tasks again with Try again after a failure', async () => {
    mockGetView
      .mockRejectedValueOnce({ body: { message: 'Unable to connect to the server.' } })
      .mockResolvedValueOnce(viewWithTasks);
    const element = createElement('c-case-kickback', { is: CaseKickback });
    (element as unknown as { recordId: string }).recordId = CASE_ID;
    document.body.appendChild(element);
    await flushPromises();
    expect(text(element, 'load-error')).toContain('Unable to connect to the server.');
    await click(element, 'retry');
    expect(mockGetView).toHaveBeenCalledTimes(2);
    expect(mockGetView).toHaveBeenLastCalledWith({ caseId: CASE_ID });
    expect(root(element).querySelector('[data-id="load-error"]')).toBeNull();
    expect(root(element).querySelector('[data-id="retry"]')).toBeNull();
    expect(root(element).querySelectorAll('tbody tr')).toHaveLength(4);
  });

  it('keeps Try again when the tasks still cannot be loaded', async () => {
    mockGetView.mockRejectedValue({ body: { message: 'Unable to connect to the server.' } });
    const element = createElement('c-case-kickback', { is: CaseKickback });
    (element as unknown as { recordId: string }).recordId = CASE_ID;
    document.body.appendChild(element);
    await flushPromises();
    await click(element, 'retry');
    expect(mockGetView).toHaveBeenCalledTimes(2);
    expect(text(element, 'load-error')).toContain('Unable to connect to the server.');
    expect(root(element).querySelector('[data-id="retry"]')).not.toBeNull();
  });

  it('is accessible with tasks, empty, and with a validation error', async () => {
    const withTasks = await render();
    await expect(withTasks).toBeAccessible();
    document.body.removeChild(withTasks);

    const empty = await render(viewEmpty);
    await expect(empty).toBeAccessible();

    await click(empty, 'open-rework');
    await click(empty, 'submit');
    expect(Object.keys(fieldErrors(empty)).length).toBeGreaterThan(0);
    await expect(empty).toBeAccessible();
  });
});

describe('c-case-kickback send back for rework', () => {
  it('offers the prior workers with the steps they worked', async () => {
    const element = await render();
    await click(element, 'open-rework');
    const combobox = query<HTMLElement & { options: { label: string; value: string }[] }>(
      element,
      '[data-field="worker"]'
    );
    expect(combobox.options).toEqual([
      { label: 'Chris Chaser (Chaser)', value: '0053000000ChasrAAA' },
      { label: 'Carlos Manager (Case Manager)', value: '0053000000ManagrAA' }
    ]);
  });

  it('refuses an empty form with a message under each missing input', async () => {
    const element = await render();
    await click(element, 'open-rework');
    await click(element, 'submit');
    expect(fieldErrors(element)).toEqual({
      worker: MESSAGES.workerRequired,
      reason: MESSAGES.reasonRequired,
      dueDate: MESSAGES.dueDateRequired
    });
    // on the fields, not as a list above the buttons; the first refused field takes focus
    expect(root(element).querySelector('[data-id="errors"]')).toBeNull();
    expect(root(element).querySelector('[data-id="server-error"]')).toBeNull();
    expect(focused.field).toBe('worker');
    expect(mockSendBack).not.toHaveBeenCalled();
  });

  it('takes the message off a field once it is changed, and judges it again on Save', async () => {
    const element = await render();
    await click(element, 'open-rework');
    await click(element, 'submit');
    await fill(element, 'worker', '0053000000ChasrAAA');
    expect(fieldErrors(element)).toEqual({
      reason: MESSAGES.reasonRequired,
      dueDate: MESSAGES.dueDateRequired
    });
    await fill(element, 'worker', viewWithTasks.ownerId);
    await fill(element, 'reason', 'Missing or incorrect documents');
    await fill(element, 'dueDate', FUTURE);
    expect(fieldErrors(element)).toEqual({});
    await click(element, 'submit');
    expect(fieldErrors(element)).toEqual({ worker: MESSAGES.targetIsOwner });
    expect(mockSendBack).not.toHaveBeenCalled();
  });

  it('opens a fresh form without the messages of the one it replaces', async () => {
    const element = await render();
    await click(element, 'open-rework');
    await click(element, 'submit');
    expect(Object.keys(fieldErrors(element))).toHaveLength(3);
    await click(element, 'open-rework');
    expect(fieldErrors(element)).toEqual({});
  });

  it('refuses a due date in the past', async () => {
    const element = await render();
    await click(element, 'open-rework');
    await fill(element, 'worker', '0053000000ChasrAAA');
    await fill(element, 'reason', 'Missing or incorrect documents');
    await fill(element, 'dueDate', PAST);
    await click(element, 'submit');
    expect(fieldErrors(element)).toEqual({ dueDate: MESSAGES.dueDatePast });
    expect(mockSendBack).not.toHaveBeenCalled();
  });

  it('refuses the case owner as the rework target', async () => {
    const element = await render();
    await click(element, 'open-rework');
    await fill(element, 'worker', viewWithTasks.ownerId);
    await fill(element, 'reason', 'Missing or incorrect documents');
    await fill(element, 'dueDate', FUTURE);
    await click(element, 'submit');
    expect(fieldErrors(element)).toEqual({ worker: MESSAGES.targetIsOwner });
    expect(mockSendBack).not.toHaveBeenCalled();
  });

  it('asks for details when the reason is Other', async () => {
    const element = await render();
    await click(element, 'open-rework');
    await fill(element, 'worker', '0053000000ChasrAAA');
    await fill(element, 'reason', 'Other');
    await fill(element, 'dueDate', FUTURE);
    await click(element, 'submit');
    expect(fieldErrors(element)).toEqual({ details: MESSAGES.detailsRequiredForOther });
  });

  it('creates the rework task and reloads the list', async () => {
    mockSendBack.mockResolvedValue('00T3000000KbNewAAA');
    const element = await render();
    await click(element, 'open-rework');
    await fill(element, 'worker', '0053000000ChasrAAA');
    await fill(element, 'reason', 'Payment details need correction');
    await fill(element, 'details', 'Vendor id does not match the W-9');
    await fill(element, 'dueDate', FUTURE);
    await click(element, 'submit');
    expect(mockSendBack).toHaveBeenCalledWith({
      caseId: CASE_ID,
      workerId: '0053000000ChasrAAA',
      reason: 'Payment details need correction',
      details: 'Vendor id does not match the W-9',
      dueDate: FUTURE
    });
    expect(text(element, 'confirmation')).toBe(
      `Rework task sent to Chris Chaser, due ${FUTURE}. The case keeps its owner and step.`
    );
    expect(mockGetView).toHaveBeenCalledTimes(2);
    expect(root(element).querySelector('[data-field="worker"]')).toBeNull();
  });

  it('shows the server refusal and keeps the form open', async () => {
    mockSendBack.mockRejectedValue({ body: { message: MESSAGES.targetIsOwner } });
    const element = await render();
    await click(element, 'open-rework');
    await fill(element, 'worker', '0053000000ChasrAAA');
    await fill(element, 'reason', 'Missing or incorrect documents');
    await fill(element, 'dueDate', FUTURE);
    await click(element, 'submit');
    expect(text(element, 'server-error')).toBe(MESSAGES.targetIsOwner);
    expect(fieldErrors(element)).toEqual({});
    expect(root(element).querySelector('[data-field="worker"]')).not.toBeNull();
  });

  it('tells the person when nobody worked an earlier step', async () => {
    const element = await render();
    workersAdapter.emit([]);
    await click(element, 'open-rework');
    expect(text(element, 'no-prior-workers')).toBe('Nobody else has owned this case in an earlier step yet.');
  });
});

describe('c-case-kickback request appeal review', () => {
  it('offers the appeals reviewers', async () => {
    const element = await render();
    await click(element, 'open-appeal');
    const combobox = query<HTMLElement & { options: { label: string; value: string }[] }>(
      element,
      '[data-field="reviewer"]'
    );
    expect(combobox.options.map((option) => option.label)).toEqual(['Avery Appeals', 'Blake Appeals']);
  });

  it('refuses an empty request', async () => {
    const element = await render();
    await click(element, 'open-appeal');
    await click(element, 'submit');
    expect(fieldErrors(element)).toEqual({
      reviewer: MESSAGES.reviewerRequired,
      reason: MESSAGES.appealReasonRequired,
      dueDate: MESSAGES.dueDateRequired
    });
    expect(mockRequestAppeal).not.toHaveBeenCalled();
  });

  it('creates the appeal review task', async () => {
    mockRequestAppeal.mockResolvedValue('00T3000000KbNewAAA');
    const element = await render();
    await click(element, 'open-appeal');
    await fill(element, 'reviewer', '0053000000AppealBB');
    await fill(element, 'reason', 'Client disputes the income calculation');
    await fill(element, 'dueDate', FUTURE);
    await click(element, 'submit');
    expect(mockRequestAppeal).toHaveBeenCalledWith({
      caseId: CASE_ID,
      reviewerId: '0053000000AppealBB',
      reason: 'Client disputes the income calculation',
      dueDate: FUTURE
    });
    expect(text(element, 'confirmation')).toBe(`Appeal review requested from Blake Appeals, due ${FUTURE}.`);
  });

  it('shows why the reviewers could not be loaded', async () => {
    const element = await render();
    reviewersAdapter.error({ message: 'Insufficient access to ServiceResource' });
    await click(element, 'open-appeal');
    expect(text(element, 'reviewers-error')).toBe('Insufficient access to ServiceResource');
  });
});

describe('c-case-kickback escalate', () => {
  it('offers the tiers in order and describes the chosen one', async () => {
    const element = await render();
    await click(element, 'open-escalate');
    const combobox = query<HTMLElement & { options: { label: string; value: string }[] }>(
      element,
      '[data-field="tier"]'
    );
    expect(combobox.options.map((option) => option.label)).toEqual([
      'Internal Lead',
      'Partner Agency',
      'Policy'
    ]);
    await fill(element, 'tier', 'Partner_Agency');
    expect(text(element, 'tier-description')).toContain('Follow-ups after 3 and 7 days');
  });

  it('refuses an escalation without tier or reason', async () => {
    const element = await render();
    await click(element, 'open-escalate');
    await click(element, 'submit');
    expect(fieldErrors(element)).toEqual({
      tier: MESSAGES.tierRequired,
      reason: MESSAGES.escalationReasonRequired
    });
    expect(mockEscalate).not.toHaveBeenCalled();
  });

  it('escalates and reports the follow-up tasks created', async () => {
    mockEscalate.mockResolvedValue(2);
    const element = await render();
    await click(element, 'open-escalate');
    await fill(element, 'tier', 'Partner_Agency');
    await fill(element, 'reason', 'Landlord filed for eviction; hearing next week');
    await click(element, 'submit');
    expect(mockEscalate).toHaveBeenCalledWith({
      caseId: CASE_ID,
      tierDeveloperName: 'Partner_Agency',
      reason: 'Landlord filed for eviction; hearing next week'
    });
    expect(text(element, 'confirmation')).toBe(
      'Case escalated (Partner Agency) and its priority set to Urgent. 2 follow-up tasks created for you.'
    );
  });

  it('cancel closes the form without saving', async () => {
    const element = await render();
    await click(element, 'open-escalate');
    await click(element, 'cancel');
    expect(root(element).querySelector('[data-field="tier"]')).toBeNull();
    expect(mockEscalate).not.toHaveBeenCalled();
  });
});

describe('c-case-kickback completing an appeal review', () => {
  it('requires upheld or overturned', async () => {
    const element = await render();
    await click(element, 'start-completion');
    await click(element, 'complete');
    expect(fieldErrors(element)).toEqual({ outcome: MESSAGES.outcomeRequired });
    expect(focused.field).toBe('outcome');
    expect(mockCompleteTask).not.toHaveBeenCalled();
  });

  it('records the outcome and the note', async () => {
    mockCompleteTask.mockResolvedValue(undefined);
    const element = await render();
    await click(element, 'start-completion');
    await fill(element, 'outcome', 'Overturned');
    await fill(element, 'note', 'Ledger shows the arrears were paid in March');
    await click(element, 'complete');
    expect(mockCompleteTask).toHaveBeenCalledWith({
      taskId: '00T3000000KbAppAAA',
      outcome: 'Overturned',
      note: 'Ledger shows the arrears were paid in March'
    });
    expect(text(element, 'confirmation')).toBe(
      'Appeal review completed: Overturned. The person who requested it has been notified.'
    );
    expect(mockGetView).toHaveBeenCalledTimes(2);
  });
});

describe('c-case-kickback completing other tasks and page settings', () => {
  it('lets the prior worker mark their rework done', async () => {
    mockCompleteTask.mockResolvedValue(undefined);
    const mine = {
      ...viewWithTasks,
      tasks: viewWithTasks.tasks
        .filter((row) => row.workType === 'Kickback Rework')
        .map((row) => ({
          ...row,
          ownerId: viewWithTasks.currentUserId
        }))
    };
    const element = await render(mine);
    await click(element, 'start-completion');
    expect(root(element).querySelector('[data-field="outcome"]')).toBeNull();
    await fill(element, 'note', 'Lease uploaded');
    await click(element, 'complete');
    expect(mockCompleteTask).toHaveBeenCalledWith({
      taskId: '00T3000000KbRewAAA',
      outcome: 'Reworked',
      note: 'Lease uploaded'
    });
    expect(text(element, 'confirmation')).toBe(
      'Task completed. The person who assigned it has been notified.'
    );
  });

  it('shows the server refusal when completing fails', async () => {
    mockCompleteTask.mockRejectedValue({ body: { message: 'This task is already completed.' } });
    const element = await render();
    await click(element, 'start-completion');
    await fill(element, 'outcome', 'Upheld');
    await click(element, 'complete');
    expect(text(element, 'server-error')).toBe('This task is already completed.');
    expect(fieldErrors(element)).toEqual({});
  });

  it('opens the form chosen in Lightning App Builder', async () => {
    mockGetView.mockResolvedValue(viewWithTasks);
    const element = createElement('c-case-kickback', { is: CaseKickback });
    Object.assign(element, { recordId: CASE_ID, initialAction: 'escalate' });
    document.body.appendChild(element);
    tiersAdapter.emit(escalationTiers);
    await flushPromises();
    expect(text(element, 'form-title')).toBe('Escalate');
    expect(root(element).querySelector('[data-field="tier"]')).not.toBeNull();
  });

  it('shows why the escalation tiers could not be loaded', async () => {
    const element = await render();
    tiersAdapter.error({ message: 'No access to Escalation Tier' });
    await click(element, 'open-escalate');
    expect(text(element, 'tiers-error')).toBe('No access to Escalation Tier');
  });
});
