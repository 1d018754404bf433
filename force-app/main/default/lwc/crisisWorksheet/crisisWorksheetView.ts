/**
 * What the crisis worksheet shows, computed from the facts the worker entered with the crisisRules
 * module: no rendering here, so Jest tests it as plain functions and the component stays a thin view.
 */
import {
  CRISIS_REASONS,
  TRIAGE_LEVEL_VALUES,
  biofuelNote,
  deliveryTotal,
  determineBenefit,
  dueSoon,
  emergencyFactsEditable,
  initiatedNote,
  levelFromValue,
  money,
  priceDifferenceMayRemain,
  priceDifferenceNote,
  primaryHeatNote,
  qualifies,
  reasonablePayment,
  reasonablePaymentByVendor,
  responseDue,
  roundingNote,
  splitNote,
  tankNote,
  timeLeftMs,
  vendorEligible
} from 'c/crisisRules';
import type { BenefitDetermination, CrisisFacts, CrisisReason, FuelType, TriageLevel } from 'c/crisisRules';

/** A Crisis_Vendor__c as Apex returns it. */
export interface VendorRecord {
  Id?: string;
  Name?: string;
  Vendor_Id__c?: string | null;
  Fuel_Type__c?: string | null;
  Amount_Owed__c?: number | null;
  Primary_Heat_Not_Credited__c?: number | null;
  Primary_Heat_Paid_On__c?: string | null;
  Primary_Heat_Available__c?: number | null;
  Minimum_Delivery__c?: number | null;
  Arrears__c?: number | null;
  Other_Resources__c?: number | null;
  Share__c?: number | null;
  Gallons__c?: number | null;
  Price_Per_Gallon__c?: number | null;
  Delivery_Fees__c?: number | null;
  Annual_Cost__c?: number | null;
  Annual_Cost_Estimated__c?: boolean | null;
  Bill__c?: number | null;
  Crisis_Amount__c?: number | null;
  Credit__c?: number | null;
  Facts_Locked__c?: boolean | null;
  Assistance_Payment__c?: string | null;
  Assistance_Payment__r?: { Status__c?: string | null } | null;
}

/** The crisis fields of the Case as Apex returns them. */
export interface RequestRecord {
  Id: string;
  CaseNumber?: string;
  Emergency_Level__c?: string | null;
  Crisis_Reasons__c?: string | null;
  Crisis_Initiated_By__c?: string | null;
  Crisis_Received_At__c?: string | null;
  Crisis_Response_Due__c?: string | null;
  Crisis_Verified_On__c?: string | null;
  Crisis_Heat_Situation__c?: string | null;
  Crisis_Heating_Fuel__c?: string | null;
  Crisis_Disconnected__c?: boolean | null;
  Crisis_Tank_Percent__c?: number | null;
  Crisis_Biofuel_Days__c?: number | null;
  Crisis_Notice_Date__c?: string | null;
  Crisis_Notice_Active__c?: boolean | null;
  Crisis_Member_Ages__c?: string | null;
  Crisis_Has_Bill__c?: boolean | null;
  Crisis_In_Danger__c?: boolean | null;
  Crisis_Available__c?: number | null;
  Crisis_Event_Status__c?: string | null;
  Crisis_Worksheet_Page__c?: string | null;
  Crisis_Monthly_Income__c?: number | null;
  Crisis_Stated_Payment__c?: number | null;
  Crisis_Expense_Housing__c?: number | null;
  Crisis_Expense_Food__c?: number | null;
  Crisis_Expense_Transportation__c?: number | null;
  Crisis_Expense_Medical__c?: number | null;
  Crisis_Expense_Other__c?: number | null;
  Crisis_Reasonable_Payment__c?: number | null;
  Crisis_Notes__c?: string | null;
}

/** CrisisWorksheetController.Worksheet */
export interface Worksheet {
  request: RequestRecord;
  vendors?: VendorRecord[] | null;
  workerName?: string | null;
  generatedAt?: string | null;
}

