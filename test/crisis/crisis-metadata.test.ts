/**
 * The declarative metadata and the Apex that encode the Crisis rules agree with crisisRules, the one
 * source: picklist values, the facts-lock validation rules and their message, the Apex re-check's
 * constants, labels and generated scenarios, and the routing hours of the triage levels.
 */
import * as fs from 'fs';
import * as path from 'path';
import {
  CASE_FACT_FIELDS,
  CRISIS_PAYMENT_STATUS,
  CRISIS_REASON_CODE,
  CRISIS_REASONS,
  DEFAULT_RESPONSE_HOURS,
  EDIT_REFUSED_MESSAGE,
  EVENT_STATUSES,
  FUEL_TYPES,
  HEAT_SITUATIONS,
  INITIATED_BY,
  NON_HEAT_SITUATIONS,
  TRIAGE_LEVEL_VALUES,
  VENDOR_FACT_FIELDS,
  paymentProblems
} from '../../force-app/main/default/lwc/crisisRules/crisisRules';
import { EDITABLE_STATUSES, REASON_CODES } from '../../force-app/main/default/lwc/paymentRules/paymentRules';
import { labelValues } from '../../scripts/labels/customLabels';
import { CASES_FILE, SCENARIOS, renderCases } from '../../scripts/metadata/crisis-cases';
import { parseRoutingConfig } from '../../scripts/routing/config';
import { readXml } from '../payment-lock/metadata';

const ROOT = path.resolve(__dirname, '..', '..');
const DEFAULT = path.join(ROOT, 'force-app', 'main', 'default');
const read = (...parts: string[]): string => fs.readFileSync(path.join(DEFAULT, ...parts), 'utf8');

function picklist(object: string, field: string): string[] {
  const xml = read('objects', object, 'fields', `${field}.field-meta.xml`);
  return [...xml.matchAll(/<value>\s*<fullName>([^<]+)<\/fullName>/g)].map((match) =>
    match[1].replace(/&amp;/g, '&')
  );
}

function rule(object: string, name: string): { formula: string; message: string } {
  const parsed = readXml(
    path.join(DEFAULT, 'objects', object, 'validationRules', `${name}.validationRule-meta.xml`)
  ).ValidationRule as Record<string, string>;
  return { formula: parsed.errorConditionFormula, message: parsed.errorMessage };
}

const changedFields = (formula: string): string[] =>
  [...formula.matchAll(/ISCHANGED\((\w+)\)/g)].map((match) => match[1]).sort();

/** The Apex constant `NAME = <literal>;` as a string. */
function apexConstant(source: string, name: string): string {
  const match = new RegExp(`\\b${name}\\s*=\\s*'?([^';]+)'?;`).exec(source);
  if (!match) throw new Error(`CrisisMoneyRules has no constant ${name}`);
  return match[1];
}

describe('Crisis metadata agrees with crisisRules', () => {
  it('stores the seven reasons, the heat situations, how initiated, fuel types and event states as picklists', () => {
    expect(picklist('Case', 'Crisis_Reasons__c')).toEqual([...CRISIS_REASONS]);
    expect(picklist('Case', 'Crisis_Heat_Situation__c').sort()).toEqual(
      [...HEAT_SITUATIONS, ...NON_HEAT_SITUATIONS].sort()
    );
    expect(picklist('Case', 'Crisis_Initiated_By__c')).toEqual([...INITIATED_BY]);
    expect(picklist('Crisis_Vendor__c', 'Fuel_Type__c')).toEqual([...FUEL_TYPES]);
    expect(picklist('Case', 'Crisis_Event_Status__c')).toEqual([...EVENT_STATUSES]);
  });

  it('the triage levels are Emergency_Level__c values, and the routing hours are the deck’s 18/48', () => {
    expect(picklist('Case', 'Emergency_Level__c')).toEqual(Object.values(TRIAGE_LEVEL_VALUES));
    const config = parseRoutingConfig(fs.readFileSync(path.join(ROOT, 'config', 'routing.yaml'), 'utf8'));
    const levels = config.priorities.emergencies.levels;
    expect(levels[TRIAGE_LEVEL_VALUES[1]].respondWithinHours).toBe(DEFAULT_RESPONSE_HOURS.level1);
    expect(levels[TRIAGE_LEVEL_VALUES[2]].respondWithinHours).toBe(DEFAULT_RESPONSE_HOURS.level2);
    expect(levels[TRIAGE_LEVEL_VALUES[3]]).toBeUndefined();
  });

  it('Crisis payments use a reason code of the payment picklist and a status staff may set', () => {
    expect(REASON_CODES[CRISIS_REASON_CODE]).toBe('Crisis');
    expect(picklist('Assistance_Payment__c', 'Reason_Code__c')).toContain(CRISIS_REASON_CODE);
    expect(EDITABLE_STATUSES).toContain(CRISIS_PAYMENT_STATUS);
  });

  it('locks exactly the emergency facts and vendor facts while the event has payments, with the deck’s remedy', () => {
    const caseRule = rule('Case', 'Crisis_Facts_Locked_With_Payments');
    expect(changedFields(caseRule.formula)).toEqual([...CASE_FACT_FIELDS].sort());
    expect(caseRule.message).toBe(EDIT_REFUSED_MESSAGE);
    const vendorRule = rule('Crisis_Vendor__c', 'Crisis_Vendor_Locked_With_Payments');
    expect(changedFields(vendorRule.formula)).toEqual([...VENDOR_FACT_FIELDS].sort());
    expect(vendorRule.message).toBe(EDIT_REFUSED_MESSAGE);
  });
});

