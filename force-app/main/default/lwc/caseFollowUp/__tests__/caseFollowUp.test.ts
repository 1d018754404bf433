import { createElement } from 'lwc';
import CaseFollowUp from 'c/caseFollowUp';
import getFollowUpView from '@salesforce/apex/FollowUpController.getFollowUpView';
import logContact from '@salesforce/apex/FollowUpController.logContact';
import logPartnerEmail from '@salesforce/apex/FollowUpController.logPartnerEmail';
import onTrack from './data/followUpOnTrack.json';
import dueInTwoDays from './data/followUpDueInTwoDays.json';
import overdue from './data/followUpOverdue.json';
import missingDocuments from './data/followUpMissingDocuments.json';
import noPreferences from './data/followUpNoPreferences.json';

jest.mock('@salesforce/apex/FollowUpController.getFollowUpView', () => ({ default: jest.fn() }), {
  virtual: true
});
jest.mock('@salesforce/apex/FollowUpController.logContact', () => ({ default: jest.fn() }), {
  virtual: true
});
jest.mock('@salesforce/apex/FollowUpController.logPartnerEmail', () => ({ default: jest.fn() }), {
  virtual: true
});

const mockGetView = getFollowUpView as unknown as jest.Mock;
const mockLogContact = logContact as unknown as jest.Mock;
const mockLogPartnerEmail = logPartnerEmail as unknown as jest.Mock;

interface Combobox extends HTMLElement {
  options: { label: string; value: string }[];
  value: string | null;
}

function flushPromises(): Promise<void> {
  // eslint-disable-next-line @lwc/lwc/no-async-operation
  return new Promise((resolve) => setTimeout(resolve, 0));
}

async function render(view: unknown): Promise<HTMLElement> {
  mockGetView.mockResolvedValue(view);
  const element = createElement('c-case-follow-up', { is: CaseFollowUp });
  (element as unknown as { recordId: string }).recordId = (view as { caseId: string }).caseId;
  document.body.appendChild(element);
  await flushPromises();
  return element;
}

const byId = <T extends Element = HTMLElement>(element: HTMLElement, id: string): T | null =>
  element.shadowRoot!.querySelector<T & Element>(`[data-id="${id}"]`);
const text = (element: HTMLElement, id: string): string => byId(element, id)?.textContent?.trim() ?? '';
const deadline = (element: HTMLElement, kind: 'Interview' | 'Documents'): HTMLElement =>
  element.shadowRoot!.querySelector<HTMLElement>(`[data-deadline="${kind}"] [data-id="deadline-status"]`)!;

function choose(element: HTMLElement, id: string, value: string): void {
  byId(element, id)!.dispatchEvent(new CustomEvent('change', { detail: { value } }));
}

afterEach(() => {
  while (document.body.firstChild) document.body.removeChild(document.body.firstChild);
  jest.clearAllMocks();
});

