// Types for the modules omniPanel imports; the platform, Jest and the gallery resolve them at runtime.

declare module 'c/omniPanelModel' {
  type Model = typeof import('../omniPanelModel/omniPanelModel');
  export type AwaitingView = import('../omniPanelModel/omniPanelModel').AwaitingView;
  export type CapacityView = import('../omniPanelModel/omniPanelModel').CapacityView;
  export type MyWorkSort = import('../omniPanelModel/omniPanelModel').MyWorkSort;
  export type PanelData = import('../omniPanelModel/omniPanelModel').PanelData;
  export type PanelPresence = import('../omniPanelModel/omniPanelModel').PanelPresence;
  export type PresenceView = import('../omniPanelModel/omniPanelModel').PresenceView;
  export type TeamRow = import('../omniPanelModel/omniPanelModel').TeamRow;
  export type ToolkitEvent = import('../omniPanelModel/omniPanelModel').ToolkitEvent;
  export type WorkRow = import('../omniPanelModel/omniPanelModel').WorkRow;
  export const DEFAULT_AVAILABLE_STATUS: Model['DEFAULT_AVAILABLE_STATUS'];
  export const DEFAULT_CAPACITY: Model['DEFAULT_CAPACITY'];
  export const DEFAULT_OVERDUE_MINUTES: Model['DEFAULT_OVERDUE_MINUTES'];
  export const DEFAULT_REFRESH_SECONDS: Model['DEFAULT_REFRESH_SECONDS'];
  export const MY_WORK_SORT_OPTIONS: Model['MY_WORK_SORT_OPTIONS'];
  export const applyToolkitEvent: Model['applyToolkitEvent'];
  export const awaitingView: Model['awaitingView'];
  export const buildMyWork: Model['buildMyWork'];
  export const buildOffers: Model['buildOffers'];
  export const buildTeam: Model['buildTeam'];
  export const capacityView: Model['capacityView'];
  export const errorMessage: Model['errorMessage'];
  export const isMyWorkSort: Model['isMyWorkSort'];
  export const normalizePanelData: Model['normalizePanelData'];
  export const offlineHolders: Model['offlineHolders'];
  export const presenceView: Model['presenceView'];
}

declare module '@salesforce/apex/OmniPanelController.getPanelData' {
  const getPanelData: (params: { availableStatusApiName: string }) => Promise<unknown>;
  export default getPanelData;
}

declare module 'c/omniPanel' {
  const OmniPanel: typeof import('./omniPanel').default;
  export default OmniPanel;
}
