/**
 * Gallery states for the caseFollowUp card on the Case record page. Fixtures are the component's Jest
 * data (the server's day is in each fixture, 2026-03-10), so the gallery and the tests show the same cases.
 */
import type { GalleryComponent } from '../types';
import onTrack from '../../../force-app/main/default/lwc/caseFollowUp/__tests__/data/followUpOnTrack.json';
import dueInTwoDays from '../../../force-app/main/default/lwc/caseFollowUp/__tests__/data/followUpDueInTwoDays.json';
import overdue from '../../../force-app/main/default/lwc/caseFollowUp/__tests__/data/followUpOverdue.json';
import missingDocuments from '../../../force-app/main/default/lwc/caseFollowUp/__tests__/data/followUpMissingDocuments.json';
import noPreferences from '../../../force-app/main/default/lwc/caseFollowUp/__tests__/data/followUpNoPreferences.json';
import { fill, DEFAULT_WORDING } from '../../../force-app/main/default/lwc/followUpRules/followUpRules';

const CLOCK = '2026-03-10T17:00:00.000Z';
const WIDTH = 760;
const LOGGED = '00T000000000009AAA';

/** The server's refusal when the client changed their channels after the card loaded (phone, then text only). */
export const REFUSAL = fill(DEFAULT_WORDING.contactRefusedChannel, 'phone', 'text', 'Chinese');

const state = (id: string, title: string, view: { caseId: string }, logContact: unknown = LOGGED) => ({
  id,
  title,
  clock: CLOCK,
  width: WIDTH,
  props: { recordId: view.caseId },
  apex: {
    'FollowUpController.getFollowUpView': view,
    'FollowUpController.logContact': logContact,
    'FollowUpController.logPartnerEmail': LOGGED
  }
});

const states: GalleryComponent = {
  component: 'caseFollowUp',
  states: [
    state('case-follow-up-on-track', 'On track: interview scheduled, 21 days left', onTrack),
    state('case-follow-up-due-in-two-days', 'Interview due in 2 days after a missed interview', dueInTwoDays),
    state('case-follow-up-overdue', 'Documents overdue, with the E3 suggestion', overdue),
    state(
      'case-follow-up-missing-documents',
      'Missing documents with a push-back and the ways to send them',
      missingDocuments
    ),
    state(
      'case-follow-up-no-preferences',
      'No contact preferences: contact only to ask for them',
      noPreferences
    ),
    state('case-follow-up-contact-refused', 'Log contact refused by the server', dueInTwoDays, {
      __error: { body: { message: REFUSAL } }
    })
  ]
};

export default states;
