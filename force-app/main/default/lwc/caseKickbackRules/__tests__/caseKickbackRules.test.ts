import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import {
  APPEAL_OUTCOMES,
  MESSAGES,
  OTHER_REASON,
  REWORK_OUTCOME,
  WORK_TYPES,
  addDays,
  errorMessage,
  followUpDueDates,
  followUpSummary,
  isOverdue,
  priorWorkerLabel,
  sortTasks,
  tierDescription,
  todayIso,
  validateAppeal,
  validateAppealOutcome,
  validateEscalation,
  validateRework
} from '../caseKickbackRules';
import type { CaseTask, EscalationTier } from '../caseKickbackRules';
import fixtureTiers from '../../caseKickback/__tests__/data/escalationTiers.json';

const TODAY = '2026-03-10';
const DEFAULT_ROOT = path.resolve(__dirname, '../../..');

function read(relative: string): string {
  return readFileSync(path.join(DEFAULT_ROOT, relative), 'utf8');
}

function picklistValues(relative: string): string[] {
  return Array.from(read(relative).matchAll(/<value>\s*<fullName>([^<]+)<\/fullName>/g), (match) => match[1]);
}

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
  reviewerDescription: 'Partner agency contact',
  reviewCadence: 'Follow up until resolved',
  followUpOffsets: [3, 7],
  createsFollowUps: true,
  sortOrder: 2
};

describe('validateRework', () => {
  const valid = { workerId: '005W', caseOwnerId: '005O', reason: 'Other', details: 'why', dueDate: TODAY };

  it('accepts a prior worker, a reason and a due date of today', () => {
    expect(validateRework(valid, TODAY)).toEqual([]);
  });

  it('refuses the case owner as the target', () => {
    expect(validateRework({ ...valid, workerId: '005O' }, TODAY)).toEqual([
      { field: 'worker', message: MESSAGES.targetIsOwner }
    ]);
  });

  it('refuses a due date before today', () => {
    expect(validateRework({ ...valid, dueDate: '2026-03-09' }, TODAY)).toEqual([
      { field: 'dueDate', message: MESSAGES.dueDatePast }
    ]);
  });

  it('refuses a blank reason, and Other without details', () => {
    expect(validateRework({ ...valid, reason: '   ' }, TODAY)).toEqual([
      { field: 'reason', message: MESSAGES.reasonRequired }
    ]);
    expect(validateRework({ ...valid, reason: OTHER_REASON, details: '' }, TODAY)).toEqual([
      { field: 'details', message: MESSAGES.detailsRequiredForOther }
    ]);
  });
});

describe('validateAppeal, validateEscalation, validateAppealOutcome', () => {
  it('names every missing input', () => {
    expect(
      validateAppeal({ reviewerId: null, reason: null, dueDate: null }, TODAY).map((e) => e.message)
    ).toEqual([MESSAGES.reviewerRequired, MESSAGES.appealReasonRequired, MESSAGES.dueDateRequired]);
    expect(validateEscalation({ tier: '', reason: ' ' }).map((e) => e.message)).toEqual([
      MESSAGES.tierRequired,
      MESSAGES.escalationReasonRequired
    ]);
  });

  it('accepts only Upheld or Overturned for an appeal', () => {
    expect(validateAppealOutcome('Upheld')).toEqual([]);
    expect(validateAppealOutcome('Overturned')).toEqual([]);
    expect(validateAppealOutcome('Completed')).toEqual([
      { field: 'outcome', message: MESSAGES.outcomeRequired }
    ]);
  });
});

