/**
 * The one source of truth for assistance payment statuses and the payment lock.
 *
 * The Status__c picklist values and the validation rules on Assistance_Payment__c are generated
 * from (and checked against) this module, so the browser, the sync worker and the platform all
 * apply the same rules. No imports: Lightning Web Components and Node both load this file.
 */

/** Every status a payment can show, in the order of the E2E deck. 'None' is the blank picklist value. */
export const PAYMENT_STATUSES = [
  'None',
  'Payment Not Verified',
  'Verified By Worker',
  'Rejected By Worker',
  'Submitted for Payment',
  'Payment Successful',
  'Payment Failed',
  'Payment Returned',
  'Payment Voided',
  'Refund or Cancelled',
  'Payment Recouped'
] as const;

export type PaymentStatus = (typeof PAYMENT_STATUSES)[number];

export const NONE_STATUS: PaymentStatus = 'None';
export const SUBMITTED_STATUS: PaymentStatus = 'Submitted for Payment';

/** Statuses a worker may edit freely: the payment has not reached the payment system yet. */
export const EDITABLE_STATUSES: readonly PaymentStatus[] = [
  'None',
  'Payment Not Verified',
  'Verified By Worker',
  'Rejected By Worker'
];

/** Submitted for Payment and everything after it: the payment system owns the payment. */
export const LOCKED_STATUSES: readonly PaymentStatus[] = [
  'Submitted for Payment',
  'Payment Successful',
  'Payment Failed',
  'Payment Returned',
  'Payment Voided',
  'Refund or Cancelled',
  'Payment Recouped'
];

/** Statuses only the payment system can produce (everything locked except the submission itself). */
export const PAYMENT_SYSTEM_STATUSES: readonly PaymentStatus[] = LOCKED_STATUSES.filter(
  (status) => status !== SUBMITTED_STATUS
);

/** The values of the Status__c picklist: every status except 'None', which is stored as blank. */
export const STATUS_PICKLIST_VALUES: readonly string[] = PAYMENT_STATUSES.filter(
  (status) => status !== NONE_STATUS
);

/**
 * Forward-only moves after submission, one step each. Statuses without an entry are final.
 * A move may skip steps the sync missed between two cycles (Submitted for Payment straight to
 * Payment Returned), but never goes back: see canTransition.
 */
export const STATUS_TRANSITIONS: Readonly<Partial<Record<PaymentStatus, readonly PaymentStatus[]>>> = {
  'Submitted for Payment': ['Payment Successful', 'Payment Failed', 'Payment Voided'],
  'Payment Successful': ['Payment Returned', 'Refund or Cancelled', 'Payment Recouped']
};

/**
 * What a submission to the payment system carries, key by key, and the payment field each key is
 * read from (the constant currency aside). The lock is derived from this map: every field the sync
 * worker sends is locked once the payment is Submitted for Payment, so nothing that was sent can be
 * changed afterwards. A test builds submissions with the worker's own code and checks they agree.
 */
export const SUBMISSION_FIELDS = {
  amount: 'Amount__c',
  payee: 'Payee__c',
  vendorId: 'Vendor_Id__c',
  reasonCode: 'Reason_Code__c',
  caseId: 'Case__c'
} as const;
export type SubmissionKey = keyof typeof SUBMISSION_FIELDS;
export type SubmittedField = (typeof SUBMISSION_FIELDS)[SubmissionKey];

/**
 * What a submission needs, in the order the sync worker names what is missing. The worker refuses to
 * send a payment that lacks any of these (missingForSubmission), and the platform refuses to move a
 * payment to Submitted for Payment without them: a validation rule per field where one is named, and
 * the field definition itself for the amount (a required field; Payment_Amount_Must_Be_Positive adds
 * "above zero") and the case (the master-detail).
 */
export interface SubmissionRequirement {
  key: SubmissionKey;
  field: SubmittedField;
  /** the words in "the payment needs …" */
  need: string;
  /** the validation rule that refuses the submission without it; null where the field definition does */
  rule: PaymentRuleName | null;
}

/** The first words of the sync error of a payment the worker would not send (see unsentReason). */
export const UNSENT_REASON_PREFIX = 'Cannot submit:';

