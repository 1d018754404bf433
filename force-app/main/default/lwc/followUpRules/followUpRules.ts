/**
 * Client follow-up rules, from the case follow-up wiki (seed 002): the application's deadlines, the
 * next step for each pending reason, the client's contact preferences as a guard, the reminder
 * schedule and when repeat escalations call for the policy tier (E3).
 *
 * The one source of these rules. The caseFollowUp component and Node (tests, the demo, the gallery)
 * import this module; the Apex contact guard and reminder job apply the same rules with the same
 * wording, and tests check the custom labels and custom metadata against the constants here.
 * No imports: Lightning Web Components and Node both load this file. The English wording below is the
 * default; the component passes its custom labels (translatable) in `wording`.
 *
 * Dates are calendar dates as ISO text (yyyy-mm-dd) and are computed in UTC so that no time zone
 * can move a deadline by a day.
 */

// ----- configuration -----------------------------------------------------------------------------

/** Ways a client can send verification documents, in the order the wiki prefers them. */
export const SEND_METHODS = ['Email', 'Text', 'Fax', 'Mail'] as const;
export type SendMethod = (typeof SEND_METHODS)[number];

/** A way to send documents and where to: an email address, a number for a picture by text, a fax number, a postal address. */
export interface SendWay {
  method: SendMethod;
  address: string;
}

/** One jurisdiction's follow-up configuration (Follow_Up_Jurisdiction__mdt). */
export interface Jurisdiction {
  /** DeveloperName of the custom metadata record, and the Case.Jurisdiction__c picklist value. */
  developerName: string;
  name: string;
  /** Calendar days from the application date to complete the interview. */
  interviewDays: number;
  /** Calendar days from the application date to turn in verification documents. */
  documentsDays: number;
  /** The benefits office, which clients call to schedule or reschedule an interview. */
  officePhone: string;
  /** Days before a deadline when the case owner gets a reminder task. */
  reminderDaysBefore: number[];
  /** Where documents can be sent, preferred first. */
  sendWays: SendWay[];
}

/** "Clients have 30 days from the application date to complete the interview and 60 days to turn in verification docs." */
export const DEFAULT_INTERVIEW_DAYS = 30;
export const DEFAULT_DOCUMENTS_DAYS = 60;
/** Reminders a week and two days before each deadline (then one the day after a missed deadline). */
export const DEFAULT_REMINDER_DAYS_BEFORE: readonly number[] = [7, 2];
/** E3: "repeat, training, or policy issues" — the same category escalated this often within the window. */
export const DEFAULT_REPEAT_THRESHOLD = 3;
export const DEFAULT_REPEAT_WINDOW_DAYS = 30;

/**
 * San Francisco CalFresh, the wiki's jurisdiction. The fax and the postal address are the wiki's; the
 * email address and the number for pictures by text are the agency's own (the wiki's were a volunteer's),
 * so they are placeholders that an admin replaces in the custom metadata record.
 */
export const SAN_FRANCISCO: Jurisdiction = {
  developerName: 'San_Francisco',
  name: 'San Francisco',
  interviewDays: DEFAULT_INTERVIEW_DAYS,
  documentsDays: DEFAULT_DOCUMENTS_DAYS,
  officePhone: '(415) 558-1001',
  reminderDaysBefore: [...DEFAULT_REMINDER_DAYS_BEFORE],
  sendWays: [
    { method: 'Email', address: 'calfresh-documents@agency.example' },
    { method: 'Text', address: '(415) 555-0142' },
    { method: 'Fax', address: '(415) 355-2300' },
    { method: 'Mail', address: 'CalFresh, P.O. Box 7988, San Francisco, CA 94120' }
  ]
};

/** Why a case is pending, as the wiki lists them (the Case.Pending_Reason__c picklist). */
export const PENDING_REASONS = [
  'Waiting for interview',
  'Missed interview',
  'Missing verification documents'
] as const;
export type PendingReason = (typeof PENDING_REASONS)[number];

/** Contact channels (Case.Contact_Channels__c, Task.Contact_Channel__c). */
export const CONTACT_CHANNELS = ['Phone', 'Email', 'Text', 'Mail'] as const;
export type ContactChannel = (typeof CONTACT_CHANNELS)[number];

