/**
 * Case record page widget: send the case back to a prior worker for rework, ask an appeals reviewer
 * to review it, or escalate it — always as Tasks, so the case keeps its owner and its chevron step.
 * Lists the case's open and recent kickback, appeal and follow-up tasks, and lets the person a task
 * is assigned to complete it (an appeal review with Upheld or Overturned).
 */
import { LightningElement, api, wire } from 'lwc';
import getKickbackView from '@salesforce/apex/CaseKickbackController.getKickbackView';
import getPriorWorkers from '@salesforce/apex/CaseKickbackController.getPriorWorkers';
import getAppealReviewers from '@salesforce/apex/CaseKickbackController.getAppealReviewers';
import getEscalationTiers from '@salesforce/apex/CaseKickbackController.getEscalationTiers';
import sendBackForRework from '@salesforce/apex/CaseKickbackController.sendBackForRework';
import requestAppealReview from '@salesforce/apex/CaseKickbackController.requestAppealReview';
import escalate from '@salesforce/apex/CaseKickbackController.escalate';
import completeTask from '@salesforce/apex/CaseKickbackController.completeTask';
import {
  APPEAL_OUTCOMES,
  KICKBACK_REASONS,
  REWORK_OUTCOME,
  WORK_TYPE_APPEAL,
  WORK_TYPE_REWORK,
  errorMessage,
  isOverdue,
  priorWorkerLabel,
  sortTasks,
  tierDescription,
  todayIso,
  validateAppeal,
  validateAppealOutcome,
  validateEscalation,
  validateRework
} from 'c/caseKickbackRules';
import { formatLabel } from 'c/labelFormat';
import { LABELS } from './labels';
import type {
  AppealReviewer,
  CaseTask,
  EscalationTier,
  KickbackView,
  PriorWorker,
  ValidationError
} from 'c/caseKickbackRules';

type Mode = 'none' | 'rework' | 'appeal' | 'escalate';

interface FormState {
  worker: string | null;
  reviewer: string | null;
  tier: string | null;
  reason: string | null;
  details: string | null;
  dueDate: string | null;
}

interface Completion {
  taskId: string;
  workType: string;
  subject: string;
  outcome: string | null;
  note: string | null;
}

interface WireResult<T> {
  data?: T;
  error?: unknown;
}

/** lightning-input, -combobox, -textarea and -radio-group: the SLDS field-level error API. */
interface FormField extends HTMLElement {
  setCustomValidity(message: string): void;
  reportValidity(): boolean;
}

interface Option {
  label: string;
  value: string;
}

const EMPTY_FORM: FormState = {
  worker: null,
  reviewer: null,
  tier: null,
  reason: null,
  details: null,
  dueDate: null
};

/**
 * The due column's text in three parts, so the date itself stays on one line and only the words
 * around it ("(overdue)") move to the next line when the column is narrow.
 */
function dueParts(
  dueDate: string | null,
  overdue: boolean
): { dueBefore: string; dueDateText: string; dueAfter: string } {
  if (!dueDate) return { dueBefore: LABELS.noDueDate, dueDateText: '', dueAfter: '' };
  if (!overdue) return { dueBefore: '', dueDateText: dueDate, dueAfter: '' };
  const at = LABELS.dueOverdue.indexOf('{0}');
  if (at < 0) return { dueBefore: formatLabel(LABELS.dueOverdue, dueDate), dueDateText: '', dueAfter: '' };
  return {
    dueBefore: LABELS.dueOverdue.slice(0, at),
    dueDateText: dueDate,
    dueAfter: LABELS.dueOverdue.slice(at + 3)
  };
}

export default class CaseKickback extends LightningElement {
  @api recordId!: string;
  /** Lightning App Builder: open the card with one form already showing (rework, appeal or escalate). */
  @api initialAction: string | undefined;

  view: KickbackView | null = null;
  loadError: string | null = null;
  labels = LABELS;
  isLoading = true;
  mode: Mode = 'none';
  form: FormState = { ...EMPTY_FORM };
  errors: ValidationError[] = [];
  serverError: string | null = null;
  confirmation: string | null = null;
  isSaving = false;
  completion: Completion | null = null;
  priorWorkers: PriorWorker[] = [];
  workersError: string | null = null;
  reviewers: AppealReviewer[] = [];
  reviewersError: string | null = null;
  tiers: EscalationTier[] = [];
  tiersError: string | null = null;

