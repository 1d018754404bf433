/**
 * The delete guard lives in Apex (PaymentDeleteGuard, run by the before-delete triggers) and, for the
 * sandbox org's users, in scripts/sandbox-org/triggers.ts. Both must refuse the same statuses as the
 * paymentRules module locks, with the same custom label; these tests fail when one side changes alone.
 */
import fs from 'node:fs';
import path from 'node:path';
import {
  LOCKED_STATUSES,
  PAYMENT_SYNC_PERMISSION
} from '../../force-app/main/default/lwc/paymentRules/paymentRules';
import { PAYMENT_DELETE_LABEL } from '../../scripts/sandbox-org/triggers';
import { labelValues } from '../../scripts/labels/customLabels';

const DEFAULT = path.resolve(__dirname, '../../force-app/main/default');
const read = (relative: string): string => fs.readFileSync(path.join(DEFAULT, relative), 'utf8');

/** The string literals of a `Set<String> NAME = new Set<String>{ ... };` in Apex source. */
function apexStringSet(source: string, name: string): string[] {
  const match = new RegExp(`${name}\\s*=\\s*new Set<String>\\s*\\{([^}]*)\\}`).exec(source);
  if (!match) throw new Error(`no Set<String> ${name} in the Apex source`);
  return [...match[1].matchAll(/'((?:[^'\\]|\\.)*)'/g)].map((m) => m[1]);
}

describe('issue 12 item 10: the Apex delete guard and the paymentRules module agree', () => {
  const guard = read('classes/PaymentDeleteGuard.cls');

  it('refuses exactly the statuses the lock covers (Submitted for Payment and every later one)', () => {
    expect(apexStringSet(guard, 'LOCKED_STATUSES').sort()).toEqual([...LOCKED_STATUSES].sort());
  });

  it('exempts only the holder of the payment sync custom permission', () => {
    expect(guard).toContain(`SYNC_PERMISSION = '${PAYMENT_SYNC_PERMISSION}'`);
    expect(guard).toMatch(/FeatureManagement\.checkPermission\(SYNC_PERMISSION\)/);
  });

  it('is a with sharing class that answers with the custom label the sandbox org uses', () => {
    expect(guard).toMatch(/public with sharing class PaymentDeleteGuard/);
    expect(guard).toContain(`System.Label.${PAYMENT_DELETE_LABEL}`);
    expect(labelValues().get(PAYMENT_DELETE_LABEL)).toMatch(/ask for a void or recoup/);
  });

  it('runs before delete on payments and on cases (a case delete removes its payments without their triggers)', () => {
    expect(read('triggers/AssistancePaymentTrigger.trigger')).toMatch(
      /trigger AssistancePaymentTrigger on Assistance_Payment__c\(before delete\)[\s\S]*PaymentDeleteGuard\.refuseSubmittedPayments\(Trigger\.old\)/
    );
    expect(read('triggers/CaseTrigger.trigger')).toMatch(/on Case\([^)]*before delete/);
    expect(read('classes/CaseTriggerHandler.cls')).toMatch(
      /BEFORE_DELETE\)\s*\{\s*PaymentDeleteGuard\.refuseCasesWithSubmittedPayments\(oldCases\.values\(\)\)/
    );
  });
});
