/**
 * The case follow-up wiki (seed 002), rule by rule. Each describe quotes the wiki's words it checks.
 */
import {
  DEFAULT_WORDING,
  PURPOSE_ASK_PREFERENCES,
  SAN_FRANCISCO,
  allowedChannels,
  caseDeadlines,
  channelsFromPicklist,
  contactAllowed,
  daysLeft,
  deadlines,
  formatInterview,
  nextStep,
  partnerEmail,
  reminderDates,
  reminderKey,
  remindersDue,
  repeatIssue,
  repeatIssueEscalations,
  urgency
} from '../../force-app/main/default/lwc/followUpRules/followUpRules';

describe('rule 1, deadlines: "clients have 30 days from the application date to complete the interview and 60 days to turn in verification docs"', () => {
  it('counts calendar days with the application date as day 0', () => {
    expect(deadlines({ applicationDate: '2015-04-01' })).toEqual({
      interviewDue: '2015-05-01',
      documentsDue: '2015-05-31'
    });
  });

  it('takes another jurisdiction’s numbers', () => {
    expect(deadlines({ applicationDate: '2015-04-01', interviewDays: 10, documentsDays: 45 })).toEqual({
      interviewDue: '2015-04-11',
      documentsDue: '2015-05-16'
    });
  });

  it('crosses month, year and leap-day boundaries', () => {
    expect(deadlines({ applicationDate: '2023-12-15' }).interviewDue).toBe('2024-01-14');
    expect(deadlines({ applicationDate: '2024-02-01' }).interviewDue).toBe('2024-03-02');
    expect(deadlines({ applicationDate: '2023-02-01' }).interviewDue).toBe('2023-03-03');
  });

  it('refuses a date that is not one, and negative day counts', () => {
    expect(() => deadlines({ applicationDate: '2015-02-30' })).toThrow('Not a date');
    expect(() => deadlines({ applicationDate: '2015-04-01', interviewDays: -1 })).toThrow('0 or more');
  });

  it('day 30 is the last day for the interview: 0 days left, not overdue; day 31 is overdue', () => {
    const { interviewDue } = deadlines({ applicationDate: '2015-04-01' });
    expect(daysLeft(interviewDue, '2015-04-30')).toBe(1);
    expect(daysLeft(interviewDue, '2015-05-01')).toBe(0);
    expect(daysLeft(interviewDue, '2015-05-02')).toBe(-1);
    const day30 = caseDeadlines({ applicationDate: '2015-04-01' }, '2015-05-01').interview;
    const day31 = caseDeadlines({ applicationDate: '2015-04-01' }, '2015-05-02').interview;
    expect(day30).toMatchObject({ daysLeft: 0, overdue: false, urgency: 'urgent' });
    expect(day31).toMatchObject({ daysLeft: -1, overdue: true, urgency: 'overdue' });
  });

  it('day 60 is the last day for documents; day 61 is overdue', () => {
    expect(caseDeadlines({ applicationDate: '2015-04-01' }, '2015-05-31').documents.overdue).toBe(false);
    expect(caseDeadlines({ applicationDate: '2015-04-01' }, '2015-06-01').documents).toMatchObject({
      daysLeft: -1,
      overdue: true
    });
  });

  it('a completed interview stops the interview clock, even after the due date', () => {
    const states = caseDeadlines(
      { applicationDate: '2015-04-01', interviewCompletedOn: '2015-04-20' },
      '2015-06-10'
    );
    expect(states.interview).toMatchObject({
      met: true,
      metOn: '2015-04-20',
      daysLeft: null,
      overdue: false
    });
    expect(states.documents.overdue).toBe(true);
  });

  it('the documents clock stops only when every missing document is received', () => {
    const oneMissing = caseDeadlines(
      {
        applicationDate: '2015-04-01',
        missingDocuments: [
          { name: 'Pay stubs', receivedOn: '2015-04-10' },
          { name: 'Rent receipt', receivedOn: null }
        ]
      },
      '2015-06-10'
    );
    expect(oneMissing.documents).toMatchObject({ met: false, overdue: true });
    const allIn = caseDeadlines(
      {
        applicationDate: '2015-04-01',
        missingDocuments: [
          { name: 'Pay stubs', receivedOn: '2015-04-10' },
          { name: 'Rent receipt', receivedOn: '2015-05-02' }
        ]
      },
      '2015-06-10'
    );
    expect(allIn.documents).toMatchObject({ met: true, metOn: '2015-05-02', overdue: false });
  });

  it('colours by urgency: on track, due within 7 days, within 2 days, overdue', () => {
    expect(urgency(8)).toBe('on-track');
    expect(urgency(7)).toBe('soon');
    expect(urgency(3)).toBe('soon');
    expect(urgency(2)).toBe('urgent');
    expect(urgency(0)).toBe('urgent');
    expect(urgency(-1)).toBe('overdue');
  });
});