/** The permission that lets a supervisor recall a payment the payment system never received. */
export const RECALL_PERMISSION = 'Omni_Assist_Recall_Unsent_Payment';

/** Where a recalled payment goes: back before submission, so it can be corrected. */
export const RECALL_STATUS: PaymentStatus = 'Verified By Worker';

/** The field that says why a payment was recalled (tracked in field history, like the status). */
export const RECALL_REASON_FIELD = 'Recall_Reason__c';

export const SUBMISSION_REQUIREMENTS: readonly SubmissionRequirement[] = [
  { key: 'amount', field: 'Amount__c', need: 'an amount above zero', rule: null },
  { key: 'payee', field: 'Payee__c', need: 'a payee', rule: 'Payment_Submission_Needs_Payee' },
  {
    key: 'reasonCode',
    field: 'Reason_Code__c',
    need: 'a reason code',
    rule: 'Payment_Submission_Needs_Reason_Code'
  },
  { key: 'caseId', field: 'Case__c', need: 'a case', rule: null }
];

/** The status field: locked too, since only the payment system moves it after submission. */
export const STATUS_FIELD = 'Status__c';

/** Fields nobody but the payment sync integration may change once a payment is locked. */
export type LockedField = SubmittedField | typeof STATUS_FIELD;
export const LOCKED_FIELDS: readonly LockedField[] = [...Object.values(SUBMISSION_FIELDS), STATUS_FIELD];

export const LOCKED_FIELD_LABELS: Readonly<Record<LockedField, string>> = {
  Amount__c: 'amount',
  Payee__c: 'payee',
  Vendor_Id__c: 'vendor',
  Reason_Code__c: 'reason code',
  Case__c: 'case',
  Status__c: 'status'
};