/** The Case fields the worker edits on the worksheet (sent back to saveWorksheet). */
export const REQUEST_FIELDS = [
  'Emergency_Level__c',
  'Crisis_Reasons__c',
  'Crisis_Initiated_By__c',
  'Crisis_Received_At__c',
  'Crisis_Verified_On__c',
  'Crisis_Heat_Situation__c',
  'Crisis_Heating_Fuel__c',
  'Crisis_Disconnected__c',
  'Crisis_Tank_Percent__c',
  'Crisis_Biofuel_Days__c',
  'Crisis_Notice_Date__c',
  'Crisis_Notice_Active__c',
  'Crisis_Member_Ages__c',
  'Crisis_Has_Bill__c',
  'Crisis_In_Danger__c',
  'Crisis_Available__c',
  'Crisis_Worksheet_Page__c',
  'Crisis_Monthly_Income__c',
  'Crisis_Stated_Payment__c',
  'Crisis_Expense_Housing__c',
  'Crisis_Expense_Food__c',
  'Crisis_Expense_Transportation__c',
  'Crisis_Expense_Medical__c',
  'Crisis_Expense_Other__c',
  'Crisis_Reasonable_Payment__c',
  'Crisis_Notes__c'
] as const;
export type RequestField = (typeof REQUEST_FIELDS)[number];

/** The vendor fields the worker edits. */
export const VENDOR_FIELDS = [
  'Name',
  'Vendor_Id__c',
  'Fuel_Type__c',
  'Amount_Owed__c',
  'Primary_Heat_Not_Credited__c',
  'Primary_Heat_Paid_On__c',
  'Primary_Heat_Available__c',
  'Minimum_Delivery__c',
  'Arrears__c',
  'Other_Resources__c',
  'Share__c',
  'Gallons__c',
  'Price_Per_Gallon__c',
  'Delivery_Fees__c',
  'Annual_Cost__c',
  'Annual_Cost_Estimated__c',
  'Bill__c'
] as const;
export type VendorField = (typeof VENDOR_FIELDS)[number];

export const PAYMENTS_CREATED = 'Payments Created';

function num(value: unknown): number {
  const parsed = typeof value === 'number' ? value : Number(value);
  return Number.isFinite(parsed) ? parsed : 0;
}

function optionalNum(value: unknown): number | null {
  if (value === null || value === undefined || value === '') return null;
  const parsed = typeof value === 'number' ? value : Number(value);
  return Number.isFinite(parsed) ? parsed : null;
}

/** "67, 12" -> [67, 12] */
export function parseAges(text: string | null | undefined): number[] {
  return (text ?? '')
    .split(/[,;\s]+/)
    .map((part) => Number(part))
    .filter((age) => Number.isFinite(age) && age > 0);
}

/** The reasons claimed, from the multi-select picklist value "A;B". */
export function claimedReasons(value: string | null | undefined): CrisisReason[] {
  const claimed = (value ?? '').split(';').map((part) => part.trim());
  return CRISIS_REASONS.filter((reason) => claimed.includes(reason));
}

/** "Jane Morgan" -> "JM" */
export function initialsOf(name: string | null | undefined): string {
  const letters = (name ?? '')
    .split(/\s+/)
    .filter((part) => part.length > 0)
    .map((part) => part[0].toUpperCase());
  return letters.length > 0 ? letters.join('') : 'SP';
}

export function fuelTypeOf(vendor: VendorRecord): FuelType {
  return vendor.Fuel_Type__c === 'Delivered Fuel' ? 'Delivered Fuel' : 'Connected Utility';
}

