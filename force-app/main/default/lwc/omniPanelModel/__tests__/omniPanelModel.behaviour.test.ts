/**
 * What staff and supervisors see in the Omni panel, rule by rule: how long an offer has waited, which
 * offers stand out, how a case row reads, the order of My work, how full a caseload is, the team's
 * load, and what the panel makes of incomplete server data and errors.
 *
 * Ground truth: the E2E Omni-Channel deck (seeds) — staff must be "Available - Case" to receive
 * offers, must accept punctually, receive new cases only below 100 accepted and offered cases, and
 * are advised to work their caseload oldest first; DESIGN.md — Urgent, escalated and life-threatening
 * cases go first.
 */
import {
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
  isMyWorkSort,
  normalizePanelData,
  presenceView
} from '../omniPanelModel';
import type { PanelPresence, PanelWork, TeamMember } from '../omniPanelModel';

const NOW = Date.parse('2026-03-02T15:00:00.000Z');
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const minutesAgo = (m: number) => new Date(NOW - m * MINUTE).toISOString();
const minutesAhead = (m: number) => new Date(NOW + m * MINUTE).toISOString();
const UNKNOWN_ERROR = 'Something went wrong. Try again, or tell your supervisor if it keeps happening.';

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

function opened(count: number): PanelWork[] {
  return Array.from({ length: count }, (_, i) => work({ workId: `w${i}` }));
}

function member(overrides: Partial<TeamMember>): TeamMember {
  return {
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
  };
}

const ids = (rows: readonly { workId: string }[]) => rows.map((r) => r.workId);

describe('how long something has waited', () => {
  it('moves to the next unit at exactly one minute, one hour and one day', () => {
    expect(formatAge(MINUTE - 1)).toBe('59 s');
    expect(formatAge(MINUTE)).toBe('1 m');
    expect(formatAge(HOUR)).toBe('1 h');
    expect(formatAge(DAY - MINUTE)).toBe('23 h 59 m');
    expect(formatAge(DAY)).toBe('1 d');
  });

  it('shows an offer whose assignment time cannot be read as just offered, not overdue', () => {
    const [offer] = buildOffers([work({ status: 'Assigned', assignedAt: 'not a date' })], NOW, 2);
    expect(offer).toMatchObject({ ageMs: 0, ageLabel: '0 s', overdue: false });
  });

  it('falls back to the 2-minute overdue threshold when the configured one is not a finite positive number', () => {
    const offers = [work({ status: 'Assigned', assignedAt: minutesAgo(3) })];
    expect(buildOffers(offers, NOW, Infinity)[0].overdue).toBe(true);
    expect(buildOffers(offers, NOW, -5)[0].overdue).toBe(true);
    expect(buildOffers(offers, NOW, 5)[0].overdue).toBe(false);
  });
});

describe('offers waiting (deck: accept assigned cases punctually)', () => {
  it('lists the longest waiting first whatever the case numbers, and same-age offers by case number', () => {
    const offers = [
      work({ workId: 'fresh', status: 'Assigned', caseNumber: '00000001', assignedAt: minutesAgo(1) }),
      work({ workId: 'long', status: 'Assigned', caseNumber: '00000009', assignedAt: minutesAgo(4) }),
      work({ workId: 'twin-b', status: 'Assigned', caseNumber: '00000006', assignedAt: minutesAgo(2) }),
      work({ workId: 'twin-a', status: 'Assigned', caseNumber: '00000005', assignedAt: minutesAgo(2) })
    ];
    expect(ids(buildOffers(offers, NOW, 2))).toEqual(['long', 'twin-a', 'twin-b', 'fresh']);
  });

  it('highlights the row of an overdue offer and only that one', () => {
    const rows = buildOffers(
      [
        work({ workId: 'late', status: 'Assigned', assignedAt: minutesAgo(3) }),
        work({ workId: 'fresh', status: 'Assigned', assignedAt: minutesAgo(1) })
      ],
      NOW,
      2
    );
    expect(rows.map((r) => [r.workId, r.rowClass])).toEqual([
      ['late', 'omni-row omni-row_overdue'],
      ['fresh', 'omni-row']
    ]);
  });
});

