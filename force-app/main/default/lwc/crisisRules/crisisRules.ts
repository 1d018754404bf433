/**
 * The energy-assistance Crisis rules (EAP training, FFY2014 Part 2): which crisis reasons a household
 * qualifies for, how fast it must be answered, how much Crisis money it gets after Primary Heat, how
 * that is split between vendors, whether a fuel delivery can happen, and the Reasonable Payment
 * Worksheet for seniors.
 *
 * This module is the one place the rules live. The crisisWorksheet component and the Node side import
 * it; the Apex that creates crisis payments (CrisisMoneyRules) re-checks the money rules server-side
 * and a Node test checks it against this module (constants, and the cases in the generated
 * CrisisRulesCases class). No imports: Lightning Web Components and Node both load this file.
 *
 * Money is in dollars with cents and computed in whole cents; dates are ISO strings.
 */

// ---------------------------------------------------------------------------------------------
// Reasons, heat situations, triage levels

/** The seven Crisis reasons, as the deck names them (and as stored in Case.Crisis_Reasons__c). */
export const CRISIS_REASONS = [
  'Heat Related Disconnection',
  'Heat Related Disconnection Notice',
  'Non-Heat Related Disconnection',
  'Non-Heat Related Disconnection Notice',
  'Less than 20',
  'One Week Biofuel',
  'Senior'
] as const;
export type CrisisReason = (typeof CRISIS_REASONS)[number];

/**
 * The four situations in which a home stays heated when the electricity is shut off (deck: "Types of
 * non-heat electric"), as stored in Case.Crisis_Heat_Situation__c. An electric disconnection in any
 * other situation is heat-related.
 */
export const NON_HEAT_SITUATIONS: readonly string[] = [
  'Heat In Rent',
  'Condo Association Heat',
  'Wood No Blower',
  'Municipal Steam'
];

/** Heat situations that are not one of the four: the electricity runs or distributes the heat. */
export const HEAT_SITUATIONS: readonly string[] = ['Electric Needed For Heat'];

/** How the emergency was initiated (deck: "New feature to report how emergency was initiated"). */
export const INITIATED_BY = ['Auto Application', 'Phone', 'Walk-in', 'Vendor'] as const;
export type InitiatedBy = (typeof INITIATED_BY)[number];

/** Fuel types of a vendor: a connected utility (gas, electric) or delivered fuel (propane, oil, wood...). */
export const FUEL_TYPES = ['Connected Utility', 'Delivered Fuel'] as const;
export type FuelType = (typeof FUEL_TYPES)[number];

export type TriageLevel = 1 | 2 | 3;

/**
 * Triage level -> Case.Emergency_Level__c value. Levels 1 and 2 are the values the EAP routing rules
 * (config/routing.yaml) give a priority and a response time; level 3 matches no routing rule, so the
 * case is served in normal order, as the deck says.
 */
export const TRIAGE_LEVEL_VALUES: Readonly<Record<TriageLevel, string>> = {
  1: 'Life-Threatening',
  2: 'Not Life-Threatening',
  3: 'Not At Risk'
};

/** Hours within which a level 1 and a level 2 request must be answered (deck: the 18/48 timeline). */
export const DEFAULT_RESPONSE_HOURS = { level1: 18, level2: 48 } as const;

/** The Omni panel flags crisis cases with less than this left on the clock. */
export const DUE_SOON_HOURS = 2;

/** Limits the deck sets. */
export const TANK_PERCENT_BELOW = 20;
export const BIOFUEL_DAYS_BELOW = 7;
export const SENIOR_AGE = 60;
export const NON_HEAT_NOTICE_DAYS = 30;
export const PRICE_DIFFERENCE_MAY_REMAIN = 10;
export const FAST_TRACK_PERCENT = 10;

/** Reason code of a Crisis payment (Assistance_Payment__c.Reason_Code__c) and the status it starts in. */
export const CRISIS_REASON_CODE = 'CRI';
export const CRISIS_PAYMENT_STATUS = 'Verified By Worker';

// ---------------------------------------------------------------------------------------------
// Small helpers: cents, dates

/** Dollars -> whole cents, immune to binary fractions (151.2 * 100 = 15119.999...). */
export function toCents(dollars: number): number {
  if (!Number.isFinite(dollars)) return 0;
  return Math.round(Number((dollars * 100).toFixed(4)));
}

export function fromCents(cents: number): number {
  return cents / 100;
}

/** Dollars rounded to the cent. */
export function roundCents(dollars: number): number {
  return fromCents(toCents(dollars));
}

const DAY_MS = 24 * 60 * 60 * 1000;
const HOUR_MS = 60 * 60 * 1000;

/** Midnight UTC of the calendar date an ISO string names (its first ten characters). */
function calendarDay(iso: string): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!match) return Number.NaN;
  return Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
}

