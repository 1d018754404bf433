/**
 * Omni panel states. Fixtures are the component tests' own data, so Jest and the gallery show the
 * same thing; the clock is pinned to the fixtures' reference instant so ages read the same every run.
 */
import type { GalleryComponent, GalleryState } from '../types';
import offline from '../../../force-app/main/default/lwc/omniPanel/__tests__/data/offline.json';
import offersWaiting from '../../../force-app/main/default/lwc/omniPanel/__tests__/data/offersWaiting.json';
import overdueOffer from '../../../force-app/main/default/lwc/omniPanel/__tests__/data/overdueOffer.json';
import fullCapacity from '../../../force-app/main/default/lwc/omniPanel/__tests__/data/fullCapacity.json';
import supervisor from '../../../force-app/main/default/lwc/omniPanel/__tests__/data/supervisor.json';
import empty from '../../../force-app/main/default/lwc/omniPanel/__tests__/data/empty.json';
import crisisCases from '../../../force-app/main/default/lwc/omniPanel/__tests__/data/crisisCases.json';

const CLOCK = '2026-03-02T15:00:00.000Z';
const METHOD = 'OmniPanelController.getPanelData';

function state(id: string, title: string, answer: unknown): GalleryState {
  return { id, title, clock: CLOCK, width: 380, props: {}, apex: { [METHOD]: answer } };
}

const states: GalleryComponent = {
  component: 'omniPanel',
  states: [
    state('omni-panel-offline', 'Omni panel: offline, with Go Available', offline),
    state('omni-panel-offers-waiting', 'Omni panel: offers waiting', offersWaiting),
    state('omni-panel-overdue-offer', 'Omni panel: overdue offer', overdueOffer),
    state('omni-panel-full-capacity', 'Omni panel: full capacity', fullCapacity),
    state('omni-panel-supervisor', 'Omni panel: supervisor view', supervisor),
    state('omni-panel-empty', 'Omni panel: nothing offered or accepted', empty),
    state(
      'omni-panel-crisis-clock',
      'Omni panel: EAP crisis cases with time left, under 2 hours flagged',
      crisisCases
    ),
    state('omni-panel-error', 'Omni panel: server error', {
      __error: {
        status: 500,
        body: {
          message:
            'Insufficient access to AgentWork. Ask your admin for the Omni Assist Staff permission set.'
        }
      }
    })
  ]
};

export default states;