/** What a logged contact attempt came to (Task.Contact_Outcome__c). */
export const CONTACT_OUTCOMES = ['Reached', 'Left message', 'No answer', 'Wrong number', 'Sent'] as const;
export type ContactOutcome = (typeof CONTACT_OUTCOMES)[number];

/** Why a contact was made (Task.Contact_Purpose__c); asking for preferences is the one contact allowed without them. */
export const PURPOSE_FOLLOW_UP = 'Follow-up';
export const PURPOSE_ASK_PREFERENCES = 'Ask for contact preferences';
export const CONTACT_PURPOSES = [PURPOSE_FOLLOW_UP, PURPOSE_ASK_PREFERENCES] as const;
export type ContactPurpose = (typeof CONTACT_PURPOSES)[number];

/** The two clocks that run from the application date. */
export const DEADLINE_KINDS = ['Interview', 'Documents'] as const;
export type DeadlineKind = (typeof DEADLINE_KINDS)[number];

// ----- wording (defaults = the custom labels' values) -------------------------------------------

/**
 * Every sentence this module writes, as label templates ({0}, {1}… are filled in order). The values are
 * the custom labels' (FollowUp_*); the component passes the labels themselves, so translations apply,
 * and a test keeps these defaults and the labels equal.
 */
export interface FollowUpWording {
  /** {0} interview date and time */
  interviewScheduledAction: string;
  interviewScheduledTell: string;
  interviewUnknownAction: string;
  interviewUnknownTell: string;
  /** {0} office phone */
  missedInterviewAction: string;
  missedInterviewTell: string;
  /** {0} documents still needed */
  documentsAction: string;
  /** {0} documents still needed, {1} documents to push back on with reasons */
  documentsPushBackAction: string;
  documentsUnknownAction: string;
  /** {0} documents still needed, {1} ways to send them */
  documentsTell: string;
  documentsUnknownTell: string;
  /** {0} email address etc. */
  sendByEmail: string;
  sendByText: string;
  sendByFax: string;
  sendByMail: string;
  /** joins the last two items of a list: "a, b or c" */
  listOr: string;
  listAnd: string;
  /** {0} the client's channels, {1} the client's language */
  contactAllowed: string;
  /** {0} channel tried, {1} client's channels, {2} client's language */
  contactRefusedChannel: string;
  /** {0} language tried, {1} client's channels, {2} client's language */
  contactRefusedLanguage: string;
  /** {0} channel tried, {1} language tried, {2} client's channels, {3} client's language */
  contactRefusedBoth: string;
  contactNoPreferences: string;
  contactAskPreferences: string;
  contactLanguageMissing: string;
  /** {0} case number, {1} first name, {2} issue */
  partnerEmailSubject: string;
  /** {0} first name, {1} case number, {2} application date, {3} issue, {4} suggested next step */
  partnerEmailBody: string;
  partnerEmailNoDate: string;
}

export const DEFAULT_WORDING: FollowUpWording = {
  interviewScheduledAction:
    'Share the interview date with the client ({0}) and make sure they can make that time.',
  interviewScheduledTell:
    'Your interview is on {0}. The office will call you then: please pick up your phone.',
  interviewUnknownAction:
    'Get the scheduled interview date and time from the eligibility worker, then share it with the client.',
  interviewUnknownTell:
    'Your interview is being scheduled. We will tell you the date and time as soon as we know it.',
  missedInterviewAction: 'Tell the client to call the benefits office at {0} to schedule a new interview.',
  missedInterviewTell: 'You missed your interview. Please call {0} to schedule a new interview time.',
  documentsAction: 'Help the client send: {0}.',
  documentsPushBackAction: 'Help the client send: {0}. Push back with the eligibility worker on: {1}.',
  documentsUnknownAction:
    'Find out from the eligibility worker exactly which verification documents are missing.',
  documentsTell: 'We still need: {0}. You can send them {1}.',
  documentsUnknownTell: 'We are finding out which documents are still needed and will tell you.',
  sendByEmail: 'by email to {0}',
  sendByText: 'as a picture by text message to {0}',
  sendByFax: 'by fax to {0}',
  sendByMail: 'by mail to {0}',
  listOr: '{0} or {1}',
  listAnd: '{0} and {1}',
  contactAllowed: 'The client chose {0}, in {1}.',
  contactRefusedChannel: 'Not sent: the client did not choose {0}. They chose {1}, in {2}.',
  contactRefusedLanguage: 'Not sent: the client did not choose {0}. They chose {1}, in {2}.',
  contactRefusedBoth: 'Not sent: the client did not choose {0} or {1}. They chose {2}, in {3}.',
  contactNoPreferences:
    'Not sent: the client has no recorded language and channels. Contact them only to ask for their preferences, then record them on the case.',
  contactAskPreferences:
    'The client has no recorded language and channels: this contact may only ask for them. Record them on the case.',
  contactLanguageMissing: 'Not sent: choose the language of this contact.',
  partnerEmailSubject: 'Case {0} ({1}): {2}',
  partnerEmailBody:
    'First name: {0}\nCase number: {1}\nApplication date: {2}\nIssue: {3}\nSuggested next step: {4}',
  partnerEmailNoDate: 'not recorded'
};