/** Whole calendar days from one ISO date to another (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((calendarDay(to) - calendarDay(from)) / DAY_MS);
}

// ---------------------------------------------------------------------------------------------
// Rule 2: heat or non-heat electric

function normalize(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/** The deck's own words for the four situations (slide 48), read as the stored values. */
const NON_HEAT_ALIASES: Readonly<Record<string, string>> = {
  hir: 'Heat In Rent',
  heatincludedinrent: 'Heat In Rent',
  condo: 'Condo Association Heat',
  condoheat: 'Condo Association Heat',
  condoheatfromthehousingassociation: 'Condo Association Heat',
  woodwithnoblower: 'Wood No Blower',
  woodheatwithnoblower: 'Wood No Blower',
  munisteam: 'Municipal Steam'
};

/** True only for the four situations where the home stays heated without electricity. */
export function isNonHeatElectric(situation: string): boolean {
  if (typeof situation !== 'string') return false;
  const wanted = normalize(situation);
  if (wanted === '') return false;
  return wanted in NON_HEAT_ALIASES || NON_HEAT_SITUATIONS.some((value) => normalize(value) === wanted);
}

// ---------------------------------------------------------------------------------------------
// Rule 3: disconnection notice validity

export interface DisconnectionNotice {
  kind: 'heat' | 'non-heat';
  scheduledDate: string | null;
  requestDate: string;
  activeWithVendor: boolean;
}

/**
 * A notice is valid when it carries a scheduled disconnection date and is still active with the
 * vendor. A heat-related notice is valid with any date, past or future; a non-heat notice only when
 * it is scheduled within 30 days of the request (day 30 valid, day 31 not, a past date not).
 */
export function noticeValid(n: DisconnectionNotice): { valid: boolean; why: string } {
  if (!n.scheduledDate) {
    return { valid: false, why: 'The notice has no scheduled disconnection date.' };
  }
  if (!n.activeWithVendor) {
    return {
      valid: false,
      why: 'The vendor has not confirmed the notice is still active (a cancelled notice is not valid).'
    };
  }
  if (n.kind === 'heat') {
    return {
      valid: true,
      why: 'A heat-related notice with a scheduled date, active with the vendor, is valid whatever the date.'
    };
  }
  const days = daysBetween(n.requestDate, n.scheduledDate);
  if (!Number.isFinite(days)) {
    return { valid: false, why: 'The scheduled date or the request date is not a date.' };
  }
  if (days < 0) {
    return {
      valid: false,
      why: 'A non-heat notice must be scheduled within 30 days of the request; this date has passed.'
    };
  }
  if (days > NON_HEAT_NOTICE_DAYS) {
    return {
      valid: false,
      why: `A non-heat notice must be scheduled within 30 days of the request; this one is ${days} days away.`
    };
  }
  return {
    valid: true,
    why: `A non-heat notice scheduled ${days} days after the request (within 30), active with the vendor, is valid.`
  };
}

// ---------------------------------------------------------------------------------------------
// Rule 1: crisis reasons

/** A vendor's bill against its part of the household's reasonable payment (Reasonable Payment Worksheet). */
export interface WorksheetBill {
  vendor?: string;
  bill: number;
  vendorPart: number;
}

/** What the worker knows about the household; a reason reads only the facts it needs. */
export interface CrisisFacts {
  /** ISO date the request was received (for the non-heat notice's 30 days). */
  requestDate?: string | null;
  /** For electric emergencies: one of NON_HEAT_SITUATIONS, or anything else (heat-related). */
  heatSituation?: string | null;
  /** The service is shut off now. */
  disconnected?: boolean | null;
  /** The disconnection notice, when the household has one. */
  notice?: { scheduledDate: string | null; activeWithVendor: boolean } | null;
  /** Percent of the tank left (delivered fuel). */
  tankPercent?: number | null;
  /** Days of biofuel (wood, pellets...) left. */
  biofuelDays?: number | null;
  /** Ages of the household members. */
  memberAges?: readonly number[] | null;
  /** The household has a past-due and/or current energy bill. */
  hasBill?: boolean | null;
  /** Shut off, or at risk of being shut off (a senior in danger of disconnection is levels 1-2, not Senior). */
  inDangerOfDisconnection?: boolean | null;
  /** Each vendor's bill against its part from the Reasonable Payment Worksheet. */
  worksheet?: readonly WorksheetBill[] | null;
}

function reasonFrom(reason: string): CrisisReason | undefined {
  const wanted = normalize(reason ?? '');
  return CRISIS_REASONS.find((candidate) => normalize(candidate) === wanted);
}

function heatRelated(facts: CrisisFacts): boolean {
  return !isNonHeatElectric(facts.heatSituation ?? '');
}

