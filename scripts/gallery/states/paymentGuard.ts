/**
 * Gallery states for the payment guard on the Assistance_Payment__c record page. Fixtures are the
 * component's Jest data, so the gallery and the tests show the same payments.
 */
import type { GalleryComponent, GalleryState } from '../types';
import beforeSubmission from '../../../force-app/main/default/lwc/paymentGuard/__tests__/data/paymentBeforeSubmission.json';
import submitted from '../../../force-app/main/default/lwc/paymentGuard/__tests__/data/paymentSubmitted.json';
import drift from '../../../force-app/main/default/lwc/paymentGuard/__tests__/data/paymentDrift.json';
import syncError from '../../../force-app/main/default/lwc/paymentGuard/__tests__/data/paymentSyncError.json';
import neverSent from '../../../force-app/main/default/lwc/paymentGuard/__tests__/data/paymentNeverSent.json';

const GET_VIEW = 'PaymentGuardController.getPaymentView';
const SAVE = 'PaymentGuardController.savePayment';
const RECALL = 'PaymentGuardController.recallUnsentPayment';
// a fixed instant keeps the formatted dates the same in every screenshot
const CLOCK = '2026-11-23T19:00:00.000Z';
const WIDTH = 760;

function state(
  id: string,
  title: string,
  view: { id: string },
  apex: Record<string, unknown> = {}
): GalleryState {
  return {
    id,
    title,
    clock: CLOCK,
    width: WIDTH,
    props: { recordId: view.id },
    apex: { [GET_VIEW]: view, ...apex }
  };
}

/** P-000016 after a supervisor's recall: back to Verified By Worker, to be corrected. */
const RECALLED = {
  ...neverSent,
  status: 'Verified By Worker',
  canRecall: false,
  recallReason: 'No payee: entered before the rule. Payee to be added from the lease.'
};

const states: GalleryComponent = {
  component: 'paymentGuard',
  states: [
    state('payment-guard-editable', 'Payment guard: editable before submission', beforeSubmission, {
      // the page re-reads the payment after a save, and the gallery answers with the same fixture
      [SAVE]: beforeSubmission
    }),
    state('payment-guard-locked', 'Payment guard: locked after submission', submitted),
    state('payment-guard-locked-drift', 'Payment guard: locked, changed after submission (drift)', drift),
    state('payment-guard-sync-error', 'Payment guard: locked, last sync failed', syncError),
    state(
      'payment-guard-never-sent',
      'Payment guard: never sent (no payee), a supervisor recalls it',
      neverSent,
      {
        // what the server answers once the supervisor recalled it, and what the page reads back after
        [RECALL]: { __value: RECALLED, __afterwards: { [GET_VIEW]: RECALLED } }
      }
    )
  ]
};

export default states;
