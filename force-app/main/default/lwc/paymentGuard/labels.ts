/**
 * Text a person reads in the payment guard. Kept together here so it can move to custom labels
 * (labels/CustomLabels.labels-meta.xml, imported with @salesforce/label/c.<Name>) in one step.
 */
export const LABELS = {
  cardTitle: 'Assistance payment',
  loading: 'Loading payment',
  loadErrorTitle: 'This payment could not be loaded',
  editIntro: 'This payment has not been submitted yet. You can change it until it is Submitted for Payment.',
  readOnlyIntro: 'You can view this payment but not edit it. Ask a case manager if it needs a change.',
  amount: 'Amount',
  payee: 'Payee',
  vendorId: 'Vendor ID',
  reasonCode: 'Reason code',
  reasonPlaceholder: 'Select a reason code',
  status: 'Status',
  statusHelp:
    'Choose Submitted for Payment only when the payment is ready: saving with it sends the payment to the payment system and locks it.',
  noneOption: '--None--',
  submitWarning:
    'Saving sends this payment to the payment system. After that its amount, payee, reason code and status can no longer be changed here.',
  save: 'Save',
  saving: 'Saving payment',
  reset: 'Undo changes',
  saveErrorTitle: 'The payment was not saved',
  savedTitle: 'Payment saved',
  savedMessage: 'The payment {0} was saved.',
  submittedMessage: 'The payment {0} was saved as Submitted for Payment and is now locked.',
  amountMissing: 'Enter the amount.',
  amountInvalid: 'Enter an amount greater than zero.',
  lockedTitle: 'Locked: submitted to the payment system',
  submittedTitle: 'What was submitted',
  submittedAt: 'Submitted at',
  snapshotUnreadable:
    'The record of what was submitted could not be read. Ask your administrator to check this payment against the payment system.',
  snapshotMissing: 'No record of what was submitted was saved with this payment.',
  snapshotHidden:
    'You do not have access to the record of what was submitted. Ask your administrator for read access to it.',
  paymentSystemTitle: 'In the payment system',
  currentStatus: 'Current status',
  lastSyncedAt: 'Last synced',
  notSyncedYet: 'Not synced yet',
  externalPaymentId: 'Payment system ID',
  notAssigned: 'Not assigned yet',
  driftTitle: 'This payment was changed after it was submitted',
  driftIntro:
    'The values on this record no longer match what was sent. The payment system still pays what was submitted; these changes did not reach it. To change the payment, ask for a void or recoup in the payment system.',
  driftDetailsTitle: 'What differs',
  syncErrorTitle: 'The last sync with the payment system failed',
  syncErrorIntro: 'The status shown may be out of date. The sync retries on its next cycle.',
  notProvided: 'Not provided',
  unknownError: 'Something went wrong. Try again, or ask your administrator if it keeps happening.'
} as const;

export type LabelKey = keyof typeof LABELS;
