/**
 * Omni work panel for the utility bar: presence warning with one-click Go Available, offers waiting
 * (with the overdue threshold), My work, capacity, and for supervisors the team's load.
 *
 * The Omni-Channel toolkit exists only for Aura, so the omniPanelHost Aura component owns it: it
 * forwards lightning:omniChannel* events through handleToolkitEvent(), and performs the toolkit
 * calls this panel asks for with the `acceptwork` and `goavailable` events, reporting back through
 * toolkitResult(). All decisions come from the omniPanelModel service module.
 */
import { LightningElement, api } from 'lwc';
import { NavigationMixin } from 'lightning/navigation';
import { ShowToastEvent } from 'lightning/platformShowToastEvent';
import getPanelData from '@salesforce/apex/OmniPanelController.getPanelData';
import {
  DEFAULT_AVAILABLE_STATUS,
  DEFAULT_CAPACITY,
  DEFAULT_OVERDUE_MINUTES,
  DEFAULT_REFRESH_SECONDS,
  MY_WORK_SORT_OPTIONS,
  applyToolkitEvent,
  awaitingView,
  buildMyWork,
  buildOffers,
  buildTeam,
  capacityView,
  errorMessage,
  isMyWorkSort,
  normalizePanelData,
  offlineHolders,
  presenceView
} from 'c/omniPanelModel';
import { formatLabel } from 'c/labelFormat';
import { LABELS } from './labels';
import type {
  AwaitingView,
  CapacityView,
  MyWorkSort,
  PanelData,
  PanelPresence,
  PresenceView,
  TeamRow,
  ToolkitEvent,
  WorkRow
} from 'c/omniPanelModel';

export interface ToolkitResult {
  action: 'accept' | 'status';
  ok: boolean;
  workId?: string;
  message?: string;
}

export default class OmniPanel extends NavigationMixin(LightningElement) {
  /** Minutes an offer may wait before it stands out as overdue. */
  @api overdueThresholdMinutes: number = DEFAULT_OVERDUE_MINUTES;
  /** Capacity used when the person's presence configuration does not say. */
  @api capacity: number = DEFAULT_CAPACITY;
  /** DeveloperName of the presence status that receives case offers. */
  @api availableStatusApiName: string = DEFAULT_AVAILABLE_STATUS;
  /** Seconds between background refreshes (toolkit events refresh immediately). */
  @api refreshIntervalSeconds: number = DEFAULT_REFRESH_SECONDS;

  labels = LABELS;
  data: PanelData | null = null;
  loading = true;
  loadError: string | null = null;
  actionError: string | null = null;
  now = Date.now();
  sortBy: MyWorkSort = 'oldest';
  pendingWorkIds: string[] = [];
  goingAvailable = false;
  /** Presence reported by the toolkit wins over the server's, which may lag a status change. */
  toolkitPresence: PanelPresence | null = null;

  private timer: ReturnType<typeof setInterval> | null = null;
  private loadSequence = 0;

  override connectedCallback(): void {
    this.load();
    const seconds =
      Number(this.refreshIntervalSeconds) > 0 ? Number(this.refreshIntervalSeconds) : DEFAULT_REFRESH_SECONDS;
    // A modest background refresh keeps ages and offers current when no toolkit event arrives.
    // eslint-disable-next-line @lwc/lwc/no-async-operation
    this.timer = setInterval(() => this.load(), seconds * 1000);
  }