/** The facts crisisRules reads, from the request and its vendors' worksheet rows. */
export function factsOf(request: RequestRecord, parts: readonly VendorPart[]): CrisisFacts {
  return {
    requestDate: request.Crisis_Received_At__c ?? null,
    heatSituation: request.Crisis_Heat_Situation__c ?? null,
    disconnected: request.Crisis_Disconnected__c === true,
    notice: request.Crisis_Notice_Date__c
      ? {
          scheduledDate: request.Crisis_Notice_Date__c,
          activeWithVendor: request.Crisis_Notice_Active__c === true
        }
      : null,
    tankPercent: optionalNum(request.Crisis_Tank_Percent__c),
    biofuelDays: optionalNum(request.Crisis_Biofuel_Days__c),
    memberAges: parseAges(request.Crisis_Member_Ages__c),
    hasBill: request.Crisis_Has_Bill__c === true,
    inDangerOfDisconnection: request.Crisis_In_Danger__c === true,
    worksheet: parts
      .filter((part) => part.bill !== null)
      .map((part) => ({ vendor: part.vendor, bill: part.bill as number, vendorPart: part.part }))
  };
}

export interface ReasonRow {
  reason: CrisisReason;
  claimed: boolean;
  qualifies: boolean;
  why: string;
}

export interface VendorPart {
  vendor: string;
  annualCost: number;
  part: number;
  bill: number | null;
  eligible: boolean | null;
}

export interface WorksheetResult {
  page: 1 | 2;
  fastTrack: number;
  amount: number;
  expenses: number;
  parts: VendorPart[];
}

/** The Reasonable Payment Worksheet: the household's reasonable payment and each vendor's part. */
export function worksheetResult(request: RequestRecord, vendors: readonly VendorRecord[]): WorksheetResult {
  const page: 1 | 2 = request.Crisis_Worksheet_Page__c === '2' ? 2 : 1;
  const expenses = [
    { label: 'Housing', amount: num(request.Crisis_Expense_Housing__c) },
    { label: 'Food', amount: num(request.Crisis_Expense_Food__c) },
    { label: 'Transportation', amount: num(request.Crisis_Expense_Transportation__c) },
    { label: 'Medical', amount: num(request.Crisis_Expense_Medical__c) },
    { label: 'Other', amount: num(request.Crisis_Expense_Other__c) }
  ];
  const result = reasonablePayment({
    page,
    monthlyIncome: num(request.Crisis_Monthly_Income__c),
    statedPayment: optionalNum(request.Crisis_Stated_Payment__c),
    expenses
  });
  const withCost = vendors.filter((vendor) => num(vendor.Annual_Cost__c) > 0);
  const shared = reasonablePaymentByVendor(
    result.amount,
    withCost.map((vendor) => ({ vendor: vendor.Name ?? '', annualCost: num(vendor.Annual_Cost__c) }))
  );
  const parts = withCost.map((vendor, i) => {
    const bill = optionalNum(vendor.Bill__c);
    return {
      vendor: vendor.Name ?? '',
      annualCost: num(vendor.Annual_Cost__c),
      part: shared[i].amount,
      bill,
      eligible: bill === null ? null : vendorEligible({ bill, vendorPart: shared[i].amount })
    };
  });
  return {
    page,
    fastTrack: result.fastTrack,
    amount: result.amount,
    expenses: expenses.reduce((sum, row) => sum + row.amount, 0),
    parts
  };
}

export interface ClockView {
  level: TriageLevel | null;
  /** ISO due time, or null when not on the clock. */
  due: string | null;
  /** Milliseconds left (negative when overdue), or null. */
  leftMs: number | null;
  dueSoon: boolean;
}

/** The response-due countdown: the saved due time, else the one the rules compute from the level. */
export function clockOf(request: RequestRecord, now: number): ClockView {
  const level = levelFromValue(request.Emergency_Level__c);
  const computed =
    level && request.Crisis_Received_At__c ? responseDue(level, request.Crisis_Received_At__c) : null;
  const due = level === 3 ? null : (request.Crisis_Response_Due__c ?? computed);
  return { level, due, leftMs: timeLeftMs(due, now), dueSoon: dueSoon(due, now) };
}

/** "5 h 12 min" */
export function durationText(ms: number): string {
  const minutes = Math.floor(Math.abs(ms) / 60000);
  const hours = Math.floor(minutes / 60);
  return hours > 0 ? `${hours} h ${minutes % 60} min` : `${minutes} min`;
}

