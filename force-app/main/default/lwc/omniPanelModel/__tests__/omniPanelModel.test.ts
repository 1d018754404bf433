import {
  AWAITING_ASSIGNMENT_TEXT,
  DEFAULT_CAPACITY,
  DEFAULT_OVERDUE_MINUTES,
  applyToolkitEvent,
  awaitingView,
  badgesFor,
  buildMyWork,
  buildOffers,
  buildTeam,
  capacityView,
  crisisClock,
  errorMessage,
  formatAge,
  normalizePanelData,
  offlineHolders,
  presenceView
} from '../omniPanelModel';
import type { PanelPresence, PanelWork, TeamMember } from '../omniPanelModel';
import offersWaiting from '../../omniPanel/__tests__/data/offersWaiting.json';
import supervisor from '../../omniPanel/__tests__/data/supervisor.json';

const NOW = Date.parse('2026-03-02T15:00:00.000Z');
const minutesAgo = (m: number) => new Date(NOW - m * 60_000).toISOString();

function work(overrides: Partial<PanelWork>): PanelWork {
  return {
    workId: 'w',
    workItemId: 'c',
    status: 'Opened',
    caseNumber: '00000001',
    clientName: 'Client',
    program: 'RAFT',
    step: 'Chaser',
    priority: 'Medium',
    escalated: false,
    escalationTier: null,
    emergencyLevel: null,
    crisisResponseDue: null,
    assignedAt: null,
    acceptedAt: null,
    caseCreatedAt: null,
    capacityWeight: 1,
    ...overrides
  };
}

const available: PanelPresence = {
  online: true,
  statusId: '0N5',
  statusApiName: 'Available_Case',
  statusName: 'Available - Case',
  configuredCapacity: 100
};

describe('EAP crisis clock', () => {
  const dueIn = (m: number) => new Date(NOW + m * 60_000).toISOString();

  it('shows the time left until the response is due', () => {
    expect(crisisClock(work({ crisisResponseDue: dueIn(300) }), NOW)).toMatchObject({
      hasCrisisClock: true,
      crisisLabel: 'Crisis response due in 5 h',
      crisisDueSoon: false
    });
  });

  it('flags under two hours left, not exactly two', () => {
    expect(crisisClock(work({ crisisResponseDue: dueIn(120) }), NOW).crisisDueSoon).toBe(false);
    expect(crisisClock(work({ crisisResponseDue: dueIn(119) }), NOW)).toMatchObject({
      crisisLabel: 'Crisis response due in 1 h 59 m',
      crisisDueSoon: true
    });
  });

  it('says how long a response is overdue, flagged', () => {
    expect(crisisClock(work({ crisisResponseDue: dueIn(-20) }), NOW)).toMatchObject({
      crisisLabel: 'Crisis response overdue by 20 m',
      crisisDueSoon: true
    });
  });

  it('does not badge a level 3 crisis request (not at risk) as an emergency', () => {
    expect(badgesFor(work({ emergencyLevel: 'Not At Risk' })).map((b) => b.key)).toEqual([]);
    expect(badgesFor(work({ emergencyLevel: 'Not Life-Threatening' })).map((b) => b.key)).toEqual([
      'emergency'
    ]);
  });

  it('shows nothing for cases not on the clock, and reads the due time from the server', () => {
    expect(crisisClock(work({}), NOW).hasCrisisClock).toBe(false);
    const data = normalizePanelData({
      works: [{ workId: 'w1', status: 'Opened', crisisResponseDue: '2026-03-02T16:00:00.000Z' }]
    });
    expect(data.works[0].crisisResponseDue).toBe('2026-03-02T16:00:00.000Z');
  });
});

describe('ages', () => {
  it('reads like the Omni utility: seconds, minutes, hours, days', () => {
    expect(formatAge(45_000)).toBe('45 s');
    expect(formatAge(3 * 60_000 + 5_000)).toBe('3 m');
    expect(formatAge(125 * 60_000)).toBe('2 h 5 m');
    expect(formatAge((34 * 60 + 1) * 60_000)).toBe('1 d 10 h');
    expect(formatAge(2 * 24 * 3_600_000)).toBe('2 d');
  });
});

describe('presence', () => {
  it('warns when offline', () => {
    const view = presenceView(null, 'Available_Case');
    expect(view.kind).toBe('offline');
    expect(view.warning).toBe(true);
  });

  it('warns when online in a status that does not receive cases', () => {
    const view = presenceView({ ...available, statusApiName: 'Busy', statusName: 'Busy' }, 'Available_Case');
    expect(view.kind).toBe('away');
    expect(view.warning).toBe(true);
    expect(view.message).toContain('Busy');
  });

  it('does not warn when Available', () => {
    expect(presenceView(available, 'Available_Case')).toMatchObject({ kind: 'available', warning: false });
  });

  it('honours a different configured Available status', () => {
    expect(presenceView(available, 'Available_Reviews').warning).toBe(true);
  });
});