  override disconnectedCallback(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** Reloads offers, work and presence from the server. */
  @api
  refresh(): Promise<void> {
    return this.load();
  }

  /** The host forwards each lightning:omniChannel* event here. */
  @api
  handleToolkitEvent(event: ToolkitEvent): void {
    if (!event || !event.type) return;
    const outcome = applyToolkitEvent(this.currentPresence, event);
    if (outcome.presence !== this.currentPresence) this.toolkitPresence = outcome.presence;
    if (event.type === 'statuschanged' || event.type === 'loginsuccess') this.goingAvailable = false;
    if (event.workId) this.clearPending(event.workId);
    if (outcome.refresh) this.load();
  }

  /** The host reports how a toolkit call this panel asked for went. */
  @api
  toolkitResult(result: ToolkitResult): void {
    if (!result) return;
    if (result.action === 'accept' && result.workId) this.clearPending(result.workId);
    if (result.action === 'status') this.goingAvailable = false;
    if (result.ok) {
      this.actionError = null;
      this.load();
      return;
    }
    const what = result.action === 'accept' ? LABELS.acceptFailed : LABELS.statusFailed;
    this.actionError = formatLabel(LABELS.actionFailed, what, result.message || LABELS.noResponse);
    this.dispatchEvent(new ShowToastEvent({ title: what, message: this.actionError, variant: 'error' }));
  }

  async load(): Promise<void> {
    const sequence = ++this.loadSequence;
    try {
      const raw = await getPanelData({
        availableStatusApiName: this.availableStatusApiName || DEFAULT_AVAILABLE_STATUS
      });
      if (sequence !== this.loadSequence) return;
      this.data = normalizePanelData(raw);
      this.loadError = null;
    } catch (error) {
      if (sequence !== this.loadSequence) return;
      this.loadError = errorMessage(error);
    } finally {
      if (sequence === this.loadSequence) {
        this.loading = false;
        this.now = Date.now();
      }
    }
  }

  // ----- state -------------------------------------------------------------------------------

  get currentPresence(): PanelPresence | null {
    return this.toolkitPresence ?? (this.data ? this.data.presence : null);
  }

  get showSpinner(): boolean {
    return this.loading && !this.data;
  }

  get showFatalError(): boolean {
    return !this.data && !!this.loadError && !this.loading;
  }

  get showStaleError(): boolean {
    return !!this.data && !!this.loadError;
  }

  get hasData(): boolean {
    return !!this.data;
  }

  get threshold(): number {
    return Number(this.overdueThresholdMinutes) || DEFAULT_OVERDUE_MINUTES;
  }

  get thresholdLabel(): string {
    const minutes = this.threshold;
    return minutes === 1 ? LABELS.acceptWithinOne : formatLabel(LABELS.acceptWithin, minutes);
  }

  // ----- presence ----------------------------------------------------------------------------

  get presence(): PresenceView {
    return presenceView(this.currentPresence, this.availableStatusApiName || DEFAULT_AVAILABLE_STATUS);
  }

  get presenceWarningClass(): string {
    return 'slds-notify slds-notify_alert slds-alert_warning omni-presence-warning';
  }

  get goAvailableDisabled(): boolean {
    return this.goingAvailable;
  }

  get goAvailableLabel(): string {
    return this.goingAvailable ? LABELS.goingAvailable : LABELS.goAvailable;
  }

  // ----- offers and work -----------------------------------------------------------------------

  get offers(): (WorkRow & { accepting: boolean; acceptLabel: string; acceptTitle: string })[] {
    if (!this.data) return [];
    return buildOffers(this.data.works, this.now, this.threshold).map((row) => {
      const accepting = this.pendingWorkIds.includes(row.workId);
      return {
        ...row,
        accepting,
        acceptLabel: accepting ? LABELS.accepting : LABELS.accept,
        acceptTitle: formatLabel(LABELS.acceptCase, row.caseNumber),
        waitingLabel: formatLabel(LABELS.waitingFor, row.ageLabel)
      };
    });
  }

  get hasOffers(): boolean {
    return this.offers.length > 0;
  }

  get offersHeading(): string {
    return formatLabel(LABELS.offersWaiting, this.offers.length);
  }

  get overdueCount(): number {
    return this.offers.filter((o) => o.overdue).length;
  }

  get hasOverdue(): boolean {
    return this.overdueCount > 0;
  }

  get overdueMessage(): string {
    const count = this.overdueCount;
    if (this.threshold === 1) {
      return count === 1 ? LABELS.overdueOneOneMinute : formatLabel(LABELS.overdueManyOneMinute, count);
    }
    return count === 1
      ? formatLabel(LABELS.overdueOne, this.threshold)
      : formatLabel(LABELS.overdueMany, count, this.threshold);
  }

  get myWork(): (WorkRow & { caseUrl: string; openLabel: string })[] {
    if (!this.data) return [];
    return buildMyWork(this.data.works, this.now, this.sortBy).map((row) => ({
      ...row,
      caseUrl: `/lightning/r/Case/${row.workItemId}/view`,
      openLabel: formatLabel(LABELS.openFor, row.ageLabel)
    }));
  }

  get hasMyWork(): boolean {
    return this.myWork.length > 0;
  }

  get myWorkHeading(): string {
    return formatLabel(LABELS.myWork, this.myWork.length);
  }

  get sortOptions(): { label: string; value: MyWorkSort }[] {
    return MY_WORK_SORT_OPTIONS;
  }

  // ----- capacity ------------------------------------------------------------------------------

  get capacityInfo(): CapacityView {
    const configured = this.data ? this.data.presence.configuredCapacity : null;
    return capacityView(
      this.data ? this.data.works : [],
      configured,
      Number(this.capacity) || DEFAULT_CAPACITY
    );
  }

  get capacityBarClass(): string {
    const info = this.capacityInfo;
    let theme = '';
    if (info.full) theme = ' omni-capacity-bar_full';
    else if (info.nearFull) theme = ' omni-capacity-bar_near';
    return `slds-progress-bar slds-progress-bar_large slds-progress-bar_circular${theme}`;
  }

  get capacityBarStyle(): string {
    return `width: ${this.capacityInfo.percent}%;`;
  }

  get capacityMessageClass(): string {
    const info = this.capacityInfo;
    if (info.full) return 'slds-notify slds-notify_alert slds-alert_error omni-capacity-message';
    if (info.nearFull) return 'slds-notify slds-notify_alert slds-alert_warning omni-capacity-message';
    return 'slds-text-body_small slds-text-color_weak omni-capacity-message';
  }

  get capacityMessageRole(): string | null {
    return this.capacityInfo.full || this.capacityInfo.nearFull ? 'status' : null;
  }

  // ----- supervisor ----------------------------------------------------------------------------

  get isSupervisor(): boolean {
    return !!this.data && this.data.supervisor;
  }

  get teamRows(): (TeamRow & { loadSummary: string; oldestOfferText: string; summary: string })[] {
    if (!this.data) return [];
    return buildTeam(this.data.team, this.now, this.threshold, Number(this.capacity) || DEFAULT_CAPACITY).map(
      (row) => ({
        ...row,
        loadSummary: formatLabel(LABELS.teamMemberLoad, row.accepted, row.offered, row.loadLabel),
        oldestOfferText: formatLabel(LABELS.oldestUnaccepted, row.oldestOfferLabel),
        summary: formatLabel(LABELS.offlineHolder, row.name, row.offered, row.oldestOfferLabel)
      })
    );
  }

  get hasTeam(): boolean {
    return this.teamRows.length > 0;
  }

  get offlineWithOffers(): (TeamRow & { summary: string })[] {
    return offlineHolders(this.teamRows);
  }

  get hasOfflineWithOffers(): boolean {
    return this.offlineWithOffers.length > 0;
  }

  get awaiting(): AwaitingView {
    return awaitingView(this.data ? this.data.awaiting : null, this.now);
  }

  /** Kept in an expression: the template compiler drops whitespace before the link. */
  get oldestLead(): string {
    return `${LABELS.oldestLead} `;
  }

  get oldestWaiting(): string {
    return formatLabel(LABELS.oldestWaiting, this.awaiting.oldestAgeLabel);
  }

  get staleErrorText(): string {
    return formatLabel(LABELS.staleError, this.loadError ?? '');
  }

  get notReceivingTitle(): string {
    return formatLabel(LABELS.notReceiving, this.presence.label);
  }

  get receivingText(): string {
    return formatLabel(LABELS.receiving, this.presence.label);
  }

  /** Kept in an expression, with its space: the template compiler drops whitespace before a span. */
  get overdueText(): string {
    return ` ${LABELS.overdue}`;
  }

  get awaitingCaseUrl(): string {
    return this.awaiting.oldestCaseId ? `/lightning/r/Case/${this.awaiting.oldestCaseId}/view` : '';
  }

  // ----- handlers ------------------------------------------------------------------------------

  handleAccept(event: Event): void {
    const target = event.currentTarget as HTMLElement;
    const workId = target.dataset.workId;
    const workItemId = target.dataset.workItemId;
    if (!workId || this.pendingWorkIds.includes(workId)) return;
    this.actionError = null;
    this.pendingWorkIds = [...this.pendingWorkIds, workId];
    this.dispatchEvent(new CustomEvent('acceptwork', { detail: { workId, workItemId } }));
  }

  handleGoAvailable(): void {
    const statusId = this.data ? this.data.availableStatusId : null;
    if (!statusId) {
      this.actionError = LABELS.noAvailableStatus;
      return;
    }
    this.actionError = null;
    this.goingAvailable = true;
    this.dispatchEvent(
      new CustomEvent('goavailable', {
        detail: { statusId, statusApiName: this.availableStatusApiName || DEFAULT_AVAILABLE_STATUS }
      })
    );
  }

  handleSortChange(event: CustomEvent<{ value: string }>): void {
    const value = event.detail.value;
    if (isMyWorkSort(value)) this.sortBy = value;
  }

  handleOpenCase(event: Event): void {
    event.preventDefault();
    const recordId = (event.currentTarget as HTMLElement).dataset.recordId;
    if (!recordId) return;
    this[NavigationMixin.Navigate]({
      type: 'standard__recordPage',
      attributes: { recordId, objectApiName: 'Case', actionName: 'view' }
    });
  }

  handleRetry(): void {
    this.loading = true;
    this.load();
  }

  handleDismissActionError(): void {
    this.actionError = null;
  }

  private clearPending(workId: string): void {
    if (this.pendingWorkIds.includes(workId)) {
      this.pendingWorkIds = this.pendingWorkIds.filter((id) => id !== workId);
    }
  }
}
