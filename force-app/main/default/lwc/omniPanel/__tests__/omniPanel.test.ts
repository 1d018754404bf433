import { createElement } from 'lwc';
import OmniPanel from 'c/omniPanel';
import getPanelData from '@salesforce/apex/OmniPanelController.getPanelData';
import { getNavigateCalls, resetNavigateCalls } from 'lightning/navigation';
import offline from './data/offline.json';
import offersWaiting from './data/offersWaiting.json';
import overdueOffer from './data/overdueOffer.json';
import fullCapacity from './data/fullCapacity.json';
import empty from './data/empty.json';
import supervisor from './data/supervisor.json';
import crisisCases from './data/crisisCases.json';

jest.mock('@salesforce/apex/OmniPanelController.getPanelData', () => ({ default: jest.fn() }), {
  virtual: true
});

const apex = getPanelData as unknown as jest.Mock;
const NOW = Date.parse('2026-03-02T15:00:00.000Z');

type Panel = HTMLElement & {
  overdueThresholdMinutes: number;
  handleToolkitEvent: (event: Record<string, unknown>) => void;
  toolkitResult: (result: Record<string, unknown>) => void;
  refresh: () => Promise<void>;
};

// Lets resolved Apex promises and the re-render settle; fake timers are used where time matters.
// eslint-disable-next-line @lwc/lwc/no-async-operation
const flushPromises = () => new Promise<void>((resolve) => setTimeout(resolve, 0));
const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value));

async function mount(props: Record<string, unknown> = {}): Promise<Panel> {
  const element = createElement('c-omni-panel', { is: OmniPanel }) as unknown as Panel;
  Object.assign(element, props);
  document.body.appendChild(element);
  await flushPromises();
  return element;
}

const $ = (element: Panel, id: string) =>
  element.shadowRoot!.querySelector(`[data-id="${id}"]`) as HTMLElement | null;
const $$ = (element: Panel, id: string) =>
  Array.from(element.shadowRoot!.querySelectorAll(`[data-id="${id}"]`)) as HTMLElement[];
const text = (node: Element | null) => (node ? (node.textContent ?? '').replace(/\s+/g, ' ').trim() : '');