function wordingWith(overrides: Partial<FollowUpWording> | undefined): FollowUpWording {
  return { ...DEFAULT_WORDING, ...(overrides ?? {}) };
}

/** Fills {0}, {1}, … in order, as the platform's labels are written. */
export function fill(template: string, ...values: (string | number)[]): string {
  return template.replace(/\{(\d+)\}/g, (placeholder, index: string) => {
    const value = values[Number(index)];
    return value === undefined ? placeholder : String(value);
  });
}

/** "a", "a or b", "a, b or c" (with `join` = listOr / listAnd). */
export function joinList(items: readonly string[], join: string): string {
  if (items.length === 0) {
    return '';
  }
  if (items.length === 1) {
    return items[0];
  }
  return fill(join, items.slice(0, -1).join(', '), items[items.length - 1]);
}

// ----- dates -------------------------------------------------------------------------------------

const DAY_MS = 24 * 60 * 60 * 1000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})/;

/** Days since 1970-01-01 for an ISO date (the time part, if any, is ignored). */
function dayNumber(iso: string): number {
  const match = ISO_DATE.exec(iso);
  if (!match) {
    throw new Error(`Not a date (yyyy-mm-dd): "${iso}"`);
  }
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const time = Date.UTC(year, month - 1, day);
  const check = new Date(time);
  if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) {
    throw new Error(`Not a date (yyyy-mm-dd): "${iso}"`);
  }
  return Math.round(time / DAY_MS);
}

function isoFromDayNumber(days: number): string {
  return new Date(days * DAY_MS).toISOString().slice(0, 10);
}

/** The date `days` calendar days after (before, when negative) `iso`. */
export function addDays(iso: string, days: number): string {
  return isoFromDayNumber(dayNumber(iso) + days);
}

function checkDays(value: number, what: string): number {
  if (!Number.isInteger(value) || value < 0) {
    throw new Error(`${what} must be a whole number of days, 0 or more: ${value}`);
  }
  return value;
}

/**
 * Rule 1. The interview is due `interviewDays` (30) and the verification documents `documentsDays` (60)
 * calendar days after the application date, which is day 0: an application on 2015-04-01 has its
 * interview due 2015-05-01 and its documents due 2015-05-31.
 */
export function deadlines(v: { applicationDate: string; interviewDays?: number; documentsDays?: number }): {
  interviewDue: string;
  documentsDue: string;
} {
  const interviewDays = checkDays(v.interviewDays ?? DEFAULT_INTERVIEW_DAYS, 'Interview days');
  const documentsDays = checkDays(v.documentsDays ?? DEFAULT_DOCUMENTS_DAYS, 'Documents days');
  return {
    interviewDue: addDays(v.applicationDate, interviewDays),
    documentsDue: addDays(v.applicationDate, documentsDays)
  };
}

/** Days from `today` to `due`: 0 on the due date, negative once it has passed (overdue). */
export function daysLeft(due: string, today: string): number {
  return dayNumber(due) - dayNumber(today);
}

/** How close a running deadline is, for colour: overdue, due within 2 days, within 7 days, or on track. */
export type Urgency = 'met' | 'overdue' | 'urgent' | 'soon' | 'on-track';

export const URGENT_WITHIN_DAYS = 2;
export const SOON_WITHIN_DAYS = 7;

