/**
 * The sandbox org's stand-in for the deployed before-delete triggers (PaymentDeleteGuard.cls, called
 * from AssistancePaymentTrigger and CaseTriggerHandler): validation rules do not run on delete, so on
 * the platform Apex refuses deleting a payment that was Submitted for Payment (or any later status),
 * or a Case that holds one, for everyone but the payment sync integration. The same rule, from the
 * same paymentRules module and with the same custom label, applies here to the simulated users.
 */
import {
  PAYMENT_OBJECT,
  PAYMENT_SYNC_PERMISSION,
  isLocked
} from '../../force-app/main/default/lwc/paymentRules/paymentRules';
import type { SaveError } from './errors';
import type { DeleteGuard, Rec } from './store';

/** The custom label PaymentDeleteGuard adds as the error. */
export const PAYMENT_DELETE_LABEL = 'Payment_Delete_Refused';

/** The payment's master-detail field to its Case. */
const CASE_FIELD = 'Case__c';

/**
 * The guard, answering with `message` (the label's value) the way a trigger's addError does:
 * FIELD_CUSTOM_VALIDATION_EXCEPTION with no field.
 */
export function paymentDeleteGuard(message: string): DeleteGuard {
  const refusal: SaveError = { statusCode: 'FIELD_CUSTOM_VALIDATION_EXCEPTION', message, fields: [] };
  return (def, rec, runAs, store) => {
    if (runAs.permissions.has(PAYMENT_SYNC_PERMISSION)) return null;
    if (def.name === PAYMENT_OBJECT) return isLocked(rec.Status__c as string | null) ? refusal : null;
    if (def.name === 'Case') {
      const payments = store.tables.get(PAYMENT_OBJECT)?.values() ?? ([] as Rec[]);
      for (const payment of payments) {
        if (payment[CASE_FIELD] === rec.Id && isLocked(payment.Status__c as string | null)) return refusal;
      }
    }
    return null;
  };
}