describe('c-omni-panel', () => {
  beforeEach(() => {
    jest.spyOn(Date, 'now').mockReturnValue(NOW);
    resetNavigateCalls();
  });

  afterEach(() => {
    while (document.body.firstChild) document.body.removeChild(document.body.firstChild);
    jest.clearAllMocks();
    jest.restoreAllMocks();
    jest.useRealTimers();
  });

  describe('EAP crisis cases', () => {
    it('shows each crisis case’s time left and flags those under two hours', async () => {
      apex.mockResolvedValue(clone(crisisCases));
      const element = await mount();
      const clocks = $$(element, 'crisis-clock');
      expect(clocks.map((clock) => text(clock))).toEqual(
        expect.arrayContaining([
          'Crisis response due in 1 h 30 m',
          'Crisis response due in 20 h',
          'Crisis response overdue by 20 m'
        ])
      );
      const flagged = clocks.filter((clock) => clock.querySelector('lightning-icon') !== null).map(text);
      expect(flagged.sort()).toEqual(['Crisis response due in 1 h 30 m', 'Crisis response overdue by 20 m']);
      expect(clocks).toHaveLength(3);
      await expect(element).toBeAccessible();
    });
  });

  describe('loading and errors', () => {
    it('shows a loading state until the server answers', async () => {
      apex.mockReturnValue(new Promise(() => undefined));
      const element = await mount();
      expect($(element, 'loading')).not.toBeNull();
      expect($(element, 'offers')).toBeNull();
      await expect(element).toBeAccessible();
    });

    it('shows the Apex error and recovers with Try again', async () => {
      apex.mockRejectedValueOnce({ body: { message: 'Insufficient access to AgentWork' } });
      const element = await mount();
      expect(text($(element, 'load-error'))).toContain('Insufficient access to AgentWork');
      await expect(element).toBeAccessible();

      apex.mockResolvedValueOnce(clone(offersWaiting));
      $(element, 'retry')!.click();
      await flushPromises();
      expect($(element, 'load-error')).toBeNull();
      expect($$(element, 'offer')).toHaveLength(2);
    });

    it('keeps the last known work when a refresh fails', async () => {
      apex
        .mockResolvedValueOnce(clone(offersWaiting))
        .mockRejectedValueOnce({ body: { message: 'Timed out' } });
      const element = await mount();
      await element.refresh();
      await flushPromises();
      expect(text($(element, 'stale-error'))).toContain('Timed out');
      expect($$(element, 'offer')).toHaveLength(2);
    });

    it('asks the server for the configured Available status', async () => {
      apex.mockResolvedValue(clone(empty));
      await mount({ availableStatusApiName: 'Available_Reviews' });
      expect(apex).toHaveBeenCalledWith({ availableStatusApiName: 'Available_Reviews' });
    });
  });

  describe('presence', () => {
    it('warns an offline person and goes Available through the host in one click', async () => {
      apex.mockResolvedValue(clone(offline));
      const element = await mount();
      const warning = $(element, 'presence-warning');
      expect(text(warning)).toContain('Offline: you are not receiving cases');
      await expect(element).toBeAccessible();

      const requested = jest.fn();
      element.addEventListener('goavailable', requested);
      $(element, 'go-available')!.click();
      await flushPromises();
      expect(requested).toHaveBeenCalledTimes(1);
      expect(requested.mock.calls[0][0].detail).toEqual({
        statusId: '0N55g0000000001AAA',
        statusApiName: 'Available_Case'
      });
      expect(($(element, 'go-available') as HTMLButtonElement & { disabled: boolean }).disabled).toBe(true);

      // The host reports the toolkit's status change.
      element.handleToolkitEvent({
        type: 'statuschanged',
        statusId: '0N55g0000000001AAA',
        statusApiName: 'Available_Case',
        statusName: 'Available - Case'
      });
      await flushPromises();
      expect($(element, 'presence-warning')).toBeNull();
      expect(text($(element, 'presence-ok'))).toContain('Available - Case');
    });

    it('warns when online but not Available', async () => {
      const data = clone(offersWaiting);
      data.presence.statusApiName = 'Busy';
      data.presence.statusName = 'Busy';
      apex.mockResolvedValue(data);
      const element = await mount();
      expect(text($(element, 'presence-warning'))).toContain('Your status is "Busy"');
    });

    it('explains when no Available status is set up instead of asking the host', async () => {
      const data: any = clone(offline);
      data.availableStatusId = null;
      apex.mockResolvedValue(data);
      const element = await mount();
      const requested = jest.fn();
      element.addEventListener('goavailable', requested);
      $(element, 'go-available')!.click();
      await flushPromises();
      expect(requested).not.toHaveBeenCalled();
      expect(text($(element, 'action-error'))).toContain('Ask your admin');
    });

    it('shows the warning again when Omni-Channel logs out', async () => {
      apex.mockResolvedValue(clone(offersWaiting));
      const element = await mount();
      expect($(element, 'presence-warning')).toBeNull();
      element.handleToolkitEvent({ type: 'logout' });
      await flushPromises();
      expect(text($(element, 'presence-warning'))).toContain('Offline');
    });

    it('reports a failed status change', async () => {
      apex.mockResolvedValue(clone(offline));
      const element = await mount();
      const toast = jest.fn();
      element.addEventListener('lightning__showtoast', toast);
      $(element, 'go-available')!.click();
      element.toolkitResult({ action: 'status', ok: false, message: 'Status not allowed for your profile' });
      await flushPromises();
      expect(text($(element, 'action-error'))).toContain('Status not allowed for your profile');
      expect(toast).toHaveBeenCalledTimes(1);
      expect(($(element, 'go-available') as HTMLButtonElement & { disabled: boolean }).disabled).toBe(false);
    });
  });

  describe('offers waiting', () => {
    it('shows case number, client, program, step, badges and waiting time', async () => {
      apex.mockResolvedValue(clone(offersWaiting));
      const element = await mount();
      const offers = $$(element, 'offer');
      expect(offers.map((o) => o.dataset.workId)).toEqual(['0Bz5g0000000001AAA', '0Bz5g0000000002AAA']);
      const first = text(offers[0]);
      expect(first).toContain('00002311');
      expect(first).toContain('Ana Rodrigues');
      expect(first).toContain('RAFT · Case Manager');
      expect(first).toContain('Waiting 1 m');
      const badges = Array.from(offers[1].querySelectorAll('lightning-badge')).map((b) => (b as any).label);
      expect(badges).toEqual(['High']);
      expect($(element, 'overdue-warning')).toBeNull();
      await expect(element).toBeAccessible();
    });

    it('Accept asks the host to accept that work item and waits for the outcome', async () => {
      apex.mockResolvedValue(clone(offersWaiting));
      const element = await mount();
      const requested = jest.fn();
      element.addEventListener('acceptwork', requested);

      const button = $$(element, 'accept')[0] as HTMLElement & { label: string; disabled: boolean };
      button.click();
      await flushPromises();
      expect(requested.mock.calls[0][0].detail).toEqual({
        workId: '0Bz5g0000000001AAA',
        workItemId: '5005g00000Case01AAA'
      });
      const pending = $$(element, 'accept')[0] as HTMLElement & { label: string; disabled: boolean };
      expect(pending.label).toBe('Accepting…');
      expect(pending.disabled).toBe(true);

      // Accepted: the server now lists it under My work.
      const after = clone(offersWaiting);
      after.works[0].status = 'Opened';
      after.works[0].acceptedAt = '2026-03-02T15:00:00.000Z';
      apex.mockResolvedValue(after);
      element.toolkitResult({ action: 'accept', ok: true, workId: '0Bz5g0000000001AAA' });
      await flushPromises();
      expect($$(element, 'offer')).toHaveLength(1);
      expect($$(element, 'work').map((w) => w.dataset.workId)).toContain('0Bz5g0000000001AAA');
    });

    it('a failed accept explains itself and lets the person try again', async () => {
      apex.mockResolvedValue(clone(offersWaiting));
      const element = await mount();
      $$(element, 'accept')[0].click();
      element.toolkitResult({
        action: 'accept',
        ok: false,
        workId: '0Bz5g0000000001AAA',
        message: 'Offer expired'
      });
      await flushPromises();
      expect(text($(element, 'action-error'))).toContain('The case could not be accepted: Offer expired');
      expect(($$(element, 'accept')[0] as HTMLElement & { disabled: boolean }).disabled).toBe(false);
    });

    it('offers past the threshold stand out', async () => {
      apex.mockResolvedValue(clone(overdueOffer));
      const element = await mount();
      const offers = $$(element, 'offer');
      expect(offers[0].className).toContain('omni-row_overdue');
      expect(text(offers[0])).toContain('Waiting 6 m — overdue');
      expect(text(offers[1])).not.toContain('overdue');
      expect(text($(element, 'overdue-warning'))).toContain('1 offer has waited longer than 2 minutes');
      await expect(element).toBeAccessible();
    });

    it('the threshold is configurable', async () => {
      apex.mockResolvedValue(clone(overdueOffer));
      const element = await mount({ overdueThresholdMinutes: 10 });
      expect($(element, 'overdue-warning')).toBeNull();
      expect($$(element, 'overdue-label')).toHaveLength(0);
    });

    it('shows an empty state', async () => {
      apex.mockResolvedValue(clone(empty));
      const element = await mount();
      expect(text($(element, 'no-offers'))).toBe('No offers waiting.');
      expect(text($(element, 'no-work'))).toBe('You have no accepted cases.');
      expect(text($(element, 'capacity-label'))).toBe('0 of 100 (0 accepted, 0 offered)');
      await expect(element).toBeAccessible();
    });
  });

  describe('toolkit events', () => {
    it('a newly assigned offer appears without waiting for the timer', async () => {
      apex.mockResolvedValueOnce(clone(empty)).mockResolvedValueOnce(clone(offersWaiting));
      const element = await mount();
      expect($$(element, 'offer')).toHaveLength(0);
      element.handleToolkitEvent({ type: 'workassigned', workId: '0Bz5g0000000001AAA', workItemId: '500' });
      await flushPromises();
      expect(apex).toHaveBeenCalledTimes(2);
      expect($$(element, 'offer')).toHaveLength(2);
    });

    it('ignores connection errors and empty events', async () => {
      apex.mockResolvedValue(clone(empty));
      const element = await mount();
      element.handleToolkitEvent({ type: 'connectionerror' });
      element.handleToolkitEvent(undefined as unknown as Record<string, unknown>);
      await flushPromises();
      expect(apex).toHaveBeenCalledTimes(1);
    });

    it('refreshes on a modest timer', async () => {
      jest.useFakeTimers({ now: NOW, doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
      apex.mockResolvedValue(clone(empty));
      const element = createElement('c-omni-panel', { is: OmniPanel }) as unknown as Panel;
      Object.assign(element, { refreshIntervalSeconds: 30 });
      document.body.appendChild(element);
      await Promise.resolve();
      expect(apex).toHaveBeenCalledTimes(1);
      jest.advanceTimersByTime(30_000);
      expect(apex).toHaveBeenCalledTimes(2);
      document.body.removeChild(element);
      jest.advanceTimersByTime(60_000);
      expect(apex).toHaveBeenCalledTimes(2);
    });
  });

  describe('my work', () => {
    it('lists accepted cases oldest first with age, step and badges', async () => {
      apex.mockResolvedValue(clone(offersWaiting));
      const element = await mount();
      const rows = $$(element, 'work');
      expect(rows.map((r) => text(r.querySelector('[data-id="open-case"]')))).toEqual([
        '00002150',
        '00002203',
        '00002241'
      ]);
      expect(text(rows[0])).toContain('Open 9 d 3 h');
      expect(text(rows[1])).toContain('ERMA · Reviewer');
      const badges = Array.from(rows[1].querySelectorAll('lightning-badge')).map((b) => (b as any).label);
      expect(badges).toEqual(['Urgent', 'Escalated: Internal Lead']);
    });

    it('can be sorted', async () => {
      apex.mockResolvedValue(clone(offersWaiting));
      const element = await mount();
      const sort = $(element, 'sort')!;
      sort.dispatchEvent(new CustomEvent('change', { detail: { value: 'newest' } }));
      await flushPromises();
      expect($$(element, 'open-case').map(text)).toEqual(['00002241', '00002203', '00002150']);
      sort.dispatchEvent(new CustomEvent('change', { detail: { value: 'priority' } }));
      await flushPromises();
      expect($$(element, 'open-case').map(text)).toEqual(['00002203', '00002241', '00002150']);
    });

    it('opens the case in the console', async () => {
      apex.mockResolvedValue(clone(offersWaiting));
      const element = await mount();
      const link = $$(element, 'open-case')[0] as HTMLAnchorElement;
      expect(link.getAttribute('href')).toBe('/lightning/r/Case/5005g00000Case11AAA/view');
      link.click();
      expect(getNavigateCalls()).toEqual([
        {
          pageReference: {
            type: 'standard__recordPage',
            attributes: { recordId: '5005g00000Case11AAA', objectApiName: 'Case', actionName: 'view' }
          },
          replace: false
        }
      ]);
    });
  });

  describe('capacity', () => {
    it('counts accepted plus offered against the configured capacity', async () => {
      apex.mockResolvedValue(clone(offersWaiting));
      const element = await mount();
      expect(text($(element, 'capacity-label'))).toBe('5 of 100 (3 accepted, 2 offered)');
      expect(text($(element, 'capacity-message'))).toBe('Room for 95 more cases.');
    });

    it('when full, says that new cases go to Awaiting Assignment', async () => {
      apex.mockResolvedValue(clone(fullCapacity));
      const element = await mount();
      const message = $(element, 'capacity-message')!;
      expect(text(message)).toContain('New cases go to Awaiting Assignment');
      expect(message.className).toContain('slds-alert_error');
      await expect(element).toBeAccessible();
    });

    it('uses the component capacity when presence does not configure one', async () => {
      const data: any = clone(empty);
      data.presence.configuredCapacity = null;
      apex.mockResolvedValue(data);
      const element = await mount({ capacity: 25 });
      expect(text($(element, 'capacity-label'))).toBe('0 of 25 (0 accepted, 0 offered)');
    });
  });

  describe('supervisor view', () => {
    it('is hidden from staff', async () => {
      apex.mockResolvedValue(clone(offersWaiting));
      const element = await mount();
      expect($(element, 'team')).toBeNull();
      expect($(element, 'awaiting')).toBeNull();
    });

    it('shows team load, Awaiting Assignment and people offline with offers', async () => {
      apex.mockResolvedValue(clone(supervisor));
      const element = await mount();
      const members = $$(element, 'team-member').map(text);
      expect(members[0]).toContain('Luis Ortega');
      expect(members[0]).toContain('Offline');
      expect(members[0]).toContain('63 accepted · 2 offered · load 65 / 100');
      expect(members[0]).toContain('Oldest unaccepted offer: 14 m');
      expect($$(element, 'member-name').map(text)).toEqual([
        'Luis Ortega',
        'Tom Becker',
        'Priya Nair',
        'Dana Okafor'
      ]);
      expect(text($(element, 'awaiting-size'))).toBe('12 cases waiting');
      expect(text($(element, 'awaiting-oldest'))).toBe('Oldest: 00001987, waiting 4 d 6 h');
      expect($$(element, 'offline-holder').map(text)).toEqual(['Luis Ortega: 2 offer(s), oldest 14 m']);
      await expect(element).toBeAccessible();
    });
  });
});