export interface Analysis {
  reasons: ReasonRow[];
  anyQualifies: boolean;
  clock: ClockView;
  benefit: BenefitDetermination;
  worksheet: WorksheetResult;
  notes: string[];
  locked: boolean;
}

/** Everything the worksheet shows, live, for the facts as entered. */
export function analyze(
  request: RequestRecord,
  vendors: readonly VendorRecord[],
  now: number,
  workerName: string | null | undefined
): Analysis {
  const worksheet = worksheetResult(request, vendors);
  const facts = factsOf(request, worksheet.parts);
  const claimed = claimedReasons(request.Crisis_Reasons__c);
  const reasons = CRISIS_REASONS.map((reason) => ({
    reason,
    claimed: claimed.includes(reason),
    ...qualifies(reason, facts)
  }));
  const benefit = determineBenefit(
    num(request.Crisis_Available__c),
    vendors.map((vendor) => ({
      vendor: vendor.Name ?? '',
      fuelType: fuelTypeOf(vendor),
      amountOwed: num(vendor.Amount_Owed__c),
      primaryHeatNotCredited: num(vendor.Primary_Heat_Not_Credited__c),
      primaryHeatAvailable: num(vendor.Primary_Heat_Available__c),
      minimumDelivery: num(vendor.Minimum_Delivery__c),
      arrears: num(vendor.Arrears__c),
      otherResources: num(vendor.Other_Resources__c),
      share: optionalNum(vendor.Share__c) ?? undefined
    }))
  );
  return {
    reasons,
    anyQualifies: reasons.some((row) => row.claimed && row.qualifies),
    clock: clockOf(request, now),
    benefit,
    worksheet,
    notes: notesFor(
      request,
      vendors,
      benefit,
      new Date(now).toISOString().slice(0, 10),
      initialsOf(workerName)
    ),
    locked: !emergencyFactsEditable(request.Crisis_Event_Status__c)
  };
}

/** The notes the worksheet will write, in the deck's form. */
export function notesFor(
  request: RequestRecord,
  vendors: readonly VendorRecord[],
  benefit: BenefitDetermination,
  date: string,
  initials: string
): string[] {
  const notes: string[] = [];
  if (request.Crisis_Initiated_By__c) {
    notes.push(initiatedNote({ date, initials, initiatedBy: request.Crisis_Initiated_By__c }));
  }
  const claimed = claimedReasons(request.Crisis_Reasons__c);
  const tank = optionalNum(request.Crisis_Tank_Percent__c);
  if (claimed.includes('Less than 20') && tank !== null) {
    notes.push(tankNote({ date, initials, tankPercent: tank }));
  }
  const days = optionalNum(request.Crisis_Biofuel_Days__c);
  if (claimed.includes('One Week Biofuel') && days !== null) {
    notes.push(biofuelNote({ date, initials, biofuelDays: days }));
  }
  for (const vendor of vendors) {
    const notCredited = num(vendor.Primary_Heat_Not_Credited__c);
    if (notCredited > 0 && vendor.Primary_Heat_Paid_On__c) {
      notes.push(
        primaryHeatNote({
          date,
          initials,
          amountOwed: num(vendor.Amount_Owed__c),
          primaryHeatNotCredited: notCredited,
          primaryHeatDate: vendor.Primary_Heat_Paid_On__c
        })
      );
    }
  }
  for (const row of benefit.vendors) {
    if (row.credit > 0) notes.push(roundingNote({ date, initials, vendor: row.vendor, need: row.need }));
  }
  const paid = benefit.vendors.filter((row) => row.amount > 0);
  if (paid.length > 1) {
    notes.push(
      splitNote({
        date,
        initials,
        benefit: benefit.totalPaid,
        vendors: paid.map((row) => ({ vendor: row.vendor, amountOwed: row.amountOwed, amount: row.amount }))
      })
    );
  }
  vendors.forEach((vendor, i) => {
    const gallons = optionalNum(vendor.Gallons__c);
    const price = optionalNum(vendor.Price_Per_Gallon__c);
    const row = benefit.vendors[i];
    if (gallons !== null && price !== null && row && row.delivery) {
      const delivered = deliveryTotal({ gallons, pricePerGallon: price, fees: num(vendor.Delivery_Fees__c) });
      const verified = row.amount + num(vendor.Other_Resources__c);
      if (Math.abs(delivered - verified) >= 0.01) {
        notes.push(priceDifferenceNote({ date, initials, vendor: row.vendor, verified, delivered }));
      }
    }
  });
  return notes;
}