function noticeFor(facts: CrisisFacts, kind: 'heat' | 'non-heat'): { valid: boolean; why: string } {
  if (!facts.notice) {
    return { valid: false, why: 'There is no disconnection notice.' };
  }
  return noticeValid({
    kind,
    scheduledDate: facts.notice.scheduledDate,
    requestDate: facts.requestDate ?? '',
    activeWithVendor: facts.notice.activeWithVendor
  });
}

function yes(why: string): { qualifies: boolean; why: string } {
  return { qualifies: true, why };
}

function no(why: string): { qualifies: boolean; why: string } {
  return { qualifies: false, why };
}

function disconnection(facts: CrisisFacts, heat: boolean): { qualifies: boolean; why: string } {
  const kindWord = heat ? 'heat-related' : 'non-heat';
  if (heatRelated(facts) !== heat) {
    return no(
      heat
        ? `${facts.heatSituation} is one of the four non-heat situations: the home stays heated without electricity.`
        : 'The home needs electricity for heat, so the disconnection is heat-related.'
    );
  }
  if (facts.disconnected !== true) {
    return no('The service is not disconnected.');
  }
  return yes(`The service is disconnected and the disconnection is ${kindWord}.`);
}

function disconnectionNotice(facts: CrisisFacts, heat: boolean): { qualifies: boolean; why: string } {
  if (heatRelated(facts) !== heat) {
    return no(
      heat
        ? `${facts.heatSituation} is one of the four non-heat situations: the home stays heated without electricity.`
        : 'The home needs electricity for heat, so the notice is heat-related.'
    );
  }
  const notice = noticeFor(facts, heat ? 'heat' : 'non-heat');
  return { qualifies: notice.valid, why: notice.why };
}

/** Which of the seven reasons the household qualifies for, and why (in a sentence a worker reads). */
export function qualifies(reason: CrisisReason, facts: CrisisFacts): { qualifies: boolean; why: string } {
  const known = reasonFrom(reason);
  const f = facts ?? {};
  switch (known) {
    case 'Heat Related Disconnection':
      return disconnection(f, true);
    case 'Non-Heat Related Disconnection':
      return disconnection(f, false);
    case 'Heat Related Disconnection Notice':
      return disconnectionNotice(f, true);
    case 'Non-Heat Related Disconnection Notice':
      return disconnectionNotice(f, false);
    case 'Less than 20': {
      const percent = f.tankPercent;
      if (typeof percent !== 'number' || !Number.isFinite(percent)) {
        return no('The percent left in the tank is not known.');
      }
      return percent < TANK_PERCENT_BELOW
        ? yes(`The tank is at ${percent}%, below 20%.`)
        : no(`The tank is at ${percent}%; it must be below 20%.`);
    }
    case 'One Week Biofuel': {
      const days = f.biofuelDays;
      if (typeof days !== 'number' || !Number.isFinite(days)) {
        return no('The days of biofuel left are not known.');
      }
      return days < BIOFUEL_DAYS_BELOW
        ? yes(`${days} days of biofuel are left, fewer than 7.`)
        : no(`${days} days of biofuel are left; it must be fewer than 7.`);
    }
    case 'Senior':
      return senior(f);
    default:
      return no(`"${String(reason)}" is not one of the seven Crisis reasons.`);
  }
}

function senior(f: CrisisFacts): { qualifies: boolean; why: string } {
  const ages = (f.memberAges ?? []).filter((age) => typeof age === 'number' && Number.isFinite(age));
  if (!ages.some((age) => age >= SENIOR_AGE)) {
    return no('No household member is 60 or older.');
  }
  if (f.hasBill !== true) {
    return no('The household has no past-due or current energy bill.');
  }
  if (f.inDangerOfDisconnection === true) {
    return no('The household is in danger of disconnection: triage it as a disconnection or notice instead.');
  }
  const bills = f.worksheet ?? [];
  if (bills.length === 0) {
    return no('Complete the Reasonable Payment Worksheet first.');
  }
  const over = bills.filter((row) => vendorEligible(row));
  if (over.length === 0) {
    return no('The Reasonable Payment Worksheet shows the household can reasonably pay every bill.');
  }
  const names = over.map((row) => row.vendor ?? 'a vendor').join(', ');
  return yes(
    `A member is 60 or older and the bill for ${names} is more than the household can reasonably pay.`
  );
}

/** Every reason with its verdict, in the deck's order. */
export function qualifyingReasons(
  facts: CrisisFacts
): { reason: CrisisReason; qualifies: boolean; why: string }[] {
  return CRISIS_REASONS.map((reason) => ({ reason, ...qualifies(reason, facts) }));
}

// ---------------------------------------------------------------------------------------------
// Rule 4: the triage clock and the backlog

