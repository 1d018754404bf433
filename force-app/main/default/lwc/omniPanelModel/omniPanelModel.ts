/**
 * Decisions behind the Omni panel: presence warnings, offer ages and the overdue threshold, the
 * order of "My work", capacity against the configured limit, and the supervisor's team load.
 *
 * The component only renders what these functions return, so every rule a person would notice is
 * tested here as a plain function. The text a person reads comes from custom labels
 * (labels/CustomLabels.labels-meta.xml).
 */
import OmniPanel_AwaitingAssignmentText from '@salesforce/label/c.OmniPanel_AwaitingAssignmentText';
import OmniPanel_SortOldestFirst from '@salesforce/label/c.OmniPanel_SortOldestFirst';
import OmniPanel_SortNewestFirst from '@salesforce/label/c.OmniPanel_SortNewestFirst';
import OmniPanel_SortPriority from '@salesforce/label/c.OmniPanel_SortPriority';
import OmniPanel_SortStep from '@salesforce/label/c.OmniPanel_SortStep';
import OmniPanel_AgeSeconds from '@salesforce/label/c.OmniPanel_AgeSeconds';
import OmniPanel_AgeMinutes from '@salesforce/label/c.OmniPanel_AgeMinutes';
import OmniPanel_AgeHours from '@salesforce/label/c.OmniPanel_AgeHours';
import OmniPanel_AgeHoursMinutes from '@salesforce/label/c.OmniPanel_AgeHoursMinutes';
import OmniPanel_AgeDays from '@salesforce/label/c.OmniPanel_AgeDays';
import OmniPanel_AgeDaysHours from '@salesforce/label/c.OmniPanel_AgeDaysHours';
import OmniPanel_PresenceOffline from '@salesforce/label/c.OmniPanel_PresenceOffline';
import OmniPanel_PresenceOnline from '@salesforce/label/c.OmniPanel_PresenceOnline';
import OmniPanel_OfflineMessage from '@salesforce/label/c.OmniPanel_OfflineMessage';
import OmniPanel_AvailableMessage from '@salesforce/label/c.OmniPanel_AvailableMessage';
import OmniPanel_AwayMessage from '@salesforce/label/c.OmniPanel_AwayMessage';
import OmniPanel_BadgeUrgent from '@salesforce/label/c.OmniPanel_BadgeUrgent';
import OmniPanel_BadgeHigh from '@salesforce/label/c.OmniPanel_BadgeHigh';
import OmniPanel_BadgeEscalated from '@salesforce/label/c.OmniPanel_BadgeEscalated';
import OmniPanel_BadgeEscalatedToTier from '@salesforce/label/c.OmniPanel_BadgeEscalatedToTier';
import OmniPanel_BadgeLifeThreatening from '@salesforce/label/c.OmniPanel_BadgeLifeThreatening';
import OmniPanel_BadgeEmergency from '@salesforce/label/c.OmniPanel_BadgeEmergency';
import OmniPanel_CrisisTimeLeft from '@salesforce/label/c.OmniPanel_CrisisTimeLeft';
import OmniPanel_CrisisOverdue from '@salesforce/label/c.OmniPanel_CrisisOverdue';
import OmniPanel_CaseFallback from '@salesforce/label/c.OmniPanel_CaseFallback';
import OmniPanel_CaseNumber from '@salesforce/label/c.OmniPanel_CaseNumber';
import OmniPanel_UnknownClient from '@salesforce/label/c.OmniPanel_UnknownClient';
import OmniPanel_RoomForOne from '@salesforce/label/c.OmniPanel_RoomForOne';
import OmniPanel_RoomForMany from '@salesforce/label/c.OmniPanel_RoomForMany';
import OmniPanel_CaseloadFull from '@salesforce/label/c.OmniPanel_CaseloadFull';
import OmniPanel_NearlyFullOne from '@salesforce/label/c.OmniPanel_NearlyFullOne';
import OmniPanel_NearlyFullMany from '@salesforce/label/c.OmniPanel_NearlyFullMany';
import OmniPanel_CapacityLabel from '@salesforce/label/c.OmniPanel_CapacityLabel';
import OmniPanel_TeamLoad from '@salesforce/label/c.OmniPanel_TeamLoad';
import OmniPanel_AwaitingNotFound from '@salesforce/label/c.OmniPanel_AwaitingNotFound';
import OmniPanel_NoCasesWaiting from '@salesforce/label/c.OmniPanel_NoCasesWaiting';
import OmniPanel_OneCaseWaiting from '@salesforce/label/c.OmniPanel_OneCaseWaiting';
import OmniPanel_CasesWaiting from '@salesforce/label/c.OmniPanel_CasesWaiting';
import OmniPanel_UnnamedUser from '@salesforce/label/c.OmniPanel_UnnamedUser';
import OmniPanel_UnknownError from '@salesforce/label/c.OmniPanel_UnknownError';
import { formatLabel } from 'c/labelFormat';
import { dueSoon, levelFromValue, timeLeftMs } from 'c/crisisRules';

