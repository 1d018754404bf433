/**
 * Rules for kickbacks, appeal reviews and escalations on a case, shared by the caseKickback
 * component and its tests. CaseKickbackController applies the same rules again on the server and
 * answers with the same messages, so a person sees one wording whichever side refuses the input.
 * The text comes from custom labels (labels/CustomLabels.labels-meta.xml).
 */
import CaseKickback_WorkerRequired from '@salesforce/label/c.CaseKickback_WorkerRequired';
import CaseKickback_TargetIsOwner from '@salesforce/label/c.CaseKickback_TargetIsOwner';
import CaseKickback_ReasonRequired from '@salesforce/label/c.CaseKickback_ReasonRequired';
import CaseKickback_DetailsRequired from '@salesforce/label/c.CaseKickback_DetailsRequired';
import CaseKickback_DueDateRequired from '@salesforce/label/c.CaseKickback_DueDateRequired';
import CaseKickback_DueDatePast from '@salesforce/label/c.CaseKickback_DueDatePast';
import CaseKickback_ReviewerRequired from '@salesforce/label/c.CaseKickback_ReviewerRequired';
import CaseKickback_AppealReasonRequired from '@salesforce/label/c.CaseKickback_AppealReasonRequired';
import CaseKickback_TierRequired from '@salesforce/label/c.CaseKickback_TierRequired';
import CaseKickback_EscalationReasonRequired from '@salesforce/label/c.CaseKickback_EscalationReasonRequired';
import CaseKickback_OutcomeRequired from '@salesforce/label/c.CaseKickback_OutcomeRequired';
import CaseKickback_FollowUpsAfterOneDay from '@salesforce/label/c.CaseKickback_FollowUpsAfterOneDay';
import CaseKickback_FollowUpsAfterDays from '@salesforce/label/c.CaseKickback_FollowUpsAfterDays';
import CaseKickback_ListAnd from '@salesforce/label/c.CaseKickback_ListAnd';
import CaseKickback_UnknownError from '@salesforce/label/c.CaseKickback_UnknownError';
import { formatLabel } from 'c/labelFormat';

/** Task.Work_Type__c values this feature creates and lists. */
export const WORK_TYPE_REWORK = 'Kickback Rework';
export const WORK_TYPE_APPEAL = 'Appeal Review';
export const WORK_TYPE_FOLLOW_UP = 'Follow-up';
export const WORK_TYPES = [WORK_TYPE_REWORK, WORK_TYPE_APPEAL, WORK_TYPE_FOLLOW_UP] as const;
export type WorkType = (typeof WORK_TYPES)[number];

/** Task.Outcome__c values a reviewer may record when completing an appeal review. */
export const APPEAL_OUTCOMES = ['Upheld', 'Overturned'] as const;
export type AppealOutcome = (typeof APPEAL_OUTCOMES)[number];
export const REWORK_OUTCOME = 'Reworked';

/** Why a case goes back to a prior worker; 'Other' needs the details text. */
export const KICKBACK_REASONS = [
  'Missing or incorrect documents',
  'Eligibility determination needs correction',
  'Payment details need correction',
  'Client contact not attempted',
  'Other'
] as const;
export const OTHER_REASON = 'Other';

/** The wording a person reads when input is refused: custom labels CaseKickbackController reads too. */
export const MESSAGES = {
  workerRequired: CaseKickback_WorkerRequired,
  targetIsOwner: CaseKickback_TargetIsOwner,
  reasonRequired: CaseKickback_ReasonRequired,
  detailsRequiredForOther: CaseKickback_DetailsRequired,
  dueDateRequired: CaseKickback_DueDateRequired,
  dueDatePast: CaseKickback_DueDatePast,
  reviewerRequired: CaseKickback_ReviewerRequired,
  appealReasonRequired: CaseKickback_AppealReasonRequired,
  tierRequired: CaseKickback_TierRequired,
  escalationReasonRequired: CaseKickback_EscalationReasonRequired,
  outcomeRequired: CaseKickback_OutcomeRequired
} as const;