/** Level 1 within 18 hours, level 2 within 48 (configurable), level 3 not on the clock (null). */
export function responseDue(
  level: 1 | 2 | 3,
  receivedAt: string,
  hours?: { level1: number; level2: number }
): string | null {
  if (level !== 1 && level !== 2) return null;
  const start = Date.parse(receivedAt);
  if (!Number.isFinite(start)) return null;
  const table = { ...DEFAULT_RESPONSE_HOURS, ...(hours ?? {}) };
  const within = level === 1 ? table.level1 : table.level2;
  return new Date(start + within * HOUR_MS).toISOString();
}

/** Triage level of an Emergency_Level__c value; null when blank or unknown. */
export function levelFromValue(value: string | null | undefined): TriageLevel | null {
  const entry = (Object.entries(TRIAGE_LEVEL_VALUES) as [string, string][]).find(
    ([, text]) => text === value
  );
  return entry ? (Number(entry[0]) as TriageLevel) : null;
}

/** Milliseconds left until the response is due (negative once overdue); null when not on the clock. */
export function timeLeftMs(due: string | null | undefined, now: string | number): number | null {
  if (!due) return null;
  const dueMs = Date.parse(due);
  const nowMs = typeof now === 'number' ? now : Date.parse(now);
  if (!Number.isFinite(dueMs) || !Number.isFinite(nowMs)) return null;
  return dueMs - nowMs;
}

/** True when a response is due in less than two hours, or overdue. */
export function dueSoon(due: string | null | undefined, now: string | number): boolean {
  const left = timeLeftMs(due, now);
  return left !== null && left < DUE_SOON_HOURS * HOUR_MS;
}

export interface BacklogEntry {
  /** ISO date-time the response is due; null for level 3 and for applications without an emergency. */
  responseDue: string | null;
  /** ISO date the application was logged. */
  logDate: string;
}

/** The deck's backlog order: emergencies first by due time, then the rest by log date. */
export function backlogOrder<T extends BacklogEntry>(entries: readonly T[]): T[] {
  return [...entries].sort((a, b) => {
    if (a.responseDue && b.responseDue) return Date.parse(a.responseDue) - Date.parse(b.responseDue);
    if (a.responseDue) return -1;
    if (b.responseDue) return 1;
    return Date.parse(a.logDate) - Date.parse(b.logDate);
  });
}

/** The verification date is the clock's audit trail: once recorded it never changes. */
export function verificationDateMayChange(
  prior: string | null | undefined,
  next: string | null | undefined
): boolean {
  return !prior || prior === next;
}

// ---------------------------------------------------------------------------------------------
// Rules 5-7: Primary Heat first, rounding, split

/** Amount owed minus Primary Heat paid to the vendor but not yet credited, never below zero. */
export function crisisNeed(v: { amountOwed: number; primaryHeatNotCredited: number }): number {
  return fromCents(Math.max(0, toCents(v.amountOwed) - toCents(v.primaryHeatNotCredited || 0)));
}

/**
 * Whether Primary Heat resolves the emergency on its own, so no Crisis money is used: for delivered
 * fuel, the Primary Heat available for the vendor covers the minimum delivery; for a connected
 * utility, nothing is left owed once Primary Heat is counted.
 */
export function primaryHeatResolves(v: {
  fuelType: FuelType;
  amountOwed: number;
  primaryHeatNotCredited: number;
  primaryHeatAvailable?: number;
  minimumDelivery?: number;
}): boolean {
  if (v.fuelType === 'Delivered Fuel') {
    const minimum = toCents(v.minimumDelivery ?? 0);
    return minimum > 0 && toCents(v.primaryHeatAvailable ?? 0) >= minimum;
  }
  return toCents(crisisNeed(v)) === 0;
}

/** Rounded up to the next whole dollar; the difference (under $1) is a credit on the vendor account. */
export function roundBenefit(amount: number): { benefit: number; credit: number } {
  const cents = Math.max(0, toCents(amount));
  const benefitCents = Math.ceil(cents / 100) * 100;
  return { benefit: benefitCents / 100, credit: fromCents(benefitCents - cents) };
}

/**
 * The benefit split across vendors: equally by default, or in the shares the household asks for
 * (relative weights: 1 and 1, 50 and 50 or 250 and 250 all mean halves; when some vendors have a
 * share, those without one take only what the others cannot). No vendor gets more than its need;
 * what one vendor cannot take goes to the others. The parts add up to the benefit, or to the total
 * need when that is smaller. Cents are handed out by largest remainder, first vendor first on ties.
 */
