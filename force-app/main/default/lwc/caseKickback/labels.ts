/**
 * Text a person reads in the kickback card, from custom labels (labels/CustomLabels.labels-meta.xml).
 * Text with {0}-style placeholders is filled in with formatLabel (c/labelFormat).
 */
import CaseKickback_CardTitle from '@salesforce/label/c.CaseKickback_CardTitle';
import CaseKickback_Loading from '@salesforce/label/c.CaseKickback_Loading';
import CaseKickback_LoadError from '@salesforce/label/c.CaseKickback_LoadError';
import CaseKickback_TryAgain from '@salesforce/label/c.CaseKickback_TryAgain';
import CaseKickback_SendBackForRework from '@salesforce/label/c.CaseKickback_SendBackForRework';
import CaseKickback_RequestAppealReview from '@salesforce/label/c.CaseKickback_RequestAppealReview';
import CaseKickback_Escalate from '@salesforce/label/c.CaseKickback_Escalate';
import CaseKickback_ReworkIntro from '@salesforce/label/c.CaseKickback_ReworkIntro';
import CaseKickback_NoPriorWorkers from '@salesforce/label/c.CaseKickback_NoPriorWorkers';
import CaseKickback_PriorWorker from '@salesforce/label/c.CaseKickback_PriorWorker';
import CaseKickback_PriorWorkerPlaceholder from '@salesforce/label/c.CaseKickback_PriorWorkerPlaceholder';
import CaseKickback_Reason from '@salesforce/label/c.CaseKickback_Reason';
import CaseKickback_ReasonPlaceholder from '@salesforce/label/c.CaseKickback_ReasonPlaceholder';
import CaseKickback_ReworkDetails from '@salesforce/label/c.CaseKickback_ReworkDetails';
import CaseKickback_DueDate from '@salesforce/label/c.CaseKickback_DueDate';
import CaseKickback_AppealIntro from '@salesforce/label/c.CaseKickback_AppealIntro';
import CaseKickback_NoReviewers from '@salesforce/label/c.CaseKickback_NoReviewers';
import CaseKickback_AppealsReviewer from '@salesforce/label/c.CaseKickback_AppealsReviewer';
import CaseKickback_AppealsReviewerPlaceholder from '@salesforce/label/c.CaseKickback_AppealsReviewerPlaceholder';
import CaseKickback_AppealReason from '@salesforce/label/c.CaseKickback_AppealReason';
import CaseKickback_EscalateIntro from '@salesforce/label/c.CaseKickback_EscalateIntro';
import CaseKickback_EscalationTier from '@salesforce/label/c.CaseKickback_EscalationTier';
import CaseKickback_EscalationTierPlaceholder from '@salesforce/label/c.CaseKickback_EscalationTierPlaceholder';
import CaseKickback_EscalationReason from '@salesforce/label/c.CaseKickback_EscalationReason';
import CaseKickback_Cancel from '@salesforce/label/c.CaseKickback_Cancel';
import CaseKickback_Save from '@salesforce/label/c.CaseKickback_Save';
import CaseKickback_OriginalDecision from '@salesforce/label/c.CaseKickback_OriginalDecision';
import CaseKickback_Note from '@salesforce/label/c.CaseKickback_Note';
import CaseKickback_Complete from '@salesforce/label/c.CaseKickback_Complete';
import CaseKickback_TasksCaption from '@salesforce/label/c.CaseKickback_TasksCaption';
import CaseKickback_ColumnTask from '@salesforce/label/c.CaseKickback_ColumnTask';
import CaseKickback_ColumnWho from '@salesforce/label/c.CaseKickback_ColumnWho';
import CaseKickback_ColumnDue from '@salesforce/label/c.CaseKickback_ColumnDue';
import CaseKickback_ColumnStatus from '@salesforce/label/c.CaseKickback_ColumnStatus';
import CaseKickback_ColumnOutcome from '@salesforce/label/c.CaseKickback_ColumnOutcome';
import CaseKickback_AssignedBy from '@salesforce/label/c.CaseKickback_AssignedBy';
import CaseKickback_NoTasks from '@salesforce/label/c.CaseKickback_NoTasks';
import CaseKickback_SummaryStep from '@salesforce/label/c.CaseKickback_SummaryStep';
import CaseKickback_SummaryNoStep from '@salesforce/label/c.CaseKickback_SummaryNoStep';
import CaseKickback_SummaryOwner from '@salesforce/label/c.CaseKickback_SummaryOwner';
import CaseKickback_SummaryPriority from '@salesforce/label/c.CaseKickback_SummaryPriority';
import CaseKickback_Escalated from '@salesforce/label/c.CaseKickback_Escalated';
import CaseKickback_EscalatedToTier from '@salesforce/label/c.CaseKickback_EscalatedToTier';
import CaseKickback_AppealOutcome from '@salesforce/label/c.CaseKickback_AppealOutcome';
import CaseKickback_CompleteAppealTitle from '@salesforce/label/c.CaseKickback_CompleteAppealTitle';
import CaseKickback_CompleteTaskTitle from '@salesforce/label/c.CaseKickback_CompleteTaskTitle';
import CaseKickback_DueOverdue from '@salesforce/label/c.CaseKickback_DueOverdue';
import CaseKickback_NoDueDate from '@salesforce/label/c.CaseKickback_NoDueDate';
import CaseKickback_RecordOutcome from '@salesforce/label/c.CaseKickback_RecordOutcome';
import CaseKickback_RecordOutcomeFor from '@salesforce/label/c.CaseKickback_RecordOutcomeFor';
import CaseKickback_MarkDone from '@salesforce/label/c.CaseKickback_MarkDone';
import CaseKickback_MarkDoneFor from '@salesforce/label/c.CaseKickback_MarkDoneFor';
import CaseKickback_OutcomeWithNote from '@salesforce/label/c.CaseKickback_OutcomeWithNote';
import CaseKickback_ReworkSent from '@salesforce/label/c.CaseKickback_ReworkSent';
import CaseKickback_ThePriorWorker from '@salesforce/label/c.CaseKickback_ThePriorWorker';
import CaseKickback_AppealRequested from '@salesforce/label/c.CaseKickback_AppealRequested';
import CaseKickback_TheAppealsReviewer from '@salesforce/label/c.CaseKickback_TheAppealsReviewer';
import CaseKickback_CaseEscalated from '@salesforce/label/c.CaseKickback_CaseEscalated';
import CaseKickback_FollowUpCreated from '@salesforce/label/c.CaseKickback_FollowUpCreated';
import CaseKickback_FollowUpsCreated from '@salesforce/label/c.CaseKickback_FollowUpsCreated';
import CaseKickback_AppealCompleted from '@salesforce/label/c.CaseKickback_AppealCompleted';
import CaseKickback_TaskCompleted from '@salesforce/label/c.CaseKickback_TaskCompleted';

