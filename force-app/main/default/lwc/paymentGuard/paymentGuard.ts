/**
 * The payment guard on the Assistance_Payment__c record page. Before submission it is the place to
 * edit the payment; from Submitted for Payment on it shows what was sent, why the payment is locked
 * and what the payment system reports, so nobody edits a payment the payment system already holds.
 */
import { LightningElement, api, wire } from 'lwc';
import { ShowToastEvent } from 'lightning/platformShowToastEvent';
import { notifyRecordUpdateAvailable } from 'lightning/uiRecordApi';
import { refreshApex } from '@salesforce/apex';
import getPaymentView from '@salesforce/apex/PaymentGuardController.getPaymentView';
import savePayment from '@salesforce/apex/PaymentGuardController.savePayment';
import recallUnsentPayment from '@salesforce/apex/PaymentGuardController.recallUnsentPayment';
import { SUBMITTED_STATUS } from 'c/paymentRules';
import type { PaymentStatus } from 'c/paymentRules';
import { LABELS } from './labels';
import {
  draftErrors,
  draftFromView,
  driftRows,
  errorMessages,
  fieldForMessage,
  formatLabel,
  guardMode,
  lockMessage,
  neverSent,
  parseAmount,
  personStatusOptions,
  reasonLabel,
  reasonOptions,
  saveParams,
  snapshotOf,
  statusLabel
} from './paymentGuardView';
import type {
  DriftRow,
  FieldError,
  GuardMode,
  Option,
  PaymentDraft,
  PaymentView,
  SnapshotResult
} from './paymentGuardView';

interface WiredPaymentView {
  data?: PaymentView;
  error?: unknown;
}

/** lightning-input / lightning-combobox as the form uses them. */
interface FormInput extends HTMLElement {
  name: string;
  dataset: DOMStringMap;
  setCustomValidity(message: string): void;
  reportValidity(): boolean | undefined;
}

/** Input name in the template -> the draft value it edits. */
const DRAFT_KEYS: Readonly<Record<string, keyof PaymentDraft>> = {
  amount: 'amount',
  payee: 'payee',
  vendorId: 'vendorId',
  reasonCode: 'reasonCode',
  status: 'status'
};

/** Why the submitted values cannot be shown. */
const SNAPSHOT_PROBLEMS: Readonly<Record<SnapshotResult['kind'], string>> = {
  ok: '',
  missing: LABELS.snapshotMissing,
  hidden: LABELS.snapshotHidden,
  unreadable: LABELS.snapshotUnreadable
};

export default class PaymentGuard extends LightningElement {
  @api recordId!: string;

  labels = LABELS;
  view: PaymentView | null = null;
  loadError: unknown = null;
  draft: PaymentDraft | null = null;
  dirty = false;
  isSaving = false;
  saveErrors: string[] = [];
  recallReason = '';
  isRecalling = false;
  recallErrors: string[] = [];

  private wiredResult: WiredPaymentView | undefined;

  @wire(getPaymentView, { paymentId: '$recordId' })
  wiredPaymentView(result: WiredPaymentView): void {
    this.wiredResult = result;
    if (result.data) {
      this.view = result.data;
      this.loadError = null;
      if (!this.dirty) {
        this.draft = this.editableDraft(result.data);
      }
    } else if (result.error) {
      this.loadError = result.error;
      this.view = null;
    }
  }

  get mode(): GuardMode {
    return guardMode(this.view, this.loadError);
  }

  get isLoading(): boolean {
    return this.mode === 'loading';
  }

  get hasLoadError(): boolean {
    return this.mode === 'error';
  }

  get isLocked(): boolean {
    return this.mode === 'locked';
  }

  get isEditable(): boolean {
    return this.mode === 'editable' && this.draft !== null;
  }

  get cardTitle(): string {
    return this.view ? formatLabel(LABELS.cardTitleWithName, this.view.name) : LABELS.cardTitle;
  }

  get loadErrorMessage(): string {
    return errorMessages(this.loadError).join(' ');
  }

  get lockMessage(): string {
    return lockMessage(this.view);
  }

  /** Locked, but the payment system never received it: the banner says who can recall it. */
  get isNeverSent(): boolean {
    return neverSent(this.view);
  }

  /** The recall is offered only to a supervisor, and only for a payment the payment system never received. */
  get showRecall(): boolean {
    return this.isLocked && this.view?.canRecall === true && this.isNeverSent;
  }

