/**
 * The case follow-up wiki (seed 002) at its edges: the boundaries of the deadlines, reminders and the E3
 * window, the sentences staff and clients read, the order lists are shown in, and the refusal of input
 * that is not what the rules expect. follow-up-rules.test.ts states the rules themselves.
 */
import {
  DEFAULT_WORDING,
  PURPOSE_ASK_PREFERENCES,
  allowedChannels,
  caseDeadlines,
  channelsFromPicklist,
  contactAllowed,
  deadlines,
  fill,
  formatInterview,
  hasPreferences,
  joinList,
  nextStep,
  partnerEmail,
  reminderDates,
  remindersDue,
  repeatIssue,
  type PendingReason
} from '../../force-app/main/default/lwc/followUpRules/followUpRules';

describe('rule 1, deadlines: bad dates and day counts are refused with what is wrong', () => {
  it('an application date not written yyyy-mm-dd is refused, quoting it', () => {
    expect(() => deadlines({ applicationDate: '04/01/2015' })).toThrow(
      'Not a date (yyyy-mm-dd): "04/01/2015"'
    );
  });

  it('a month that does not exist (2015-13-01) is refused, not rolled into the next year', () => {
    expect(() => deadlines({ applicationDate: '2015-13-01' })).toThrow(
      'Not a date (yyyy-mm-dd): "2015-13-01"'
    );
  });

  it('a jurisdiction’s day counts are named when wrong: interview days, documents days', () => {
    expect(() => deadlines({ applicationDate: '2015-04-01', interviewDays: -1 })).toThrow(
      'Interview days must be a whole number of days, 0 or more: -1'
    );
    expect(() => deadlines({ applicationDate: '2015-04-01', documentsDays: 2.5 })).toThrow(
      'Documents days must be a whole number of days, 0 or more: 2.5'
    );
  });
});

describe('rule 1, the documents clock: "60 days to turn in verification docs"', () => {
  it('stops on the day the last document came in, whatever order the documents are listed in', () => {
    const states = caseDeadlines(
      {
        applicationDate: '2015-04-01',
        missingDocuments: [
          { name: 'Rent receipt', receivedOn: '2015-05-02' },
          { name: 'Pay stubs', receivedOn: '2015-04-10' }
        ]
      },
      '2015-06-10'
    );
    expect(states.documents).toMatchObject({ met: true, metOn: '2015-05-02' });
  });

  it('a met deadline is shown as met, not coloured by how close the due date is', () => {
    const states = caseDeadlines(
      { applicationDate: '2015-04-01', interviewCompletedOn: '2015-04-29' },
      '2015-04-30'
    );
    expect(states.interview.urgency).toBe('met');
    expect(states.documents.urgency).toBe('on-track');
  });
});

describe('rule 2, interview times as staff and clients read them', () => {
  it('a time as the REST API gives it (+0000, no colon) is shown in the person’s time zone', () => {
    expect(formatInterview('2015-04-21T17:30:00.000+0000', 'America/Los_Angeles')).toBe(
      'Tuesday, April 21, 2015 at 10:30 AM'
    );
  });

  it('a time with an offset is shown in the person’s zone, not at the offset’s wall-clock time', () => {
    expect(formatInterview('2015-04-21T10:30:00-07:00', 'America/New_York')).toBe(
      'Tuesday, April 21, 2015 at 1:30 PM'
    );
  });

  it('a time with a zone and no person’s zone is shown in UTC', () => {
    expect(formatInterview('2015-04-21T17:30:00Z')).toBe('Tuesday, April 21, 2015 at 5:30 PM');
  });

  it('a zone followed by a stray space still counts as a zone', () => {
    expect(formatInterview('2015-04-21T17:30:00Z ', 'America/Los_Angeles')).toBe(
      'Tuesday, April 21, 2015 at 10:30 AM'
    );
  });

  it('in a 24-hour locale the time has no AM/PM and nothing after it', () => {
    expect(formatInterview('2015-04-21T10:30', undefined, 'en-GB')).toBe('Tuesday, April 21, 2015 at 10:30');
  });

  it('an impossible time (25:30) is shown as the eligibility worker wrote it', () => {
    expect(formatInterview('2015-04-21T25:30:00Z')).toBe('2015-04-21T25:30:00Z');
  });

  it('a time the component already formatted for the worker passes through the next step unchanged', () => {
    const when = formatInterview('2015-04-21T17:30:00.000Z', 'America/Los_Angeles');
    expect(nextStep('Waiting for interview', { interviewScheduledAt: when }).tellClient).toBe(
      'Your interview is on Tuesday, April 21, 2015 at 10:30 AM. The office will call you then: please pick up your phone.'
    );
  });
});

