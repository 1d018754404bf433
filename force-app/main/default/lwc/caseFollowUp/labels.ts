/**
 * Text a person reads in the follow-up card, from custom labels (labels/CustomLabels.labels-meta.xml).
 * WORDING holds the sentences c/followUpRules writes; the module's English defaults equal these labels (a test keeps them so).
 */
import FollowUp_AppliedOn from '@salesforce/label/c.FollowUp_AppliedOn';
import FollowUp_AskingForPreferences from '@salesforce/label/c.FollowUp_AskingForPreferences';
import FollowUp_CaseNotFound from '@salesforce/label/c.FollowUp_CaseNotFound';
import FollowUp_Channel from '@salesforce/label/c.FollowUp_Channel';
import FollowUp_ClientChoices from '@salesforce/label/c.FollowUp_ClientChoices';
import FollowUp_ContactAllowed from '@salesforce/label/c.FollowUp_ContactAllowed';
import FollowUp_ContactAskPreferences from '@salesforce/label/c.FollowUp_ContactAskPreferences';
import FollowUp_ContactFieldsRequired from '@salesforce/label/c.FollowUp_ContactFieldsRequired';
import FollowUp_ContactLanguageMissing from '@salesforce/label/c.FollowUp_ContactLanguageMissing';
import FollowUp_ContactLogged from '@salesforce/label/c.FollowUp_ContactLogged';
import FollowUp_ContactNoPreferences from '@salesforce/label/c.FollowUp_ContactNoPreferences';
import FollowUp_ContactRefusedBoth from '@salesforce/label/c.FollowUp_ContactRefusedBoth';
import FollowUp_ContactRefusedChannel from '@salesforce/label/c.FollowUp_ContactRefusedChannel';
import FollowUp_ContactRefusedLanguage from '@salesforce/label/c.FollowUp_ContactRefusedLanguage';
import FollowUp_ContactSubject from '@salesforce/label/c.FollowUp_ContactSubject';
import FollowUp_DaysLeft from '@salesforce/label/c.FollowUp_DaysLeft';
import FollowUp_DaysOverdue from '@salesforce/label/c.FollowUp_DaysOverdue';
import FollowUp_DeadlineDocuments from '@salesforce/label/c.FollowUp_DeadlineDocuments';
import FollowUp_DeadlineInterview from '@salesforce/label/c.FollowUp_DeadlineInterview';
import FollowUp_DocumentsAction from '@salesforce/label/c.FollowUp_DocumentsAction';
import FollowUp_DocumentsDue from '@salesforce/label/c.FollowUp_DocumentsDue';
import FollowUp_DocumentsPushBackAction from '@salesforce/label/c.FollowUp_DocumentsPushBackAction';
import FollowUp_DocumentsReceived from '@salesforce/label/c.FollowUp_DocumentsReceived';
import FollowUp_DocumentsTell from '@salesforce/label/c.FollowUp_DocumentsTell';
import FollowUp_DocumentsUnknownAction from '@salesforce/label/c.FollowUp_DocumentsUnknownAction';
import FollowUp_DocumentsUnknownTell from '@salesforce/label/c.FollowUp_DocumentsUnknownTell';
import FollowUp_DueToday from '@salesforce/label/c.FollowUp_DueToday';
import FollowUp_EligibilityWorker from '@salesforce/label/c.FollowUp_EligibilityWorker';
import FollowUp_InterviewCompleted from '@salesforce/label/c.FollowUp_InterviewCompleted';
import FollowUp_InterviewDue from '@salesforce/label/c.FollowUp_InterviewDue';
import FollowUp_InterviewScheduledAction from '@salesforce/label/c.FollowUp_InterviewScheduledAction';
import FollowUp_InterviewScheduledTell from '@salesforce/label/c.FollowUp_InterviewScheduledTell';
import FollowUp_InterviewUnknownAction from '@salesforce/label/c.FollowUp_InterviewUnknownAction';
import FollowUp_InterviewUnknownTell from '@salesforce/label/c.FollowUp_InterviewUnknownTell';
import FollowUp_Language from '@salesforce/label/c.FollowUp_Language';
import FollowUp_ListAnd from '@salesforce/label/c.FollowUp_ListAnd';
import FollowUp_ListOr from '@salesforce/label/c.FollowUp_ListOr';
import FollowUp_LoadError from '@salesforce/label/c.FollowUp_LoadError';
import FollowUp_Loading from '@salesforce/label/c.FollowUp_Loading';
import FollowUp_LogContact from '@salesforce/label/c.FollowUp_LogContact';
import FollowUp_MethodEmail from '@salesforce/label/c.FollowUp_MethodEmail';
import FollowUp_MethodFax from '@salesforce/label/c.FollowUp_MethodFax';
import FollowUp_MethodMail from '@salesforce/label/c.FollowUp_MethodMail';
import FollowUp_MethodText from '@salesforce/label/c.FollowUp_MethodText';
import FollowUp_MissedInterviewAction from '@salesforce/label/c.FollowUp_MissedInterviewAction';
import FollowUp_MissedInterviewTell from '@salesforce/label/c.FollowUp_MissedInterviewTell';
import FollowUp_MissingDocuments from '@salesforce/label/c.FollowUp_MissingDocuments';
import FollowUp_NextStep from '@salesforce/label/c.FollowUp_NextStep';
import FollowUp_NoApplicationDate from '@salesforce/label/c.FollowUp_NoApplicationDate';
import FollowUp_NoContacts from '@salesforce/label/c.FollowUp_NoContacts';
import FollowUp_NoPreferences from '@salesforce/label/c.FollowUp_NoPreferences';
import FollowUp_NotPending from '@salesforce/label/c.FollowUp_NotPending';
import FollowUp_Note from '@salesforce/label/c.FollowUp_Note';
import FollowUp_OfficePhone from '@salesforce/label/c.FollowUp_OfficePhone';
import FollowUp_OneDayLeft from '@salesforce/label/c.FollowUp_OneDayLeft';
import FollowUp_OneDayOverdue from '@salesforce/label/c.FollowUp_OneDayOverdue';
import FollowUp_Outcome from '@salesforce/label/c.FollowUp_Outcome';
import FollowUp_PendingReason from '@salesforce/label/c.FollowUp_PendingReason';
import FollowUp_PolicyCases from '@salesforce/label/c.FollowUp_PolicyCases';
import FollowUp_PolicySuggestion from '@salesforce/label/c.FollowUp_PolicySuggestion';
import FollowUp_PushBack from '@salesforce/label/c.FollowUp_PushBack';
import FollowUp_PushBackNoReason from '@salesforce/label/c.FollowUp_PushBackNoReason';
import FollowUp_ReceivedOn from '@salesforce/label/c.FollowUp_ReceivedOn';
import FollowUp_RecentContacts from '@salesforce/label/c.FollowUp_RecentContacts';
import FollowUp_ReleaseMissing from '@salesforce/label/c.FollowUp_ReleaseMissing';
import FollowUp_ReleaseOnFile from '@salesforce/label/c.FollowUp_ReleaseOnFile';
import FollowUp_ReminderBefore from '@salesforce/label/c.FollowUp_ReminderBefore';
import FollowUp_ReminderMissed from '@salesforce/label/c.FollowUp_ReminderMissed';
import FollowUp_SendByEmail from '@salesforce/label/c.FollowUp_SendByEmail';
import FollowUp_SendByFax from '@salesforce/label/c.FollowUp_SendByFax';
import FollowUp_SendByMail from '@salesforce/label/c.FollowUp_SendByMail';
import FollowUp_SendByText from '@salesforce/label/c.FollowUp_SendByText';
import FollowUp_StillMissing from '@salesforce/label/c.FollowUp_StillMissing';
import FollowUp_TellClient from '@salesforce/label/c.FollowUp_TellClient';
import FollowUp_Title from '@salesforce/label/c.FollowUp_Title';
import FollowUp_UnknownError from '@salesforce/label/c.FollowUp_UnknownError';
import FollowUp_WaysToSend from '@salesforce/label/c.FollowUp_WaysToSend';
import FollowUp_PartnerEmailSubject from '@salesforce/label/c.FollowUp_PartnerEmailSubject';
import FollowUp_PartnerEmailBody from '@salesforce/label/c.FollowUp_PartnerEmailBody';
import FollowUp_PartnerEmailNoDate from '@salesforce/label/c.FollowUp_PartnerEmailNoDate';
import FollowUp_PartnerEmailHeading from '@salesforce/label/c.FollowUp_PartnerEmailHeading';
import FollowUp_PartnerEmailDraft from '@salesforce/label/c.FollowUp_PartnerEmailDraft';
import FollowUp_LogPartnerEmail from '@salesforce/label/c.FollowUp_LogPartnerEmail';
import FollowUp_PartnerEmailLogged from '@salesforce/label/c.FollowUp_PartnerEmailLogged';
import type { FollowUpWording } from 'c/followUpRules';

