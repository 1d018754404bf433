/** The shape FollowUpController.getFollowUpView returns (dates as yyyy-mm-dd, the interview time as ISO). */
import type { SendWay } from 'c/followUpRules';

export interface FollowUpJurisdiction {
  developerName: string | null;
  name: string | null;
  interviewDays: number;
  documentsDays: number;
  officePhone: string | null;
  reminderDaysBefore: number[];
  sendWays: SendWay[];
}

export interface FollowUpDocument {
  id: string;
  name: string;
  receivedOn: string | null;
  pushBack: boolean;
  pushBackReason: string | null;
}

export interface FollowUpContact {
  id: string;
  subject: string;
  channel: string;
  language: string | null;
  outcome: string | null;
  loggedAt: string;
}

export interface EscalatedCase {
  caseId: string;
  caseNumber: string;
  subject: string | null;
  ownerName: string | null;
  category: string | null;
  reason: string | null;
  escalatedOn: string | null;
}

export interface PolicySuggestion {
  category: string;
  escalations: number;
  windowDays: number;
  cases: EscalatedCase[];
}

export interface FollowUpView {
  caseId: string;
  caseNumber: string;
  applicationDate: string | null;
  jurisdiction: FollowUpJurisdiction;
  pendingReason: string | null;
  interviewScheduledAt: string | null;
  interviewCompletedOn: string | null;
  releaseOfInformation: boolean;
  eligibilityWorker: string | null;
  contactLanguage: string | null;
  contactChannels: string[];
  missingDocuments: FollowUpDocument[];
  recentContacts: FollowUpContact[];
  today: string;
  escalationTier: string | null;
  escalationReason: string | null;
  clientFirstName: string | null;
  policySuggestion: PolicySuggestion | null;
}
