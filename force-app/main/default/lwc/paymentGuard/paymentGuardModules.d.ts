// Types for the modules paymentGuard imports; the platform, Jest and the gallery resolve them at runtime.

declare module 'c/paymentRules' {
  type Rules = typeof import('../paymentRules/paymentRules');
  export type PaymentStatus = import('../paymentRules/paymentRules').PaymentStatus;
  export type PaymentRuleName = import('../paymentRules/paymentRules').PaymentRuleName;
  export const NONE_STATUS: Rules['NONE_STATUS'];
  export const SUBMITTED_STATUS: Rules['SUBMITTED_STATUS'];
  export const EDITABLE_STATUSES: Rules['EDITABLE_STATUSES'];
  export const REASON_CODES: Rules['REASON_CODES'];
  export const PAYMENT_RULE_MESSAGES: Rules['PAYMENT_RULE_MESSAGES'];
  export const PAYMENT_RULE_FIELDS: Rules['PAYMENT_RULE_FIELDS'];
  export const isPaymentStatus: Rules['isPaymentStatus'];
  export const statusFromPicklist: Rules['statusFromPicklist'];
  export const statusToPicklist: Rules['statusToPicklist'];
  export const isLocked: Rules['isLocked'];
  export const canTransition: Rules['canTransition'];
  export const paymentRuleViolations: Rules['paymentRuleViolations'];
  export const lockExplanation: Rules['lockExplanation'];
  export const isUnsent: Rules['isUnsent'];
  export const RECALL_STATUS: Rules['RECALL_STATUS'];
}

declare module '@salesforce/apex/PaymentGuardController.getPaymentView' {
  type Params = { paymentId: string };
  type View = import('./paymentGuardView').PaymentView;
  // Apex methods are both callable and wire adapters; a wire delivers { data, error }.
  const getPaymentView: ((params: Params) => Promise<View>) &
    import('lwc').WireAdapterConstructor<Params, { data?: View; error?: unknown }>;
  export default getPaymentView;
}

declare module '@salesforce/apex/PaymentGuardController.savePayment' {
  const savePayment: (
    params: import('./paymentGuardView').SaveParams
  ) => Promise<import('./paymentGuardView').PaymentView>;
  export default savePayment;
}

declare module '@salesforce/apex/PaymentGuardController.recallUnsentPayment' {
  const recallUnsentPayment: (params: {
    paymentId: string;
    reason: string;
  }) => Promise<import('./paymentGuardView').PaymentView>;
  export default recallUnsentPayment;
}

// Declared as functions so that other bundles declaring the same platform modules merge with these.
declare module '@salesforce/apex' {
  export function refreshApex(wiredValue: unknown): Promise<void>;
}

declare module 'lightning/uiRecordApi' {
  export function notifyRecordUpdateAvailable(recordIds: { recordId: string }[]): Promise<void>;
}