export function splitBenefit(
  benefit: number,
  vendors: { vendor: string; need: number; share?: number }[]
): { vendor: string; amount: number }[] {
  const needs = vendors.map((v) => Math.max(0, toCents(v.need)));
  const anyShare = vendors.some((v) => typeof v.share === 'number' && v.share > 0);
  const weights = vendors.map((v) => (anyShare ? Math.max(0, v.share ?? 0) : 1));
  const amounts = vendors.map(() => 0);
  let left = Math.min(
    Math.max(0, toCents(benefit)),
    needs.reduce((sum, need) => sum + need, 0)
  );

  const fill = (eligible: (index: number) => boolean): void => {
    while (left > 0) {
      const open = vendors.map((_, i) => i).filter((i) => eligible(i) && amounts[i] < needs[i]);
      if (open.length === 0) return;
      const totalWeight = open.reduce((sum, i) => sum + weights[i], 0);
      const pool = left;
      const ideal = open.map((i) => (pool * weights[i]) / totalWeight);
      // A vendor whose ideal part reaches its need takes its need; the rest is shared again.
      const capped = open.filter((i, k) => amounts[i] + ideal[k] >= needs[i]);
      if (capped.length > 0) {
        for (const i of capped) {
          left -= needs[i] - amounts[i];
          amounts[i] = needs[i];
        }
        continue;
      }
      const floors = ideal.map((value) => Math.floor(value));
      let rest = pool - floors.reduce((sum, value) => sum + value, 0);
      open.forEach((i, k) => (amounts[i] += floors[k]));
      const byRemainder = open
        .map((i, k) => ({ i, remainder: ideal[k] - floors[k] }))
        .sort((a, b) => b.remainder - a.remainder || a.i - b.i);
      for (const { i } of byRemainder) {
        if (rest === 0) break;
        amounts[i] += 1;
        rest -= 1;
      }
      left = 0;
    }
  };
  fill((i) => weights[i] > 0);
  // What the vendors the household named cannot take goes to the others, equally.
  if (left > 0) {
    weights.forEach((_, i) => (weights[i] = 1));
    fill(() => true);
  }
  return vendors.map((v, i) => ({ vendor: v.vendor, amount: fromCents(amounts[i]) }));
}

// ---------------------------------------------------------------------------------------------
// Rule 8: delivered fuel

/** A delivery happens only when the Crisis money plus other resources reach the minimum delivery. */
export function deliveryAllowed(v: {
  crisis: number;
  otherResources: number;
  minimumDelivery: number;
}): boolean {
  return toCents(v.crisis) + toCents(v.otherResources || 0) >= toCents(v.minimumDelivery);
}

/** Arrears may be paid even when no delivery results: up to the Crisis money, the rest stays owed. */
export function arrearsPayment(v: { arrears: number; crisis: number }): { paid: number; remaining: number } {
  const arrears = Math.max(0, toCents(v.arrears));
  const paid = Math.min(arrears, Math.max(0, toCents(v.crisis)));
  return { paid: fromCents(paid), remaining: fromCents(arrears - paid) };
}

/** A difference of $10.00 or less caused by a price change may stay on the vendor account (noted). */
export function priceDifferenceMayRemain(difference: number): boolean {
  return Math.abs(toCents(difference)) <= PRICE_DIFFERENCE_MAY_REMAIN * 100;
}

/** Gallons × price per gallon + fees, to the cent. */
export function deliveryTotal(v: { gallons: number; pricePerGallon: number; fees: number }): number {
  return roundCents(v.gallons * v.pricePerGallon + (v.fees || 0));
}

/**
 * A delivery found ineligible at the door puts no Crisis fuel in the tank; its trip charge is paid from
 * the household's available Primary Heat, and from Crisis only for what Primary Heat cannot cover.
 */
export function tripChargePayment(v: { tripCharge: number; primaryHeatAvailable: number }): {
  fromPrimaryHeat: number;
  fromCrisis: number;
} {
  const charge = Math.max(0, toCents(v.tripCharge));
  const fromPrimaryHeat = Math.min(charge, Math.max(0, toCents(v.primaryHeatAvailable)));
  return { fromPrimaryHeat: fromCents(fromPrimaryHeat), fromCrisis: fromCents(charge - fromPrimaryHeat) };
}

// ---------------------------------------------------------------------------------------------
// Rule 9: the Reasonable Payment Worksheet

/** Page 1 ("Fast Track") pre-fills 10% of monthly income as a starting point to discuss. */
export function fastTrackSuggestion(monthlyIncome: number): number {
  return Math.round(Math.max(0, monthlyIncome) * (FAST_TRACK_PERCENT / 100));
}

export interface WorksheetInput {
  /** 1: the household states what it can pay; 2: income minus expenses (when page 1's amount is too much). */
  page: 1 | 2;
  monthlyIncome: number;
  /** What the household says it can pay a month (page 1). */
  statedPayment?: number | null;
  /** Monthly expenses entered on page 2. */
  expenses?: readonly { label: string; amount: number }[] | null;
}