  @wire(getPriorWorkers, { caseId: '$recordId' })
  wiredPriorWorkers({ data, error }: WireResult<PriorWorker[]>): void {
    if (data) {
      this.priorWorkers = data;
      this.workersError = null;
    } else if (error) {
      this.priorWorkers = [];
      this.workersError = errorMessage(error);
    }
  }

  @wire(getAppealReviewers)
  wiredReviewers({ data, error }: WireResult<AppealReviewer[]>): void {
    if (data) {
      this.reviewers = data;
      this.reviewersError = null;
    } else if (error) {
      this.reviewers = [];
      this.reviewersError = errorMessage(error);
    }
  }

  @wire(getEscalationTiers)
  wiredTiers({ data, error }: WireResult<EscalationTier[]>): void {
    if (data) {
      this.tiers = [...data].sort((a, b) => a.sortOrder - b.sortOrder);
      this.tiersError = null;
    } else if (error) {
      this.tiers = [];
      this.tiersError = errorMessage(error);
    }
  }

  override connectedCallback(): void {
    if (
      this.initialAction === 'rework' ||
      this.initialAction === 'appeal' ||
      this.initialAction === 'escalate'
    ) {
      this.mode = this.initialAction;
    }
    // loadView reports its own failures on the card, so nothing is left unhandled
    this.loadView();
  }

  /** The task list is read fresh (not cached) so it shows what the last action created. */
  async loadView(): Promise<void> {
    this.isLoading = true;
    try {
      this.view = await getKickbackView({ caseId: this.recordId });
      this.loadError = null;
    } catch (error) {
      this.view = null;
      this.loadError = errorMessage(error);
    } finally {
      this.isLoading = false;
    }
  }

  handleRetry(): void {
    this.loadError = null;
    // loadView reports its own failures on the card, so nothing is left unhandled
    this.loadView();
  }

  // ----- what the template shows -----

  get today(): string {
    return todayIso();
  }

  get isReworkMode(): boolean {
    return this.mode === 'rework';
  }

  get isAppealMode(): boolean {
    return this.mode === 'appeal';
  }

  get isEscalateMode(): boolean {
    return this.mode === 'escalate';
  }

  get isFormOpen(): boolean {
    return this.mode !== 'none';
  }

  get loadErrorText(): string {
    return formatLabel(LABELS.loadError, this.loadError ?? '');
  }

  get formTitle(): string {
    if (this.mode === 'rework') return LABELS.sendBackForRework;
    if (this.mode === 'appeal') return LABELS.requestAppealReview;
    return LABELS.escalate;
  }

  get actionsDisabled(): boolean {
    return this.isSaving || !this.view;
  }

  get caseSummary(): string {
    if (!this.view) return '';
    const parts = [
      formatLabel(LABELS.summaryStep, this.view.processingStep ?? LABELS.summaryNoStep),
      formatLabel(LABELS.summaryOwner, this.view.ownerName)
    ];
    if (this.view.priority) parts.push(formatLabel(LABELS.summaryPriority, this.view.priority));
    return parts.join(' · ');
  }

  get escalationBadge(): string | null {
    if (!this.view?.escalated) return null;
    return this.view.escalationTier
      ? formatLabel(LABELS.escalatedToTier, this.view.escalationTier)
      : LABELS.escalated;
  }

  get appealOutcomeText(): string | null {
    return this.view?.appealOutcome ? formatLabel(LABELS.appealOutcome, this.view.appealOutcome) : null;
  }

  get workerOptions(): Option[] {
    return this.priorWorkers.map((worker) => ({ label: priorWorkerLabel(worker), value: worker.userId }));
  }

  get hasNoPriorWorkers(): boolean {
    return this.priorWorkers.length === 0 && !this.workersError;
  }

  get reasonOptions(): Option[] {
    return KICKBACK_REASONS.map((reason) => ({ label: reason, value: reason }));
  }

  get reviewerOptions(): Option[] {
    return this.reviewers.map((reviewer) => ({ label: reviewer.name, value: reviewer.userId }));
  }

  get hasNoReviewers(): boolean {
    return this.reviewers.length === 0 && !this.reviewersError;
  }

  get tierOptions(): Option[] {
    return this.tiers.map((tier) => ({ label: tier.tierName, value: tier.developerName }));
  }

  get selectedTierDescription(): string | null {
    const tier = this.tiers.find((candidate) => candidate.developerName === this.form.tier);
    return tier ? tierDescription(tier) : null;
  }

