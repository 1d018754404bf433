/**
 * What the payment guard shows, decided without rendering: which state a payment is in, the
 * statuses a person may choose, what was submitted, and the messages of a refused save.
 * The payment lock itself comes from c/paymentRules, the one source of truth.
 */
import {
  EDITABLE_STATUSES,
  NONE_STATUS,
  PAYMENT_RULE_FIELDS,
  PAYMENT_RULE_MESSAGES,
  REASON_CODES,
  SUBMITTED_STATUS,
  canTransition,
  isLocked,
  isPaymentStatus,
  isUnsent,
  lockExplanation,
  paymentRuleViolations,
  statusFromPicklist,
  statusToPicklist
} from 'c/paymentRules';
import type { PaymentRuleName, PaymentStatus } from 'c/paymentRules';
import { LABELS } from './labels';

/** The payment as PaymentGuardController.getPaymentView returns it (PaymentGuardControllerView; Status__c blank = null). */
export interface PaymentView {
  id: string;
  name: string;
  caseId: string | null;
  status: string | null;
  amount: number | null;
  payee: string | null;
  vendorId: string | null;
  reasonCode: string | null;
  externalPaymentId: string | null;
  submittedSnapshot: string | null;
  submittedAt: string | null;
  lastSyncedAt: string | null;
  syncError: string | null;
  driftDetected: boolean;
  driftDetails: string | null;
  canEdit: boolean;
  /** why a supervisor last recalled the payment (Recall_Reason__c) */
  recallReason?: string | null;
  /** the running user may recall it: a supervisor, and the payment system never received it */
  canRecall?: boolean;
  /** API names of fields the person may not read; the controller leaves them null */
  unreadableFields?: string[];
}

/** What the sync worker recorded in Submitted_Snapshot__c when it sent the payment. */
export interface SubmittedSnapshot {
  amount: number;
  payee: string;
  vendorId: string | null;
  reasonCode: string;
  caseId: string | null;
}

export type SnapshotResult =
  | { kind: 'ok'; snapshot: SubmittedSnapshot }
  | { kind: 'missing' }
  | { kind: 'hidden' }
  | { kind: 'unreadable' };

export interface Option {
  label: string;
  value: string;
}

/** The values a person edits before submission; status uses the deck's names ('None' for blank). */
export interface PaymentDraft {
  amount: number | null;
  payee: string;
  vendorId: string;
  reasonCode: string;
  status: PaymentStatus;
}

export interface FieldError {
  /** null when the message covers several fields and belongs at the top of the form */
  field: string | null;
  message: string;
}

export type GuardMode = 'loading' | 'error' | 'editable' | 'readOnly' | 'locked';

/** Which face the guard shows: the lock wins over edit access, so nobody is offered a form the platform refuses. */
export function guardMode(view: PaymentView | null | undefined, error: unknown): GuardMode {
  if (error) {
    return 'error';
  }
  if (!view) {
    return 'loading';
  }
  if (isLocked(view.status)) {
    return 'locked';
  }
  // A status this release does not know is shown, never overwritten by a form.
  const knownStatus = view.status === null || view.status === '' || isPaymentStatus(view.status);
  return view.canEdit && knownStatus ? 'editable' : 'readOnly';
}

/** The status as the deck names it, or the raw value when the org holds one this release does not know. */
export function statusLabel(status: string | null | undefined): string {
  if (status === null || status === undefined || status === '') {
    return NONE_STATUS;
  }
  return isPaymentStatus(status) ? statusFromPicklist(status) : status;
}

/**
 * Statuses a person may pick before submission: the editable ones and Submitted for Payment,
 * which hands the payment over. Statuses only the payment system produces are never offered.
 */
export function personStatusOptions(current: string | null | undefined): Option[] {
  const from = isPaymentStatus(current) ? current : null;
  const choices: PaymentStatus[] = [...EDITABLE_STATUSES, SUBMITTED_STATUS];
  return choices
    .filter((status) => from === null || canTransition(statusToPicklist(from), statusToPicklist(status)))
    .map((status) => ({ label: status === NONE_STATUS ? LABELS.noneOption : status, value: status }));
}

/** Reason code picklist values with their meaning, e.g. "ARR (Arrears)". */
export function reasonLabel(code: string | null | undefined): string {
  if (!code) {
    return LABELS.notProvided;
  }
  const meaning = REASON_CODES[code];
  return meaning ? `${code} (${meaning})` : code;
}