describe('rule 2, pending reasons: "if the case is pending it\'s usually for one of 3 reasons"', () => {
  it('"Waiting for interview > Get the scheduled interview date/time from the EW > Client needs to pickup their phone"', () => {
    const step = nextStep('Waiting for interview', { interviewScheduledAt: '2015-04-21T10:30' });
    expect(step.action).toBe(
      'Share the interview date with the client (Tuesday, April 21, 2015 at 10:30 AM) and make sure they can make that time.'
    );
    expect(step.tellClient).toBe(
      'Your interview is on Tuesday, April 21, 2015 at 10:30 AM. The office will call you then: please pick up your phone.'
    );
  });

  it('without a scheduled time the worker first gets it from the eligibility worker', () => {
    expect(nextStep('Waiting for interview', {}).action).toContain('from the eligibility worker');
  });

  it('"Missed interview > Client needs to call to schedule (415) 558-1001 another interview appointment"', () => {
    expect(nextStep('Missed interview', {})).toEqual({
      action: 'Tell the client to call the benefits office at (415) 558-1001 to schedule a new interview.',
      tellClient: 'You missed your interview. Please call (415) 558-1001 to schedule a new interview time.'
    });
    expect(nextStep('Missed interview', { officePhone: '(617) 555-0100' }).tellClient).toContain(
      '(617) 555-0100'
    );
  });

  it('"Missing verification docs > Understand exactly what they need. Push if you don\'t think it should actually be required"', () => {
    const step = nextStep('Missing verification documents', {
      missingDocuments: [
        { name: 'Pay stubs' },
        { name: 'Proof of address', pushBack: true, pushBackReason: 'the lease already shows it' },
        { name: 'ID', receivedOn: '2015-04-03' }
      ]
    });
    expect(step.action).toBe(
      'Help the client send: Pay stubs and Proof of address. Push back with the eligibility worker on: Proof of address (the lease already shows it).'
    );
    expect(step.tellClient).not.toContain('ID');
  });

  it('offers the ways to send documents, preferred first: email, a picture by text, fax, mail', () => {
    const step = nextStep('Missing verification documents', {
      missingDocuments: [{ name: 'Pay stubs' }],
      sendWays: [...SAN_FRANCISCO.sendWays].reverse()
    });
    expect(step.tellClient).toBe(
      'We still need: Pay stubs. You can send them by email to calfresh-documents@agency.example, ' +
        'as a picture by text message to (415) 555-0142, by fax to (415) 355-2300 or by mail to ' +
        'CalFresh, P.O. Box 7988, San Francisco, CA 94120.'
    );
  });

  it('uses the wording it is given (the component passes its custom labels)', () => {
    const step = nextStep('Missed interview', {
      officePhone: '555',
      wording: { missedInterviewTell: 'Llame al {0}.' }
    });
    expect(step.tellClient).toBe('Llame al 555.');
  });

  it('formats an interview time with a zone in the given time zone', () => {
    expect(formatInterview('2015-04-21T17:30:00.000Z', 'America/Los_Angeles')).toBe(
      'Tuesday, April 21, 2015 at 10:30 AM'
    );
  });
});

describe('rule 3, contact preferences: "Don\'t contact anyone in a language or channel that they didn\'t select"', () => {
  const prefs = { language: 'Spanish', channels: ['Phone', 'Text'] };

  it('allows a channel and language the client chose', () => {
    expect(contactAllowed(prefs, { channel: 'Text', language: 'Spanish' })).toEqual({
      allowed: true,
      why: 'The client chose phone or text, in Spanish.'
    });
  });

  it('refuses a channel the client did not choose and names their choices', () => {
    expect(contactAllowed(prefs, { channel: 'Email', language: 'Spanish' })).toEqual({
      allowed: false,
      why: 'Not sent: the client did not choose email. They chose phone or text, in Spanish.'
    });
  });

  it('refuses a language other than the client’s and names their choices', () => {
    expect(contactAllowed(prefs, { channel: 'Phone', language: 'English' })).toEqual({
      allowed: false,
      why: 'Not sent: the client did not choose English. They chose phone or text, in Spanish.'
    });
  });

  it('refuses when both are wrong and says both', () => {
    expect(contactAllowed(prefs, { channel: 'Mail', language: 'English' }).why).toBe(
      'Not sent: the client did not choose mail or English. They chose phone or text, in Spanish.'
    );
  });

  it('refuses any contact to a client with no recorded preferences, except to ask for them', () => {
    const none = { language: null, channels: [] };
    expect(contactAllowed(none, { channel: 'Phone', language: 'English' })).toEqual({
      allowed: false,
      why: DEFAULT_WORDING.contactNoPreferences
    });
    expect(
      contactAllowed(none, { channel: 'Phone', language: 'English', purpose: PURPOSE_ASK_PREFERENCES })
    ).toEqual({
      allowed: true,
      why: DEFAULT_WORDING.contactAskPreferences
    });
  });

  it('"Log contact" offers only the client’s channels, and all of them to ask for preferences', () => {
    expect(allowedChannels(prefs)).toEqual(['Phone', 'Text']);
    expect(allowedChannels({ language: null, channels: [] })).toEqual(['Phone', 'Email', 'Text', 'Mail']);
    expect(channelsFromPicklist('Phone;Text')).toEqual(['Phone', 'Text']);
    expect(channelsFromPicklist(null)).toEqual([]);
  });
});

