/**
 * The payment system's side of the payment lifecycle: the statuses a payment can hold once it has been
 * submitted, and the single moves the payment system makes or accepts between them.
 *
 * Statuses, the transition table and reason codes come from the paymentRules service module, the one
 * source of truth the Salesforce lock (validation rules, the payment guard component) is generated
 * from, so the payment system, the worker and the platform cannot disagree.
 */
// `npm run build` leaves a compiled paymentRules.js beside the source; ts-node (preferTsExts in
// tsconfig.json) and Jest (moduleFileExtensions) both resolve the .ts first, so a stale build never
// decides the lifecycle.
import * as paymentRules from '../../force-app/main/default/lwc/paymentRules/paymentRules';
import type { PaymentStatus } from '../../force-app/main/default/lwc/paymentRules/paymentRules';

/** Statuses after submission: the ones the payment system owns. */
export type RemoteStatus = Exclude<
  PaymentStatus,
  'None' | 'Payment Not Verified' | 'Verified By Worker' | 'Rejected By Worker'
>;
export type RecoupKind = 'Payment Returned' | 'Refund or Cancelled' | 'Payment Recouped';

function asTuple<T extends string>(values: readonly string[], what: string): readonly [T, ...T[]] {
  if (values.length === 0) throw new Error(`paymentRules defines no ${what}`);
  return values as unknown as readonly [T, ...T[]];
}

/** In the deck's order; 'Submitted for Payment' first. */
export const REMOTE_STATUSES = asTuple<RemoteStatus>(paymentRules.LOCKED_STATUSES, 'locked statuses');

/** Forward-only single moves after submission; final statuses have none. */
export const REMOTE_TRANSITIONS: Readonly<Record<RemoteStatus, readonly RemoteStatus[]>> = Object.fromEntries(
  REMOTE_STATUSES.map((status) => [status, (paymentRules.STATUS_TRANSITIONS[status] ?? []) as RemoteStatus[]])
) as unknown as Record<RemoteStatus, readonly RemoteStatus[]>;

/** Where money paid out goes next: returned, refunded or cancelled, or recouped. */
export const RECOUP_KINDS = asTuple<RecoupKind>(
  REMOTE_TRANSITIONS['Payment Successful'],
  'moves after payout'
);

export const VOIDABLE_FROM: RemoteStatus = 'Submitted for Payment';

export const REASON_CODES = asTuple<string>(Object.keys(paymentRules.REASON_CODES), 'reason codes');

export function isRemoteStatus(value: unknown): value is RemoteStatus {
  return typeof value === 'string' && (REMOTE_STATUSES as readonly string[]).includes(value);
}

export function canRemoteTransition(from: RemoteStatus, to: RemoteStatus): boolean {
  return REMOTE_TRANSITIONS[from].includes(to);
}

/** Why a move is refused, in words a person can act on; null when the move is allowed. */
export function transitionRefusal(from: RemoteStatus, to: RemoteStatus): string | null {
  if (canRemoteTransition(from, to)) return null;
  if (to === 'Payment Voided') {
    return REMOTE_TRANSITIONS[from].length > 0
      ? `The payment was already paid out ("${from}"), so it cannot be voided. Record a return, refund or recoup instead.`
      : `The payment is "${from}", which is final; only a payment "Submitted for Payment" can be voided.`;
  }
  if ((RECOUP_KINDS as readonly string[]).includes(to)) {
    return from === VOIDABLE_FROM
      ? `The payment is "${from}" and has not been paid out yet, so "${to}" cannot be recorded. Request a void instead.`
      : `"${to}" can only be recorded for a payment that is "Payment Successful"; this one is "${from}".`;
  }
  return `The payment cannot move from "${from}" to "${to}".`;
}
