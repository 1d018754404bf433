/**
 * The energy crisis worksheet on an EAP Case record page. The worker enters the facts and sees, live,
 * which Crisis reasons qualify and why, the response-due countdown, the benefit step by step (owed −
 * Primary Heat = need → rounded → split), delivery feasibility, the Reasonable Payment Worksheet's
 * pages and each vendor's part, and the notes it will write. "Create payments" asks the server for one
 * Crisis payment per vendor; the server re-checks the money rules. The rules live in c/crisisRules.
 */
import { LightningElement, api } from 'lwc';
import { ShowToastEvent } from 'lightning/platformShowToastEvent';
import getWorksheet from '@salesforce/apex/CrisisWorksheetController.getWorksheet';
import saveWorksheet from '@salesforce/apex/CrisisWorksheetController.saveWorksheet';
import createPayments from '@salesforce/apex/CrisisWorksheetController.createPayments';
import cancelEvent from '@salesforce/apex/CrisisWorksheetController.cancelEvent';
import {
  CRISIS_REASONS,
  FUEL_TYPES,
  HEAT_SITUATIONS,
  INITIATED_BY,
  NON_HEAT_SITUATIONS
} from 'c/crisisRules';
import { formatLabel } from 'c/labelFormat';
import { LABELS } from './labels';
import {
  PAYMENTS_CREATED,
  TRIAGE_LEVEL_VALUES,
  analyze,
  durationText,
  errorMessages,
  money,
  paymentRequests,
  priceDifference,
  requestToSave,
  vendorsToSave
} from './crisisWorksheetView';
import type { Analysis, RequestRecord, VendorRecord, Worksheet } from './crisisWorksheetView';

interface Option {
  label: string;
  value: string;
}

/** lightning-input, -combobox, -checkbox-group and -radio-group as the form uses them. */
interface FieldInput extends HTMLElement {
  type?: string;
  checked?: boolean;
  dataset: DOMStringMap;
}

const NUMBER_FIELDS = new Set([
  'Crisis_Tank_Percent__c',
  'Crisis_Biofuel_Days__c',
  'Crisis_Available__c',
  'Crisis_Monthly_Income__c',
  'Crisis_Stated_Payment__c',
  'Crisis_Expense_Housing__c',
  'Crisis_Expense_Food__c',
  'Crisis_Expense_Transportation__c',
  'Crisis_Expense_Medical__c',
  'Crisis_Expense_Other__c',
  'Amount_Owed__c',
  'Primary_Heat_Not_Credited__c',
  'Primary_Heat_Available__c',
  'Minimum_Delivery__c',
  'Arrears__c',
  'Other_Resources__c',
  'Share__c',
  'Gallons__c',
  'Price_Per_Gallon__c',
  'Delivery_Fees__c',
  'Annual_Cost__c',
  'Bill__c'
]);

const MINUTE_MS = 60 * 1000;

function options(values: readonly string[]): Option[] {
  return values.map((value) => ({ label: value, value }));
}

function fieldValue(input: FieldInput, detail: { value?: unknown; checked?: boolean } | undefined): unknown {
  const field = input.dataset.field ?? '';
  if (input.type === 'checkbox' || input.type === 'toggle') {
    return detail?.checked ?? input.checked === true;
  }
  const value = detail?.value;
  if (Array.isArray(value)) return value.join(';');
  if (NUMBER_FIELDS.has(field)) {
    return value === '' || value === null || value === undefined ? null : Number(value);
  }
  return value === '' ? null : value;
}

export default class CrisisWorksheet extends LightningElement {
  @api recordId!: string;

  labels = LABELS;
  request: RequestRecord | null = null;
  vendors: VendorRecord[] = [];
  workerName: string | null = null;
  loadError: unknown = null;
  actionErrors: string[] = [];
  working = false;
  now = Date.now();
  /** The verification date as saved: once recorded it never changes (the 18/48 audit trail). */
  savedVerifiedOn: string | null = null;

  private timer: ReturnType<typeof setInterval> | null = null;

  override connectedCallback(): void {
    this.load();
    // the countdown moves once a minute
    // eslint-disable-next-line @lwc/lwc/no-async-operation
    this.timer = setInterval(() => {
      this.now = Date.now();
    }, MINUTE_MS);
  }