/** "amount, payee, vendor, reason code, case and status" */
function lockedFieldWords(): string {
  const words = LOCKED_FIELDS.map((field) => LOCKED_FIELD_LABELS[field]);
  return `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}

/** The custom permission held only by the payment sync integration user. */
export const PAYMENT_SYNC_PERMISSION = 'Payment_Sync_Integration';

export const PAYMENT_OBJECT = 'Assistance_Payment__c';

/** Reason codes (picklist value -> meaning). */
export const REASON_CODES: Readonly<Record<string, string>> = {
  ARR: 'Arrears',
  RNT: 'Rent',
  STP: 'Stipend',
  UTL: 'Utility',
  DLF: 'Delivered Fuel',
  CRI: 'Crisis'
};

/** 'None' and blank both mean "no status yet". */
export function isPaymentStatus(value: unknown): value is PaymentStatus {
  return typeof value === 'string' && (PAYMENT_STATUSES as readonly string[]).includes(value);
}

/** Picklist value as stored (null for blank) -> status as the deck names it ('None' for blank). Accepts 'None' too. */
export function statusFromPicklist(value: string | null | undefined): PaymentStatus {
  if (value === null || value === undefined || value === '') {
    return NONE_STATUS;
  }
  if (!isPaymentStatus(value)) {
    throw new Error(`Unknown payment status "${value}"`);
  }
  return value;
}

/** Status as the deck names it -> the value to store in Status__c (null for 'None'). */
export function statusToPicklist(status: PaymentStatus): string | null {
  return status === NONE_STATUS ? null : status;
}

/** True for Submitted for Payment and every status after it. Accepts picklist values (blank = None). */
export function isLocked(status: string | null | undefined): boolean {
  const normalized = status === null || status === undefined || status === '' ? NONE_STATUS : status;
  return (LOCKED_STATUSES as readonly string[]).includes(normalized);
}

/** Statuses reachable from `from` by one or more forward steps of STATUS_TRANSITIONS. */
export function reachableStatuses(from: PaymentStatus): PaymentStatus[] {
  const seen: PaymentStatus[] = [];
  const queue: PaymentStatus[] = [...(STATUS_TRANSITIONS[from] ?? [])];
  while (queue.length > 0) {
    const next = queue.shift() as PaymentStatus;
    if (!seen.includes(next)) {
      seen.push(next);
      queue.push(...(STATUS_TRANSITIONS[next] ?? []));
    }
  }
  return PAYMENT_STATUSES.filter((status) => seen.includes(status));
}

/**
 * Whether the payment sync integration may move a locked payment from one status to another:
 * forward along STATUS_TRANSITIONS (possibly several steps at once), never back, never out of a
 * final status. Staying on the same status is always allowed. Accepts picklist values (blank = None).
 */
export function canTransition(from: string | null | undefined, to: string | null | undefined): boolean {
  const fromStatus = statusFromPicklist(from);
  const toStatus = statusFromPicklist(to);
  if (fromStatus === toStatus) {
    return true;
  }
  if (!isLocked(fromStatus)) {
    return EDITABLE_STATUSES.includes(toStatus) || toStatus === SUBMITTED_STATUS;
  }
  return reachableStatuses(fromStatus).includes(toStatus);
}

/** The names of the validation rules on Assistance_Payment__c. */
export const PAYMENT_RULES = {
  lockedAfterSubmission: 'Payment_Locked_After_Submission',
  lockedNotSent: 'Payment_Locked_Not_Sent',
  recallReasonOnlyOnRecall: 'Payment_Recall_Reason_Only_On_Recall',
  statusForwardOnly: 'Payment_Status_Forward_Only',
  statusSetByPaymentSystem: 'Payment_Status_Set_By_Payment_System',
  amountPositive: 'Payment_Amount_Must_Be_Positive',
  submissionNeedsPayee: 'Payment_Submission_Needs_Payee',
  submissionNeedsReasonCode: 'Payment_Submission_Needs_Reason_Code',
  partitionNotNegative: 'Payment_Sync_Partition_Not_Negative'
} as const;
export type PaymentRuleName = (typeof PAYMENT_RULES)[keyof typeof PAYMENT_RULES];

/** What a person reads when a save is refused (at most 255 characters: the platform's limit). */
export const PAYMENT_RULE_MESSAGES: Readonly<Record<PaymentRuleName, string>> = {
  Payment_Locked_After_Submission:
    `This payment was Submitted for Payment, so its ${lockedFieldWords()} are locked: ` +
    'edits here would not reach the payment system. To change it, ask for a void or recoup in the payment system.',
  Payment_Locked_Not_Sent:
    'This payment never reached the payment system (see its sync error), and it stays locked until a ' +
    'supervisor recalls it to Verified By Worker with a recall reason. Then it can be corrected and submitted again.',
  Payment_Recall_Reason_Only_On_Recall:
    'A recall reason is recorded only when a supervisor recalls a payment that never reached the payment ' +
    'system to Verified By Worker.',
  Payment_Status_Forward_Only:
    'After submission a payment status only moves forward (Submitted for Payment, then Successful, Failed ' +
    'or Voided; Successful, then Returned, Refund or Cancelled, or Recouped). To undo a payment, ask for a ' +
    'void or recoup in the payment system.',
  Payment_Status_Set_By_Payment_System:
    'Only the payment system sets a status after Submitted for Payment. Set the status to Submitted for ' +
    'Payment to send it; to undo a payment that was sent, ask for a void or recoup in the payment system.',
  Payment_Amount_Must_Be_Positive: 'Enter an amount greater than zero.',
  Payment_Submission_Needs_Payee:
    'Enter the payee before setting the status to Submitted for Payment: the payment system pays the payee.',
  Payment_Submission_Needs_Reason_Code:
    'Choose the reason code before setting the status to Submitted for Payment: the payment system needs it.',
  Payment_Sync_Partition_Not_Negative: 'The sync partition must be zero or more.'
};

/** The field a refused save points at; null shows the message at the top of the page (it covers several fields). */
export const PAYMENT_RULE_FIELDS: Readonly<Record<PaymentRuleName, string | null>> = {
  Payment_Locked_After_Submission: null,
  Payment_Locked_Not_Sent: null,
  Payment_Recall_Reason_Only_On_Recall: 'Recall_Reason__c',
  Payment_Status_Forward_Only: 'Status__c',
  Payment_Status_Set_By_Payment_System: 'Status__c',
  Payment_Amount_Must_Be_Positive: 'Amount__c',
  Payment_Submission_Needs_Payee: 'Payee__c',
  Payment_Submission_Needs_Reason_Code: 'Reason_Code__c',
  Payment_Sync_Partition_Not_Negative: 'Sync_Partition__c'
};

/** The payment fields the rules read, as the platform stores them (picklists: null or '' for blank). */
export interface PaymentValues {
  Status__c?: string | null;
  Amount__c?: number | null;
  Payee__c?: string | null;
  Vendor_Id__c?: string | null;
  Reason_Code__c?: string | null;
  Case__c?: string | null;
  Sync_Partition__c?: number | null;
  External_Payment_Id__c?: string | null;
  Sync_Error__c?: string | null;
  Recall_Reason__c?: string | null;
}

export interface PaymentChange {
  /** true when the payment is being created */
  isNew: boolean;
  /** values before the save: needed on an update, ignored when isNew */
  prior?: PaymentValues | null;
  /** values after the save */
  next: PaymentValues;
  /** whether the saving user holds the Payment_Sync_Integration custom permission */
  hasSyncPermission: boolean;
  /** whether the saving user holds the Omni_Assist_Recall_Unsent_Payment custom permission (supervisors) */
  hasRecallPermission?: boolean;
}

export interface PaymentRuleViolation {
  rule: PaymentRuleName;
  field: string | null;
  message: string;
}

function isBlank(value: unknown): boolean {
  return value === null || value === undefined || value === '';
}

function sameValue(a: unknown, b: unknown): boolean {
  if (isBlank(a) && isBlank(b)) {
    return true;
  }
  return a === b;
}

function isBlankText(value: unknown): boolean {
  return isBlank(value) || (typeof value === 'string' && value.trim() === '');
}

/**
 * The values before the save: none on create (the platform's PRIORVALUE gives the new value then, so
 * whatever prior a create carries is not consulted). An update cannot be judged without them.
 */
function priorValues(change: PaymentChange): PaymentValues | null {
  if (change.isNew) {
    return null;
  }
  if (!change.prior) {
    throw new Error(
      'A payment update needs the values before the save (prior) to be judged against the payment lock'
    );
  }
  return change.prior;
}

/** The requirements a payment does not meet for a submission, in SUBMISSION_REQUIREMENTS order. */
export function missingForSubmission(values: PaymentValues): SubmissionRequirement[] {
  return SUBMISSION_REQUIREMENTS.filter((requirement) => {
    const value = values[requirement.field];
    return requirement.key === 'amount' ? !(typeof value === 'number' && value > 0) : isBlankText(value);
  });
}

/**
 * Why the sync worker does not send a payment, in the words its sync error keeps
 * ("Cannot submit: the payment needs a payee."); null when the payment has everything.
 */
export function unsentReason(values: PaymentValues): string | null {
  const missing = missingForSubmission(values);
  if (missing.length === 0) {
    return null;
  }
  return `${UNSENT_REASON_PREFIX} the payment needs ${missing.map((m) => m.need).join(', ')}.`;
}

/**
 * A payment the payment system never received: Submitted for Payment, no payment-system id, and the
 * sync worker's own record that it would not send it. Only such a payment may be recalled.
 */
export function isUnsent(values: PaymentValues | null | undefined): boolean {
  if (!values) {
    return false;
  }
  const syncError = values.Sync_Error__c;
  return (
    statusFromPicklist(values.Status__c) === SUBMITTED_STATUS &&
    isBlank(values.External_Payment_Id__c) &&
    typeof syncError === 'string' &&
    syncError.startsWith(UNSENT_REASON_PREFIX)
  );
}

/**
 * A supervisor's recall: an unsent payment moved back to Verified By Worker with a reason, and no
 * other locked field changed in the same save (the correction comes after, as an ordinary edit).
 */
export function isRecall(change: PaymentChange): boolean {
  const prior = priorValues(change);
  if (!prior || change.hasRecallPermission !== true || !isUnsent(prior)) {
    return false;
  }
  const changed = changedLockedFields(change);
  return (
    statusFromPicklist(change.next.Status__c) === RECALL_STATUS &&
    changed.length === 1 &&
    changed[0] === STATUS_FIELD &&
    isBlank(change.next.External_Payment_Id__c) &&
    !isBlankText(change.next.Recall_Reason__c)
  );
}

/** The locked fields whose value differs between prior and next (empty on create). */
export function changedLockedFields(change: PaymentChange): LockedField[] {
  const prior = priorValues(change);
  if (!prior) {
    return [];
  }
  return LOCKED_FIELDS.filter((field) => !sameValue(prior[field], change.next[field]));
}

/**
 * Every rule a save breaks, in PAYMENT_RULES order; empty when the save is allowed.
 * This is the behaviour the generated validation rules must have on the platform.
 */
export function paymentRuleViolations(change: PaymentChange): PaymentRuleViolation[] {
  const broken: PaymentRuleName[] = [];
  const next = change.next;
  const nextStatus = statusFromPicklist(next.Status__c);
  const prior = priorValues(change);
  const priorStatus = prior ? statusFromPicklist(prior.Status__c) : NONE_STATUS;
  const priorLocked = isLocked(priorStatus);

  const priorUnsent = isUnsent(prior);
  const editsLocked = priorLocked && !change.hasSyncPermission && changedLockedFields(change).length > 0;
  if (editsLocked && !priorUnsent) {
    broken.push(PAYMENT_RULES.lockedAfterSubmission);
  }
  if (editsLocked && priorUnsent && !isRecall(change)) {
    broken.push(PAYMENT_RULES.lockedNotSent);
  }
  const reasonChanged = prior
    ? !sameValue(prior.Recall_Reason__c, next.Recall_Reason__c)
    : !isBlank(next.Recall_Reason__c);
  const recallMove = priorUnsent && change.hasRecallPermission === true && nextStatus === RECALL_STATUS;
  if (reasonChanged && !recallMove) {
    broken.push(PAYMENT_RULES.recallReasonOnlyOnRecall);
  }
  if (priorLocked && change.hasSyncPermission && !canTransition(priorStatus, nextStatus)) {
    broken.push(PAYMENT_RULES.statusForwardOnly);
  }
  if (!priorLocked && PAYMENT_SYSTEM_STATUSES.includes(nextStatus)) {
    broken.push(PAYMENT_RULES.statusSetByPaymentSystem);
  }
  if (typeof next.Amount__c === 'number' && next.Amount__c <= 0) {
    broken.push(PAYMENT_RULES.amountPositive);
  }
  const entersSubmission = nextStatus === SUBMITTED_STATUS && priorStatus !== SUBMITTED_STATUS;
  if (entersSubmission) {
    for (const requirement of missingForSubmission(next)) {
      if (requirement.rule !== null) {
        broken.push(requirement.rule);
      }
    }
  }
  if (typeof next.Sync_Partition__c === 'number' && next.Sync_Partition__c < 0) {
    broken.push(PAYMENT_RULES.partitionNotNegative);
  }
  return broken.map((rule) => ({
    rule,
    field: PAYMENT_RULE_FIELDS[rule],
    message: PAYMENT_RULE_MESSAGES[rule]
  }));
}

/**
 * The sentence a payment page shows above a locked payment. Pass the payment's values to tell a
 * payment the payment system never received (it can be recalled) from one it holds.
 */
export function lockExplanation(status: string | null | undefined, payment?: PaymentValues | null): string {
  if (!isLocked(status)) {
    return '';
  }
  const fields = lockedFieldWords();
  if (payment && isUnsent({ ...payment, Status__c: status })) {
    return (
      'This payment never reached the payment system: the sync could not send it (see the sync error). ' +
      `Its ${fields} stay locked until a supervisor recalls it to ${RECALL_STATUS}, giving a reason; ` +
      'then it can be corrected and submitted again.'
    );
  }
  const where =
    statusFromPicklist(status) === SUBMITTED_STATUS
      ? 'This payment was submitted to the payment system'
      : `The payment system reports this payment as ${statusFromPicklist(status)}`;
  return (
    `${where}, so its ${fields} can no longer be changed here. ` +
    'To change it, ask for a void or recoup in the payment system.'
  );
}