describe('rule 2, "Missing verification docs > Understand exactly what they need"', () => {
  it('without a list of missing documents the worker first finds out which from the eligibility worker', () => {
    expect(nextStep('Missing verification documents', {})).toEqual({
      action: DEFAULT_WORDING.documentsUnknownAction,
      tellClient: DEFAULT_WORDING.documentsUnknownTell
    });
  });

  it('once every listed document is received, the worker again asks what is still missing', () => {
    expect(
      nextStep('Missing verification documents', {
        missingDocuments: [{ name: 'Pay stubs', receivedOn: '2015-04-10' }]
      }).action
    ).toBe(DEFAULT_WORDING.documentsUnknownAction);
  });

  it('with nothing to push back on, the action only asks to help send the documents', () => {
    expect(
      nextStep('Missing verification documents', {
        missingDocuments: [{ name: 'Pay stubs' }, { name: 'Rent receipt' }]
      }).action
    ).toBe('Help the client send: Pay stubs and Rent receipt.');
  });

  it('a pending reason the rules do not know is refused, naming it', () => {
    expect(() => nextStep('Approved' as PendingReason, {})).toThrow('Unknown pending reason "Approved"');
  });
});

describe('wording: the custom labels staff read', () => {
  it('a translated label with a placeholder it is not given shows the placeholder, not "undefined"', () => {
    const step = nextStep('Missed interview', {
      officePhone: '(415) 558-1001',
      wording: { missedInterviewTell: 'Llame al {0} ({1}).' }
    });
    expect(step.tellClient).toBe('Llame al (415) 558-1001 ({1}).');
    expect(fill('{0} / {1}', 'a')).toBe('a / {1}');
  });

  it('an empty list reads as nothing, one item as itself', () => {
    expect(joinList([], DEFAULT_WORDING.listOr)).toBe('');
    expect(joinList(['phone'], DEFAULT_WORDING.listOr)).toBe('phone');
  });
});

describe('rule 3, "Don\'t contact anyone in a language or channel that they didn\'t select": what counts as chosen', () => {
  const askOnly = { channel: 'Phone', language: 'English', purpose: PURPOSE_ASK_PREFERENCES } as const;

  it('a client with a language but no channel has no preferences yet: only asking for them is allowed', () => {
    const prefs = { language: 'Spanish', channels: [] };
    expect(hasPreferences(prefs)).toBe(false);
    expect(contactAllowed(prefs, { channel: 'Phone', language: 'Spanish' })).toEqual({
      allowed: false,
      why: DEFAULT_WORDING.contactNoPreferences
    });
    expect(contactAllowed(prefs, askOnly).allowed).toBe(true);
  });

  it('a client with channels but no language (missing, or blank) has no preferences yet', () => {
    for (const language of [null, undefined, '', '   ']) {
      const prefs = { language: language as string | null, channels: ['Phone'] };
      expect(hasPreferences(prefs)).toBe(false);
      expect(contactAllowed(prefs, { channel: 'Phone', language: 'English' })).toEqual({
        allowed: false,
        why: DEFAULT_WORDING.contactNoPreferences
      });
    }
  });

  it('a blank entry among the recorded channels does not hide the channels the client chose', () => {
    const prefs = { language: 'Spanish', channels: ['', 'Text'] };
    expect(hasPreferences(prefs)).toBe(true);
    expect(contactAllowed(prefs, { channel: 'Text', language: 'Spanish' }).allowed).toBe(true);
  });

  it('a contact logged before its language is chosen is refused: choose the language', () => {
    const prefs = { language: 'Spanish', channels: ['Phone'] };
    for (const language of [null, undefined, '', '  ']) {
      expect(contactAllowed(prefs, { channel: 'Phone', language: language as string })).toEqual({
        allowed: false,
        why: 'Not sent: choose the language of this contact.'
      });
    }
  });

  it('stray spaces in the recorded preferences or the attempt do not refuse what the client chose', () => {
    expect(channelsFromPicklist(' Phone ; Text ')).toEqual(['Phone', 'Text']);
    expect(
      contactAllowed(
        { language: ' Spanish ', channels: [' Text '] },
        { channel: 'Text', language: 'Spanish ' }
      )
    ).toEqual({ allowed: true, why: 'The client chose text, in Spanish.' });
    expect(allowedChannels({ language: 'Spanish', channels: [' Text '] })).toEqual(['Text']);
  });

  it('wrong channel and wrong language together are refused, not sent', () => {
    expect(
      contactAllowed({ language: 'Spanish', channels: ['Phone'] }, { channel: 'Mail', language: 'English' })
        .allowed
    ).toBe(false);
  });
});