describe('the Apex re-check (CrisisMoneyRules, CrisisService) agrees with crisisRules', () => {
  const apex = read('classes', 'CrisisMoneyRules.cls');
  const service = read('classes', 'CrisisService.cls');

  it('uses the same reason code, status, hours and event states', () => {
    expect(apexConstant(apex, 'CRISIS_REASON_CODE')).toBe(CRISIS_REASON_CODE);
    expect(apexConstant(apex, 'CRISIS_PAYMENT_STATUS')).toBe(CRISIS_PAYMENT_STATUS);
    expect(Number(apexConstant(apex, 'DEFAULT_LEVEL1_HOURS'))).toBe(DEFAULT_RESPONSE_HOURS.level1);
    expect(Number(apexConstant(apex, 'DEFAULT_LEVEL2_HOURS'))).toBe(DEFAULT_RESPONSE_HOURS.level2);
    expect(apexConstant(apex, 'LEVEL1_VALUE')).toBe(TRIAGE_LEVEL_VALUES[1]);
    expect(apexConstant(apex, 'LEVEL2_VALUE')).toBe(TRIAGE_LEVEL_VALUES[2]);
    expect(apexConstant(apex, 'FUEL_DELIVERED')).toBe('Delivered Fuel');
    const states = ['EVENT_IN_PROGRESS', 'EVENT_RESOLVED', 'EVENT_PAYMENTS_CREATED', 'EVENT_CANCELLED'].map(
      (name) => apexConstant(apex, name)
    );
    expect(states).toEqual([...EVENT_STATUSES]);
  });

  it('lets a cancelled event reject only payments that were never submitted', () => {
    const block = /EDITABLE_PAYMENT_STATUSES = new Set<String>\{([^}]*)\}/.exec(service)?.[1] ?? '';
    const values = [...block.matchAll(/'([^']+)'|\bnull\b/g)].map((match) => match[1] ?? 'None');
    expect(values.sort()).toEqual([...EDITABLE_STATUSES].sort());
  });

  it('refuses payments in the same words as crisisRules (the labels the Apex formats)', () => {
    const labels = labelValues();
    const format = (name: string, ...args: string[]): string =>
      args.reduce((text, arg, i) => text.replace(`{${i}}`, arg), labels.get(name) ?? `missing ${name}`);
    const xcel = {
      vendor: 'Xcel',
      fuelType: 'Connected Utility' as const,
      amountOwed: 152,
      primaryHeatNotCredited: 100
    };
    expect(paymentProblems(500, [{ facts: xcel, amount: 53 }])).toEqual([
      format('Crisis_PaymentOverMaximum', 'Xcel', '53', '52')
    ]);
    expect(paymentProblems(500, [{ facts: xcel, amount: 0 }])).toEqual([
      format('Crisis_PaymentNotPositive', 'Xcel')
    ]);
    expect(paymentProblems(40, [{ facts: xcel, amount: 52 }])).toEqual([
      format('Crisis_PaymentsOverAvailable', '52', '40')
    ]);
  });

  it('replays scenarios generated from crisisRules, and the committed class is up to date', () => {
    expect(SCENARIOS.length).toBeGreaterThanOrEqual(10);
    expect(fs.readFileSync(path.join(ROOT, CASES_FILE), 'utf8')).toBe(renderCases());
  });
});