  /** "The sync tries again" is not true of a payment it will not send until it is recalled and corrected. */
  get showSyncErrorIntro(): boolean {
    return this.isLocked && !this.isNeverSent;
  }

  get lockTitle(): string {
    return this.isNeverSent ? LABELS.neverSentTitle : LABELS.lockedTitle;
  }

  get hasRecallErrors(): boolean {
    return this.recallErrors.length > 0;
  }

  get recallDisabled(): boolean {
    return this.isRecalling;
  }

  /** On a recalled payment being corrected: why it was recalled. */
  get recalledNote(): string {
    const reason = this.view?.recallReason;
    return reason && !this.isLocked ? formatLabel(LABELS.recalledNote, reason) : '';
  }

  private get driftTable(): DriftRow[] | null {
    return driftRows(this.view);
  }

  /** Field by field, what was submitted and what the record says now. */
  get driftRows(): DriftRow[] {
    return this.driftTable ?? [];
  }

  get hasDriftRows(): boolean {
    return (this.driftTable ?? []).length > 0;
  }

  /** The sync's own description, shown only when what was submitted cannot be read. */
  get driftFallback(): string | null {
    return this.driftTable === null ? (this.view?.driftDetails ?? null) : null;
  }

  get statusText(): string {
    return statusLabel(this.view?.status);
  }

  get hasDrift(): boolean {
    return this.view?.driftDetected === true;
  }

  get driftDetails(): string | null {
    return this.view?.driftDetails ?? null;
  }

  get syncError(): string | null {
    return this.view?.syncError ?? null;
  }

  get lastSyncedAt(): string | null {
    return this.view?.lastSyncedAt ?? null;
  }

  get externalPaymentId(): string {
    return this.view?.externalPaymentId ?? LABELS.notAssigned;
  }

  get submittedAt(): string | null {
    return this.view?.submittedAt ?? null;
  }

  private get snapshotResult(): SnapshotResult {
    return snapshotOf(this.view);
  }

  get snapshotOk(): boolean {
    return this.snapshotResult.kind === 'ok';
  }

  get snapshotProblem(): string {
    return this.isNeverSent ? LABELS.nothingSent : SNAPSHOT_PROBLEMS[this.snapshotResult.kind];
  }

  /** Nothing sent is a fact, not an error; a missing or unreadable record of a submission is one. */
  get snapshotProblemClass(): string {
    return this.isNeverSent ? 'slds-text-color_weak' : 'slds-text-color_error';
  }

  get submittedAmount(): number | null {
    const result = this.snapshotResult;
    return result.kind === 'ok' ? result.snapshot.amount : null;
  }

  get submittedPayee(): string {
    const result = this.snapshotResult;
    return result.kind === 'ok' ? result.snapshot.payee : '';
  }

  get submittedVendorId(): string {
    const result = this.snapshotResult;
    return result.kind === 'ok' && result.snapshot.vendorId ? result.snapshot.vendorId : LABELS.notProvided;
  }

  get submittedReason(): string {
    const result = this.snapshotResult;
    return result.kind === 'ok' ? reasonLabel(result.snapshot.reasonCode) : '';
  }

  get currentAmount(): number | null {
    return this.view?.amount ?? null;
  }

  get currentPayee(): string {
    return this.view?.payee || LABELS.notProvided;
  }

  get currentVendorId(): string {
    return this.view?.vendorId || LABELS.notProvided;
  }

  get currentReason(): string {
    return reasonLabel(this.view?.reasonCode);
  }

  get statusOptions(): Option[] {
    return personStatusOptions(this.view?.status);
  }

  get reasonOptions(): Option[] {
    return reasonOptions();
  }

  /** Saving this draft hands the payment to the payment system: say so before it happens. */
  get submitsOnSave(): boolean {
    return this.draft?.status === SUBMITTED_STATUS && this.view?.status !== SUBMITTED_STATUS;
  }

  get hasSaveErrors(): boolean {
    return this.saveErrors.length > 0;
  }

  get saveDisabled(): boolean {
    return this.isSaving;
  }

  get undoDisabled(): boolean {
    return this.isSaving || !this.dirty;
  }

  handleChange(event: CustomEvent<{ value: unknown }>): void {
    const input = event.target as FormInput;
    const key = DRAFT_KEYS[input.name];
    if (!key || !this.draft) {
      return;
    }
    const raw = event.detail.value;
    const value =
      key === 'amount' ? parseAmount(raw) : key === 'status' ? (raw as PaymentStatus) : String(raw ?? '');
    this.draft = { ...this.draft, [key]: value };
    this.dirty = true;
    this.saveErrors = [];
    input.setCustomValidity('');
  }

