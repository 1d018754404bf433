/**
 * The kickback widget as staff meet it, stated at its edges: a form field that never arrived, the
 * follow-up line a person reads when choosing an escalation tier (seed 002, E2: "Follow up in 3 days +
 * 7 days") and that it promises only what the escalation creates, the order of the task list whatever
 * order the server answers in, and the message shown when a server call fails in an unusual shape.
 * caseKickbackRules.test.ts states the rules themselves.
 */
import {
  MESSAGES,
  errorMessage,
  followUpDueDates,
  followUpSummary,
  sortTasks,
  tierDescription,
  validateAppeal,
  validateEscalation,
  validateRework
} from '../caseKickbackRules';
import type {
  AppealInput,
  CaseTask,
  EscalationInput,
  EscalationTier,
  ReworkInput
} from '../caseKickbackRules';

const TODAY = '2026-03-10';
const UNKNOWN_ERROR = 'Something went wrong. Try again, and tell your supervisor if it keeps happening.';

function task(overrides: Partial<CaseTask>): CaseTask {
  return {
    id: 'id',
    subject: 'subject',
    workType: 'Kickback Rework',
    ownerId: '005A',
    ownerName: 'Owner',
    assignedByName: null,
    dueDate: null,
    status: 'Not Started',
    isClosed: false,
    outcome: null,
    outcomeNote: null,
    raisedInStep: null,
    ...overrides
  };
}

const partnerAgency: EscalationTier = {
  developerName: 'Partner_Agency',
  tierName: 'Partner Agency',
  reviewerDescription: 'Partner agency contact (E2)',
  reviewCadence: null,
  followUpOffsets: [3, 7],
  createsFollowUps: true,
  sortOrder: 2
};

describe('a form field that never arrived is named as missing, not a failed Save', () => {
  it('rework: an absent worker and reason read "required", like empty ones', () => {
    const input = { caseOwnerId: '005O', details: null, dueDate: TODAY } as unknown as ReworkInput;
    expect(validateRework(input, TODAY)).toEqual([
      { field: 'worker', message: MESSAGES.workerRequired },
      { field: 'reason', message: MESSAGES.reasonRequired }
    ]);
  });

  it('appeal review and escalation: an absent reviewer, due date, tier or reason reads "required"', () => {
    expect(validateAppeal({} as AppealInput, TODAY).map((e) => e.message)).toEqual([
      MESSAGES.reviewerRequired,
      MESSAGES.appealReasonRequired,
      MESSAGES.dueDateRequired
    ]);
    expect(validateEscalation({} as EscalationInput).map((e) => e.message)).toEqual([
      MESSAGES.tierRequired,
      MESSAGES.escalationReasonRequired
    ]);
  });
});

describe('the follow-up line under an escalation tier (seed 002, E2: follow up in 3 days + 7 days)', () => {
  it('one follow-up after several days names that day count, not "1 day"', () => {
    expect(followUpSummary({ ...partnerAgency, followUpOffsets: [3] })).toBe('Follow-ups after 3 days');
  });

  it('a first follow-up after 1 day, then more, lists every day count', () => {
    expect(followUpSummary({ ...partnerAgency, followUpOffsets: [1, 3] })).toBe(
      'Follow-ups after 1 and 3 days'
    );
  });

  it('three or more follow-ups read as a list: "1, 3 and 7 days"', () => {
    expect(followUpSummary({ ...partnerAgency, followUpOffsets: [1, 3, 7] })).toBe(
      'Follow-ups after 1, 3 and 7 days'
    );
  });

  it('a tier switched off for follow-ups promises none, though its days are still filled in', () => {
    const switchedOff = { ...partnerAgency, createsFollowUps: false };
    expect(followUpDueDates(switchedOff, TODAY)).toEqual([]);
    expect(followUpSummary(switchedOff)).toBeNull();
    expect(tierDescription(switchedOff)).toBe('Partner agency contact (E2)');
  });

  it('a tier that creates follow-ups but lists no days promises none', () => {
    const noDays = { ...partnerAgency, followUpOffsets: [] };
    expect(followUpDueDates(noDays, TODAY)).toEqual([]);
    expect(followUpSummary(noDays)).toBeNull();
    expect(tierDescription(noDays)).toBe('Partner agency contact (E2)');
  });
});

describe('the task list keeps its order whatever order the server answers in', () => {
  const ids = (tasks: CaseTask[]) => sortTasks(tasks).map((t) => t.id);

  it('closed tasks show the latest due date first', () => {
    expect(
      ids([
        task({ id: 'march', isClosed: true, dueDate: '2026-03-01' }),
        task({ id: 'january', isClosed: true, dueDate: '2026-01-15' }),
        task({ id: 'february', isClosed: true, dueDate: '2026-02-10' })
      ])
    ).toEqual(['march', 'february', 'january']);
  });

  it('open tasks show the soonest due first and undated ones last, in any starting order', () => {
    const open = [
      task({ id: 'undated' }),
      task({ id: 'soon', dueDate: '2026-03-11' }),
      task({ id: 'later', dueDate: '2026-04-01' }),
      task({ id: 'overdue', dueDate: '2026-03-02' })
    ];
    const expected = ['overdue', 'soon', 'later', 'undated'];
    expect(ids(open)).toEqual(expected);
    expect(ids([...open].reverse())).toEqual(expected);
    expect(ids([open[1], open[3], open[0], open[2]])).toEqual(expected);
  });
});

describe('a failed server call always gives a person something to read', () => {
  it('an error list with no messages reads as the general error, not a blank box', () => {
    expect(errorMessage({ body: [] })).toBe(UNKNOWN_ERROR);
    expect(errorMessage({ body: [{}, { errorCode: 'UNKNOWN_EXCEPTION' }] })).toBe(UNKNOWN_ERROR);
  });

  it('entries without a message are left out of the sentence, and an empty entry does not break it', () => {
    expect(errorMessage({ body: [{ message: 'Refused.' }, {}, { message: 'Try later.' }] })).toBe(
      'Refused. Try later.'
    );
    expect(errorMessage({ body: [null, { message: 'Refused.' }] })).toBe('Refused.');
  });

  it('several page errors read as one sentence after another', () => {
    expect(errorMessage({ body: { pageErrors: [{ message: 'First.' }, { message: 'Second.' }] } })).toBe(
      'First. Second.'
    );
  });

  it('a save error without page errors falls back to the error text, then to the general error', () => {
    expect(errorMessage({ body: { pageErrors: [] } })).toBe(UNKNOWN_ERROR);
    const thrown = Object.assign(new Error('Network down'), { body: { pageErrors: [] } });
    expect(errorMessage(thrown)).toBe('Network down');
  });
});
