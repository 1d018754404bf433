/**
 * Case record page card for client follow-up (the case follow-up wiki): the interview and verification
 * documents deadlines with days left, coloured by urgency; the pending reason and the next step in plain
 * words; the missing documents with the ways to send them; the client's language and channels; and
 * "Log contact", which offers only the channels the client chose. The server guards the same rule (a
 * trigger on Task), and its refusal is shown when something slips through (preferences changed meanwhile).
 */
import { LightningElement, api } from 'lwc';
import getFollowUpView from '@salesforce/apex/FollowUpController.getFollowUpView';
import logContact from '@salesforce/apex/FollowUpController.logContact';
import logPartnerEmail from '@salesforce/apex/FollowUpController.logPartnerEmail';
import {
  CONTACT_OUTCOMES,
  PURPOSE_ASK_PREFERENCES,
  PURPOSE_FOLLOW_UP,
  allowedChannels,
  caseDeadlines,
  formatInterview,
  hasPreferences,
  joinList,
  nextStep,
  partnerEmail,
  preferredSendWays,
  PENDING_REASONS
} from 'c/followUpRules';
import type { DeadlineState, PendingReason } from 'c/followUpRules';
import { formatLabel } from 'c/labelFormat';
import { LABELS, WORDING } from './labels';
import type { FollowUpView } from './caseFollowUpTypes';

interface Option {
  label: string;
  value: string;
}

interface DeadlineTile {
  key: string;
  heading: string;
  due: string;
  status: string;
  badgeClass: string;
}

/** Case.Escalation_Tier__c of E2, whose email to the partner agency the card drafts. */
const PARTNER_AGENCY_TIER = 'Partner Agency';

const LANGUAGES = ['English', 'Spanish', 'Portuguese', 'Haitian Creole', 'Chinese', 'Vietnamese'];

const BADGE_CLASS: Record<DeadlineState['urgency'], string> = {
  met: 'slds-badge slds-badge_lightest',
  'on-track': 'slds-badge slds-theme_success',
  soon: 'slds-badge slds-theme_warning',
  urgent: 'slds-badge slds-theme_error',
  overdue: 'slds-badge slds-theme_error'
};

function errorText(error: unknown): string {
  const body = (error as { body?: { message?: unknown } } | null)?.body;
  if (body && typeof body.message === 'string' && body.message !== '') {
    return body.message;
  }
  if (error instanceof Error && error.message !== '') {
    return error.message;
  }
  return LABELS.unknownError;
}

function browserTimeZone(): string | undefined {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone;
  } catch {
    return undefined;
  }
}

export default class CaseFollowUp extends LightningElement {
  @api recordId!: string;

  labels = LABELS;
  view: FollowUpView | null = null;
  isLoading = true;
  loadError: string | null = null;
  channel: string | null = null;
  language: string | null = null;
  outcome: string | null = null;
  note: string | null = null;
  isSaving = false;
  refusal: string | null = null;
  confirmation: string | null = null;
  partnerEmailLogged = false;
  partnerEmailError: string | null = null;

  override connectedCallback(): void {
    this.load().catch(() => undefined);
  }

  async load(): Promise<void> {
    this.isLoading = true;
    try {
      this.view = await getFollowUpView({ caseId: this.recordId });
      this.loadError = null;
      this.resetForm();
    } catch (error) {
      this.loadError = formatLabel(LABELS.loadError, errorText(error));
    } finally {
      this.isLoading = false;
    }
  }

  resetForm(): void {
    const channels = this.channelValues;
    this.channel = channels.length === 1 ? channels[0] : null;
    this.language = this.view?.contactLanguage ?? null;
    this.outcome = null;
    this.note = null;
  }

  // ----- deadlines -----

  get hasApplicationDate(): boolean {
    return Boolean(this.view?.applicationDate);
  }

  get appliedOn(): string {
    const view = this.view;
    if (!view?.applicationDate) {
      return '';
    }
    return formatLabel(LABELS.appliedOn, view.applicationDate, view.jurisdiction.name ?? '');
  }