describe('how a case row reads', () => {
  it('shows case number, client, program and step as given', () => {
    const [row] = buildMyWork(
      [work({ caseNumber: '00012345', clientName: 'Ana Ruiz', program: 'ERMA', step: 'Reviewer' })],
      NOW
    );
    expect(row).toMatchObject({
      caseNumber: '00012345',
      clientName: 'Ana Ruiz',
      program: 'ERMA',
      step: 'Reviewer'
    });
  });

  it('shows placeholders where the case number, client, program or step is missing', () => {
    const [row] = buildMyWork([work({ caseNumber: null, clientName: null, program: null, step: null })], NOW);
    expect(row).toMatchObject({ caseNumber: 'Case', clientName: 'Unknown client', program: '—', step: '—' });
  });

  it('reads out everything shown on the row to a screen reader, skipping what is missing', () => {
    const [full] = buildOffers(
      [
        work({
          status: 'Assigned',
          caseNumber: '00012345',
          clientName: 'Ana Ruiz',
          program: 'EAP',
          step: 'Case Manager',
          priority: 'Urgent',
          emergencyLevel: 'Life-Threatening',
          crisisResponseDue: minutesAhead(90),
          assignedAt: minutesAgo(1)
        })
      ],
      NOW,
      2
    );
    expect(full.ariaLabel).toBe(
      'Case 00012345, Ana Ruiz, EAP, Case Manager, Urgent, Life-threatening, Crisis response due in 1 h 30 m'
    );
    const [bare] = buildMyWork([work({ clientName: null, program: null, step: null })], NOW);
    expect(bare.ariaLabel).toBe('Case 00000001');
  });

  it('shows the badge strip only when the case has a badge', () => {
    const rows = buildMyWork(
      [work({ workId: 'urgent', priority: 'Urgent' }), work({ workId: 'ordinary', priority: 'Medium' })],
      NOW
    );
    expect(rows.map((r) => [r.workId, r.hasBadges])).toEqual(
      expect.arrayContaining([
        ['urgent', true],
        ['ordinary', false]
      ])
    );
  });
});

describe('badges: red for Urgent, escalated and life-threatening, amber for High and other emergencies', () => {
  it('marks Urgent priority, escalation and a life-threatening emergency in red', () => {
    expect(
      badgesFor(work({ priority: 'Urgent', escalated: true, emergencyLevel: 'Life-Threatening' }))
    ).toEqual([
      { key: 'priority', label: 'Urgent', className: 'slds-theme_error' },
      { key: 'escalated', label: 'Escalated', className: 'slds-theme_error' },
      { key: 'emergency', label: 'Life-threatening', className: 'slds-theme_error' }
    ]);
  });

  it('marks High priority and an emergency that is not life-threatening in amber', () => {
    expect(badgesFor(work({ priority: 'High', emergencyLevel: 'Not Life-Threatening' }))).toEqual([
      { key: 'priority', label: 'High', className: 'slds-theme_warning' },
      { key: 'emergency', label: 'Emergency', className: 'slds-theme_warning' }
    ]);
  });
});

describe('EAP crisis clock on a row', () => {
  it('a case not on the crisis clock shows no clock and is not flagged as due soon', () => {
    expect(crisisClock(work({ crisisResponseDue: null }), NOW)).toEqual({
      hasCrisisClock: false,
      crisisLabel: '',
      crisisDueSoon: false,
      crisisClass: ''
    });
  });

  it('a response due this very moment is not yet called overdue', () => {
    expect(crisisClock(work({ crisisResponseDue: minutesAhead(0) }), NOW).crisisLabel).toBe(
      'Crisis response due in 0 s'
    );
  });

  it('highlights the crisis line only when under two hours are left', () => {
    expect(crisisClock(work({ crisisResponseDue: minutesAhead(60) }), NOW).crisisClass).toBe(
      'slds-text-body_small omni-crisis omni-crisis_soon'
    );
    expect(crisisClock(work({ crisisResponseDue: minutesAhead(300) }), NOW).crisisClass).toBe(
      'slds-text-body_small omni-crisis'
    );
  });
});