describe('dates and tiers', () => {
  it('adds days across month ends without time-zone drift', () => {
    expect(addDays('2026-01-29', 3)).toBe('2026-02-01');
    expect(addDays('2026-12-28', 7)).toBe('2027-01-04');
  });

  it('gives today in the local calendar', () => {
    expect(todayIso(new Date(2026, 0, 5, 23, 30))).toBe('2026-01-05');
  });

  it('dates the follow-ups of a tier from today', () => {
    expect(followUpDueDates(partnerAgency, TODAY)).toEqual(['2026-03-13', '2026-03-17']);
    expect(followUpDueDates({ ...partnerAgency, createsFollowUps: false }, TODAY)).toEqual([]);
  });

  it('describes who reviews, how often and the follow-ups', () => {
    expect(followUpSummary(partnerAgency)).toBe('Follow-ups after 3 and 7 days');
    expect(followUpSummary({ ...partnerAgency, followUpOffsets: [1] })).toBe('Follow-ups after 1 day');
    expect(tierDescription({ ...partnerAgency, reviewCadence: null })).toBe(
      'Partner agency contact. Follow-ups after 3 and 7 days'
    );
  });

  it('labels prior workers with the steps they worked', () => {
    expect(priorWorkerLabel({ userId: '005', name: 'Ana', steps: ['Chaser', 'Case Manager'] })).toBe(
      'Ana (Chaser, Case Manager)'
    );
    expect(priorWorkerLabel({ userId: '005', name: 'Ana', steps: [] })).toBe('Ana');
  });
});

describe('task list order', () => {
  it('puts open tasks first, soonest due first, then closed ones, latest first', () => {
    const sorted = sortTasks([
      task({ id: 'closed-old', isClosed: true, dueDate: '2026-01-01' }),
      task({ id: 'open-late', dueDate: '2026-05-01' }),
      task({ id: 'open-undated' }),
      task({ id: 'closed-new', isClosed: true, dueDate: '2026-02-01' }),
      task({ id: 'open-soon', dueDate: '2026-03-11' })
    ]);
    expect(sorted.map((t) => t.id)).toEqual([
      'open-soon',
      'open-late',
      'open-undated',
      'closed-new',
      'closed-old'
    ]);
  });

  it('calls an open task overdue only after its due date', () => {
    expect(isOverdue(task({ dueDate: '2026-03-09' }), TODAY)).toBe(true);
    expect(isOverdue(task({ dueDate: TODAY }), TODAY)).toBe(false);
    expect(isOverdue(task({ dueDate: '2026-03-09', isClosed: true }), TODAY)).toBe(false);
  });
});

describe('errorMessage', () => {
  it('reads Apex, DML and JavaScript errors', () => {
    expect(errorMessage({ body: { message: 'Refused' } })).toBe('Refused');
    expect(errorMessage({ body: [{ message: 'One' }, { message: 'Two' }] })).toBe('One Two');
    expect(errorMessage({ body: { pageErrors: [{ message: 'Page' }] } })).toBe('Page');
    expect(errorMessage(new Error('Broken'))).toBe('Broken');
    expect(errorMessage(undefined)).toMatch(/Try again/);
  });
});