  override disconnectedCallback(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  private async load(): Promise<void> {
    try {
      this.apply(await getWorksheet({ caseId: this.recordId }));
      this.loadError = null;
    } catch (error) {
      this.loadError = error;
    }
  }

  private apply(sheet: Worksheet): void {
    this.request = { ...sheet.request };
    this.savedVerifiedOn = sheet.request.Crisis_Verified_On__c ?? null;
    this.vendors = (sheet.vendors ?? []).map((vendor) => ({ ...vendor }));
    this.workerName = sheet.workerName ?? null;
    this.now = Date.now();
  }

  // ------------------------------------------------------------------ state

  get isLoading(): boolean {
    return this.request === null && !this.loadError;
  }

  get hasLoadError(): boolean {
    return this.request === null && Boolean(this.loadError);
  }

  get isReady(): boolean {
    return this.request !== null;
  }

  get loadErrorMessage(): string {
    return errorMessages(this.loadError).join(' ') || LABELS.unknownError;
  }

  get hasActionErrors(): boolean {
    return this.actionErrors.length > 0;
  }

  get actionErrorText(): string {
    return this.actionErrors.join(' ');
  }

  private get analysis(): Analysis | null {
    return this.request ? analyze(this.request, this.vendors, this.now, this.workerName) : null;
  }

  get cardTitle(): string {
    return this.request?.CaseNumber
      ? formatLabel(LABELS.cardTitleWithCase, this.request.CaseNumber)
      : LABELS.cardTitle;
  }

  get locked(): boolean {
    return this.analysis?.locked === true;
  }

  get inputsDisabled(): boolean {
    return this.locked || this.working;
  }

  get verifiedOnDisabled(): boolean {
    return this.inputsDisabled || Boolean(this.savedVerifiedOn);
  }

  get eventStatusText(): string {
    return this.request?.Crisis_Event_Status__c || LABELS.eventNew;
  }

  // ------------------------------------------------------------------ clock

  get clockText(): string {
    const clock = this.analysis?.clock;
    if (!clock || clock.due === null || clock.leftMs === null) return LABELS.notOnClock;
    const dueText = new Date(clock.due).toLocaleString('en-US', {
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: '2-digit',
      timeZone: 'UTC',
      timeZoneName: 'short'
    });
    return clock.leftMs >= 0
      ? formatLabel(LABELS.dueIn, durationText(clock.leftMs), dueText)
      : formatLabel(LABELS.overdue, durationText(clock.leftMs), dueText);
  }

  get dueSoon(): boolean {
    return this.analysis?.clock.dueSoon === true;
  }

  get clockClass(): string {
    return this.dueSoon ? 'slds-text-color_error slds-text-title_bold' : 'slds-text-title_bold';
  }

  // ------------------------------------------------------------------ options

  get levelOptions(): Option[] {
    return [
      { label: LABELS.level1, value: TRIAGE_LEVEL_VALUES[1] },
      { label: LABELS.level2, value: TRIAGE_LEVEL_VALUES[2] },
      { label: LABELS.level3, value: TRIAGE_LEVEL_VALUES[3] }
    ];
  }

  get reasonOptions(): Option[] {
    return options(CRISIS_REASONS);
  }

  get initiatedOptions(): Option[] {
    return options(INITIATED_BY);
  }

  get heatSituationOptions(): Option[] {
    return options([...HEAT_SITUATIONS, ...NON_HEAT_SITUATIONS]);
  }

  get fuelTypeOptions(): Option[] {
    return options(FUEL_TYPES);
  }

  get pageOptions(): Option[] {
    return [
      { label: LABELS.page1, value: '1' },
      { label: LABELS.page2, value: '2' }
    ];
  }

  get claimedValue(): string[] {
    return (this.request?.Crisis_Reasons__c ?? '').split(';').filter((value) => value.length > 0);
  }

  get pageValue(): string {
    return this.request?.Crisis_Worksheet_Page__c === '2' ? '2' : '1';
  }

  get isPage2(): boolean {
    return this.pageValue === '2';
  }

  // ------------------------------------------------------------------ reasons

  get reasonRows(): {
    key: string;
    reason: string;
    verdict: string;
    why: string;
    claimed: boolean;
    css: string;
  }[] {
    return (this.analysis?.reasons ?? []).map((row) => ({
      key: row.reason,
      reason: row.reason,
      verdict: row.qualifies ? LABELS.qualifies : LABELS.doesNotQualify,
      why: row.why,
      claimed: row.claimed,
      css: row.qualifies ? 'slds-text-color_success' : 'slds-text-color_weak'
    }));
  }

  get noClaimedReasonQualifies(): boolean {
    const analysis = this.analysis;
    return analysis !== null && this.claimedValue.length > 0 && !analysis.anyQualifies;
  }

  // ------------------------------------------------------------------ vendors and benefit

  get vendorRows(): (VendorRecord & {
    key: string;
    index: number;
    isDelivered: boolean;
    removeLabel: string;
  })[] {
    return this.vendors.map((vendor, index) => ({
      ...vendor,
      key: vendor.Id ?? `new-${index}`,
      index,
      isDelivered: vendor.Fuel_Type__c === 'Delivered Fuel',
      removeLabel: formatLabel(LABELS.removeVendor, vendor.Name ?? LABELS.newVendor),
      removable: !vendor.Id
    }));
  }

  get benefitRows(): { key: string; vendor: string; steps: string; part: string; credit: string | null }[] {
    const benefit = this.analysis?.benefit;
    if (!benefit) return [];
    return benefit.vendors.map((row, i) => ({
      key: `${i}-${row.vendor}`,
      vendor: row.vendor,
      steps: row.resolvedByPrimaryHeat
        ? LABELS.resolvedByPrimaryHeat
        : formatLabel(
            LABELS.benefitRow,
            money(row.amountOwed),
            money(row.primaryHeatNotCredited),
            money(row.need),
            money(row.rounded)
          ),
      part: formatLabel(LABELS.benefitPart, money(row.amount)),
      credit: row.credit > 0 ? formatLabel(LABELS.benefitCredit, row.credit.toFixed(2)) : null
    }));
  }

  get benefitTotal(): string {
    const benefit = this.analysis?.benefit;
    if (!benefit) return '';
    return formatLabel(
      LABELS.benefitTotal,
      money(benefit.totalNeed),
      money(this.request?.Crisis_Available__c ?? 0),
      money(benefit.totalPaid)
    );
  }

  get resolvedByPrimaryHeat(): boolean {
    return this.analysis?.benefit.resolvedByPrimaryHeat === true;
  }

  get deliveryRows(): {
    key: string;
    text: string;
    detail: string | null;
    difference: string | null;
    css: string;
  }[] {
    const benefit = this.analysis?.benefit;
    if (!benefit) return [];
    return benefit.vendors
      .map((row, i) => ({ row, vendor: this.vendors[i] }))
      .filter(({ row }) => row.delivery !== null)
      .map(({ row, vendor }) => {
        const other = money(vendor.Other_Resources__c ?? 0);
        const minimum = money(vendor.Minimum_Delivery__c ?? 0);
        const text = row.delivery
          ? formatLabel(LABELS.deliveryYes, row.vendor, money(row.amount), other, minimum)
          : formatLabel(LABELS.deliveryNo, row.vendor, money(row.split), other, minimum);
        let detail: string | null = null;
        if (!row.delivery) {
          detail =
            (row.arrearsPaid ?? 0) > 0
              ? formatLabel(LABELS.arrearsOnly, money(row.arrearsPaid ?? 0), money(row.arrearsRemaining ?? 0))
              : LABELS.nothingWithoutDelivery;
        }
        const diff = row.delivery ? priceDifference(vendor, row.amount) : null;
        const difference = diff
          ? formatLabel(
              diff.mayRemain ? LABELS.priceDifferenceRemains : LABELS.priceDifferenceResolve,
              Math.abs(diff.difference).toFixed(2)
            )
          : null;
        return {
          key: row.vendor,
          text,
          detail,
          difference,
          css: row.delivery ? 'slds-text-color_success' : 'slds-text-color_error'
        };
      });
  }

  get hasDeliveries(): boolean {
    return this.deliveryRows.length > 0;
  }

  // ------------------------------------------------------------------ worksheet

  get fastTrackText(): string {
    return formatLabel(LABELS.fastTrack, money(this.analysis?.worksheet.fastTrack ?? 0));
  }

  get reasonablePaymentText(): string {
    const worksheet = this.analysis?.worksheet;
    return worksheet
      ? formatLabel(LABELS.reasonablePayment, money(worksheet.amount), String(worksheet.page))
      : '';
  }

  get worksheetParts(): { key: string; text: string; verdict: string | null; css: string }[] {
    return (this.analysis?.worksheet.parts ?? []).map((part) => ({
      key: part.vendor,
      text: formatLabel(LABELS.vendorPartRow, part.vendor, money(part.part)),
      verdict:
        part.bill === null
          ? null
          : formatLabel(part.eligible ? LABELS.vendorEligible : LABELS.vendorNotEligible, money(part.bill)),
      css: part.eligible ? 'slds-text-color_success' : 'slds-text-color_weak'
    }));
  }

  get hasWorksheetParts(): boolean {
    return this.worksheetParts.length > 0;
  }

  // ------------------------------------------------------------------ notes and actions

  get notes(): { key: string; text: string }[] {
    return (this.analysis?.notes ?? []).map((text, i) => ({ key: `${i}`, text }));
  }

  get hasNotes(): boolean {
    return this.notes.length > 0;
  }

  get createDisabled(): boolean {
    const analysis = this.analysis;
    return (
      this.working ||
      this.locked ||
      analysis === null ||
      !analysis.anyQualifies ||
      paymentRequests(this.vendors, analysis.benefit).length === 0
    );
  }

  get cancelDisabled(): boolean {
    return this.working || this.request?.Crisis_Event_Status__c !== PAYMENTS_CREATED;
  }

  handleRequestChange(event: CustomEvent<{ value?: unknown; checked?: boolean }>): void {
    const input = event.target as FieldInput;
    const field = input.dataset.field;
    if (!field || !this.request) return;
    this.request = { ...this.request, [field]: fieldValue(input, event.detail) };
  }

  handleVendorChange(event: CustomEvent<{ value?: unknown; checked?: boolean }>): void {
    const input = event.target as FieldInput;
    const field = input.dataset.field;
    const index = Number(input.dataset.index);
    if (!field || !Number.isInteger(index) || !this.vendors[index]) return;
    const value = fieldValue(input, event.detail);
    this.vendors = this.vendors.map((vendor, i) => (i === index ? { ...vendor, [field]: value } : vendor));
  }

  handleAddVendor(): void {
    this.vendors = [
      ...this.vendors,
      {
        Name: LABELS.newVendor,
        Fuel_Type__c: 'Connected Utility',
        Amount_Owed__c: 0,
        Primary_Heat_Not_Credited__c: 0
      }
    ];
  }

  handleRemoveVendor(event: Event): void {
    const index = Number((event.currentTarget as HTMLElement).dataset.index);
    this.vendors = this.vendors.filter((vendor, i) => i !== index || Boolean(vendor.Id));
  }

  async handleSave(): Promise<void> {
    const analysis = this.analysis;
    if (!this.request || !analysis) return;
    await this.run(
      () =>
        saveWorksheet({
          caseId: this.recordId,
          request: requestToSave(this.request as RequestRecord, analysis),
          vendors: vendorsToSave(this.vendors)
        }),
      LABELS.savedTitle
    );
  }

  async handleCreatePayments(): Promise<void> {
    const analysis = this.analysis;
    if (!analysis) return;
    const payments = paymentRequests(this.vendors, analysis.benefit);
    await this.run(
      () => createPayments({ caseId: this.recordId, payments }),
      formatLabel(LABELS.paymentsCreatedTitle, payments.length)
    );
  }

  async handleCancelEvent(): Promise<void> {
    await this.run(() => cancelEvent({ caseId: this.recordId }), LABELS.cancelledTitle);
  }

  private async run(action: () => Promise<Worksheet>, success: string): Promise<void> {
    this.working = true;
    this.actionErrors = [];
    try {
      this.apply(await action());
      this.dispatchEvent(new ShowToastEvent({ title: success, variant: 'success' }));
    } catch (error) {
      const messages = errorMessages(error);
      this.actionErrors = messages.length > 0 ? messages : [LABELS.unknownError];
    } finally {
      this.working = false;
    }
  }
}