/** Whether a delivery-confirmation difference may stay on the account (null without a confirmation). */
export function priceDifference(
  vendor: VendorRecord,
  amount: number
): { difference: number; mayRemain: boolean } | null {
  const gallons = optionalNum(vendor.Gallons__c);
  const price = optionalNum(vendor.Price_Per_Gallon__c);
  if (gallons === null || price === null) return null;
  const delivered = deliveryTotal({ gallons, pricePerGallon: price, fees: num(vendor.Delivery_Fees__c) });
  const difference = Math.round((delivered - amount - num(vendor.Other_Resources__c)) * 100) / 100;
  return { difference, mayRemain: priceDifferenceMayRemain(difference) };
}

/** Notes not yet in the saved notes, appended in order. */
export function notesToSave(saved: string | null | undefined, notes: readonly string[]): string | null {
  const existing = (saved ?? '').split('\n').filter((line) => line.length > 0);
  const added = notes.filter((note) => !existing.includes(note));
  if (added.length === 0) return saved ?? null;
  return [...existing, ...added].join('\n');
}

/** The request fields to send to saveWorksheet. */
export function requestToSave(
  request: RequestRecord,
  analysis: Pick<Analysis, 'notes' | 'worksheet'>
): Record<string, unknown> {
  const fields: Record<string, unknown> = { sobjectType: 'Case' };
  for (const field of REQUEST_FIELDS) {
    if (request[field] !== undefined) fields[field] = request[field];
  }
  fields.Crisis_Notes__c = notesToSave(request.Crisis_Notes__c, analysis.notes);
  if (analysis.worksheet.parts.length > 0) fields.Crisis_Reasonable_Payment__c = analysis.worksheet.amount;
  return fields;
}

/** The vendors to send to saveWorksheet: editable fields only. */
export function vendorsToSave(vendors: readonly VendorRecord[]): Record<string, unknown>[] {
  return vendors.map((vendor) => {
    const fields: Record<string, unknown> = { sobjectType: 'Crisis_Vendor__c' };
    if (vendor.Id) fields.Id = vendor.Id;
    for (const field of VENDOR_FIELDS) {
      if (vendor[field] !== undefined) fields[field] = vendor[field];
    }
    return fields;
  });
}

/** The payments to ask for: the vendors with a Crisis part above zero. */
export function paymentRequests(
  vendors: readonly VendorRecord[],
  benefit: BenefitDetermination
): { vendorId: string; amount: number }[] {
  return vendors
    .map((vendor, i) => ({ vendorId: vendor.Id ?? '', amount: benefit.vendors[i]?.amount ?? 0 }))
    .filter((request) => request.vendorId !== '' && request.amount > 0);
}

export { money, TRIAGE_LEVEL_VALUES };

/** Server errors (Apex AuraHandledException, fetch errors) as sentences. */
export function errorMessages(error: unknown): string[] {
  if (!error) return [];
  const body = (error as { body?: unknown }).body;
  if (Array.isArray(body)) {
    return body.map((item) => String((item as { message?: unknown }).message ?? '')).filter(Boolean);
  }
  if (body && typeof body === 'object') {
    const message = (body as { message?: unknown }).message;
    if (typeof message === 'string' && message) return [message];
  }
  const message = (error as { message?: unknown }).message;
  return typeof message === 'string' && message ? [message] : [];
}