/** Offers waiting longer than this stand out. Staff are expected to accept punctually, well inside the routing push time-out. */
export const DEFAULT_OVERDUE_MINUTES = 2;
/** The deck's limit: Omni offers new cases only to staff with fewer than 100 accepted and offered cases. */
export const DEFAULT_CAPACITY = 100;
/** Presence status that receives case offers (the deck's "Available - Case"). */
export const DEFAULT_AVAILABLE_STATUS = 'Available_Case';
/** Modest background refresh; toolkit events refresh immediately. */
export const DEFAULT_REFRESH_SECONDS = 60;
/** Capacity share at which the panel starts warning that the caseload is nearly full. */
export const NEAR_FULL_SHARE = 0.9;

export const AWAITING_ASSIGNMENT_TEXT = OmniPanel_AwaitingAssignmentText;

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

// ---------------------------------------------------------------------------------------------
// Shapes returned by OmniPanelController.getPanelData (Apex)
// ---------------------------------------------------------------------------------------------

export type WorkStatus = 'Assigned' | 'Opened';

export interface PanelWork {
  workId: string;
  workItemId: string;
  status: WorkStatus;
  caseNumber: string | null;
  clientName: string | null;
  program: string | null;
  step: string | null;
  priority: string | null;
  escalated: boolean;
  escalationTier: string | null;
  emergencyLevel: string | null;
  /** EAP crisis: when the response is due (18/48 hours after the request), or null when not on the clock. */
  crisisResponseDue: string | null;
  assignedAt: string | null;
  acceptedAt: string | null;
  caseCreatedAt: string | null;
  capacityWeight: number | null;
}

export interface PanelPresence {
  online: boolean;
  statusId: string | null;
  statusApiName: string | null;
  statusName: string | null;
  configuredCapacity: number | null;
}

export interface TeamMember {
  userId: string;
  name: string;
  online: boolean;
  statusApiName: string | null;
  statusName: string | null;
  accepted: number;
  offered: number;
  capacityUsed: number;
  configuredCapacity: number | null;
  oldestOfferAt: string | null;
}

export interface AwaitingQueue {
  found: boolean;
  size: number;
  oldestCaseId: string | null;
  oldestCaseNumber: string | null;
  oldestCreatedAt: string | null;
}

export interface PanelData {
  userId: string | null;
  presence: PanelPresence;
  availableStatusId: string | null;
  works: PanelWork[];
  supervisor: boolean;
  team: TeamMember[];
  awaiting: AwaitingQueue | null;
}

// ---------------------------------------------------------------------------------------------
// What the panel renders
// ---------------------------------------------------------------------------------------------

export interface Badge {
  key: string;
  label: string;
  /** SLDS theme class for lightning-badge */
  className: string;
}

export interface WorkRow {
  workId: string;
  workItemId: string;
  caseNumber: string;
  clientName: string;
  program: string;
  step: string;
  badges: Badge[];
  hasBadges: boolean;
  ageMs: number;
  ageLabel: string;
  overdue: boolean;
  rowClass: string;
  ariaLabel: string;
  /** EAP crisis clock: shown when the case has a response due time. */
  hasCrisisClock: boolean;
  crisisLabel: string;
  /** Under two hours left (or overdue): the panel flags it. */
  crisisDueSoon: boolean;
  crisisClass: string;
}