export function reasonOptions(): Option[] {
  return [
    { label: LABELS.noneOption, value: '' },
    ...Object.keys(REASON_CODES).map((code) => ({ label: reasonLabel(code), value: code }))
  ];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function optionalString(value: unknown): string | null | undefined {
  if (value === null || value === undefined) {
    return null;
  }
  return typeof value === 'string' ? value : undefined;
}

/**
 * Reads Submitted_Snapshot__c. A snapshot that is not the expected JSON is reported as unreadable
 * rather than shown partly: a person must not take a guess for what the payment system holds.
 */
export function parseSnapshot(json: string | null | undefined): SnapshotResult {
  if (json === null || json === undefined || json.trim() === '') {
    return { kind: 'missing' };
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    return { kind: 'unreadable' };
  }
  if (!isRecord(parsed)) {
    return { kind: 'unreadable' };
  }
  const amount = typeof parsed.amount === 'string' ? Number(parsed.amount) : parsed.amount;
  const vendorId = optionalString(parsed.vendorId);
  const caseId = optionalString(parsed.caseId);
  if (
    typeof amount !== 'number' ||
    !Number.isFinite(amount) ||
    typeof parsed.payee !== 'string' ||
    typeof parsed.reasonCode !== 'string' ||
    vendorId === undefined ||
    caseId === undefined
  ) {
    return { kind: 'unreadable' };
  }
  return {
    kind: 'ok',
    snapshot: { amount, payee: parsed.payee, vendorId, reasonCode: parsed.reasonCode, caseId }
  };
}

/** What was submitted, as far as the person may read it. */
export function snapshotOf(view: PaymentView | null | undefined): SnapshotResult {
  if (view && !view.submittedSnapshot && view.unreadableFields?.includes('Submitted_Snapshot__c')) {
    return { kind: 'hidden' };
  }
  return parseSnapshot(view?.submittedSnapshot);
}

/** The payment as c/paymentRules reads it (API names). */
function ruleValues(view: PaymentView): {
  Status__c: string | null;
  External_Payment_Id__c: string | null;
  Sync_Error__c: string | null;
} {
  return {
    Status__c: view.status,
    External_Payment_Id__c: view.externalPaymentId,
    Sync_Error__c: view.syncError
  };
}

/** The sentence above a locked payment, from c/paymentRules (a payment never sent says who can recall it). */
export function lockMessage(view: PaymentView | null | undefined): string {
  return view ? lockExplanation(view.status, ruleValues(view)) : '';
}

/** Submitted for Payment, but the payment system never received it (c/paymentRules isUnsent). */
export function neverSent(view: PaymentView | null | undefined): boolean {
  return view ? isUnsent(ruleValues(view)) : false;
}

/** One line of the drift box: a field as submitted and as the record holds it now. */
export interface DriftRow {
  key: string;
  label: string;
  isAmount: boolean;
  submittedAmount: number | null;
  nowAmount: number | null;
  submittedText: string;
  nowText: string;
}

function cents(value: number | null | undefined): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? Math.round(value * 100) : null;
}

function shown(value: string | null | undefined): string {
  return value && value.trim() !== '' ? value.trim() : LABELS.notProvided;
}

/**
 * What differs between what was submitted and the record now, field by field with the card's own
 * labels (amounts stay numbers, shown as currency by the template); null when what was submitted
 * cannot be read, so the page falls back to the sync's description.
 */
export function driftRows(view: PaymentView | null | undefined): DriftRow[] | null {
  const result = snapshotOf(view);
  if (!view || result.kind !== 'ok') {
    return null;
  }
  const sent = result.snapshot;
  const rows: DriftRow[] = [];
  if (cents(sent.amount) !== cents(view.amount)) {
    rows.push({
      key: 'amount',
      label: LABELS.amount,
      isAmount: true,
      submittedAmount: sent.amount,
      nowAmount: view.amount,
      submittedText: '',
      nowText: view.amount === null ? LABELS.notProvided : ''
    });
  }
  const texts: Array<[string, string, string, string]> = [
    ['payee', LABELS.payee, shown(sent.payee), shown(view.payee)],
    ['vendorId', LABELS.vendorId, shown(sent.vendorId), shown(view.vendorId)],
    ['reasonCode', LABELS.reasonCode, reasonLabel(sent.reasonCode), reasonLabel(view.reasonCode)]
  ];
  for (const [key, label, submittedText, nowText] of texts) {
    if (submittedText !== nowText) {
      rows.push({
        key,
        label,
        isAmount: false,
        submittedAmount: null,
        nowAmount: null,
        submittedText,
        nowText
      });
    }
  }
  return rows;
}

export function draftFromView(view: PaymentView): PaymentDraft {
  return {
    amount: view.amount,
    payee: view.payee ?? '',
    vendorId: view.vendorId ?? '',
    reasonCode: view.reasonCode ?? '',
    status: isPaymentStatus(view.status) ? view.status : statusFromPicklist(view.status)
  };
}