export function urgency(days: number): Exclude<Urgency, 'met'> {
  if (days < 0) {
    return 'overdue';
  }
  if (days <= URGENT_WITHIN_DAYS) {
    return 'urgent';
  }
  if (days <= SOON_WITHIN_DAYS) {
    return 'soon';
  }
  return 'on-track';
}

/** A document the eligibility worker says is missing (Missing_Document__c). */
export interface MissingDocument {
  name: string;
  /** yyyy-mm-dd once the office has it */
  receivedOn?: string | null;
  /** The worker thinks it should not be required and pushes back ("So far I've got 2 cases approved by pushing"). */
  pushBack?: boolean;
  pushBackReason?: string | null;
}

/** One deadline as a case shows it. */
export interface DeadlineState {
  kind: DeadlineKind;
  due: string;
  /** Days left (negative when overdue); null once the clock stopped. */
  daysLeft: number | null;
  /** The clock stopped: the interview was completed / every missing document was received. */
  met: boolean;
  /** When it stopped (interview completed on / last document received on). */
  metOn: string | null;
  overdue: boolean;
  urgency: Urgency;
}

/** What the deadlines of one case depend on. */
export interface CaseClock {
  applicationDate: string;
  interviewDays?: number;
  documentsDays?: number;
  interviewCompletedOn?: string | null;
  missingDocuments?: readonly MissingDocument[];
}

/** The date every listed document was in (the last one received), or null while one is still missing or none is listed. */
export function documentsCompletedOn(documents: readonly MissingDocument[] | undefined): string | null {
  if (!documents || documents.length === 0) {
    return null;
  }
  let last: string | null = null;
  for (const document of documents) {
    if (!document.receivedOn) {
      return null;
    }
    if (last === null || dayNumber(document.receivedOn) > dayNumber(last)) {
      last = document.receivedOn;
    }
  }
  return last;
}

function deadlineState(kind: DeadlineKind, due: string, metOn: string | null, today: string): DeadlineState {
  if (metOn !== null) {
    return { kind, due, daysLeft: null, met: true, metOn, overdue: false, urgency: 'met' };
  }
  const days = daysLeft(due, today);
  return { kind, due, daysLeft: days, met: false, metOn: null, overdue: days < 0, urgency: urgency(days) };
}

/**
 * Both deadlines of a case on `today`. The interview clock stops when the interview is completed; the
 * documents clock when every missing document is received.
 */
export function caseDeadlines(
  clock: CaseClock,
  today: string
): { interview: DeadlineState; documents: DeadlineState } {
  const due = deadlines(clock);
  return {
    interview: deadlineState('Interview', due.interviewDue, clock.interviewCompletedOn ?? null, today),
    documents: deadlineState(
      'Documents',
      due.documentsDue,
      documentsCompletedOn(clock.missingDocuments),
      today
    )
  };
}

// ----- rule 2: the next step for each pending reason ----------------------------------------------

export interface FollowUpFacts {
  /** Waiting for interview: when it is, already formatted for people (see formatInterview), or ISO. */
  interviewScheduledAt?: string | null;
  /** Missed interview: the benefits office's number (per jurisdiction; San Francisco's by default). */
  officePhone?: string | null;
  /** Missing verification documents: exactly which. */
  missingDocuments?: readonly MissingDocument[];
  /** Ways to send documents (per jurisdiction; San Francisco's by default), preferred first. */
  sendWays?: readonly SendWay[];
  /** Sentences to use instead of the English defaults (the component's custom labels). */
  wording?: Partial<FollowUpWording>;
}

const ISO_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})/;

/**
 * An interview time for people: "Tuesday, April 21, 2015 at 10:30 AM". An ISO text with a zone (Z or
 * an offset) is shown in `timeZone` (the person's; UTC when not given); one without a zone as written.
 * Anything else is returned unchanged.
 */