  get deadlineTiles(): DeadlineTile[] {
    const view = this.view;
    if (!view?.applicationDate) {
      return [];
    }
    const states = caseDeadlines(
      {
        applicationDate: view.applicationDate,
        interviewDays: view.jurisdiction.interviewDays,
        documentsDays: view.jurisdiction.documentsDays,
        interviewCompletedOn: view.interviewCompletedOn,
        missingDocuments: view.missingDocuments
      },
      view.today
    );
    return [
      this.tile(states.interview, LABELS.interviewDue, LABELS.interviewCompleted),
      this.tile(states.documents, LABELS.documentsDue, LABELS.documentsReceived)
    ];
  }

  tile(state: DeadlineState, heading: string, metLabel: string): DeadlineTile {
    let status: string;
    if (state.met) {
      status = formatLabel(metLabel, state.metOn ?? '');
    } else {
      const days = state.daysLeft ?? 0;
      if (days === 0) {
        status = LABELS.dueToday;
      } else if (days === 1) {
        status = LABELS.oneDayLeft;
      } else if (days > 1) {
        status = formatLabel(LABELS.daysLeft, days);
      } else if (days === -1) {
        status = LABELS.oneDayOverdue;
      } else {
        status = formatLabel(LABELS.daysOverdue, -days);
      }
    }
    return {
      key: state.kind,
      heading,
      due: state.due,
      status,
      badgeClass: `${BADGE_CLASS[state.urgency]} deadline-${state.urgency}`
    };
  }

  // ----- pending reason and next step -----

  get pendingReason(): PendingReason | null {
    const reason = this.view?.pendingReason ?? null;
    return (PENDING_REASONS as readonly string[]).includes(reason ?? '') ? (reason as PendingReason) : null;
  }

  get pendingText(): string {
    return this.pendingReason ? formatLabel(LABELS.pendingReason, this.pendingReason) : LABELS.notPending;
  }

  get step(): { action: string; tellClient: string } | null {
    const view = this.view;
    const reason = this.pendingReason;
    if (!view || !reason) {
      return null;
    }
    return nextStep(reason, {
      interviewScheduledAt: view.interviewScheduledAt
        ? formatInterview(view.interviewScheduledAt, browserTimeZone())
        : null,
      officePhone: view.jurisdiction.officePhone,
      missingDocuments: view.missingDocuments,
      sendWays: view.jurisdiction.sendWays,
      wording: WORDING
    });
  }

  // ----- missing documents -----

  get hasDocuments(): boolean {
    return (this.view?.missingDocuments.length ?? 0) > 0;
  }

  get documents(): {
    id: string;
    name: string;
    status: string;
    statusClass: string;
    pushBack: string | null;
  }[] {
    return (this.view?.missingDocuments ?? []).map((document) => ({
      id: document.id,
      name: document.name,
      status: document.receivedOn ? formatLabel(LABELS.receivedOn, document.receivedOn) : LABELS.stillMissing,
      statusClass: `slds-var-m-left_x-small ${document.receivedOn ? 'slds-text-color_success' : 'slds-text-color_error'}`,
      pushBack: CaseFollowUp.pushBackText(document.pushBack, document.pushBackReason)
    }));
  }

  static pushBackText(pushBack: boolean, reason: string | null): string | null {
    if (!pushBack) {
      return null;
    }
    return reason ? formatLabel(LABELS.pushBack, reason) : LABELS.pushBackNoReason;
  }

  get sendWays(): { key: string; method: string; address: string }[] {
    const names: Record<string, string> = {
      Email: LABELS.methodEmail,
      Text: LABELS.methodText,
      Fax: LABELS.methodFax,
      Mail: LABELS.methodMail
    };
    return preferredSendWays(this.view?.jurisdiction.sendWays ?? []).map((way) => ({
      key: way.method,
      method: names[way.method] ?? way.method,
      address: way.address
    }));
  }

  // ----- client and office -----

  get preferences(): { language: string | null; channels: string[] } {
    return { language: this.view?.contactLanguage ?? null, channels: this.view?.contactChannels ?? [] };
  }

  get hasPreferences(): boolean {
    return hasPreferences(this.preferences);
  }

  get clientChoices(): string {
    const prefs = this.preferences;
    return formatLabel(
      LABELS.clientChoices,
      prefs.language ?? '',
      joinList(
        allowedChannels(prefs).map((channel) => channel.toLowerCase()),
        WORDING.listOr
      )
    );
  }

  get releaseText(): string {
    return this.view?.releaseOfInformation ? LABELS.releaseOnFile : LABELS.releaseMissing;
  }