describe('My work (deck: organise your caseload from oldest to newest)', () => {
  it('never flags or highlights an accepted case as overdue, however old', () => {
    const [row] = buildMyWork([work({ caseCreatedAt: minutesAgo(3 * 24 * 60) })], NOW);
    expect(row).toMatchObject({ ageLabel: '3 d', overdue: false, rowClass: 'omni-row' });
  });

  it('priority order: Urgent, escalated and life-threatening first, then High, Medium, Low, then no recognised priority; oldest first within each', () => {
    const works = [
      work({
        workId: 'none',
        caseNumber: 'A',
        priority: null,
        step: 'Draft',
        caseCreatedAt: minutesAgo(900)
      }),
      work({
        workId: 'odd',
        caseNumber: 'B',
        priority: 'Normal',
        step: 'Draft',
        caseCreatedAt: minutesAgo(800)
      }),
      work({
        workId: 'low',
        caseNumber: 'C',
        priority: 'Low',
        step: 'Draft',
        caseCreatedAt: minutesAgo(700)
      }),
      work({
        workId: 'medium',
        caseNumber: 'D',
        priority: 'Medium',
        step: 'Draft',
        caseCreatedAt: minutesAgo(600)
      }),
      work({
        workId: 'high',
        caseNumber: 'E',
        priority: 'High',
        step: 'Draft',
        caseCreatedAt: minutesAgo(500)
      }),
      work({
        workId: 'life',
        caseNumber: 'F',
        priority: 'Low',
        emergencyLevel: 'Life-Threatening',
        step: 'Denied',
        caseCreatedAt: minutesAgo(100)
      }),
      work({
        workId: 'urgent',
        caseNumber: 'G',
        priority: 'Urgent',
        step: 'Denied',
        caseCreatedAt: minutesAgo(50)
      })
    ];
    expect(ids(buildMyWork(works, NOW, 'priority'))).toEqual([
      'life',
      'urgent',
      'high',
      'medium',
      'low',
      'none',
      'odd'
    ]);
  });

  it('step order follows the chevron; cases with no step or an unknown step come last, oldest first', () => {
    const works = [
      work({ workId: 'none', caseNumber: 'A', step: null, caseCreatedAt: minutesAgo(900) }),
      work({ workId: 'odd', caseNumber: 'B', step: 'Intake', caseCreatedAt: minutesAgo(800) }),
      work({ workId: 'denied', caseNumber: 'C', step: 'Denied', caseCreatedAt: minutesAgo(10) }),
      work({ workId: 'draft', caseNumber: 'D', step: 'Draft', caseCreatedAt: minutesAgo(5) })
    ];
    expect(ids(buildMyWork(works, NOW, 'step'))).toEqual(['draft', 'denied', 'none', 'odd']);
  });

  it('accepts only the four sort choices the panel offers', () => {
    for (const value of ['oldest', 'newest', 'priority', 'step']) expect(isMyWorkSort(value)).toBe(true);
    for (const value of ['age', '', null, undefined, 3]) expect(isMyWorkSort(value)).toBe(false);
  });
});

describe('capacity (deck: new cases only below 100 accepted and offered)', () => {
  it('counts a case without a positive capacity weight as one case', () => {
    const view = capacityView(
      [work({ capacityWeight: null }), work({ capacityWeight: 0 }), work({ capacityWeight: -2 })],
      10
    );
    expect(view.used).toBe(3);
  });

  it('is full at exactly 100 of 100 and says new cases go to Awaiting Assignment', () => {
    const view = capacityView(opened(100), null);
    expect(view).toMatchObject({ used: 100, capacity: 100, full: true, nearFull: false });
    expect(view.message).toBe(
      'Your caseload is full. New cases go to Awaiting Assignment until you finish some of your work.'
    );
  });

  it('warns "nearly full" from 90% of capacity, not below', () => {
    expect(capacityView(opened(89), 100)).toMatchObject({
      nearFull: false,
      message: 'Room for 11 more cases.'
    });
    expect(capacityView(opened(90), 100)).toMatchObject({
      nearFull: true,
      message: 'Nearly full: room for 10 more cases.'
    });
    expect(capacityView(opened(8), 10)).toMatchObject({ nearFull: false, message: 'Room for 2 more cases.' });
    expect(capacityView(opened(9), 10)).toMatchObject({
      nearFull: true,
      message: 'Nearly full: room for 1 more case.'
    });
  });

  it('says "room for 1 more case" in the singular also when a small caseload is not nearly full', () => {
    expect(capacityView(opened(4), 5)).toMatchObject({ nearFull: false, message: 'Room for 1 more case.' });
  });

  it('uses the panel’s configured capacity when the presence has none, and 100 when neither is a finite positive number', () => {
    expect(capacityView([], null, 50).capacity).toBe(50);
    expect(capacityView([], Infinity).capacity).toBe(100);
    expect(capacityView([], null, Infinity).capacity).toBe(100);
  });
});