export const WORDING: FollowUpWording = {
  interviewScheduledAction: FollowUp_InterviewScheduledAction,
  interviewScheduledTell: FollowUp_InterviewScheduledTell,
  interviewUnknownAction: FollowUp_InterviewUnknownAction,
  interviewUnknownTell: FollowUp_InterviewUnknownTell,
  missedInterviewAction: FollowUp_MissedInterviewAction,
  missedInterviewTell: FollowUp_MissedInterviewTell,
  documentsAction: FollowUp_DocumentsAction,
  documentsPushBackAction: FollowUp_DocumentsPushBackAction,
  documentsUnknownAction: FollowUp_DocumentsUnknownAction,
  documentsTell: FollowUp_DocumentsTell,
  documentsUnknownTell: FollowUp_DocumentsUnknownTell,
  sendByEmail: FollowUp_SendByEmail,
  sendByText: FollowUp_SendByText,
  sendByFax: FollowUp_SendByFax,
  sendByMail: FollowUp_SendByMail,
  listOr: FollowUp_ListOr,
  listAnd: FollowUp_ListAnd,
  contactAllowed: FollowUp_ContactAllowed,
  contactRefusedChannel: FollowUp_ContactRefusedChannel,
  contactRefusedLanguage: FollowUp_ContactRefusedLanguage,
  contactRefusedBoth: FollowUp_ContactRefusedBoth,
  contactNoPreferences: FollowUp_ContactNoPreferences,
  contactAskPreferences: FollowUp_ContactAskPreferences,
  contactLanguageMissing: FollowUp_ContactLanguageMissing,
  partnerEmailSubject: FollowUp_PartnerEmailSubject,
  partnerEmailBody: FollowUp_PartnerEmailBody,
  partnerEmailNoDate: FollowUp_PartnerEmailNoDate
};