export type FieldName = 'worker' | 'reviewer' | 'tier' | 'reason' | 'details' | 'dueDate' | 'outcome';

export interface ValidationError {
  field: FieldName;
  message: string;
}

/** A person who owned the case in an earlier step (from the case's Owner / Processing_Step__c history). */
export interface PriorWorker {
  userId: string;
  name: string;
  steps: string[];
}

/** A person holding the Appeals skill. */
export interface AppealReviewer {
  userId: string;
  name: string;
}

/** One Escalation_Tier__mdt record as the controller returns it. */
export interface EscalationTier {
  developerName: string;
  tierName: string;
  reviewerDescription: string | null;
  reviewCadence: string | null;
  followUpOffsets: number[];
  createsFollowUps: boolean;
  sortOrder: number;
}

/** A kickback, appeal or follow-up task on the case. Dates are ISO yyyy-mm-dd. */
export interface CaseTask {
  id: string;
  subject: string;
  workType: WorkType;
  ownerId: string;
  ownerName: string;
  assignedByName: string | null;
  dueDate: string | null;
  status: string;
  isClosed: boolean;
  outcome: string | null;
  outcomeNote: string | null;
  raisedInStep: string | null;
}

/** What the component shows for a case. */
export interface KickbackView {
  caseId: string;
  caseNumber: string;
  ownerId: string;
  ownerName: string;
  processingStep: string | null;
  escalated: boolean;
  escalationTier: string | null;
  priority: string | null;
  appealOutcome: string | null;
  /** The person looking at the case: they may complete the tasks assigned to them here. */
  currentUserId: string;
  tasks: CaseTask[];
}

export interface ReworkInput {
  workerId: string | null;
  caseOwnerId: string;
  reason: string | null;
  details: string | null;
  dueDate: string | null;
}

export interface AppealInput {
  reviewerId: string | null;
  reason: string | null;
  dueDate: string | null;
}

export interface EscalationInput {
  tier: string | null;
  reason: string | null;
}

function isBlank(value: string | null | undefined): boolean {
  return value === null || value === undefined || value.trim() === '';
}

/** Today as yyyy-mm-dd in the person's own time zone (what a date input shows). */
export function todayIso(now: Date = new Date()): string {
  const month = String(now.getMonth() + 1).padStart(2, '0');
  const day = String(now.getDate()).padStart(2, '0');
  return `${now.getFullYear()}-${month}-${day}`;
}

/** yyyy-mm-dd plus a number of days, without time-zone drift. */
export function addDays(isoDate: string, days: number): string {
  const [year, month, day] = isoDate.split('-').map(Number);
  const date = new Date(Date.UTC(year, month - 1, day + days));
  return date.toISOString().slice(0, 10);
}

function dueDateErrors(dueDate: string | null, today: string): ValidationError[] {
  if (isBlank(dueDate)) return [{ field: 'dueDate', message: MESSAGES.dueDateRequired }];
  // ISO dates compare correctly as strings
  if ((dueDate as string) < today) return [{ field: 'dueDate', message: MESSAGES.dueDatePast }];
  return [];
}

/** Every reason the rework request would be refused; empty when it may be sent. */
export function validateRework(input: ReworkInput, today: string = todayIso()): ValidationError[] {
  const errors: ValidationError[] = [];
  if (isBlank(input.workerId)) errors.push({ field: 'worker', message: MESSAGES.workerRequired });
  else if (input.workerId === input.caseOwnerId)
    errors.push({ field: 'worker', message: MESSAGES.targetIsOwner });
  if (isBlank(input.reason)) errors.push({ field: 'reason', message: MESSAGES.reasonRequired });
  else if (input.reason === OTHER_REASON && isBlank(input.details))
    errors.push({ field: 'details', message: MESSAGES.detailsRequiredForOther });
  return errors.concat(dueDateErrors(input.dueDate, today));
}