describe('c-case-follow-up', () => {
  it('on track: shows both deadlines with days left, the interview time to share, and is accessible', async () => {
    const element = await render(onTrack);
    expect(text(element, 'applied-on')).toBe('Applied on 2026-03-01 (San Francisco)');
    expect(deadline(element, 'Interview').textContent).toBe('21 days left');
    expect(deadline(element, 'Interview').className).toContain('slds-theme_success');
    expect(deadline(element, 'Documents').textContent).toBe('51 days left');
    expect(text(element, 'pending-reason')).toBe('Pending: Waiting for interview');
    expect(text(element, 'next-step')).toBe(
      'Share the interview date with the client (Tuesday, March 17, 2026 at 10:30 AM) and make sure they can make that time.'
    );
    expect(text(element, 'client-choices')).toBe('Contact in Spanish, by phone or text');
    expect(text(element, 'contacts')).toContain('Contact by Phone: Reached');
    await expect(element).toBeAccessible();
  });

  it('due in 2 days: colours the interview deadline urgent and tells the client to call the office', async () => {
    const element = await render(dueInTwoDays);
    expect(deadline(element, 'Interview').textContent).toBe('2 days left');
    expect(deadline(element, 'Interview').className).toContain('slds-theme_error');
    expect(text(element, 'tell-client')).toBe(
      'You missed your interview. Please call (415) 558-1001 to schedule a new interview time.'
    );
    await expect(element).toBeAccessible();
  });

  it('overdue: says by how much, shows the completed interview as met, and suggests E3 with its cases', async () => {
    const element = await render(overdue);
    expect(deadline(element, 'Documents').textContent).toBe('Overdue by 4 days');
    expect(deadline(element, 'Documents').className).toContain('deadline-overdue');
    expect(deadline(element, 'Interview').textContent).toBe('Interview completed on 2026-02-02');
    expect(text(element, 'policy-suggestion')).toContain(
      'Missing documents was escalated 3 times in 30 days: consider taking it to the policy tier (E3).'
    );
    expect(text(element, 'policy-suggestion')).toContain('Cases: 00001044, 00001038, 00001031');
    await expect(element).toBeAccessible();
  });

  it('missing documents: lists each with its state and push-back, and the ways to send them, email first', async () => {
    const element = await render(missingDocuments);
    const items = Array.from(byId(element, 'documents')!.querySelectorAll('li')).map((li) =>
      Array.from(li.querySelectorAll('span'))
        .map((span) => span.textContent)
        .join(' ')
    );
    expect(items).toEqual([
      'Pay stubs (last 30 days) Received on 2026-03-05',
      'Rent receipt Still missing',
      'Proof of address Still missing Push back: the lease on file already shows it'
    ]);
    const ways = Array.from(byId(element, 'send-ways')!.querySelectorAll('li')).map((li) => li.textContent);
    expect(ways[0]).toBe('Email: calfresh-documents@agency.example');
    expect(ways).toHaveLength(4);
    expect(text(element, 'next-step')).toBe(
      'Help the client send: Rent receipt and Proof of address. Push back with the eligibility worker on: Proof of address (the lease on file already shows it).'
    );
    await expect(element).toBeAccessible();
  });

  it('E2: drafts the partner agency email from the case and logs it', async () => {
    const element = await render(missingDocuments);
    expect(text(element, 'partner-email-subject')).toBe(
      'Case 00001045 (Lan): Documents sent by fax on 2026-03-04 are not in iFiles'
    );
    const body = (byId(element, 'partner-email-body') as unknown as { value: string }).value;
    expect(body.split('\n')).toEqual([
      'First name: Lan',
      'Case number: 00001045',
      'Application date: 2026-02-20',
      'Issue: Documents sent by fax on 2026-03-04 are not in iFiles',
      'Suggested next step: Help the client send: Rent receipt and Proof of address. Push back with the eligibility worker on: Proof of address (the lease on file already shows it).'
    ]);
    mockLogPartnerEmail.mockResolvedValue('00T000000000004AAA');
    byId(element, 'log-partner-email')!.click();
    await flushPromises();
    expect(mockLogPartnerEmail).toHaveBeenCalledWith({
      caseId: missingDocuments.caseId,
      subject: 'Case 00001045 (Lan): Documents sent by fax on 2026-03-04 are not in iFiles',
      body
    });
    expect(text(element, 'partner-email-logged')).toBe('The email is logged on the case.');
  });

  it('drafts no partner email for a case not escalated to the partner agency', async () => {
    const element = await render(onTrack);
    expect(byId(element, 'partner-email-subject')).toBeNull();
  });

  it('"Log contact" offers only the channels and the language the client chose', async () => {
    const element = await render(onTrack);
    expect(byId<Combobox>(element, 'channel')!.options.map((o) => o.value)).toEqual(['Phone', 'Text']);
    expect(byId<Combobox>(element, 'language')!.options.map((o) => o.value)).toEqual(['Spanish']);
  });

  it('logs a contact in an allowed channel and confirms it', async () => {
    const element = await render(onTrack);
    mockLogContact.mockResolvedValue('00T000000000002AAA');
    choose(element, 'channel', 'Text');
    choose(element, 'outcome', 'Sent');
    await flushPromises();
    byId(element, 'log-contact')!.click();
    await flushPromises();
    expect(mockLogContact).toHaveBeenCalledWith({
      caseId: onTrack.caseId,
      channel: 'Text',
      language: 'Spanish',
      outcome: 'Sent',
      purpose: 'Follow-up',
      note: null
    });
    expect(text(element, 'confirmation')).toBe('Contact logged.');
    expect(mockGetView).toHaveBeenCalledTimes(2);
  });

  it('contact refused: shows the server’s refusal, which names the client’s choices', async () => {
    const element = await render(onTrack);
    const refusal = 'Not sent: the client did not choose text. They chose phone, in Spanish.';
    mockLogContact.mockRejectedValue({ body: { message: refusal } });
    choose(element, 'channel', 'Text');
    choose(element, 'outcome', 'Sent');
    await flushPromises();
    byId(element, 'log-contact')!.click();
    await flushPromises();
    expect(text(element, 'refusal')).toBe(refusal);
    expect(byId(element, 'confirmation')).toBeNull();
    await expect(element).toBeAccessible();
  });

  it('no preferences: says so, and a contact may only ask for them', async () => {
    const element = await render(noPreferences);
    expect(text(element, 'no-preferences')).toBe(
      'No recorded language and channels: contact the client only to ask for them.'
    );
    expect(text(element, 'release')).toContain('No release of information on file');
    expect(byId<Combobox>(element, 'channel')!.options).toHaveLength(4);
    mockLogContact.mockResolvedValue('00T000000000003AAA');
    choose(element, 'channel', 'Phone');
    choose(element, 'language', 'English');
    choose(element, 'outcome', 'Reached');
    await flushPromises();
    byId(element, 'log-contact')!.click();
    await flushPromises();
    expect(mockLogContact.mock.calls[0][0]).toMatchObject({ purpose: 'Ask for contact preferences' });
    await expect(element).toBeAccessible();
  });

  it('keeps "Log contact" disabled until a channel and an outcome are chosen', async () => {
    const element = await render(dueInTwoDays);
    const button = byId<HTMLButtonElement>(element, 'log-contact')!;
    // one allowed channel is chosen for the worker
    expect(byId<Combobox>(element, 'channel')!.value).toBe('Phone');
    expect(button.disabled).toBe(true);
    choose(element, 'outcome', 'No answer');
    await flushPromises();
    expect(button.disabled).toBe(false);
  });

  it('asks for an application date when the case has none', async () => {
    const element = await render({ ...onTrack, applicationDate: null, pendingReason: null });
    expect(text(element, 'no-application-date')).toContain('No application date on this case yet');
    expect(text(element, 'pending-reason')).toBe('No pending reason recorded.');
  });

  it('shows why the follow-up could not be loaded', async () => {
    mockGetView.mockRejectedValue({
      body: { message: 'The case does not exist or you do not have access to it.' }
    });
    const element = createElement('c-case-follow-up', { is: CaseFollowUp });
    (element as unknown as { recordId: string }).recordId = onTrack.caseId;
    document.body.appendChild(element);
    await flushPromises();
    expect(text(element, 'load-error')).toBe(
      'The follow-up could not be loaded: The case does not exist or you do not have access to it.'
    );
  });
});