describe('presence (deck: select "Available - Case" to receive cases)', () => {
  it('names the status as staff see it, then by its API name, then just "Online"', () => {
    expect(presenceView(available(), 'Available_Case').label).toBe('Available - Case');
    expect(presenceView(available({ statusName: null }), 'Available_Case').label).toBe('Available_Case');
    expect(
      presenceView(available({ statusName: null, statusApiName: null }), 'Available_Case')
    ).toMatchObject({
      kind: 'away',
      label: 'Online',
      message: 'Your status is "Online", so no new cases are offered to you.'
    });
  });

  function available(overrides: Partial<PanelPresence> = {}): PanelPresence {
    return {
      online: true,
      statusId: '0N5',
      statusApiName: 'Available_Case',
      statusName: 'Available - Case',
      configuredCapacity: 100,
      ...overrides
    };
  }

  it('logging in sets the new status and reloads the work lists', () => {
    const offline: PanelPresence = {
      online: false,
      statusId: null,
      statusApiName: null,
      statusName: null,
      configuredCapacity: 40
    };
    expect(
      applyToolkitEvent(offline, {
        type: 'loginsuccess',
        statusId: '0N5',
        statusApiName: 'Available_Case',
        statusName: 'Available - Case'
      })
    ).toEqual({ presence: available({ configuredCapacity: 40 }), refresh: true });
  });

  it('logging out clears the status, keeps the capacity and reloads the work lists', () => {
    expect(applyToolkitEvent(available(), { type: 'logout' })).toEqual({
      presence: {
        online: false,
        statusId: null,
        statusApiName: null,
        statusName: null,
        configuredCapacity: 100
      },
      refresh: true
    });
  });

  it('a connection error keeps what the panel shows and does not reload', () => {
    const current = available();
    const outcome = applyToolkitEvent(current, { type: 'connectionerror' });
    expect(outcome.presence).toBe(current);
    expect(outcome.refresh).toBe(false);
  });
});