/** Every reason the appeal review request would be refused; empty when it may be sent. */
export function validateAppeal(input: AppealInput, today: string = todayIso()): ValidationError[] {
  const errors: ValidationError[] = [];
  if (isBlank(input.reviewerId)) errors.push({ field: 'reviewer', message: MESSAGES.reviewerRequired });
  if (isBlank(input.reason)) errors.push({ field: 'reason', message: MESSAGES.appealReasonRequired });
  return errors.concat(dueDateErrors(input.dueDate, today));
}

/** Every reason the escalation would be refused; empty when it may be saved. */
export function validateEscalation(input: EscalationInput): ValidationError[] {
  const errors: ValidationError[] = [];
  if (isBlank(input.tier)) errors.push({ field: 'tier', message: MESSAGES.tierRequired });
  if (isBlank(input.reason)) errors.push({ field: 'reason', message: MESSAGES.escalationReasonRequired });
  return errors;
}

/** An appeal review is completed only with Upheld or Overturned. */
export function validateAppealOutcome(outcome: string | null): ValidationError[] {
  return (APPEAL_OUTCOMES as readonly string[]).includes(outcome ?? '')
    ? []
    : [{ field: 'outcome', message: MESSAGES.outcomeRequired }];
}

/** "Maria Lopez (Chaser, Case Manager)": the step(s) tell the person who did what. */
export function priorWorkerLabel(worker: PriorWorker): string {
  return worker.steps.length > 0 ? `${worker.name} (${worker.steps.join(', ')})` : worker.name;
}

/** "Follow-ups after 3 and 7 days", or null when the tier creates none. */
export function followUpSummary(tier: EscalationTier): string | null {
  if (!tier.createsFollowUps || tier.followUpOffsets.length === 0) return null;
  const days = tier.followUpOffsets.map(String);
  if (days.length === 1 && days[0] === '1') return CaseKickback_FollowUpsAfterOneDay;
  const list =
    days.length === 1
      ? days[0]
      : formatLabel(CaseKickback_ListAnd, days.slice(0, -1).join(', '), days[days.length - 1]);
  return formatLabel(CaseKickback_FollowUpsAfterDays, list);
}

/** One line a person can read when choosing a tier: who reviews, how often, follow-ups. */
export function tierDescription(tier: EscalationTier): string {
  return [tier.reviewerDescription, tier.reviewCadence, followUpSummary(tier)]
    .filter((part): part is string => !isBlank(part))
    .join('. ');
}

/** Due dates of the follow-up tasks a tier creates when a case is escalated today. */
export function followUpDueDates(tier: EscalationTier, today: string = todayIso()): string[] {
  if (!tier.createsFollowUps) return [];
  return tier.followUpOffsets.map((days) => addDays(today, days));
}

/** Open tasks first (soonest due first), then closed ones, most recent due date first. */
export function sortTasks(tasks: readonly CaseTask[]): CaseTask[] {
  const byDue = (a: CaseTask, b: CaseTask): number =>
    (a.dueDate ?? '9999-12-31').localeCompare(b.dueDate ?? '9999-12-31');
  const open = tasks.filter((task) => !task.isClosed).sort(byDue);
  const closed = tasks.filter((task) => task.isClosed).sort((a, b) => byDue(b, a));
  return open.concat(closed);
}

/** True when the task is due before today and still open. */
export function isOverdue(task: CaseTask, today: string = todayIso()): boolean {
  return !task.isClosed && task.dueDate !== null && task.dueDate < today;
}

/** The message a failed Apex call carries, for a person to read. */
export function errorMessage(error: unknown): string {
  const body = (error as { body?: unknown } | null)?.body;
  if (Array.isArray(body)) {
    const messages = body.map((item: { message?: string }) => item?.message).filter(Boolean);
    if (messages.length > 0) return messages.join(' ');
  }
  const bodyMessage = (body as { message?: string } | undefined)?.message;
  if (bodyMessage) return bodyMessage;
  const pageErrors = (body as { pageErrors?: { message: string }[] } | undefined)?.pageErrors;
  if (pageErrors && pageErrors.length > 0) return pageErrors.map((e) => e.message).join(' ');
  if (error instanceof Error && error.message) return error.message;
  return CaseKickback_UnknownError;
}