describe('toolkit events', () => {
  it('a status change replaces presence and keeps the configured capacity', () => {
    const outcome = applyToolkitEvent(
      { ...available, online: false },
      { type: 'statuschanged', statusId: '0N6', statusApiName: 'Busy', statusName: 'Busy' }
    );
    expect(outcome.presence).toEqual({
      online: true,
      statusId: '0N6',
      statusApiName: 'Busy',
      statusName: 'Busy',
      configuredCapacity: 100
    });
    expect(outcome.refresh).toBe(true);
  });

  it('logout makes the person offline', () => {
    expect(applyToolkitEvent(available, { type: 'logout' }).presence?.online).toBe(false);
  });

  it('work events keep presence and ask for a reload', () => {
    for (const type of [
      'workassigned',
      'workaccepted',
      'workdeclined',
      'workclosed',
      'workloadchanged'
    ] as const) {
      const outcome = applyToolkitEvent(available, { type, workId: 'w1' });
      expect(outcome.presence).toBe(available);
      expect(outcome.refresh).toBe(true);
    }
  });
});

describe('offers', () => {
  const offers = [
    work({ workId: 'new', status: 'Assigned', caseNumber: '3', assignedAt: minutesAgo(0.5) }),
    work({ workId: 'old', status: 'Assigned', caseNumber: '1', assignedAt: minutesAgo(5) }),
    work({
      workId: 'edge',
      status: 'Assigned',
      caseNumber: '2',
      assignedAt: minutesAgo(DEFAULT_OVERDUE_MINUTES)
    }),
    work({ workId: 'accepted', status: 'Opened' })
  ];

  it('lists only offers, longest waiting first', () => {
    expect(buildOffers(offers, NOW, 2).map((o) => o.workId)).toEqual(['old', 'edge', 'new']);
  });

  it('marks offers at or past the threshold as overdue', () => {
    const byId = Object.fromEntries(buildOffers(offers, NOW, 2).map((o) => [o.workId, o.overdue]));
    expect(byId).toEqual({ old: true, edge: true, new: false });
  });

  it('a longer threshold stops flagging the same offers', () => {
    expect(buildOffers(offers, NOW, 10).some((o) => o.overdue)).toBe(false);
  });

  it('a missing or invalid threshold falls back to the default', () => {
    expect(buildOffers(offers, NOW, 0).filter((o) => o.overdue)).toHaveLength(2);
  });

  it('shows the waiting time', () => {
    expect(buildOffers(offers, NOW, 2)[0].ageLabel).toBe('5 m');
  });
});

describe('badges', () => {
  it('shows priority, escalation tier and emergency level', () => {
    const labels = badgesFor(
      work({
        priority: 'Urgent',
        escalated: true,
        escalationTier: 'Policy',
        emergencyLevel: 'Life-Threatening'
      })
    ).map((b) => b.label);
    expect(labels).toEqual(['Urgent', 'Escalated: Policy', 'Life-threatening']);
  });

  it('shows nothing for an ordinary case', () => {
    expect(badgesFor(work({}))).toEqual([]);
  });
});

describe('my work', () => {
  const works = [
    work({ workId: 'a', caseNumber: 'A', caseCreatedAt: minutesAgo(60), step: 'Reviewer', priority: 'Low' }),
    work({
      workId: 'b',
      caseNumber: 'B',
      caseCreatedAt: minutesAgo(600),
      step: 'Chaser',
      priority: 'Medium'
    }),
    work({
      workId: 'c',
      caseNumber: 'C',
      caseCreatedAt: minutesAgo(5),
      step: 'Case Manager',
      priority: 'Urgent'
    }),
    work({ workId: 'd', caseNumber: 'D', caseCreatedAt: minutesAgo(30), priority: 'Low', escalated: true }),
    work({ workId: 'offer', status: 'Assigned', caseCreatedAt: minutesAgo(9999) })
  ];

  it('is oldest first by default and leaves offers out', () => {
    expect(buildMyWork(works, NOW).map((w) => w.workId)).toEqual(['b', 'a', 'd', 'c']);
  });

  it('sorts newest first', () => {
    expect(buildMyWork(works, NOW, 'newest').map((w) => w.workId)).toEqual(['c', 'd', 'a', 'b']);
  });

  it('sorts by priority, treating escalated cases like Urgent', () => {
    expect(buildMyWork(works, NOW, 'priority').map((w) => w.workId)).toEqual(['d', 'c', 'b', 'a']);
  });

  it('sorts by chevron step', () => {
    expect(buildMyWork(works, NOW, 'step').map((w) => w.workId)).toEqual(['b', 'd', 'c', 'a']);
  });

  it('falls back to the accept time when the case date is missing', () => {
    const rows = buildMyWork([work({ acceptedAt: minutesAgo(90), caseCreatedAt: null })], NOW);
    expect(rows[0].ageLabel).toBe('1 h 30 m');
  });
});