  get outcomeOptions(): Option[] {
    return APPEAL_OUTCOMES.map((outcome) => ({ label: outcome, value: outcome }));
  }

  get isCompletingAppeal(): boolean {
    return this.completion?.workType === WORK_TYPE_APPEAL;
  }

  get completionTitle(): string {
    if (!this.completion) return '';
    return this.isCompletingAppeal
      ? formatLabel(LABELS.completeAppealTitle, this.completion.subject)
      : formatLabel(LABELS.completeTaskTitle, this.completion.subject);
  }

  get hasTasks(): boolean {
    return (this.view?.tasks.length ?? 0) > 0;
  }

  get isEmpty(): boolean {
    return !!this.view && this.view.tasks.length === 0;
  }

  get taskRows(): Record<string, unknown>[] {
    if (!this.view) return [];
    const me = this.view.currentUserId;
    const today = todayIso();
    return sortTasks(this.view.tasks).map((task: CaseTask) => {
      const mine = !task.isClosed && task.ownerId === me;
      const overdue = isOverdue(task, today);
      return {
        ...task,
        key: task.id,
        ...dueParts(task.dueDate, overdue),
        dueClass: overdue ? 'slds-cell-wrap slds-text-color_error' : 'slds-cell-wrap',
        assignedByLabel: formatLabel(LABELS.assignedBy, task.assignedByName ?? '—'),
        outcomeLabel: task.outcome
          ? task.outcomeNote
            ? formatLabel(LABELS.outcomeWithNote, task.outcome, task.outcomeNote)
            : task.outcome
          : '—',
        canComplete: mine,
        completeLabel: task.workType === WORK_TYPE_APPEAL ? LABELS.recordOutcome : LABELS.markDone,
        completeAltText: formatLabel(
          task.workType === WORK_TYPE_APPEAL ? LABELS.recordOutcomeFor : LABELS.markDoneFor,
          task.subject
        )
      };
    });
  }

  // ----- opening and filling the forms -----

  private openForm(mode: Mode): void {
    this.mode = mode;
    this.form = { ...EMPTY_FORM };
    this.errors = [];
    this.serverError = null;
    this.confirmation = null;
    this.completion = null;
    // a form opened again over itself keeps its inputs: take the old messages off them
    this.showFieldErrors();
  }

  handleOpenRework(): void {
    this.openForm('rework');
  }

  handleOpenAppeal(): void {
    this.openForm('appeal');
  }

  handleOpenEscalate(): void {
    this.openForm('escalate');
  }

  handleCancel(): void {
    this.openForm('none');
  }

  handleFieldChange(event: CustomEvent<{ value?: string }>): void {
    const field = (event.target as HTMLElement).dataset.field as keyof FormState;
    const value = event.detail?.value ?? (event.target as HTMLInputElement).value ?? null;
    this.form = { ...this.form, [field]: value === '' ? null : value };
    this.clearFieldError(event.target as FormField);
  }

  // ----- field-level errors: each message shows under the input it is about (SLDS slds-has-error) -----

  /** Puts each validation message on its field, clears the others, and takes focus to the first refused. */
  private showFieldErrors(): void {
    const messages = new Map<string, string>();
    for (const error of this.errors) {
      const earlier = messages.get(error.field);
      messages.set(error.field, earlier ? `${earlier} ${error.message}` : error.message);
    }
    let first: FormField | null = null;
    const fields = this.template?.querySelectorAll<FormField>('[data-field]') ?? [];
    for (const field of Array.from(fields)) {
      const message = messages.get(field.dataset.field ?? '') ?? '';
      field.setCustomValidity(message);
      field.reportValidity();
      if (message && !first) first = field;
    }
    first?.focus();
  }

  /** A changed field is judged again on the next Save; until then it no longer shows its old message. */
  private clearFieldError(field: FormField): void {
    const name = field.dataset.field;
    if (!this.errors.some((error) => error.field === name)) return;
    this.errors = this.errors.filter((error) => error.field !== name);
    field.setCustomValidity('');
    field.reportValidity();
  }

  // ----- the three actions -----

