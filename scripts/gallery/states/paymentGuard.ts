/**
 * Gallery states for the payment guard on the Assistance_Payment__c record page. Fixtures are the
 * component's Jest data, so the gallery and the tests show the same payments.
 */
import type { GalleryComponent, GalleryState } from '../types';
import beforeSubmission from '../../../force-app/main/default/lwc/paymentGuard/__tests__/data/paymentBeforeSubmission.json';
import submitted from '../../../force-app/main/default/lwc/paymentGuard/__tests__/data/paymentSubmitted.json';
import drift from '../../../force-app/main/default/lwc/paymentGuard/__tests__/data/paymentDrift.json';
import syncError from '../../../force-app/main/default/lwc/paymentGuard/__tests__/data/paymentSyncError.json';

const GET_VIEW = 'PaymentGuardController.getPaymentView';
const SAVE = 'PaymentGuardController.savePayment';
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

const states: GalleryComponent = {
  component: 'paymentGuard',
  states: [
    state('payment-guard-editable', 'Payment guard: editable before submission', beforeSubmission, {
      // the page re-reads the payment after a save, and the gallery answers with the same fixture
      [SAVE]: beforeSubmission
    }),
    state('payment-guard-locked', 'Payment guard: locked after submission', submitted),
    state('payment-guard-locked-drift', 'Payment guard: locked, changed after submission (drift)', drift),
    state('payment-guard-sync-error', 'Payment guard: locked, last sync failed', syncError)
  ]
};

export default states;