describe('team load for supervisors', () => {
  it('an offer younger than the threshold is not overdue; someone without offers shows a dash', () => {
    const rows = buildTeam(
      [
        member({ userId: 'fresh', offered: 1, capacityUsed: 1, oldestOfferAt: minutesAgo(1) }),
        member({ userId: 'idle' })
      ],
      NOW,
      2
    );
    const byId = Object.fromEntries(rows.map((r) => [r.userId, r]));
    expect(byId.fresh).toMatchObject({
      oldestOfferOverdue: false,
      oldestOfferLabel: '1 m',
      rowClass: 'omni-row'
    });
    expect(byId.idle).toMatchObject({
      oldestOfferOverdue: false,
      oldestOfferLabel: '—',
      rowClass: 'omni-row'
    });
  });

  it('highlights people offline while holding offers, or with an overdue offer; offline with nothing offered is fine', () => {
    const rows = buildTeam(
      [
        member({ userId: 'gone', online: false, offered: 2, capacityUsed: 2, oldestOfferAt: minutesAgo(1) }),
        member({ userId: 'home', online: false, offered: 0, capacityUsed: 30 })
      ],
      NOW,
      10
    );
    const byId = Object.fromEntries(rows.map((r) => [r.userId, r]));
    expect(byId.gone).toMatchObject({ offlineWithOffers: true, rowClass: 'omni-row omni-row_overdue' });
    expect(byId.home).toMatchObject({ offlineWithOffers: false, rowClass: 'omni-row' });
    const overdue = buildTeam([member({ userId: 'slow', offered: 1, oldestOfferAt: minutesAgo(5) })], NOW, 2);
    expect(overdue[0]).toMatchObject({ oldestOfferOverdue: true, rowClass: 'omni-row omni-row_overdue' });
  });

  it('a member is full at exactly their capacity (deck: offers only below 100), using the panel capacity when none is configured', () => {
    const rows = buildTeam(
      [
        member({ userId: 'at', capacityUsed: 100 }),
        member({ userId: 'below', capacityUsed: 99 }),
        member({ userId: 'small', capacityUsed: 20, configuredCapacity: null })
      ],
      NOW,
      2,
      20
    );
    const byId = Object.fromEntries(rows.map((r) => [r.userId, r]));
    expect(byId.at.full).toBe(true);
    expect(byId.below.full).toBe(false);
    expect(byId.small).toMatchObject({ capacity: 20, full: true, loadLabel: '20 / 20' });
  });

  it('shows an online member by status name, else API name, else "Online"; offline members as Offline', () => {
    const rows = buildTeam(
      [
        member({ userId: 'named', name: 'A' }),
        member({ userId: 'api', name: 'B', statusName: null, statusApiName: 'Busy' }),
        member({ userId: 'bare', name: 'C', statusName: null, statusApiName: null }),
        member({ userId: 'off', name: 'D', online: false })
      ],
      NOW,
      2
    );
    expect(Object.fromEntries(rows.map((r) => [r.userId, r.presenceLabel]))).toEqual({
      named: 'Available - Case',
      api: 'Busy',
      bare: 'Online',
      off: 'Offline'
    });
  });

  it('ranks load by share of each person’s capacity, not by the raw count', () => {
    const rows = buildTeam(
      [
        member({ userId: 'small-team', name: 'A', capacityUsed: 45, configuredCapacity: 50 }),
        member({ userId: 'big-team', name: 'B', capacityUsed: 60, configuredCapacity: 100 })
      ],
      NOW,
      2
    );
    expect(rows.map((r) => r.userId)).toEqual(['small-team', 'big-team']);
  });
});

describe('Awaiting Assignment queue', () => {
  it('says "No cases are waiting." and "1 case waiting" in words', () => {
    const queue = { found: true, oldestCaseId: null, oldestCaseNumber: null, oldestCreatedAt: null };
    expect(awaitingView({ ...queue, size: 0 }, NOW)).toMatchObject({
      found: true,
      sizeLabel: 'No cases are waiting.',
      oldestAgeLabel: ''
    });
    expect(awaitingView({ ...queue, size: 1 }, NOW)).toMatchObject({
      found: true,
      sizeLabel: '1 case waiting'
    });
  });

  it('when the queue does not exist, says so and shows no oldest case', () => {
    const notFound = {
      found: false,
      size: 0,
      sizeLabel: 'The Awaiting Assignment queue was not found.',
      oldestCaseId: null,
      oldestCaseNumber: null,
      oldestAgeLabel: ''
    };
    expect(awaitingView(null, NOW)).toEqual(notFound);
    expect(
      awaitingView(
        { found: false, size: 4, oldestCaseId: '500', oldestCaseNumber: '9', oldestCreatedAt: minutesAgo(9) },
        NOW
      )
    ).toEqual(notFound);
  });
});