export function formatInterview(value: string, timeZone?: string, locale = 'en-US'): string {
  const match = ISO_DATE_TIME.exec(value);
  if (!match) {
    return value;
  }
  const text = value.trim();
  const hasZone = /(Z|[+-]\d{2}:?\d{2})$/.test(text);
  const instant = hasZone
    ? new Date(text)
    : new Date(
        Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]), Number(match[4]), Number(match[5]))
      );
  if (Number.isNaN(instant.getTime())) {
    return value;
  }
  const parts = new Intl.DateTimeFormat(locale, {
    weekday: 'long',
    year: 'numeric',
    month: 'long',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    timeZone: hasZone ? (timeZone ?? 'UTC') : 'UTC'
  }).formatToParts(instant);
  const part = (type: Intl.DateTimeFormatPartTypes): string =>
    parts.find((p) => p.type === type)?.value ?? '';
  return `${part('weekday')}, ${part('month')} ${part('day')}, ${part('year')} at ${part('hour')}:${part('minute')} ${part('dayPeriod')}`.trim();
}

/** The documents still missing (not yet received). */
export function outstandingDocuments(documents: readonly MissingDocument[] | undefined): MissingDocument[] {
  return (documents ?? []).filter((document) => !document.receivedOn);
}

/** "by email to …, as a picture by text message to …, by fax to … or by mail to …", in the order given. */
export function sendWaysText(ways: readonly SendWay[], wording?: Partial<FollowUpWording>): string {
  const words = wordingWith(wording);
  const template: Record<SendMethod, string> = {
    Email: words.sendByEmail,
    Text: words.sendByText,
    Fax: words.sendByFax,
    Mail: words.sendByMail
  };
  return joinList(
    ways.map((way) => fill(template[way.method], way.address)),
    words.listOr
  );
}

/** Ways to send documents, preferred first (email, a picture by text, fax, mail), whatever order they come in. */
export function preferredSendWays(ways: readonly SendWay[]): SendWay[] {
  return [...ways].sort((a, b) => SEND_METHODS.indexOf(a.method) - SEND_METHODS.indexOf(b.method));
}

/**
 * Rule 2. What the worker does next and what to tell the client, for each of the wiki's pending reasons:
 * - Waiting for interview: share the scheduled date and time and make sure the client can make it (they
 *   must pick up the phone then); without a date, get it from the eligibility worker first.
 * - Missed interview: the client calls the benefits office to schedule another interview.
 * - Missing verification documents: exactly which, the ones to push back on, and the ways to send them.
 */
export function nextStep(
  reason: PendingReason,
  facts: FollowUpFacts
): { action: string; tellClient: string } {
  const words = wordingWith(facts.wording);
  switch (reason) {
    case 'Waiting for interview': {
      const when = facts.interviewScheduledAt ? formatInterview(facts.interviewScheduledAt) : '';
      if (when === '') {
        return { action: words.interviewUnknownAction, tellClient: words.interviewUnknownTell };
      }
      return {
        action: fill(words.interviewScheduledAction, when),
        tellClient: fill(words.interviewScheduledTell, when)
      };
    }
    case 'Missed interview': {
      const phone = facts.officePhone || SAN_FRANCISCO.officePhone;
      return {
        action: fill(words.missedInterviewAction, phone),
        tellClient: fill(words.missedInterviewTell, phone)
      };
    }
    case 'Missing verification documents': {
      const missing = outstandingDocuments(facts.missingDocuments);
      if (missing.length === 0) {
        return { action: words.documentsUnknownAction, tellClient: words.documentsUnknownTell };
      }
      const names = joinList(
        missing.map((document) => document.name),
        words.listAnd
      );
      const pushBack = missing
        .filter((document) => document.pushBack)
        .map((document) => {
          return document.pushBackReason ? `${document.name} (${document.pushBackReason})` : document.name;
        });
      const action =
        pushBack.length === 0
          ? fill(words.documentsAction, names)
          : fill(words.documentsPushBackAction, names, joinList(pushBack, words.listAnd));
      const ways = preferredSendWays(facts.sendWays ?? SAN_FRANCISCO.sendWays);
      return { action, tellClient: fill(words.documentsTell, names, sendWaysText(ways, facts.wording)) };
    }
    default: {
      const unknown: never = reason;
      throw new Error(`Unknown pending reason "${String(unknown)}"`);
    }
  }
}

// ----- rule 3: contact preferences are a guard --------------------------------------------------

export interface ContactPreferences {
  language: string | null;
  channels: string[];
}