export const LABELS = {
  title: FollowUp_Title,
  loading: FollowUp_Loading,
  loadError: FollowUp_LoadError,
  noApplicationDate: FollowUp_NoApplicationDate,
  appliedOn: FollowUp_AppliedOn,
  interviewDue: FollowUp_InterviewDue,
  documentsDue: FollowUp_DocumentsDue,
  daysLeft: FollowUp_DaysLeft,
  oneDayLeft: FollowUp_OneDayLeft,
  dueToday: FollowUp_DueToday,
  daysOverdue: FollowUp_DaysOverdue,
  oneDayOverdue: FollowUp_OneDayOverdue,
  interviewCompleted: FollowUp_InterviewCompleted,
  documentsReceived: FollowUp_DocumentsReceived,
  pendingReason: FollowUp_PendingReason,
  notPending: FollowUp_NotPending,
  nextStep: FollowUp_NextStep,
  tellClient: FollowUp_TellClient,
  missingDocuments: FollowUp_MissingDocuments,
  receivedOn: FollowUp_ReceivedOn,
  stillMissing: FollowUp_StillMissing,
  pushBack: FollowUp_PushBack,
  pushBackNoReason: FollowUp_PushBackNoReason,
  waysToSend: FollowUp_WaysToSend,
  methodEmail: FollowUp_MethodEmail,
  methodText: FollowUp_MethodText,
  methodFax: FollowUp_MethodFax,
  methodMail: FollowUp_MethodMail,
  clientChoices: FollowUp_ClientChoices,
  noPreferences: FollowUp_NoPreferences,
  releaseOnFile: FollowUp_ReleaseOnFile,
  releaseMissing: FollowUp_ReleaseMissing,
  eligibilityWorker: FollowUp_EligibilityWorker,
  officePhone: FollowUp_OfficePhone,
  logContact: FollowUp_LogContact,
  channel: FollowUp_Channel,
  language: FollowUp_Language,
  outcome: FollowUp_Outcome,
  note: FollowUp_Note,
  askingForPreferences: FollowUp_AskingForPreferences,
  contactLogged: FollowUp_ContactLogged,
  recentContacts: FollowUp_RecentContacts,
  noContacts: FollowUp_NoContacts,
  policySuggestion: FollowUp_PolicySuggestion,
  policyCases: FollowUp_PolicyCases,
  unknownError: FollowUp_UnknownError,
  caseNotFound: FollowUp_CaseNotFound,
  contactFieldsRequired: FollowUp_ContactFieldsRequired,
  contactSubject: FollowUp_ContactSubject,
  reminderBefore: FollowUp_ReminderBefore,
  reminderMissed: FollowUp_ReminderMissed,
  deadlineInterview: FollowUp_DeadlineInterview,
  deadlineDocuments: FollowUp_DeadlineDocuments,
  partnerEmailHeading: FollowUp_PartnerEmailHeading,
  partnerEmailDraft: FollowUp_PartnerEmailDraft,
  logPartnerEmail: FollowUp_LogPartnerEmail,
  partnerEmailLogged: FollowUp_PartnerEmailLogged
} as const;
