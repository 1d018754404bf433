// Types for the modules caseKickback imports; the platform, Jest and the gallery resolve them at runtime.

declare module 'c/caseKickbackRules' {
  type Rules = typeof import('../caseKickbackRules/caseKickbackRules');
  export type KickbackView = import('../caseKickbackRules/caseKickbackRules').KickbackView;
  export type CaseTask = import('../caseKickbackRules/caseKickbackRules').CaseTask;
  export type PriorWorker = import('../caseKickbackRules/caseKickbackRules').PriorWorker;
  export type AppealReviewer = import('../caseKickbackRules/caseKickbackRules').AppealReviewer;
  export type EscalationTier = import('../caseKickbackRules/caseKickbackRules').EscalationTier;
  export type ValidationError = import('../caseKickbackRules/caseKickbackRules').ValidationError;
  export const WORK_TYPE_REWORK: Rules['WORK_TYPE_REWORK'];
  export const WORK_TYPE_APPEAL: Rules['WORK_TYPE_APPEAL'];
  export const APPEAL_OUTCOMES: Rules['APPEAL_OUTCOMES'];
  export const REWORK_OUTCOME: Rules['REWORK_OUTCOME'];
  export const KICKBACK_REASONS: Rules['KICKBACK_REASONS'];
  export const MESSAGES: Rules['MESSAGES'];
  export const todayIso: Rules['todayIso'];
  export const validateRework: Rules['validateRework'];
  export const validateAppeal: Rules['validateAppeal'];
  export const validateEscalation: Rules['validateEscalation'];
  export const validateAppealOutcome: Rules['validateAppealOutcome'];
  export const priorWorkerLabel: Rules['priorWorkerLabel'];
  export const tierDescription: Rules['tierDescription'];
  export const sortTasks: Rules['sortTasks'];
  export const isOverdue: Rules['isOverdue'];
  export const errorMessage: Rules['errorMessage'];
}

declare module '@salesforce/apex/CaseKickbackController.getKickbackView' {
  const getKickbackView: (params: {
    caseId: string;
  }) => Promise<import('../caseKickbackRules/caseKickbackRules').KickbackView>;
  export default getKickbackView;
}
// Cacheable Apex methods are both callable and wire adapters; a wire delivers { data, error }.
declare module '@salesforce/apex/CaseKickbackController.getPriorWorkers' {
  type Params = { caseId: string };
  type Workers = import('../caseKickbackRules/caseKickbackRules').PriorWorker[];
  const getPriorWorkers: ((params: Params) => Promise<Workers>) &
    import('lwc').WireAdapterConstructor<Params, { data?: Workers; error?: unknown }>;
  export default getPriorWorkers;
}
declare module '@salesforce/apex/CaseKickbackController.getAppealReviewers' {
  type Reviewers = import('../caseKickbackRules/caseKickbackRules').AppealReviewer[];
  const getAppealReviewers: (() => Promise<Reviewers>) &
    import('lwc').WireAdapterConstructor<Record<string, never>, { data?: Reviewers; error?: unknown }>;
  export default getAppealReviewers;
}
declare module '@salesforce/apex/CaseKickbackController.getEscalationTiers' {
  type Tiers = import('../caseKickbackRules/caseKickbackRules').EscalationTier[];
  const getEscalationTiers: (() => Promise<Tiers>) &
    import('lwc').WireAdapterConstructor<Record<string, never>, { data?: Tiers; error?: unknown }>;
  export default getEscalationTiers;
}
declare module '@salesforce/apex/CaseKickbackController.sendBackForRework' {
  const sendBackForRework: (params: {
    caseId: string;
    workerId: string;
    reason: string;
    details: string | null;
    dueDate: string;
  }) => Promise<string>;
  export default sendBackForRework;
}
declare module '@salesforce/apex/CaseKickbackController.requestAppealReview' {
  const requestAppealReview: (params: {
    caseId: string;
    reviewerId: string;
    reason: string;
    dueDate: string;
  }) => Promise<string>;
  export default requestAppealReview;
}
declare module '@salesforce/apex/CaseKickbackController.escalate' {
  const escalate: (params: { caseId: string; tierDeveloperName: string; reason: string }) => Promise<number>;
  export default escalate;
}
declare module '@salesforce/apex/CaseKickbackController.completeTask' {
  const completeTask: (params: { taskId: string; outcome: string; note: string | null }) => Promise<void>;
  export default completeTask;
}

declare module 'c/caseKickback' {
  const CaseKickback: typeof import('./caseKickback').default;
  export default CaseKickback;
}