/** lightning-input type="number" reports its value as a string; blank means no amount. */
export function parseAmount(value: unknown): number | null {
  if (value === null || value === undefined || value === '') {
    return null;
  }
  const amount = typeof value === 'number' ? value : Number(value);
  return Number.isFinite(amount) ? amount : null;
}

function blankToNull(value: string): string | null {
  const trimmed = value.trim();
  return trimmed === '' ? null : trimmed;
}

/** The parameters of PaymentGuardController.savePayment. */
export interface SaveParams {
  paymentId: string;
  amount: number | null;
  payee: string | null;
  vendorId: string | null;
  reasonCode: string | null;
  /** Status__c picklist value; null is the None status */
  status: string | null;
}

/** The parameters of PaymentGuardController.savePayment for a draft. */
export function saveParams(paymentId: string, draft: PaymentDraft): SaveParams {
  return {
    paymentId,
    amount: draft.amount,
    payee: blankToNull(draft.payee),
    vendorId: blankToNull(draft.vendorId),
    reasonCode: blankToNull(draft.reasonCode),
    status: statusToPicklist(draft.status)
  };
}

/**
 * The rules the platform applies to this save, checked before the round trip so a person sees
 * the same message the validation rule would give, next to the field it concerns.
 */
export function draftErrors(view: PaymentView, draft: PaymentDraft): FieldError[] {
  const errors: FieldError[] = [];
  if (draft.amount === null) {
    errors.push({ field: 'Amount__c', message: LABELS.amountMissing });
  }
  const violations = paymentRuleViolations({
    isNew: false,
    prior: {
      Status__c: view.status,
      Amount__c: view.amount,
      Payee__c: view.payee,
      Reason_Code__c: view.reasonCode
    },
    next: {
      Status__c: statusToPicklist(draft.status),
      Amount__c: draft.amount,
      Payee__c: blankToNull(draft.payee),
      Reason_Code__c: blankToNull(draft.reasonCode)
    },
    hasSyncPermission: false
  });
  for (const violation of violations) {
    errors.push({ field: violation.field, message: violation.message });
  }
  return errors;
}

const VALIDATION_PREFIX = /FIELD_CUSTOM_VALIDATION_EXCEPTION,\s*/;

/**
 * The sentence a person should read from a platform message: a DML failure that reached the
 * browser unhandled carries the validation rule's text between the status code and the field list.
 */
export function humanMessage(message: string): string {
  const match = VALIDATION_PREFIX.exec(message);
  if (!match) {
    return message.trim();
  }
  const text = message.slice(match.index + match[0].length);
  return text.replace(/:\s*\[[^\]]*\]\s*$/, '').trim();
}

function collect(error: unknown, into: string[]): void {
  if (error === null || error === undefined) {
    return;
  }
  if (Array.isArray(error)) {
    error.forEach((item) => collect(item, into));
    return;
  }
  if (typeof error === 'string') {
    into.push(error);
    return;
  }
  if (!isRecord(error)) {
    return;
  }
  const body = error.body;
  if (Array.isArray(body)) {
    body.forEach((item) => collect(item, into));
    return;
  }
  if (isRecord(body)) {
    const before = into.length;
    if (typeof body.message === 'string') {
      into.push(body.message);
    }
    collectPageAndFieldErrors(body, into);
    if (isRecord(body.output)) {
      collectPageAndFieldErrors(body.output, into);
      if (Array.isArray(body.output.errors)) {
        body.output.errors.forEach((item) => collect(item, into));
      }
    }
    if (into.length > before) {
      return;
    }
  }
  if (typeof error.message === 'string') {
    into.push(error.message);
  }
}

function collectPageAndFieldErrors(source: Record<string, unknown>, into: string[]): void {
  if (Array.isArray(source.pageErrors)) {
    source.pageErrors.forEach((item) => collect(item, into));
  }
  if (isRecord(source.fieldErrors)) {
    Object.values(source.fieldErrors).forEach((item) => collect(item, into));
  }
}

/** Every distinct message in an error from Apex (wire or imperative) or Lightning Data Service. */
export function errorMessages(error: unknown): string[] {
  const raw: string[] = [];
  collect(error, raw);
  const messages = raw.map(humanMessage).filter((message) => message !== '');
  const distinct = messages.filter((message, index) => messages.indexOf(message) === index);
  return distinct.length > 0 ? distinct : [LABELS.unknownError];
}

/** The field a payment-rule message points at, so the form can mark it; null when the message is not a rule's. */
export function fieldForMessage(message: string): string | null {
  const rule = (Object.keys(PAYMENT_RULE_MESSAGES) as PaymentRuleName[]).find(
    (name) => PAYMENT_RULE_MESSAGES[name] === message
  );
  return rule ? PAYMENT_RULE_FIELDS[rule] : null;
}

/** Fills a custom label's {0}, {1}… placeholders. */
export { formatLabel } from 'c/labelFormat';