export type PresenceKind = 'offline' | 'away' | 'available';

export interface PresenceView {
  kind: PresenceKind;
  label: string;
  warning: boolean;
  message: string;
}

export interface CapacityView {
  accepted: number;
  offered: number;
  used: number;
  capacity: number;
  percent: number;
  full: boolean;
  nearFull: boolean;
  label: string;
  message: string;
}

export type MyWorkSort = 'oldest' | 'newest' | 'priority' | 'step';

export const MY_WORK_SORT_OPTIONS: { label: string; value: MyWorkSort }[] = [
  { label: OmniPanel_SortOldestFirst, value: 'oldest' },
  { label: OmniPanel_SortNewestFirst, value: 'newest' },
  { label: OmniPanel_SortPriority, value: 'priority' },
  { label: OmniPanel_SortStep, value: 'step' }
];

export interface TeamRow {
  userId: string;
  name: string;
  presenceLabel: string;
  online: boolean;
  accepted: number;
  offered: number;
  used: number;
  capacity: number;
  loadLabel: string;
  full: boolean;
  oldestOfferLabel: string;
  oldestOfferOverdue: boolean;
  offlineWithOffers: boolean;
  rowClass: string;
}

export interface AwaitingView {
  found: boolean;
  size: number;
  sizeLabel: string;
  oldestCaseId: string | null;
  oldestCaseNumber: string | null;
  oldestAgeLabel: string;
}

/** What the Aura host forwards from the lightning:omniChannel* events and toolkit calls. */
export interface ToolkitEvent {
  type:
    | 'statuschanged'
    | 'loginsuccess'
    | 'logout'
    | 'workassigned'
    | 'workaccepted'
    | 'workdeclined'
    | 'workclosed'
    | 'workloadchanged'
    | 'connectionerror';
  statusId?: string | null;
  statusName?: string | null;
  statusApiName?: string | null;
  workId?: string | null;
  workItemId?: string | null;
}

export interface ToolkitOutcome {
  presence: PanelPresence | null;
  refresh: boolean;
}

// ---------------------------------------------------------------------------------------------
// Ages
// ---------------------------------------------------------------------------------------------

export function ageMs(since: string | null | undefined, now: number): number {
  if (!since) return 0;
  const at = Date.parse(since);
  if (Number.isNaN(at)) return 0;
  return Math.max(0, now - at);
}

/** "45 s", "3 m", "2 h 5 m", "1 d 10 h" — the Omni utility's own compact style. */
export function formatAge(ms: number): string {
  if (ms < MINUTE_MS) return formatLabel(OmniPanel_AgeSeconds, Math.floor(ms / 1000));
  if (ms < HOUR_MS) return formatLabel(OmniPanel_AgeMinutes, Math.floor(ms / MINUTE_MS));
  if (ms < DAY_MS) {
    const hours = Math.floor(ms / HOUR_MS);
    const minutes = Math.floor((ms % HOUR_MS) / MINUTE_MS);
    return minutes
      ? formatLabel(OmniPanel_AgeHoursMinutes, hours, minutes)
      : formatLabel(OmniPanel_AgeHours, hours);
  }
  const days = Math.floor(ms / DAY_MS);
  const hours = Math.floor((ms % DAY_MS) / HOUR_MS);
  return hours ? formatLabel(OmniPanel_AgeDaysHours, days, hours) : formatLabel(OmniPanel_AgeDays, days);
}

export function isOverdue(waitingMs: number, thresholdMinutes: number): boolean {
  return waitingMs >= positiveOr(thresholdMinutes, DEFAULT_OVERDUE_MINUTES) * MINUTE_MS;
}

function positiveOr(value: number | null | undefined, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : fallback;
}

// ---------------------------------------------------------------------------------------------
// Presence
// ---------------------------------------------------------------------------------------------

export function isAvailableStatus(
  statusApiName: string | null | undefined,
  availableApiName: string
): boolean {
  return !!statusApiName && statusApiName === (availableApiName || DEFAULT_AVAILABLE_STATUS);
}