  get eligibilityWorkerText(): string | null {
    return this.view?.eligibilityWorker
      ? formatLabel(LABELS.eligibilityWorker, this.view.eligibilityWorker)
      : null;
  }

  get officePhoneText(): string | null {
    return this.view?.jurisdiction.officePhone
      ? formatLabel(LABELS.officePhone, this.view.jurisdiction.officePhone)
      : null;
  }

  get policySuggestionText(): string | null {
    const suggestion = this.view?.policySuggestion;
    if (!suggestion) {
      return null;
    }
    return formatLabel(
      LABELS.policySuggestion,
      suggestion.category,
      suggestion.escalations,
      suggestion.windowDays
    );
  }

  get policyCasesText(): string | null {
    const cases = this.view?.policySuggestion?.cases ?? [];
    return cases.length === 0
      ? null
      : formatLabel(LABELS.policyCases, cases.map((row) => row.caseNumber).join(', '));
  }

  // ----- E2: the email to the partner agency -----

  get partnerEmailDraft(): { subject: string; body: string } | null {
    const view = this.view;
    if (!view || view.escalationTier !== PARTNER_AGENCY_TIER) {
      return null;
    }
    return partnerEmail(
      {
        firstName: view.clientFirstName ?? '',
        caseNumber: view.caseNumber,
        applicationDate: view.applicationDate,
        issue: view.escalationReason ?? this.pendingText,
        suggestedNextStep: this.step?.action ?? ''
      },
      WORDING
    );
  }

  async handleLogPartnerEmail(): Promise<void> {
    const draft = this.partnerEmailDraft;
    if (!this.view || !draft) {
      return;
    }
    this.partnerEmailError = null;
    try {
      await logPartnerEmail({ caseId: this.view.caseId, subject: draft.subject, body: draft.body });
      this.partnerEmailLogged = true;
    } catch (error) {
      this.partnerEmailError = errorText(error);
    }
  }

  // ----- Log contact -----

  get channelValues(): string[] {
    return allowedChannels(this.preferences);
  }

  get channelOptions(): Option[] {
    return this.channelValues.map((channel) => ({ label: channel, value: channel }));
  }

  get languageOptions(): Option[] {
    const language = this.view?.contactLanguage;
    const languages = this.hasPreferences && language ? [language] : LANGUAGES;
    return languages.map((value) => ({ label: value, value }));
  }

  get outcomeOptions(): Option[] {
    return CONTACT_OUTCOMES.map((value) => ({ label: value, value }));
  }

  get askingForPreferences(): boolean {
    return !this.hasPreferences;
  }

  get purpose(): string {
    return this.hasPreferences ? PURPOSE_FOLLOW_UP : PURPOSE_ASK_PREFERENCES;
  }

  get logDisabled(): boolean {
    return this.isSaving || !this.channel || !this.language || !this.outcome;
  }

  get contacts(): { id: string; subject: string; detail: string }[] {
    return (this.view?.recentContacts ?? []).map((contact) => ({
      id: contact.id,
      subject: contact.subject,
      detail: [contact.language, contact.loggedAt.slice(0, 10)].filter(Boolean).join(' · ')
    }));
  }

  get hasContacts(): boolean {
    return this.contacts.length > 0;
  }

  handleChannel(event: CustomEvent<{ value: string }>): void {
    this.channel = event.detail.value;
    this.refusal = null;
  }

  handleLanguage(event: CustomEvent<{ value: string }>): void {
    this.language = event.detail.value;
    this.refusal = null;
  }

  handleOutcome(event: CustomEvent<{ value: string }>): void {
    this.outcome = event.detail.value;
  }

  handleNote(event: CustomEvent<{ value: string }>): void {
    this.note = event.detail.value;
  }

  async handleLogContact(): Promise<void> {
    if (!this.view || !this.channel || !this.outcome) {
      return;
    }
    this.isSaving = true;
    this.refusal = null;
    this.confirmation = null;
    try {
      await logContact({
        caseId: this.view.caseId,
        channel: this.channel,
        language: this.language,
        outcome: this.outcome,
        purpose: this.purpose,
        note: this.note
      });
      await this.load();
      this.confirmation = LABELS.contactLogged;
    } catch (error) {
      this.refusal = errorText(error);
    } finally {
      this.isSaving = false;
    }
  }
}