export interface ContactAttempt {
  channel: ContactChannel;
  language: string;
  /** Asking for preferences is the one contact allowed before the client has any. */
  purpose?: string | null;
}

/** Case.Contact_Channels__c (a multi-select picklist, values joined by ';') as a list. */
export function channelsFromPicklist(value: string | null | undefined): string[] {
  return (value ?? '')
    .split(';')
    .map((channel) => channel.trim())
    .filter((channel) => channel !== '');
}

/** Whether the client has recorded both a language and at least one channel. */
export function hasPreferences(prefs: ContactPreferences): boolean {
  return !isBlank(prefs.language) && prefs.channels.some((channel) => !isBlank(channel));
}

/** The channels "Log contact" offers: the client's choices, in the usual order; all of them when they have none yet (to ask). */
export function allowedChannels(prefs: ContactPreferences): ContactChannel[] {
  if (!hasPreferences(prefs)) {
    return [...CONTACT_CHANNELS];
  }
  return CONTACT_CHANNELS.filter((channel) => includesIgnoringCase(prefs.channels, channel));
}

function isBlank(value: string | null | undefined): boolean {
  return value === null || value === undefined || value.trim() === '';
}

function sameWord(a: string, b: string): boolean {
  return a.trim().toLowerCase() === b.trim().toLowerCase();
}

function includesIgnoringCase(values: readonly string[], value: string): boolean {
  return values.some((candidate) => sameWord(candidate, value));
}

/**
 * Rule 3. "Don't contact anyone in a language or channel that they didn't select." An attempt in a channel
 * the client did not select, or in another language than the client's, is refused, and `why` names the
 * client's choices. A client with no recorded language and channels may be contacted only to ask for them
 * (purpose PURPOSE_ASK_PREFERENCES); the Apex guard on Task applies the same rule with the same wording.
 */
export function contactAllowed(
  prefs: { language: string | null; channels: string[] },
  attempt: { channel: 'Phone' | 'Email' | 'Text' | 'Mail'; language: string; purpose?: string | null },
  wording?: Partial<FollowUpWording>
): { allowed: boolean; why: string } {
  const words = wordingWith(wording);
  if (!hasPreferences(prefs)) {
    if (attempt.purpose === PURPOSE_ASK_PREFERENCES) {
      return { allowed: true, why: words.contactAskPreferences };
    }
    return { allowed: false, why: words.contactNoPreferences };
  }
  if (isBlank(attempt.language)) {
    return { allowed: false, why: words.contactLanguageMissing };
  }
  const language = (prefs.language ?? '').trim();
  const chosen = joinList(
    allowedChannels(prefs).map((channel) => channel.toLowerCase()),
    words.listOr
  );
  const channelOk = includesIgnoringCase(prefs.channels, attempt.channel);
  const languageOk = sameWord(language, attempt.language);
  if (channelOk && languageOk) {
    return { allowed: true, why: fill(words.contactAllowed, chosen, language) };
  }
  if (!channelOk && !languageOk) {
    return {
      allowed: false,
      why: fill(words.contactRefusedBoth, attempt.channel.toLowerCase(), attempt.language, chosen, language)
    };
  }
  if (!channelOk) {
    return {
      allowed: false,
      why: fill(words.contactRefusedChannel, attempt.channel.toLowerCase(), chosen, language)
    };
  }
  return { allowed: false, why: fill(words.contactRefusedLanguage, attempt.language, chosen, language) };
}

// ----- rule 4: reminders --------------------------------------------------------------------------

/**
 * Rule 4. The days on which the case owner gets a reminder for a deadline: `daysBefore` days before it
 * (default 7 and 2), then the day after it for the missed-deadline notice. Ascending, without repeats.
 */
export function reminderDates(
  due: string,
  daysBefore: number[] = [...DEFAULT_REMINDER_DAYS_BEFORE]
): string[] {
  const offsets = new Set<number>(daysBefore.map((days) => -checkDays(days, 'Reminder days before')));
  offsets.add(1);
  return [...offsets].sort((a, b) => a - b).map((offset) => addDays(due, offset));
}

/** The reminder a daily run on `today` owes for one deadline, or null. */
export interface ReminderDue {
  kind: DeadlineKind;
  due: string;
  /** The reminder date it stands for (today, or the latest one a failed run missed). */
  on: string;
  missed: boolean;
  /** The idempotency key: never two reminders for the same case, deadline and day. */
  key: string;
}

