/**
 * Text a person reads in the payment guard, from custom labels (labels/CustomLabels.labels-meta.xml).
 * Text with {0}-style placeholders is filled in with formatLabel.
 */
import PaymentGuard_CardTitle from '@salesforce/label/c.PaymentGuard_CardTitle';
import PaymentGuard_CardTitleWithName from '@salesforce/label/c.PaymentGuard_CardTitleWithName';
import PaymentGuard_Loading from '@salesforce/label/c.PaymentGuard_Loading';
import PaymentGuard_LoadErrorTitle from '@salesforce/label/c.PaymentGuard_LoadErrorTitle';
import PaymentGuard_EditIntro from '@salesforce/label/c.PaymentGuard_EditIntro';
import PaymentGuard_ReadOnlyIntro from '@salesforce/label/c.PaymentGuard_ReadOnlyIntro';
import PaymentGuard_Amount from '@salesforce/label/c.PaymentGuard_Amount';
import PaymentGuard_Payee from '@salesforce/label/c.PaymentGuard_Payee';
import PaymentGuard_VendorId from '@salesforce/label/c.PaymentGuard_VendorId';
import PaymentGuard_ReasonCode from '@salesforce/label/c.PaymentGuard_ReasonCode';
import PaymentGuard_ReasonPlaceholder from '@salesforce/label/c.PaymentGuard_ReasonPlaceholder';
import PaymentGuard_Status from '@salesforce/label/c.PaymentGuard_Status';
import PaymentGuard_StatusHelp from '@salesforce/label/c.PaymentGuard_StatusHelp';
import PaymentGuard_NoneOption from '@salesforce/label/c.PaymentGuard_NoneOption';
import PaymentGuard_SubmitWarning from '@salesforce/label/c.PaymentGuard_SubmitWarning';
import PaymentGuard_Save from '@salesforce/label/c.PaymentGuard_Save';
import PaymentGuard_Saving from '@salesforce/label/c.PaymentGuard_Saving';
import PaymentGuard_Reset from '@salesforce/label/c.PaymentGuard_Reset';
import PaymentGuard_SaveErrorTitle from '@salesforce/label/c.PaymentGuard_SaveErrorTitle';
import PaymentGuard_SavedTitle from '@salesforce/label/c.PaymentGuard_SavedTitle';
import PaymentGuard_SavedMessage from '@salesforce/label/c.PaymentGuard_SavedMessage';
import PaymentGuard_SubmittedMessage from '@salesforce/label/c.PaymentGuard_SubmittedMessage';
import PaymentGuard_AmountMissing from '@salesforce/label/c.PaymentGuard_AmountMissing';
import PaymentGuard_AmountInvalid from '@salesforce/label/c.PaymentGuard_AmountInvalid';
import PaymentGuard_LockedTitle from '@salesforce/label/c.PaymentGuard_LockedTitle';
import PaymentGuard_SubmittedTitle from '@salesforce/label/c.PaymentGuard_SubmittedTitle';
import PaymentGuard_SubmittedAt from '@salesforce/label/c.PaymentGuard_SubmittedAt';
import PaymentGuard_SnapshotUnreadable from '@salesforce/label/c.PaymentGuard_SnapshotUnreadable';
import PaymentGuard_SnapshotMissing from '@salesforce/label/c.PaymentGuard_SnapshotMissing';
import PaymentGuard_SnapshotHidden from '@salesforce/label/c.PaymentGuard_SnapshotHidden';
import PaymentGuard_PaymentSystemTitle from '@salesforce/label/c.PaymentGuard_PaymentSystemTitle';
import PaymentGuard_CurrentStatus from '@salesforce/label/c.PaymentGuard_CurrentStatus';
import PaymentGuard_LastSyncedAt from '@salesforce/label/c.PaymentGuard_LastSyncedAt';
import PaymentGuard_NotSyncedYet from '@salesforce/label/c.PaymentGuard_NotSyncedYet';
import PaymentGuard_ExternalPaymentId from '@salesforce/label/c.PaymentGuard_ExternalPaymentId';
import PaymentGuard_NotAssigned from '@salesforce/label/c.PaymentGuard_NotAssigned';
import PaymentGuard_DriftTitle from '@salesforce/label/c.PaymentGuard_DriftTitle';
import PaymentGuard_DriftIntro from '@salesforce/label/c.PaymentGuard_DriftIntro';
import PaymentGuard_DriftDetailsTitle from '@salesforce/label/c.PaymentGuard_DriftDetailsTitle';
import PaymentGuard_SyncErrorTitle from '@salesforce/label/c.PaymentGuard_SyncErrorTitle';
import PaymentGuard_SyncErrorIntro from '@salesforce/label/c.PaymentGuard_SyncErrorIntro';
import PaymentGuard_NotProvided from '@salesforce/label/c.PaymentGuard_NotProvided';
import PaymentGuard_UnknownError from '@salesforce/label/c.PaymentGuard_UnknownError';
import PaymentGuard_DriftField from '@salesforce/label/c.PaymentGuard_DriftField';
import PaymentGuard_DriftSubmitted from '@salesforce/label/c.PaymentGuard_DriftSubmitted';
import PaymentGuard_DriftNow from '@salesforce/label/c.PaymentGuard_DriftNow';
import PaymentGuard_RecallTitle from '@salesforce/label/c.PaymentGuard_RecallTitle';
import PaymentGuard_RecallIntro from '@salesforce/label/c.PaymentGuard_RecallIntro';
import PaymentGuard_RecallReason from '@salesforce/label/c.PaymentGuard_RecallReason';
import PaymentGuard_RecallReasonMissing from '@salesforce/label/c.PaymentGuard_RecallReasonMissing';
import PaymentGuard_RecallButton from '@salesforce/label/c.PaymentGuard_RecallButton';
import PaymentGuard_Recalling from '@salesforce/label/c.PaymentGuard_Recalling';
import PaymentGuard_RecallErrorTitle from '@salesforce/label/c.PaymentGuard_RecallErrorTitle';
import PaymentGuard_RecalledTitle from '@salesforce/label/c.PaymentGuard_RecalledTitle';
import PaymentGuard_RecalledMessage from '@salesforce/label/c.PaymentGuard_RecalledMessage';
import PaymentGuard_RecalledNote from '@salesforce/label/c.PaymentGuard_RecalledNote';
import PaymentGuard_NeverSentTitle from '@salesforce/label/c.PaymentGuard_NeverSentTitle';
import PaymentGuard_NothingSent from '@salesforce/label/c.PaymentGuard_NothingSent';