/** The household's monthly reasonable payment for energy, in whole dollars, from page 1 or page 2. */
export function reasonablePayment(input: WorksheetInput): { page: 1 | 2; amount: number; fastTrack: number } {
  const fastTrack = fastTrackSuggestion(input.monthlyIncome);
  if (input.page === 1) {
    return { page: 1, amount: Math.max(0, Math.round(input.statedPayment ?? fastTrack)), fastTrack };
  }
  const expenses = (input.expenses ?? []).reduce((sum, row) => sum + toCents(row.amount || 0), 0);
  const available = Math.max(0, toCents(input.monthlyIncome) - expenses);
  return { page: 2, amount: Math.round(available / 100), fastTrack };
}

/**
 * The reasonable payment shared among the energy vendors in proportion to each one's annual energy cost
 * (or estimated annual cost), in whole dollars rounded to nearest; the parts add up to the total (the
 * dollars rounding leaves over or short go to the vendors nearest the next dollar, first vendor first).
 */
export function reasonablePaymentByVendor(
  total: number,
  vendors: { vendor: string; annualCost: number }[]
): { vendor: string; amount: number }[] {
  const whole = Math.max(0, Math.round(total));
  const costs = vendors.map((v) => Math.max(0, v.annualCost || 0));
  const sum = costs.reduce((a, b) => a + b, 0);
  if (vendors.length === 0) return [];
  const ideal = costs.map((cost) => (sum > 0 ? (whole * cost) / sum : whole / vendors.length));
  const amounts = ideal.map((value) => Math.round(value));
  let diff = whole - amounts.reduce((a, b) => a + b, 0);
  // Short: the parts rounded down most take one more; over: the parts rounded up most take one less.
  const short = ideal
    .map((value, i) => ({ i, gap: value - amounts[i] }))
    .filter((row) => (diff > 0 ? row.gap > 0 : row.gap < 0))
    .sort((a, b) => (diff > 0 ? b.gap - a.gap : a.gap - b.gap) || a.i - b.i);
  for (const { i } of short) {
    if (diff === 0) break;
    amounts[i] += diff > 0 ? 1 : -1;
    diff += diff > 0 ? -1 : 1;
  }
  return vendors.map((v, i) => ({ vendor: v.vendor, amount: amounts[i] }));
}

/** A vendor's bill qualifies for Senior Crisis only if it is more than the vendor's part (equal is not). */
export function vendorEligible(v: { bill: number; vendorPart: number }): boolean {
  return toCents(v.bill) > toCents(v.vendorPart);
}

// ---------------------------------------------------------------------------------------------
// The benefit, step by step (what the worksheet shows and what "Create payments" sends)

export interface CrisisVendorFacts {
  vendor: string;
  fuelType: FuelType;
  amountOwed: number;
  /** Primary Heat paid to this vendor and not yet credited on the account. */
  primaryHeatNotCredited: number;
  /** Primary Heat still available for this vendor (delivered fuel: may cover the minimum delivery). */
  primaryHeatAvailable?: number;
  /** Delivered fuel: the vendor's minimum delivery, and arrears on the account. */
  minimumDelivery?: number;
  arrears?: number;
  /** The household's or others' money toward a delivery (e.g. HeatShare). */
  otherResources?: number;
  /** The share the household asked for (relative weight). */
  share?: number;
}

export interface VendorBenefit {
  vendor: string;
  fuelType: FuelType;
  amountOwed: number;
  primaryHeatNotCredited: number;
  need: number;
  /** The need rounded up to a whole dollar, and the credit that leaves. */
  rounded: number;
  credit: number;
  resolvedByPrimaryHeat: boolean;
  /** This vendor's part of the split, before the delivery rule. */
  split: number;
  /** What this vendor is paid: the split part, or only the arrears when no delivery results. */
  amount: number;
  /** Delivered fuel: whether the part plus other resources reaches the minimum delivery (null otherwise). */
  delivery: boolean | null;
  /** Delivered fuel with no delivery: the arrears the Crisis part pays, and what stays owed. */
  arrearsPaid: number | null;
  arrearsRemaining: number | null;
}

export interface BenefitDetermination {
  vendors: VendorBenefit[];
  totalNeed: number;
  /** min(available Crisis, the vendors' rounded needs) before any delivery rule. */
  benefit: number;
  /** What will be paid: the parts after the delivery rule. */
  totalPaid: number;
  /** Primary Heat resolves every vendor's emergency: a Resolved event, no Crisis money. */
  resolvedByPrimaryHeat: boolean;
}

/**
 * Owed − Primary Heat = need → rounded up → capped by the Crisis money available → split. A delivered
 * fuel vendor whose part (plus other resources) does not reach the minimum delivery gets no delivery:
 * its part pays arrears only, never more than the arrears.
 */