  handleRecallReason(event: CustomEvent<{ value: unknown }>): void {
    this.recallReason = String(event.detail.value ?? '');
    this.recallErrors = [];
    (event.target as FormInput).setCustomValidity('');
  }

  async handleRecall(): Promise<void> {
    const view = this.view;
    if (!view || this.isRecalling) {
      return;
    }
    const reasonInput = this.template?.querySelector<FormInput>('[data-id="recall-reason"]') ?? null;
    const reason = this.recallReason.trim();
    if (reason === '') {
      reasonInput?.setCustomValidity(LABELS.recallReasonMissing);
      reasonInput?.reportValidity();
      this.recallErrors = [LABELS.recallReasonMissing];
      return;
    }
    this.isRecalling = true;
    this.recallErrors = [];
    let recalled: PaymentView;
    try {
      recalled = await recallUnsentPayment({ paymentId: this.recordId, reason });
    } catch (error) {
      this.recallErrors = errorMessages(error);
      this.isRecalling = false;
      return;
    }
    this.view = recalled;
    this.draft = this.editableDraft(recalled);
    this.dirty = false;
    this.recallReason = '';
    this.isRecalling = false;
    this.dispatchEvent(
      new ShowToastEvent({
        title: LABELS.recalledTitle,
        message: formatLabel(LABELS.recalledMessage, recalled.name),
        variant: 'success'
      })
    );
    await this.refreshAfterSave();
  }

  handleUndo(): void {
    if (this.view) {
      this.draft = this.editableDraft(this.view);
    }
    this.dirty = false;
    this.saveErrors = [];
    this.formInputs().forEach((input) => input.setCustomValidity(''));
  }

  async handleSave(): Promise<void> {
    const view = this.view;
    const draft = this.draft;
    if (!view || !draft || this.isSaving) {
      return;
    }
    const inputs = this.formInputs();
    inputs.forEach((input) => input.setCustomValidity(''));
    const ruleErrors = draftErrors(view, draft);
    if (ruleErrors.length > 0) {
      this.showErrors(
        ruleErrors.map((error) => error.message),
        ruleErrors
      );
      return;
    }
    // reportValidity shows each field's own message (required, too long, below the minimum).
    const allValid = inputs.map((input) => input.reportValidity() !== false).every(Boolean);
    if (!allValid) {
      return;
    }

    this.isSaving = true;
    this.saveErrors = [];
    let saved: PaymentView;
    try {
      saved = await savePayment(saveParams(this.recordId, draft));
    } catch (error) {
      const messages = errorMessages(error);
      this.showErrors(
        messages,
        messages.map((message) => ({ field: fieldForMessage(message), message }))
      );
      this.isSaving = false;
      return;
    }

    this.view = saved;
    this.draft = this.editableDraft(saved);
    this.dirty = false;
    this.isSaving = false;
    const template = saved.status === SUBMITTED_STATUS ? LABELS.submittedMessage : LABELS.savedMessage;
    this.dispatchEvent(
      new ShowToastEvent({
        title: LABELS.savedTitle,
        message: formatLabel(template, saved.name),
        variant: 'success'
      })
    );
    await this.refreshAfterSave();
  }

  /** The wire's cache and the record page's own fields both hold the old values until told. */
  private async refreshAfterSave(): Promise<void> {
    try {
      await Promise.all([
        this.wiredResult ? refreshApex(this.wiredResult) : Promise.resolve(),
        notifyRecordUpdateAvailable([{ recordId: this.recordId }])
      ]);
    } catch {
      // The save succeeded and the guard already shows the saved payment: a cache that could not be
      // refreshed is not worth an error in front of the person.
    }
  }

  private editableDraft(view: PaymentView): PaymentDraft | null {
    return guardMode(view, null) === 'editable' ? draftFromView(view) : null;
  }

  private formInputs(): FormInput[] {
    return this.template ? Array.from(this.template.querySelectorAll<FormInput>('[data-field]')) : [];
  }

  private showErrors(messages: string[], fieldErrors: FieldError[]): void {
    this.saveErrors = messages.filter((message, index) => messages.indexOf(message) === index);
    const inputs = this.formInputs();
    for (const fieldError of fieldErrors) {
      const input = inputs.find((candidate) => candidate.dataset.field === fieldError.field);
      if (input) {
        input.setCustomValidity(fieldError.message);
        input.reportValidity();
      }
    }
  }
}