export function presenceView(presence: PanelPresence | null, availableApiName: string): PresenceView {
  if (!presence || !presence.online) {
    return {
      kind: 'offline',
      label: OmniPanel_PresenceOffline,
      warning: true,
      message: OmniPanel_OfflineMessage
    };
  }
  const label = presence.statusName || presence.statusApiName || OmniPanel_PresenceOnline;
  if (isAvailableStatus(presence.statusApiName, availableApiName)) {
    return {
      kind: 'available',
      label,
      warning: false,
      message: OmniPanel_AvailableMessage
    };
  }
  return {
    kind: 'away',
    label,
    warning: true,
    message: formatLabel(OmniPanel_AwayMessage, label)
  };
}

/** How a toolkit event changes what the panel knows: a new presence and/or a reload of the work lists. */
export function applyToolkitEvent(current: PanelPresence | null, event: ToolkitEvent): ToolkitOutcome {
  const capacity = current ? current.configuredCapacity : null;
  switch (event.type) {
    case 'statuschanged':
    case 'loginsuccess':
      return {
        presence: {
          online: true,
          statusId: event.statusId ?? null,
          statusApiName: event.statusApiName ?? null,
          statusName: event.statusName ?? null,
          configuredCapacity: capacity
        },
        refresh: true
      };
    case 'logout':
      return {
        presence: {
          online: false,
          statusId: null,
          statusApiName: null,
          statusName: null,
          configuredCapacity: capacity
        },
        refresh: true
      };
    case 'connectionerror':
      return { presence: current, refresh: false };
    default:
      return { presence: current, refresh: true };
  }
}

// ---------------------------------------------------------------------------------------------
// Offers and My work
// ---------------------------------------------------------------------------------------------

const PRIORITY_RANK: Record<string, number> = { Urgent: 0, High: 1, Medium: 2, Low: 3 };
const STEP_RANK: Record<string, number> = {
  Draft: 0,
  Chaser: 1,
  'Case Manager': 2,
  Reviewer: 3,
  Approved: 4,
  Denied: 5
};

function priorityRank(work: PanelWork): number {
  const base = work.priority && work.priority in PRIORITY_RANK ? PRIORITY_RANK[work.priority] : 4;
  // Escalated and life-threatening cases are handled like Urgent ones, as routing does.
  return work.escalated || work.emergencyLevel === 'Life-Threatening' ? Math.min(base, 0) : base;
}

export function badgesFor(work: PanelWork): Badge[] {
  const badges: Badge[] = [];
  if (work.priority === 'Urgent')
    badges.push({ key: 'priority', label: OmniPanel_BadgeUrgent, className: 'slds-theme_error' });
  else if (work.priority === 'High')
    badges.push({ key: 'priority', label: OmniPanel_BadgeHigh, className: 'slds-theme_warning' });
  if (work.escalated) {
    const label = work.escalationTier
      ? formatLabel(OmniPanel_BadgeEscalatedToTier, work.escalationTier)
      : OmniPanel_BadgeEscalated;
    badges.push({ key: 'escalated', label, className: 'slds-theme_error' });
  }
  if (work.emergencyLevel === 'Life-Threatening') {
    badges.push({ key: 'emergency', label: OmniPanel_BadgeLifeThreatening, className: 'slds-theme_error' });
  } else if (work.emergencyLevel && levelFromValue(work.emergencyLevel) !== 3) {
    // Level 3 (Not At Risk) is a crisis request served in normal order, not an emergency.
    badges.push({ key: 'emergency', label: OmniPanel_BadgeEmergency, className: 'slds-theme_warning' });
  }
  return badges;
}