describe('rule 4, reminders (instead of "Follow up in 3 days + 7 days (via Boomerang)" by hand)', () => {
  it('falls 7 and 2 days before the deadline and on the day after a missed one', () => {
    expect(reminderDates('2015-05-01')).toEqual(['2015-04-24', '2015-04-29', '2015-05-02']);
    expect(reminderDates('2015-05-01', [14, 1])).toEqual(['2015-04-17', '2015-04-30', '2015-05-02']);
  });

  it('owes each reminder once per case, deadline and day, however often the job runs', () => {
    const clock = { applicationDate: '2015-04-01' };
    const first = remindersDue('500A', clock, '2015-04-24');
    expect(first).toEqual([
      {
        kind: 'Interview',
        due: '2015-05-01',
        on: '2015-04-24',
        missed: false,
        key: '500A:Interview:2015-04-24'
      }
    ]);
    const again = remindersDue('500A', clock, '2015-04-24', new Set(first.map((reminder) => reminder.key)));
    expect(again).toEqual([]);
  });

  it('sends the missed notice the day after the deadline, and nothing for a completed interview', () => {
    expect(remindersDue('500A', { applicationDate: '2015-04-01' }, '2015-05-02')[0]).toMatchObject({
      kind: 'Interview',
      missed: true,
      key: reminderKey('500A', 'Interview', '2015-05-02')
    });
    expect(
      remindersDue(
        '500A',
        { applicationDate: '2015-04-01', interviewCompletedOn: '2015-04-20' },
        '2015-05-02'
      )
    ).toEqual([]);
  });

  it('catches up with the latest reminder after a day the job did not run', () => {
    expect(remindersDue('500A', { applicationDate: '2015-04-01' }, '2015-04-25').map((r) => r.on)).toEqual([
      '2015-04-24'
    ]);
  });
});

describe('rule 5, E3: "If there are repeat, training, or policy issues, I\'ll go to Leo/Tiana"', () => {
  const today = '2015-05-30';

  it('suggests E3 for a category escalated three times within 30 days', () => {
    const escalations = [
      { category: 'Missing documents', date: '2015-05-29' },
      { category: 'Missing documents', date: '2015-05-10' },
      { category: 'Missing documents', date: '2015-05-01' },
      { category: 'Interview not scheduled', date: '2015-05-20' },
      { category: 'Interview not scheduled', date: '2015-05-21' }
    ];
    expect(repeatIssue(escalations, today)).toEqual(['Missing documents']);
  });

  it('an escalation 30 days ago has left the window; 29 days ago still counts', () => {
    const base = [
      { category: 'Office unreachable', date: '2015-05-29' },
      { category: 'Office unreachable', date: '2015-05-28' }
    ];
    expect(repeatIssue([...base, { category: 'Office unreachable', date: '2015-04-30' }], today)).toEqual([]);
    expect(repeatIssue([...base, { category: 'Office unreachable', date: '2015-05-01' }], today)).toEqual([
      'Office unreachable'
    ]);
  });

  it('takes configured thresholds and lists the cases behind a suggestion', () => {
    const escalations = [
      { category: 'Wrong denial', date: '2015-05-29', caseNumber: '00001001' },
      { category: 'Wrong denial', date: '2015-05-20', caseNumber: '00001002' }
    ];
    expect(repeatIssue(escalations, today, 2, 30)).toEqual(['Wrong denial']);
    expect(repeatIssue(escalations, today, 2, 5)).toEqual([]);
    expect(
      repeatIssueEscalations(escalations, today, 2)
        .get('Wrong denial')
        ?.map((e) => e.caseNumber)
    ).toEqual(['00001001', '00001002']);
  });
});

describe('E2: "email James … with first name, case number, app date, issue description, suggested next step"', () => {
  it('drafts the partner email from the case', () => {
    const email = partnerEmail({
      firstName: 'Maria',
      caseNumber: '00001001',
      applicationDate: '2015-04-01',
      issue: 'Documents received but not recorded',
      suggestedNextStep: 'Check iFiles for the CF-285 attachment'
    });
    expect(email.subject).toBe('Case 00001001 (Maria): Documents received but not recorded');
    expect(email.body.split('\n')).toEqual([
      'First name: Maria',
      'Case number: 00001001',
      'Application date: 2015-04-01',
      'Issue: Documents received but not recorded',
      'Suggested next step: Check iFiles for the CF-285 attachment'
    ]);
  });
});
