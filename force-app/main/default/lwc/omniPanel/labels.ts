/**
 * Text a person reads in the Omni panel, from custom labels (labels/CustomLabels.labels-meta.xml).
 * Text with {0}-style placeholders is filled in with formatLabel (c/labelFormat).
 */
import OmniPanel_LoadingWork from '@salesforce/label/c.OmniPanel_LoadingWork';
import OmniPanel_LoadErrorTitle from '@salesforce/label/c.OmniPanel_LoadErrorTitle';
import OmniPanel_TryAgain from '@salesforce/label/c.OmniPanel_TryAgain';
import OmniPanel_StaleError from '@salesforce/label/c.OmniPanel_StaleError';
import OmniPanel_DismissMessage from '@salesforce/label/c.OmniPanel_DismissMessage';
import OmniPanel_NotReceiving from '@salesforce/label/c.OmniPanel_NotReceiving';
import OmniPanel_Available from '@salesforce/label/c.OmniPanel_Available';
import OmniPanel_Receiving from '@salesforce/label/c.OmniPanel_Receiving';
import OmniPanel_Capacity from '@salesforce/label/c.OmniPanel_Capacity';
import OmniPanel_WaitingFor from '@salesforce/label/c.OmniPanel_WaitingFor';
import OmniPanel_Overdue from '@salesforce/label/c.OmniPanel_Overdue';
import OmniPanel_NoOffers from '@salesforce/label/c.OmniPanel_NoOffers';
import OmniPanel_SortMyWork from '@salesforce/label/c.OmniPanel_SortMyWork';
import OmniPanel_OpenFor from '@salesforce/label/c.OmniPanel_OpenFor';
import OmniPanel_NoWork from '@salesforce/label/c.OmniPanel_NoWork';
import OmniPanel_AwaitingAssignment from '@salesforce/label/c.OmniPanel_AwaitingAssignment';
import OmniPanel_OldestLead from '@salesforce/label/c.OmniPanel_OldestLead';
import OmniPanel_OldestWaiting from '@salesforce/label/c.OmniPanel_OldestWaiting';
import OmniPanel_OfflineHoldersTitle from '@salesforce/label/c.OmniPanel_OfflineHoldersTitle';
import OmniPanel_OfflineHolder from '@salesforce/label/c.OmniPanel_OfflineHolder';
import OmniPanel_TeamLoadTitle from '@salesforce/label/c.OmniPanel_TeamLoadTitle';
import OmniPanel_TeamMemberLoad from '@salesforce/label/c.OmniPanel_TeamMemberLoad';
import OmniPanel_OldestUnaccepted from '@salesforce/label/c.OmniPanel_OldestUnaccepted';
import OmniPanel_NoTeam from '@salesforce/label/c.OmniPanel_NoTeam';
import OmniPanel_AcceptFailed from '@salesforce/label/c.OmniPanel_AcceptFailed';
import OmniPanel_StatusFailed from '@salesforce/label/c.OmniPanel_StatusFailed';
import OmniPanel_ActionFailed from '@salesforce/label/c.OmniPanel_ActionFailed';
import OmniPanel_NoResponse from '@salesforce/label/c.OmniPanel_NoResponse';
import OmniPanel_AcceptWithinOne from '@salesforce/label/c.OmniPanel_AcceptWithinOne';
import OmniPanel_AcceptWithin from '@salesforce/label/c.OmniPanel_AcceptWithin';
import OmniPanel_GoingAvailable from '@salesforce/label/c.OmniPanel_GoingAvailable';
import OmniPanel_GoAvailable from '@salesforce/label/c.OmniPanel_GoAvailable';
import OmniPanel_Accepting from '@salesforce/label/c.OmniPanel_Accepting';
import OmniPanel_Accept from '@salesforce/label/c.OmniPanel_Accept';
import OmniPanel_AcceptCase from '@salesforce/label/c.OmniPanel_AcceptCase';
import OmniPanel_OffersWaiting from '@salesforce/label/c.OmniPanel_OffersWaiting';
import OmniPanel_OverdueOne from '@salesforce/label/c.OmniPanel_OverdueOne';
import OmniPanel_OverdueMany from '@salesforce/label/c.OmniPanel_OverdueMany';
import OmniPanel_OverdueOneOneMinute from '@salesforce/label/c.OmniPanel_OverdueOneOneMinute';
import OmniPanel_OverdueManyOneMinute from '@salesforce/label/c.OmniPanel_OverdueManyOneMinute';
import OmniPanel_MyWork from '@salesforce/label/c.OmniPanel_MyWork';
import OmniPanel_NoAvailableStatus from '@salesforce/label/c.OmniPanel_NoAvailableStatus';
import OmniPanel_CrisisDueSoon from '@salesforce/label/c.OmniPanel_CrisisDueSoon';

export const LABELS = {
  loadingWork: OmniPanel_LoadingWork,
  loadErrorTitle: OmniPanel_LoadErrorTitle,
  tryAgain: OmniPanel_TryAgain,
  staleError: OmniPanel_StaleError,
  dismissMessage: OmniPanel_DismissMessage,
  notReceiving: OmniPanel_NotReceiving,
  available: OmniPanel_Available,
  receiving: OmniPanel_Receiving,
  capacity: OmniPanel_Capacity,
  waitingFor: OmniPanel_WaitingFor,
  overdue: OmniPanel_Overdue,
  noOffers: OmniPanel_NoOffers,
  sortMyWork: OmniPanel_SortMyWork,
  openFor: OmniPanel_OpenFor,
  noWork: OmniPanel_NoWork,
  awaitingAssignment: OmniPanel_AwaitingAssignment,
  oldestLead: OmniPanel_OldestLead,
  oldestWaiting: OmniPanel_OldestWaiting,
  offlineHoldersTitle: OmniPanel_OfflineHoldersTitle,
  offlineHolder: OmniPanel_OfflineHolder,
  teamLoadTitle: OmniPanel_TeamLoadTitle,
  teamMemberLoad: OmniPanel_TeamMemberLoad,
  oldestUnaccepted: OmniPanel_OldestUnaccepted,
  noTeam: OmniPanel_NoTeam,
  acceptFailed: OmniPanel_AcceptFailed,
  statusFailed: OmniPanel_StatusFailed,
  actionFailed: OmniPanel_ActionFailed,
  noResponse: OmniPanel_NoResponse,
  acceptWithinOne: OmniPanel_AcceptWithinOne,
  acceptWithin: OmniPanel_AcceptWithin,
  goingAvailable: OmniPanel_GoingAvailable,
  goAvailable: OmniPanel_GoAvailable,
  accepting: OmniPanel_Accepting,
  accept: OmniPanel_Accept,
  acceptCase: OmniPanel_AcceptCase,
  offersWaiting: OmniPanel_OffersWaiting,
  overdueOne: OmniPanel_OverdueOne,
  overdueMany: OmniPanel_OverdueMany,
  overdueOneOneMinute: OmniPanel_OverdueOneOneMinute,
  overdueManyOneMinute: OmniPanel_OverdueManyOneMinute,
  myWork: OmniPanel_MyWork,
  noAvailableStatus: OmniPanel_NoAvailableStatus,
  crisisDueSoon: OmniPanel_CrisisDueSoon
} as const;