export const LABELS = {
  cardTitle: PaymentGuard_CardTitle,
  cardTitleWithName: PaymentGuard_CardTitleWithName,
  loading: PaymentGuard_Loading,
  loadErrorTitle: PaymentGuard_LoadErrorTitle,
  editIntro: PaymentGuard_EditIntro,
  readOnlyIntro: PaymentGuard_ReadOnlyIntro,
  amount: PaymentGuard_Amount,
  payee: PaymentGuard_Payee,
  vendorId: PaymentGuard_VendorId,
  reasonCode: PaymentGuard_ReasonCode,
  reasonPlaceholder: PaymentGuard_ReasonPlaceholder,
  status: PaymentGuard_Status,
  statusHelp: PaymentGuard_StatusHelp,
  noneOption: PaymentGuard_NoneOption,
  submitWarning: PaymentGuard_SubmitWarning,
  save: PaymentGuard_Save,
  saving: PaymentGuard_Saving,
  reset: PaymentGuard_Reset,
  saveErrorTitle: PaymentGuard_SaveErrorTitle,
  savedTitle: PaymentGuard_SavedTitle,
  savedMessage: PaymentGuard_SavedMessage,
  submittedMessage: PaymentGuard_SubmittedMessage,
  amountMissing: PaymentGuard_AmountMissing,
  amountInvalid: PaymentGuard_AmountInvalid,
  lockedTitle: PaymentGuard_LockedTitle,
  submittedTitle: PaymentGuard_SubmittedTitle,
  submittedAt: PaymentGuard_SubmittedAt,
  snapshotUnreadable: PaymentGuard_SnapshotUnreadable,
  snapshotMissing: PaymentGuard_SnapshotMissing,
  snapshotHidden: PaymentGuard_SnapshotHidden,
  paymentSystemTitle: PaymentGuard_PaymentSystemTitle,
  currentStatus: PaymentGuard_CurrentStatus,
  lastSyncedAt: PaymentGuard_LastSyncedAt,
  notSyncedYet: PaymentGuard_NotSyncedYet,
  externalPaymentId: PaymentGuard_ExternalPaymentId,
  notAssigned: PaymentGuard_NotAssigned,
  driftTitle: PaymentGuard_DriftTitle,
  driftIntro: PaymentGuard_DriftIntro,
  driftDetailsTitle: PaymentGuard_DriftDetailsTitle,
  syncErrorTitle: PaymentGuard_SyncErrorTitle,
  syncErrorIntro: PaymentGuard_SyncErrorIntro,
  notProvided: PaymentGuard_NotProvided,
  unknownError: PaymentGuard_UnknownError,
  driftField: PaymentGuard_DriftField,
  driftSubmitted: PaymentGuard_DriftSubmitted,
  driftNow: PaymentGuard_DriftNow,
  recallTitle: PaymentGuard_RecallTitle,
  recallIntro: PaymentGuard_RecallIntro,
  recallReason: PaymentGuard_RecallReason,
  recallReasonMissing: PaymentGuard_RecallReasonMissing,
  recallButton: PaymentGuard_RecallButton,
  recalling: PaymentGuard_Recalling,
  recallErrorTitle: PaymentGuard_RecallErrorTitle,
  recalledTitle: PaymentGuard_RecalledTitle,
  recalledMessage: PaymentGuard_RecalledMessage,
  recalledNote: PaymentGuard_RecalledNote,
  neverSentTitle: PaymentGuard_NeverSentTitle,
  nothingSent: PaymentGuard_NothingSent
} as const;

export type LabelKey = keyof typeof LABELS;
