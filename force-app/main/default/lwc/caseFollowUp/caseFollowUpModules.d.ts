// Types for the modules caseFollowUp imports; the platform, Jest and the gallery resolve them at runtime.

declare module 'c/followUpRules' {
  type Rules = typeof import('../followUpRules/followUpRules');
  export type FollowUpWording = import('../followUpRules/followUpRules').FollowUpWording;
  export type DeadlineState = import('../followUpRules/followUpRules').DeadlineState;
  export type PendingReason = import('../followUpRules/followUpRules').PendingReason;
  export type SendWay = import('../followUpRules/followUpRules').SendWay;
  export type ContactChannel = import('../followUpRules/followUpRules').ContactChannel;
  export const PENDING_REASONS: Rules['PENDING_REASONS'];
  export const CONTACT_OUTCOMES: Rules['CONTACT_OUTCOMES'];
  export const PURPOSE_FOLLOW_UP: Rules['PURPOSE_FOLLOW_UP'];
  export const PURPOSE_ASK_PREFERENCES: Rules['PURPOSE_ASK_PREFERENCES'];
  export const caseDeadlines: Rules['caseDeadlines'];
  export const nextStep: Rules['nextStep'];
  export const allowedChannels: Rules['allowedChannels'];
  export const hasPreferences: Rules['hasPreferences'];
  export const contactAllowed: Rules['contactAllowed'];
  export const preferredSendWays: Rules['preferredSendWays'];
  export const formatInterview: Rules['formatInterview'];
  export const joinList: Rules['joinList'];
  export const partnerEmail: Rules['partnerEmail'];
}

declare module '@salesforce/apex/FollowUpController.getFollowUpView' {
  const getFollowUpView: (params: { caseId: string }) => Promise<import('./caseFollowUpTypes').FollowUpView>;
  export default getFollowUpView;
}
declare module '@salesforce/apex/FollowUpController.logContact' {
  const logContact: (params: {
    caseId: string;
    channel: string;
    language: string | null;
    outcome: string;
    purpose: string;
    note: string | null;
  }) => Promise<string>;
  export default logContact;
}

declare module '@salesforce/apex/FollowUpController.logPartnerEmail' {
  const logPartnerEmail: (params: { caseId: string; subject: string; body: string }) => Promise<string>;
  export default logPartnerEmail;
}

declare module 'c/caseFollowUp' {
  const CaseFollowUp: typeof import('./caseFollowUp').default;
  export default CaseFollowUp;
}