export function determineBenefit(
  available: number,
  vendors: readonly CrisisVendorFacts[]
): BenefitDetermination {
  const rows = vendors.map((v) => {
    const resolved = primaryHeatResolves(v);
    const need = resolved ? 0 : crisisNeed(v);
    const { benefit: rounded, credit } = roundBenefit(need);
    return { v, resolved, need, rounded, credit };
  });
  const totalRounded = rows.reduce((sum, row) => sum + toCents(row.rounded), 0);
  const benefit = fromCents(Math.min(Math.max(0, toCents(available)), totalRounded));
  const parts = splitBenefit(
    benefit,
    rows.map((row) => ({ vendor: row.v.vendor, need: row.rounded, share: row.v.share }))
  );
  const result: VendorBenefit[] = rows.map((row, i) => {
    let amount = parts[i].amount;
    let delivery: boolean | null = null;
    let arrearsPaid: number | null = null;
    let arrearsRemaining: number | null = null;
    if (row.v.fuelType === 'Delivered Fuel' && !row.resolved) {
      delivery = deliveryAllowed({
        crisis: amount,
        otherResources: row.v.otherResources ?? 0,
        minimumDelivery: row.v.minimumDelivery ?? 0
      });
      if (!delivery) {
        const arrears = arrearsPayment({ arrears: row.v.arrears ?? 0, crisis: amount });
        arrearsPaid = arrears.paid;
        arrearsRemaining = arrears.remaining;
        amount = arrears.paid;
      }
    }
    const paidInFull = toCents(amount) === toCents(row.rounded) && toCents(amount) > 0;
    return {
      vendor: row.v.vendor,
      fuelType: row.v.fuelType,
      amountOwed: row.v.amountOwed,
      primaryHeatNotCredited: row.v.primaryHeatNotCredited,
      need: row.need,
      rounded: row.rounded,
      credit: paidInFull ? row.credit : 0,
      resolvedByPrimaryHeat: row.resolved,
      split: parts[i].amount,
      amount,
      delivery,
      arrearsPaid,
      arrearsRemaining
    };
  });
  return {
    vendors: result,
    totalNeed: fromCents(rows.reduce((sum, row) => sum + toCents(row.need), 0)),
    benefit,
    totalPaid: fromCents(result.reduce((sum, row) => sum + toCents(row.amount), 0)),
    resolvedByPrimaryHeat: rows.length > 0 && rows.every((row) => row.resolved)
  };
}

/**
 * The most Crisis money a vendor may be paid (what the Apex re-check enforces per payment): nothing when
 * Primary Heat resolves it, else its need rounded up; for delivered fuel without a delivery, the arrears.
 */
export function maximumPayment(v: CrisisVendorFacts, amount: number): number {
  if (primaryHeatResolves(v)) return 0;
  const { benefit: rounded } = roundBenefit(crisisNeed(v));
  if (v.fuelType !== 'Delivered Fuel') return rounded;
  const delivers = deliveryAllowed({
    crisis: amount,
    otherResources: v.otherResources ?? 0,
    minimumDelivery: v.minimumDelivery ?? 0
  });
  return delivers ? rounded : Math.min(rounded, Math.max(0, roundCents(v.arrears ?? 0)));
}

/** Why a set of proposed payments breaks the money rules; empty when they may be created. */
export function paymentProblems(
  available: number,
  payments: readonly { facts: CrisisVendorFacts; amount: number }[]
): string[] {
  const problems: string[] = [];
  let total = 0;
  for (const { facts, amount } of payments) {
    total += toCents(amount);
    if (toCents(amount) <= 0) {
      problems.push(`${facts.vendor}: a Crisis payment must be more than zero.`);
      continue;
    }
    const max = maximumPayment(facts, amount);
    if (toCents(amount) > toCents(max)) {
      problems.push(`${facts.vendor}: ${money(amount)} is more than the rules allow (${money(max)}).`);
    }
  }
  if (total > toCents(available)) {
    problems.push(
      `The payments add up to ${money(fromCents(total))}, more than the ${money(available)} available.`
    );
  }
  return problems;
}

// ---------------------------------------------------------------------------------------------
// Rule 10: notes in the deck's form

/** 152 -> "152", 151.2 -> "151.20" (the deck writes whole dollars without cents). */
export function money(amount: number): string {
  const cents = toCents(amount);
  return cents % 100 === 0 ? String(cents / 100) : (cents / 100).toFixed(2);
}

/** ISO date -> the deck's "12/8/13". */
export function noteDate(iso: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!match) return iso;
  return `${Number(match[2])}/${Number(match[3])}/${match[1].slice(2)}`;
}

/** `M/D/YY <facts> - <initials>` */
export function crisisNote(date: string, facts: string, initials: string): string {
  return `${noteDate(date)} ${facts.trim()} - ${initials.trim().toUpperCase()}`;
}