describe('capacity', () => {
  it('counts accepted plus offered against the configured capacity', () => {
    const view = capacityView(
      [
        work({ status: 'Opened' }),
        work({ status: 'Assigned' }),
        work({ status: 'Opened', capacityWeight: 2 })
      ],
      10
    );
    expect(view).toMatchObject({ accepted: 2, offered: 1, used: 4, capacity: 10, percent: 40, full: false });
  });

  it('uses 100 when nothing is configured', () => {
    expect(capacityView([], null).capacity).toBe(DEFAULT_CAPACITY);
  });

  it('when full, says new cases go to Awaiting Assignment', () => {
    const view = capacityView([work({}), work({ status: 'Assigned' })], 2);
    expect(view.full).toBe(true);
    expect(view.message).toContain(AWAITING_ASSIGNMENT_TEXT);
  });

  it('warns when nearly full', () => {
    const works = Array.from({ length: 9 }, (_, i) => work({ workId: String(i) }));
    const view = capacityView(works, 10);
    expect(view.nearFull).toBe(true);
    expect(view.full).toBe(false);
    expect(view.message).toContain('1 more case.');
  });
});

describe('team', () => {
  const member = (overrides: Partial<TeamMember>): TeamMember => ({
    userId: 'u',
    name: 'Someone',
    online: true,
    statusApiName: 'Available_Case',
    statusName: 'Available - Case',
    accepted: 0,
    offered: 0,
    capacityUsed: 0,
    configuredCapacity: 100,
    oldestOfferAt: null,
    ...overrides
  });

  const team = [
    member({ userId: 'light', name: 'Light', capacityUsed: 10 }),
    member({ userId: 'heavy', name: 'Heavy', capacityUsed: 90 }),
    member({
      userId: 'gone',
      name: 'Gone',
      online: false,
      offered: 2,
      capacityUsed: 5,
      oldestOfferAt: minutesAgo(20)
    }),
    member({ userId: 'slow', name: 'Slow', offered: 1, capacityUsed: 1, oldestOfferAt: minutesAgo(4) })
  ];

  it('puts offline people holding offers first, then overdue offers, then the heaviest load', () => {
    expect(buildTeam(team, NOW, 2).map((r) => r.userId)).toEqual(['gone', 'slow', 'heavy', 'light']);
  });

  it('lists the people offline while holding offers', () => {
    expect(offlineHolders(buildTeam(team, NOW, 2)).map((r) => r.name)).toEqual(['Gone']);
  });

  it('shows load, presence and the oldest unaccepted offer', () => {
    const gone = buildTeam(team, NOW, 2)[0];
    expect(gone).toMatchObject({ presenceLabel: 'Offline', loadLabel: '5 / 100', oldestOfferLabel: '20 m' });
  });
});

describe('Awaiting Assignment', () => {
  it('shows the size and the oldest case', () => {
    const view = awaitingView(
      {
        found: true,
        size: 3,
        oldestCaseId: '500',
        oldestCaseNumber: '0001',
        oldestCreatedAt: minutesAgo(120)
      },
      NOW
    );
    expect(view).toMatchObject({
      sizeLabel: '3 cases waiting',
      oldestCaseNumber: '0001',
      oldestAgeLabel: '2 h'
    });
  });

  it('says so when the queue does not exist', () => {
    expect(
      awaitingView(
        { found: false, size: 0, oldestCaseId: null, oldestCaseNumber: null, oldestCreatedAt: null },
        NOW
      ).found
    ).toBe(false);
  });
});

describe('normalizePanelData', () => {
  it('keeps the fixtures intact', () => {
    const data = normalizePanelData(supervisor);
    expect(data.supervisor).toBe(true);
    expect(data.team).toHaveLength(4);
    expect(data.works).toHaveLength(offersWaiting.works.length);
  });

  it('drops unusable rows and fills gaps', () => {
    const data = normalizePanelData({
      works: [{ workId: 'x', status: 'Closed' }, { status: 'Opened' }, { workId: 'y', status: 'Opened' }]
    });
    expect(data.works.map((w) => w.workId)).toEqual(['y']);
    expect(data.presence.online).toBe(false);
    expect(data.supervisor).toBe(false);
  });

  it('survives nothing at all', () => {
    expect(normalizePanelData(undefined).works).toEqual([]);
  });
});

describe('errorMessage', () => {
  it('reads Apex error bodies', () => {
    expect(errorMessage({ body: { message: 'Insufficient access' } })).toBe('Insufficient access');
    expect(errorMessage({ body: { pageErrors: [{ message: 'A' }, { message: 'B' }] } })).toBe('A B');
    expect(errorMessage([{ body: { message: 'one' } }, { body: { message: 'two' } }])).toBe('one two');
    expect(errorMessage(new Error('network'))).toBe('network');
  });

  it('falls back to a sentence a person can act on', () => {
    expect(errorMessage(null)).toMatch(/Try again/);
  });
});