describe('rule 4, reminders', () => {
  it('a jurisdiction’s reminder days come out in date order, however they are configured', () => {
    expect(reminderDates('2015-05-01', [2, 14, 7])).toEqual([
      '2015-04-17',
      '2015-04-24',
      '2015-04-29',
      '2015-05-02'
    ]);
  });

  it('a reminder 0 days before falls on the deadline day and is not a missed-deadline notice', () => {
    expect(reminderDates('2015-05-01', [7, 0])).toEqual(['2015-04-24', '2015-05-01', '2015-05-02']);
    expect(remindersDue('500A', { applicationDate: '2015-04-01' }, '2015-05-01', new Set(), [7, 0])).toEqual([
      {
        kind: 'Interview',
        due: '2015-05-01',
        on: '2015-05-01',
        missed: false,
        key: '500A:Interview:2015-05-01'
      }
    ]);
  });

  it('a wrong reminder day count is refused, naming the setting', () => {
    expect(() => reminderDates('2015-05-01', [7, -2])).toThrow(
      'Reminder days before must be a whole number of days, 0 or more: -2'
    );
  });

  it('the documents deadline (day 60) gets its own reminder a week before', () => {
    expect(
      remindersDue(
        '500A',
        { applicationDate: '2015-04-01', interviewCompletedOn: '2015-04-20' },
        '2015-05-24'
      )
    ).toEqual([
      {
        kind: 'Documents',
        due: '2015-05-31',
        on: '2015-05-24',
        missed: false,
        key: '500A:Documents:2015-05-24'
      }
    ]);
  });
});

describe('rule 5, E3 "repeat, training, or policy issues": what counts', () => {
  const today = '2015-05-30';

  it('an escalation made today counts', () => {
    expect(
      repeatIssue(
        [
          { category: 'Office unreachable', date: '2015-05-30' },
          { category: 'Office unreachable', date: '2015-05-29' },
          { category: 'Office unreachable', date: '2015-05-10' }
        ],
        today
      )
    ).toEqual(['Office unreachable']);
  });

  it('an escalation dated after today does not count', () => {
    expect(
      repeatIssue(
        [
          { category: 'Office unreachable', date: '2015-05-31' },
          { category: 'Office unreachable', date: '2015-05-29' },
          { category: 'Office unreachable', date: '2015-05-10' }
        ],
        today
      )
    ).toEqual([]);
  });

  it('escalations without a category are not a repeat issue', () => {
    expect(
      repeatIssue(
        [
          { category: '', date: '2015-05-29' },
          { category: ' ', date: '2015-05-28' },
          { category: '', date: '2015-05-27' }
        ],
        today
      )
    ).toEqual([]);
  });

  it('the same category with stray spaces counts as one', () => {
    expect(
      repeatIssue(
        [
          { category: 'Wrong denial', date: '2015-05-29' },
          { category: 'Wrong denial ', date: '2015-05-28' },
          { category: ' Wrong denial', date: '2015-05-27' }
        ],
        today
      )
    ).toEqual(['Wrong denial']);
  });

  it('lists the most escalated category first, then equal ones by name', () => {
    const times = (category: string, count: number) =>
      Array.from({ length: count }, (_, i) => ({ category, date: `2015-05-${String(20 + i)}` }));
    expect(
      repeatIssue(
        [...times('Lost documents', 3), ...times('Wrong denial', 4), ...times('Interview missed', 3)],
        today
      )
    ).toEqual(['Wrong denial', 'Interview missed', 'Lost documents']);
  });
});

describe('E2 partner email', () => {
  it('keeps the subject within 255 characters, the email subject a Task can hold', () => {
    const email = partnerEmail({
      firstName: 'Maria',
      caseNumber: '00001001',
      applicationDate: null,
      issue: 'Documents received but not recorded. '.repeat(10),
      suggestedNextStep: 'Check iFiles'
    });
    expect(email.subject).toHaveLength(255);
    expect(email.subject.startsWith('Case 00001001 (Maria): Documents received')).toBe(true);
    expect(email.body).toContain('Application date: not recorded');
  });
});