  async handleSubmit(): Promise<void> {
    if (!this.view) return;
    const caseId = this.view.caseId;
    const form = this.form;
    this.serverError = null;
    if (this.mode === 'rework') {
      this.errors = validateRework({
        workerId: form.worker,
        caseOwnerId: this.view.ownerId,
        reason: form.reason,
        details: form.details,
        dueDate: form.dueDate
      });
      this.showFieldErrors();
      if (this.errors.length > 0) return;
      const worker = this.priorWorkers.find((candidate) => candidate.userId === form.worker);
      await this.save(
        () =>
          sendBackForRework({
            caseId,
            workerId: form.worker as string,
            reason: form.reason as string,
            details: form.details,
            dueDate: form.dueDate as string
          }),
        () => formatLabel(LABELS.reworkSent, worker?.name ?? LABELS.thePriorWorker, form.dueDate ?? '')
      );
    } else if (this.mode === 'appeal') {
      this.errors = validateAppeal({ reviewerId: form.reviewer, reason: form.reason, dueDate: form.dueDate });
      this.showFieldErrors();
      if (this.errors.length > 0) return;
      const reviewer = this.reviewers.find((candidate) => candidate.userId === form.reviewer);
      await this.save(
        () =>
          requestAppealReview({
            caseId,
            reviewerId: form.reviewer as string,
            reason: form.reason as string,
            dueDate: form.dueDate as string
          }),
        () =>
          formatLabel(LABELS.appealRequested, reviewer?.name ?? LABELS.theAppealsReviewer, form.dueDate ?? '')
      );
    } else if (this.mode === 'escalate') {
      this.errors = validateEscalation({ tier: form.tier, reason: form.reason });
      this.showFieldErrors();
      if (this.errors.length > 0) return;
      const tier = this.tiers.find((candidate) => candidate.developerName === form.tier);
      await this.save(
        () => escalate({ caseId, tierDeveloperName: form.tier as string, reason: form.reason as string }),
        (followUps) => {
          const created = Number(followUps) || 0;
          const escalated = formatLabel(LABELS.caseEscalated, tier?.tierName ?? form.tier ?? '');
          if (created === 0) return escalated;
          const followUpText =
            created === 1 ? LABELS.followUpCreated : formatLabel(LABELS.followUpsCreated, created);
          return `${escalated} ${followUpText}`;
        }
      );
    }
  }

  private async save<T>(call: () => Promise<T>, confirm: (result: T) => string): Promise<void> {
    this.isSaving = true;
    try {
      const result = await call();
      this.confirmation = confirm(result);
      this.mode = 'none';
      this.form = { ...EMPTY_FORM };
      this.errors = [];
      await this.loadView();
    } catch (error) {
      this.serverError = errorMessage(error);
    } finally {
      this.isSaving = false;
    }
  }

  // ----- completing a task assigned to the person looking at the case -----

  handleStartCompletion(event: Event): void {
    const taskId = (event.target as HTMLElement).dataset.taskId;
    const task = this.view?.tasks.find((candidate) => candidate.id === taskId);
    if (!task) return;
    this.mode = 'none';
    this.errors = [];
    this.serverError = null;
    this.confirmation = null;
    this.completion = {
      taskId: task.id,
      workType: task.workType,
      subject: task.subject,
      outcome: null,
      note: null
    };
    this.showFieldErrors();
  }

  handleCompletionChange(event: CustomEvent<{ value?: string }>): void {
    if (!this.completion) return;
    const field = (event.target as HTMLElement).dataset.field as 'outcome' | 'note';
    const value = event.detail?.value ?? null;
    this.completion = { ...this.completion, [field]: value === '' ? null : value };
    this.clearFieldError(event.target as FormField);
  }

  handleCancelCompletion(): void {
    this.completion = null;
    this.errors = [];
    this.serverError = null;
  }

  async handleComplete(): Promise<void> {
    const completion = this.completion;
    if (!completion) return;
    this.serverError = null;
    const isAppeal = completion.workType === WORK_TYPE_APPEAL;
    this.errors = isAppeal ? validateAppealOutcome(completion.outcome) : [];
    this.showFieldErrors();
    if (this.errors.length > 0) return;
    const outcome = isAppeal
      ? (completion.outcome as string)
      : completion.workType === WORK_TYPE_REWORK
        ? REWORK_OUTCOME
        : 'Completed';
    this.isSaving = true;
    try {
      await completeTask({ taskId: completion.taskId, outcome, note: completion.note });
      this.confirmation = isAppeal ? formatLabel(LABELS.appealCompleted, outcome) : LABELS.taskCompleted;
      this.completion = null;
      await this.loadView();
    } catch (error) {
      this.serverError = errorMessage(error);
    } finally {
      this.isSaving = false;
    }
  }
}