/** The crisis clock of a case: "Crisis response due in 1 h 30 min", flagged under two hours. */
export function crisisClock(
  work: PanelWork,
  now: number
): { hasCrisisClock: boolean; crisisLabel: string; crisisDueSoon: boolean; crisisClass: string } {
  const left = timeLeftMs(work.crisisResponseDue, now);
  if (left === null) {
    return { hasCrisisClock: false, crisisLabel: '', crisisDueSoon: false, crisisClass: '' };
  }
  const soon = dueSoon(work.crisisResponseDue, now);
  return {
    hasCrisisClock: true,
    crisisLabel: formatLabel(
      left >= 0 ? OmniPanel_CrisisTimeLeft : OmniPanel_CrisisOverdue,
      formatAge(Math.abs(left))
    ),
    crisisDueSoon: soon,
    crisisClass: soon
      ? 'slds-text-body_small omni-crisis omni-crisis_soon'
      : 'slds-text-body_small omni-crisis'
  };
}

function toRow(work: PanelWork, since: string | null, now: number, overdue: boolean): WorkRow {
  const age = ageMs(since, now);
  const badges = badgesFor(work);
  const crisis = crisisClock(work, now);
  const caseNumber = work.caseNumber || OmniPanel_CaseFallback;
  const ageLabel = formatAge(age);
  const parts = [
    formatLabel(OmniPanel_CaseNumber, caseNumber),
    work.clientName,
    work.program,
    work.step,
    ...badges.map((b) => b.label),
    crisis.crisisLabel
  ];
  return {
    workId: work.workId,
    workItemId: work.workItemId,
    caseNumber,
    clientName: work.clientName || OmniPanel_UnknownClient,
    program: work.program || '—',
    step: work.step || '—',
    badges,
    hasBadges: badges.length > 0,
    ageMs: age,
    ageLabel,
    overdue,
    rowClass: overdue ? 'omni-row omni-row_overdue' : 'omni-row',
    ariaLabel: parts.filter((p) => !!p).join(', '),
    ...crisis
  };
}

/** Offers waiting for this person, longest waiting first; those past the threshold are overdue. */
export function buildOffers(works: readonly PanelWork[], now: number, thresholdMinutes: number): WorkRow[] {
  return works
    .filter((w) => w.status === 'Assigned')
    .map((w) => {
      const waiting = ageMs(w.assignedAt, now);
      return toRow(w, w.assignedAt, now, isOverdue(waiting, thresholdMinutes));
    })
    .sort((a, b) => b.ageMs - a.ageMs || a.caseNumber.localeCompare(b.caseNumber));
}

/** Accepted cases; age is how long the case has been open. The deck's advice is oldest first. */
export function buildMyWork(
  works: readonly PanelWork[],
  now: number,
  sort: MyWorkSort = 'oldest'
): WorkRow[] {
  const accepted = works.filter((w) => w.status === 'Opened');
  const byWork = new Map(accepted.map((w) => [w.workId, w]));
  const rows = accepted.map((w) => toRow(w, w.caseCreatedAt || w.acceptedAt, now, false));
  const oldestFirst = (a: WorkRow, b: WorkRow) =>
    b.ageMs - a.ageMs || a.caseNumber.localeCompare(b.caseNumber);
  const rank = (row: WorkRow, table: 'priority' | 'step'): number => {
    const work = byWork.get(row.workId) as PanelWork;
    if (table === 'priority') return priorityRank(work);
    return work.step && work.step in STEP_RANK ? STEP_RANK[work.step] : 99;
  };
  switch (sort) {
    case 'newest':
      return rows.sort((a, b) => a.ageMs - b.ageMs || a.caseNumber.localeCompare(b.caseNumber));
    case 'priority':
      return rows.sort((a, b) => rank(a, 'priority') - rank(b, 'priority') || oldestFirst(a, b));
    case 'step':
      return rows.sort((a, b) => rank(a, 'step') - rank(b, 'step') || oldestFirst(a, b));
    default:
      return rows.sort(oldestFirst);
  }
}

export function isMyWorkSort(value: unknown): value is MyWorkSort {
  return MY_WORK_SORT_OPTIONS.some((o) => o.value === value);
}

// ---------------------------------------------------------------------------------------------
// Capacity
// ---------------------------------------------------------------------------------------------

function weight(work: PanelWork): number {
  return typeof work.capacityWeight === 'number' && work.capacityWeight > 0 ? work.capacityWeight : 1;
}