/** Task.Reminder_Key__c: case, deadline and reminder day. */
export function reminderKey(caseId: string, kind: DeadlineKind, on: string): string {
  return `${caseId}:${kind}:${on}`;
}

/**
 * The reminders a daily run on `today` owes a case: for each running deadline, the latest reminder date on
 * or before today, unless a task with that key already exists (`existingKeys`). A run after a missed day
 * catches up with the latest reminder only. Same rule as FollowUpReminderService.remindersDue in Apex.
 */
export function remindersDue(
  caseId: string,
  clock: CaseClock,
  today: string,
  existingKeys: ReadonlySet<string> = new Set(),
  daysBefore: number[] = [...DEFAULT_REMINDER_DAYS_BEFORE]
): ReminderDue[] {
  const states = caseDeadlines(clock, today);
  const owed: ReminderDue[] = [];
  for (const state of [states.interview, states.documents]) {
    if (state.met) {
      continue;
    }
    const dates = reminderDates(state.due, daysBefore).filter((date) => daysLeft(date, today) <= 0);
    const on = dates[dates.length - 1];
    if (on === undefined) {
      continue;
    }
    const key = reminderKey(caseId, state.kind, on);
    if (!existingKeys.has(key)) {
      owed.push({ kind: state.kind, due: state.due, on, missed: daysLeft(state.due, on) < 0, key });
    }
  }
  return owed;
}

// ----- rule 5: escalations -------------------------------------------------------------------------

export interface Escalation {
  category: string;
  /** yyyy-mm-dd */
  date: string;
}

/**
 * The escalations that count for E3 on `today`, by category: those in the last `windowDays` days (today
 * and the days before it; an escalation exactly `windowDays` days ago has left the window), in categories
 * escalated `threshold` times or more.
 */
export function repeatIssueEscalations<T extends Escalation>(
  escalations: readonly T[],
  today: string,
  threshold: number = DEFAULT_REPEAT_THRESHOLD,
  windowDays: number = DEFAULT_REPEAT_WINDOW_DAYS
): Map<string, T[]> {
  const byCategory = new Map<string, T[]>();
  for (const escalation of escalations) {
    if (isBlank(escalation.category)) {
      continue;
    }
    const age = daysLeft(today, escalation.date);
    if (age < 0 || age >= windowDays) {
      continue;
    }
    const category = escalation.category.trim();
    byCategory.set(category, [...(byCategory.get(category) ?? []), escalation]);
  }
  for (const [category, list] of [...byCategory]) {
    if (list.length < threshold) {
      byCategory.delete(category);
    }
  }
  return byCategory;
}

/**
 * Rule 5. The issue categories that call for the policy tier (E3, "repeat, training, or policy issues"):
 * escalated `threshold` (3) times or more within `windowDays` (30) days. Most escalated first, then by name.
 */
export function repeatIssue(
  escalations: { category: string; date: string }[],
  today: string,
  threshold?: number,
  windowDays?: number
): string[] {
  const counted = repeatIssueEscalations(escalations, today, threshold, windowDays);
  return [...counted.keys()].sort(
    (a, b) => (counted.get(b)?.length ?? 0) - (counted.get(a)?.length ?? 0) || a.localeCompare(b)
  );
}

/** What the E2 email to the partner agency carries (the wiki's list). */
export interface PartnerEmailFacts {
  firstName: string;
  caseNumber: string;
  applicationDate: string | null;
  issue: string;
  suggestedNextStep: string;
}

/** The E2 email to the partner agency: "first name, case number, app date, issue description, suggested next step". */
export function partnerEmail(
  facts: PartnerEmailFacts,
  wording?: Partial<FollowUpWording>
): { subject: string; body: string } {
  const words = wordingWith(wording);
  return {
    subject: fill(words.partnerEmailSubject, facts.caseNumber, facts.firstName, facts.issue).slice(0, 255),
    body: fill(
      words.partnerEmailBody,
      facts.firstName,
      facts.caseNumber,
      facts.applicationDate ?? words.partnerEmailNoDate,
      facts.issue,
      facts.suggestedNextStep
    )
  };
}