export function primaryHeatNote(v: {
  date: string;
  initials: string;
  amountOwed: number;
  primaryHeatNotCredited: number;
  primaryHeatDate: string;
}): string {
  const need = crisisNeed(v);
  return crisisNote(
    v.date,
    `Actual amount owed is ${money(v.amountOwed)}. ${money(v.primaryHeatNotCredited)} PH payment on ` +
      `${noteDate(v.primaryHeatDate)} but not yet credited. Entered ${money(need)}`,
    v.initials
  );
}

export function splitNote(v: {
  date: string;
  initials: string;
  benefit: number;
  vendors: readonly { vendor: string; amountOwed: number; amount: number }[];
}): string {
  const owed = v.vendors.map((row) => `${row.vendor} ${money(row.amountOwed)}`).join(', ');
  const amounts = v.vendors.map((row) => row.amount);
  const equal = amounts.every((amount) => toCents(amount) === toCents(amounts[0]));
  const parts = equal
    ? `${money(amounts[0])} for each`
    : v.vendors.map((row) => `${money(row.amount)} to ${row.vendor}`).join(' and ');
  return crisisNote(
    v.date,
    `Actual amount owed ${owed}. HHD wants to split ${money(v.benefit)} benefit to be ${parts}.`,
    v.initials
  );
}

export function roundingNote(v: { date: string; initials: string; vendor: string; need: number }): string {
  const { benefit, credit } = roundBenefit(v.need);
  return crisisNote(
    v.date,
    `${v.vendor} need ${money(v.need)} rounded up to ${money(benefit)}; credit of ${credit.toFixed(2)} on the account.`,
    v.initials
  );
}

export function priceDifferenceNote(v: {
  date: string;
  initials: string;
  vendor: string;
  verified: number;
  delivered: number;
}): string {
  const difference = roundCents(v.delivered - v.verified);
  const remains = priceDifferenceMayRemain(difference);
  return crisisNote(
    v.date,
    `${v.vendor} delivery ${money(v.delivered)}, verified at ${money(v.verified)}: price change of ` +
      `${Math.abs(difference).toFixed(2)} ${remains ? 'left on the vendor account' : 'over 10.00, must be resolved'}.`,
    v.initials
  );
}

export function tankNote(v: { date: string; initials: string; tankPercent: number }): string {
  return crisisNote(v.date, `HHD reported ${v.tankPercent}% in tank.`, v.initials);
}

export function biofuelNote(v: { date: string; initials: string; biofuelDays: number }): string {
  return crisisNote(v.date, `HHD reported ${v.biofuelDays} days of biofuel left.`, v.initials);
}

export function initiatedNote(v: { date: string; initials: string; initiatedBy: string }): string {
  return crisisNote(v.date, `Emergency initiated by ${v.initiatedBy}.`, v.initials);
}

// ---------------------------------------------------------------------------------------------
// Editing emergency facts (deck: "Editing Emergency Info")

/** Crisis event states (Case.Crisis_Event_Status__c). Active with payments locks the emergency facts. */
export const EVENT_STATUSES = ['In Progress', 'Resolved', 'Payments Created', 'Cancelled'] as const;
export type EventStatus = (typeof EVENT_STATUSES)[number];
export const ACTIVE_WITH_PAYMENTS: EventStatus = 'Payments Created';

/** The deck's remedy, shown when a worker edits emergency facts of an active event with payments. */
export const EDIT_REFUSED_MESSAGE =
  'This crisis event is active and has payments. To change the emergency information, cancel the crisis ' +
  'event, update the information, then determine eligibility again.';

/** Whether emergency facts may be edited in this event state. */
export function emergencyFactsEditable(status: string | null | undefined): boolean {
  return status !== ACTIVE_WITH_PAYMENTS;
}

/**
 * The Case fields that are emergency facts, and the vendor fields that are money facts: the validation
 * rules Crisis_Facts_Locked_With_Payments and Crisis_Vendor_Locked_With_Payments refuse changes to
 * exactly these (a test keeps them in step).
 */
export const CASE_FACT_FIELDS: readonly string[] = [
  'Crisis_Reasons__c',
  'Emergency_Level__c',
  'Crisis_Received_At__c',
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
  'Crisis_Reasonable_Payment__c'
];
export const VENDOR_FACT_FIELDS: readonly string[] = [
  'Name',
  'Vendor_Id__c',
  'Fuel_Type__c',
  'Amount_Owed__c',
  'Primary_Heat_Not_Credited__c',
  'Primary_Heat_Available__c',
  'Minimum_Delivery__c',
  'Arrears__c',
  'Other_Resources__c',
  'Share__c',
  'Crisis_Amount__c'
];