export function capacityView(
  works: readonly PanelWork[],
  configuredCapacity: number | null | undefined,
  fallbackCapacity: number = DEFAULT_CAPACITY
): CapacityView {
  const capacity = positiveOr(configuredCapacity, positiveOr(fallbackCapacity, DEFAULT_CAPACITY));
  const accepted = works.filter((w) => w.status === 'Opened');
  const offered = works.filter((w) => w.status === 'Assigned');
  const used = [...accepted, ...offered].reduce((sum, w) => sum + weight(w), 0);
  const full = used >= capacity;
  const nearFull = !full && used >= capacity * NEAR_FULL_SHARE;
  const percent = Math.min(100, Math.round((used / capacity) * 100));
  const room = capacity - used;
  let message = room === 1 ? OmniPanel_RoomForOne : formatLabel(OmniPanel_RoomForMany, room);
  if (full) message = formatLabel(OmniPanel_CaseloadFull, AWAITING_ASSIGNMENT_TEXT);
  else if (nearFull)
    message = room === 1 ? OmniPanel_NearlyFullOne : formatLabel(OmniPanel_NearlyFullMany, room);
  return {
    accepted: accepted.length,
    offered: offered.length,
    used,
    capacity,
    percent,
    full,
    nearFull,
    label: formatLabel(OmniPanel_CapacityLabel, used, capacity, accepted.length, offered.length),
    message
  };
}

// ---------------------------------------------------------------------------------------------
// Supervisor view
// ---------------------------------------------------------------------------------------------

export function buildTeam(
  team: readonly TeamMember[],
  now: number,
  thresholdMinutes: number,
  fallbackCapacity: number = DEFAULT_CAPACITY
): TeamRow[] {
  const rows = team.map((m): TeamRow => {
    const capacity = positiveOr(m.configuredCapacity, positiveOr(fallbackCapacity, DEFAULT_CAPACITY));
    const waiting = m.oldestOfferAt ? ageMs(m.oldestOfferAt, now) : 0;
    const oldestOfferOverdue = !!m.oldestOfferAt && isOverdue(waiting, thresholdMinutes);
    const offlineWithOffers = !m.online && m.offered > 0;
    const full = m.capacityUsed >= capacity;
    let rowClass = 'omni-row';
    if (offlineWithOffers || oldestOfferOverdue) rowClass += ' omni-row_overdue';
    return {
      userId: m.userId,
      name: m.name,
      presenceLabel: m.online
        ? m.statusName || m.statusApiName || OmniPanel_PresenceOnline
        : OmniPanel_PresenceOffline,
      online: m.online,
      accepted: m.accepted,
      offered: m.offered,
      used: m.capacityUsed,
      capacity,
      loadLabel: formatLabel(OmniPanel_TeamLoad, m.capacityUsed, capacity),
      full,
      oldestOfferLabel: m.oldestOfferAt ? formatAge(waiting) : '—',
      oldestOfferOverdue,
      offlineWithOffers,
      rowClass
    };
  });
  // People who need a supervisor's attention first, then the heaviest load.
  return rows.sort(
    (a, b) =>
      Number(b.offlineWithOffers) - Number(a.offlineWithOffers) ||
      Number(b.oldestOfferOverdue) - Number(a.oldestOfferOverdue) ||
      b.used / b.capacity - a.used / a.capacity ||
      a.name.localeCompare(b.name)
  );
}

export function offlineHolders<T extends TeamRow>(rows: readonly T[]): T[] {
  return rows.filter((r) => r.offlineWithOffers);
}

export function awaitingView(queue: AwaitingQueue | null, now: number): AwaitingView {
  if (!queue || !queue.found) {
    return {
      found: false,
      size: 0,
      sizeLabel: OmniPanel_AwaitingNotFound,
      oldestCaseId: null,
      oldestCaseNumber: null,
      oldestAgeLabel: ''
    };
  }
  return {
    found: true,
    size: queue.size,
    sizeLabel:
      queue.size === 0
        ? OmniPanel_NoCasesWaiting
        : queue.size === 1
          ? OmniPanel_OneCaseWaiting
          : formatLabel(OmniPanel_CasesWaiting, queue.size),
    oldestCaseId: queue.oldestCaseId,
    oldestCaseNumber: queue.oldestCaseNumber,
    oldestAgeLabel: queue.oldestCreatedAt ? formatAge(ageMs(queue.oldestCreatedAt, now)) : ''
  };
}