describe('reading the server data', () => {
  it('keeps every field of a complete presence, work, team member and queue', () => {
    const raw = {
      userId: '005A',
      presence: {
        online: true,
        statusId: '0N5',
        statusApiName: 'Available_Case',
        statusName: 'Available - Case',
        configuredCapacity: 40
      },
      availableStatusId: '0N5',
      supervisor: true,
      works: [
        {
          workId: '0Bz1',
          workItemId: '5001',
          status: 'Assigned',
          caseNumber: '00012345',
          clientName: 'Ana Ruiz',
          program: 'EAP',
          step: 'Case Manager',
          priority: 'Urgent',
          escalated: true,
          escalationTier: 'Policy',
          emergencyLevel: 'Life-Threatening',
          crisisResponseDue: '2026-03-03T09:00:00.000Z',
          assignedAt: '2026-03-02T14:58:00.000Z',
          acceptedAt: null,
          caseCreatedAt: '2026-03-01T10:00:00.000Z',
          capacityWeight: 2
        }
      ],
      team: [
        {
          userId: '005B',
          name: 'Bo Chen',
          online: true,
          statusApiName: 'Available_Case',
          statusName: 'Available - Case',
          accepted: 12,
          offered: 3,
          capacityUsed: 15,
          configuredCapacity: 50,
          oldestOfferAt: '2026-03-02T14:50:00.000Z'
        }
      ],
      awaiting: {
        found: true,
        size: 7,
        oldestCaseId: '5009',
        oldestCaseNumber: '00000999',
        oldestCreatedAt: '2026-02-27T08:00:00.000Z'
      }
    };
    expect(normalizePanelData(raw)).toEqual({ ...raw, works: [{ ...raw.works[0], acceptedAt: null }] });
  });

  it('fills gaps: missing text is null, a missing work item id is blank, a nameless member is "Unnamed user", counts are 0', () => {
    const data = normalizePanelData({
      presence: { online: 'yes', configuredCapacity: '100' },
      works: [{ workId: 'w1', status: 'Opened', escalated: 'true', caseNumber: '', capacityWeight: '2' }],
      team: [{ userId: '005B', online: 'yes', accepted: '3' }, { name: 'No id' }],
      awaiting: { found: 'yes' }
    });
    expect(data.userId).toBeNull();
    expect(data.presence).toEqual({
      online: false,
      statusId: null,
      statusApiName: null,
      statusName: null,
      configuredCapacity: null
    });
    expect(data.works).toEqual([
      expect.objectContaining({
        workId: 'w1',
        workItemId: '',
        escalated: false,
        caseNumber: null,
        capacityWeight: null
      })
    ]);
    expect(data.team).toEqual([
      {
        userId: '005B',
        name: 'Unnamed user',
        online: false,
        statusApiName: null,
        statusName: null,
        accepted: 0,
        offered: 0,
        capacityUsed: 0,
        configuredCapacity: null,
        oldestOfferAt: null
      }
    ]);
    expect(data.awaiting).toEqual({
      found: false,
      size: 0,
      oldestCaseId: null,
      oldestCaseNumber: null,
      oldestCreatedAt: null
    });
  });

  it('treats a capacity that is not a finite number as not configured', () => {
    const data = normalizePanelData({ presence: { online: true, configuredCapacity: Infinity } });
    expect(data.presence.configuredCapacity).toBeNull();
    expect(capacityView([], data.presence.configuredCapacity).capacity).toBe(100);
  });

  it('survives null where an object is expected', () => {
    expect(() => normalizePanelData(null)).not.toThrow();
    const data = normalizePanelData({ presence: null, works: [null, 'x'], team: [null] });
    expect(data.presence.online).toBe(false);
    expect(data.works).toEqual([]);
    expect(data.team).toEqual([]);
  });
});

describe('error messages a person can act on', () => {
  it('shows a plain text error as it is, and the fallback sentence for an empty one', () => {
    expect(errorMessage('Omni-Channel is not enabled for you')).toBe('Omni-Channel is not enabled for you');
    expect(errorMessage('')).toBe(UNKNOWN_ERROR);
  });

  it('reads an Apex error whose body is a list of messages', () => {
    expect(errorMessage({ body: [{ message: 'Record locked' }, { message: 'Try later' }] })).toBe(
      'Record locked Try later'
    );
  });

  it('leaves unreadable entries out of a list of errors', () => {
    expect(errorMessage([{ body: { message: 'one' } }, {}, null])).toBe('one');
  });

  it('skips empty or non-text messages and page errors without a message', () => {
    expect(
      errorMessage({ body: { message: '', pageErrors: [{ message: 'A' }, {}, { message: 'B' }] } })
    ).toBe('A B');
    expect(errorMessage({ body: { message: 500 }, message: 'Server error' })).toBe('Server error');
    expect(errorMessage({ body: {}, message: '' })).toBe(UNKNOWN_ERROR);
    expect(errorMessage({ message: 404 })).toBe(UNKNOWN_ERROR);
  });
});