export const LABELS = {
  cardTitle: CaseKickback_CardTitle,
  loading: CaseKickback_Loading,
  loadError: CaseKickback_LoadError,
  tryAgain: CaseKickback_TryAgain,
  sendBackForRework: CaseKickback_SendBackForRework,
  requestAppealReview: CaseKickback_RequestAppealReview,
  escalate: CaseKickback_Escalate,
  reworkIntro: CaseKickback_ReworkIntro,
  noPriorWorkers: CaseKickback_NoPriorWorkers,
  priorWorker: CaseKickback_PriorWorker,
  priorWorkerPlaceholder: CaseKickback_PriorWorkerPlaceholder,
  reason: CaseKickback_Reason,
  reasonPlaceholder: CaseKickback_ReasonPlaceholder,
  reworkDetails: CaseKickback_ReworkDetails,
  dueDate: CaseKickback_DueDate,
  appealIntro: CaseKickback_AppealIntro,
  noReviewers: CaseKickback_NoReviewers,
  appealsReviewer: CaseKickback_AppealsReviewer,
  appealsReviewerPlaceholder: CaseKickback_AppealsReviewerPlaceholder,
  appealReason: CaseKickback_AppealReason,
  escalateIntro: CaseKickback_EscalateIntro,
  escalationTier: CaseKickback_EscalationTier,
  escalationTierPlaceholder: CaseKickback_EscalationTierPlaceholder,
  escalationReason: CaseKickback_EscalationReason,
  cancel: CaseKickback_Cancel,
  save: CaseKickback_Save,
  originalDecision: CaseKickback_OriginalDecision,
  note: CaseKickback_Note,
  complete: CaseKickback_Complete,
  tasksCaption: CaseKickback_TasksCaption,
  columnTask: CaseKickback_ColumnTask,
  columnWho: CaseKickback_ColumnWho,
  columnDue: CaseKickback_ColumnDue,
  columnStatus: CaseKickback_ColumnStatus,
  columnOutcome: CaseKickback_ColumnOutcome,
  assignedBy: CaseKickback_AssignedBy,
  noTasks: CaseKickback_NoTasks,
  summaryStep: CaseKickback_SummaryStep,
  summaryNoStep: CaseKickback_SummaryNoStep,
  summaryOwner: CaseKickback_SummaryOwner,
  summaryPriority: CaseKickback_SummaryPriority,
  escalated: CaseKickback_Escalated,
  escalatedToTier: CaseKickback_EscalatedToTier,
  appealOutcome: CaseKickback_AppealOutcome,
  completeAppealTitle: CaseKickback_CompleteAppealTitle,
  completeTaskTitle: CaseKickback_CompleteTaskTitle,
  dueOverdue: CaseKickback_DueOverdue,
  noDueDate: CaseKickback_NoDueDate,
  recordOutcome: CaseKickback_RecordOutcome,
  recordOutcomeFor: CaseKickback_RecordOutcomeFor,
  markDone: CaseKickback_MarkDone,
  markDoneFor: CaseKickback_MarkDoneFor,
  outcomeWithNote: CaseKickback_OutcomeWithNote,
  reworkSent: CaseKickback_ReworkSent,
  thePriorWorker: CaseKickback_ThePriorWorker,
  appealRequested: CaseKickback_AppealRequested,
  theAppealsReviewer: CaseKickback_TheAppealsReviewer,
  caseEscalated: CaseKickback_CaseEscalated,
  followUpCreated: CaseKickback_FollowUpCreated,
  followUpsCreated: CaseKickback_FollowUpsCreated,
  appealCompleted: CaseKickback_AppealCompleted,
  taskCompleted: CaseKickback_TaskCompleted
} as const;