describe('the rules agree with the Apex and the metadata', () => {
  const apex = read('classes/CaseKickbackController.cls');

  function apexConstant(name: string): string {
    const match = new RegExp(`${name}\\s*=\\s*'((?:[^'\\\\]|\\\\.)*)'`).exec(apex);
    if (!match) throw new Error(`CaseKickbackController.cls has no ${name}`);
    return match[1].replace(/\\'/g, "'");
  }

  function labelValue(name: string): string {
    const xml = read('labels/CustomLabels.labels-meta.xml');
    const match = new RegExp(`<fullName>${name}</fullName>[\\s\\S]*?<value>([^<]*)</value>`).exec(xml);
    if (!match) throw new Error(`CustomLabels.labels-meta.xml has no ${name}`);
    return match[1]
      .replace(/&apos;/g, "'")
      .replace(/&quot;/g, '"')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&amp;/g, '&');
  }

  function apexMessage(name: string): string {
    const match = new RegExp(`${name}\\s*=\\s*System\\.Label\\.(\\w+)\\s*;`).exec(apex);
    if (!match) throw new Error(`CaseKickbackController.cls does not read ${name} from a custom label`);
    return labelValue(match[1]);
  }

  it('refuses with the same words on the server', () => {
    const pairs: Record<string, keyof typeof MESSAGES> = {
      MSG_WORKER_REQUIRED: 'workerRequired',
      MSG_TARGET_IS_OWNER: 'targetIsOwner',
      MSG_REASON_REQUIRED: 'reasonRequired',
      MSG_DETAILS_REQUIRED: 'detailsRequiredForOther',
      MSG_DUE_DATE_REQUIRED: 'dueDateRequired',
      MSG_DUE_DATE_PAST: 'dueDatePast',
      MSG_REVIEWER_REQUIRED: 'reviewerRequired',
      MSG_APPEAL_REASON_REQUIRED: 'appealReasonRequired',
      MSG_TIER_REQUIRED: 'tierRequired',
      MSG_ESCALATION_REASON_REQUIRED: 'escalationReasonRequired',
      MSG_OUTCOME_REQUIRED: 'outcomeRequired'
    };
    for (const [constant, key] of Object.entries(pairs)) {
      expect({ constant, text: apexMessage(constant) }).toEqual({ constant, text: MESSAGES[key] });
    }
    expect(apexConstant('OTHER_REASON')).toBe(OTHER_REASON);
    expect(apexConstant('OUTCOME_REWORKED')).toBe(REWORK_OUTCOME);
    expect([
      apexConstant('WORK_TYPE_REWORK'),
      apexConstant('WORK_TYPE_APPEAL'),
      apexConstant('WORK_TYPE_FOLLOW_UP')
    ]).toEqual([...WORK_TYPES]);
  });

  it('uses only values the Task and Case picklists hold', () => {
    expect(picklistValues('objects/Activity/fields/Work_Type__c.field-meta.xml')).toEqual(
      expect.arrayContaining([...WORK_TYPES])
    );
    expect(picklistValues('objects/Activity/fields/Outcome__c.field-meta.xml')).toEqual(
      expect.arrayContaining([...APPEAL_OUTCOMES, REWORK_OUTCOME, 'Completed'])
    );
    expect(picklistValues('objects/Case/fields/Appeal_Outcome__c.field-meta.xml')).toEqual(
      expect.arrayContaining([...APPEAL_OUTCOMES])
    );
  });

  it('ships tiers that name Escalation_Tier__c values, and the fixtures match them', () => {
    const caseTiers = picklistValues('objects/Case/fields/Escalation_Tier__c.field-meta.xml');
    const taskTiers = picklistValues('objects/Activity/fields/Escalation_Tier__c.field-meta.xml');
    const records = readdirSync(path.join(DEFAULT_ROOT, 'customMetadata'))
      .filter((file) => file.startsWith('Escalation_Tier.'))
      .map((file) => {
        const xml = read(`customMetadata/${file}`);
        const value = (field: string): string | null => {
          const match = new RegExp(
            `<field>${field}</field>\\s*<value(?: xsi:type="xsd:\\w+")?(?: xsi:nil="true")?\\s*(?:/>|>([^<]*)</value>)`
          ).exec(xml);
          return match?.[1] ?? null;
        };
        const offsets = value('Follow_Up_Offsets__c');
        return {
          developerName: file.replace(/^Escalation_Tier\.|\.md-meta\.xml$/g, ''),
          tierName: value('Tier_Name__c'),
          reviewerDescription: value('Reviewer_Description__c'),
          reviewCadence: value('Review_Cadence__c'),
          followUpOffsets: offsets ? offsets.split(',').map(Number) : [],
          createsFollowUps: value('Creates_Follow_Ups__c') === 'true',
          sortOrder: Number(value('Sort_Order__c'))
        };
      });
    expect(records.map((record) => record.tierName).sort()).toEqual([
      'Internal Lead',
      'Partner Agency',
      'Policy'
    ]);
    for (const record of records) {
      expect(caseTiers).toContain(record.tierName);
      expect(taskTiers).toContain(record.tierName);
    }
    const byName = (a: { developerName: string }, b: { developerName: string }) =>
      a.developerName.localeCompare(b.developerName);
    expect([...fixtureTiers].sort(byName)).toEqual(records.sort(byName));
    const partner = records.find((record) => record.developerName === 'Partner_Agency');
    expect(partner?.followUpOffsets).toEqual([3, 7]);
  });
});