// ---------------------------------------------------------------------------------------------
// Input hygiene
// ---------------------------------------------------------------------------------------------

function str(value: unknown): string | null {
  return typeof value === 'string' && value.length > 0 ? value : null;
}

function num(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

function record(value: unknown): Record<string, unknown> {
  return value && typeof value === 'object' ? (value as Record<string, unknown>) : {};
}

/** Accepts whatever Apex returned and fills gaps, so a missing field never breaks rendering. */
export function normalizePanelData(raw: unknown): PanelData {
  const data = record(raw);
  const presence = record(data.presence);
  const works = Array.isArray(data.works) ? data.works : [];
  const team = Array.isArray(data.team) ? data.team : [];
  const awaiting = data.awaiting ? record(data.awaiting) : null;
  return {
    userId: str(data.userId),
    presence: {
      online: presence.online === true,
      statusId: str(presence.statusId),
      statusApiName: str(presence.statusApiName),
      statusName: str(presence.statusName),
      configuredCapacity: num(presence.configuredCapacity)
    },
    availableStatusId: str(data.availableStatusId),
    supervisor: data.supervisor === true,
    works: works
      .map(record)
      .filter((w) => str(w.workId) && (w.status === 'Assigned' || w.status === 'Opened'))
      .map((w) => ({
        workId: w.workId as string,
        workItemId: str(w.workItemId) ?? '',
        status: w.status as WorkStatus,
        caseNumber: str(w.caseNumber),
        clientName: str(w.clientName),
        program: str(w.program),
        step: str(w.step),
        priority: str(w.priority),
        escalated: w.escalated === true,
        escalationTier: str(w.escalationTier),
        emergencyLevel: str(w.emergencyLevel),
        crisisResponseDue: str(w.crisisResponseDue),
        assignedAt: str(w.assignedAt),
        acceptedAt: str(w.acceptedAt),
        caseCreatedAt: str(w.caseCreatedAt),
        capacityWeight: num(w.capacityWeight)
      })),
    team: team
      .map(record)
      .filter((m) => str(m.userId))
      .map((m) => ({
        userId: m.userId as string,
        name: str(m.name) ?? OmniPanel_UnnamedUser,
        online: m.online === true,
        statusApiName: str(m.statusApiName),
        statusName: str(m.statusName),
        accepted: num(m.accepted) ?? 0,
        offered: num(m.offered) ?? 0,
        capacityUsed: num(m.capacityUsed) ?? 0,
        configuredCapacity: num(m.configuredCapacity),
        oldestOfferAt: str(m.oldestOfferAt)
      })),
    awaiting: awaiting
      ? {
          found: awaiting.found === true,
          size: num(awaiting.size) ?? 0,
          oldestCaseId: str(awaiting.oldestCaseId),
          oldestCaseNumber: str(awaiting.oldestCaseNumber),
          oldestCreatedAt: str(awaiting.oldestCreatedAt)
        }
      : null
  };
}

/** One readable sentence from an Apex or toolkit error, whatever its shape. */
export function errorMessage(error: unknown): string {
  const fallback = OmniPanel_UnknownError;
  if (!error) return fallback;
  if (typeof error === 'string') return error;
  if (Array.isArray(error)) {
    const messages = error.map(errorMessage).filter((m) => m !== fallback);
    return messages.length ? messages.join(' ') : fallback;
  }
  const e = record(error);
  const body = e.body;
  if (Array.isArray(body)) return errorMessage(body);
  const b = record(body);
  if (typeof b.message === 'string' && b.message) return b.message;
  const pageErrors = Array.isArray(b.pageErrors) ? b.pageErrors.map((p) => str(record(p).message)) : [];
  const joined = pageErrors.filter((m): m is string => !!m).join(' ');
  if (joined) return joined;
  if (typeof e.message === 'string' && e.message) return e.message;
  return fallback;
}
