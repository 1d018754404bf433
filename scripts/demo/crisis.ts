/**
 * Energy crisis households in the demo (`npm start`): each is an EAP case with its crisis request and
 * vendors. The demo does on the sandbox org what the crisis worksheet and its Apex do in an org: it
 * determines the event with the crisisRules module (reasons, response due, Primary Heat first, split,
 * delivery), creates one Crisis payment per vendor (CRI, Verified By Worker, scheduled today), and then a
 * staff user tries to change an emergency fact, which the deployed validation rule refuses with the
 * deck's remedy. Apex does not run on the sandbox org, so the payments are written in system mode here.
 */
import { Connection } from 'jsforce';
import { z } from 'zod';
import {
  CRISIS_PAYMENT_STATUS,
  CRISIS_REASON_CODE,
  CRISIS_REASONS,
  FUEL_TYPES,
  INITIATED_BY,
  TRIAGE_LEVEL_VALUES,
  determineBenefit,
  levelFromValue,
  money,
  qualifies,
  responseDue,
  type CrisisFacts
} from '../../force-app/main/default/lwc/crisisRules/crisisRules';

const vendorSchema = z
  .object({
    Name: z.string().min(1),
    Vendor_Id__c: z.string().max(40),
    Fuel_Type__c: z.enum(FUEL_TYPES),
    Amount_Owed__c: z.number().min(0),
    Primary_Heat_Not_Credited__c: z.number().min(0).default(0),
    Primary_Heat_Available__c: z.number().min(0).optional(),
    Minimum_Delivery__c: z.number().min(0).optional(),
    Arrears__c: z.number().min(0).optional(),
    Other_Resources__c: z.number().min(0).optional(),
    Share__c: z.number().positive().optional()
  })
  .strict();

export const crisisHouseholdSchema = z
  .object({
    Subject: z.string().min(1),
    Client_Language__c: z.string().optional(),
    Emergency_Level__c: z.enum([TRIAGE_LEVEL_VALUES[1], TRIAGE_LEVEL_VALUES[2], TRIAGE_LEVEL_VALUES[3]]),
    /** how long before the demo starts the request came in, so the 18/48-hour clock runs live */
    receivedHoursAgo: z.number().min(0),
    Crisis_Reasons__c: z.array(z.enum(CRISIS_REASONS)).min(1),
    Crisis_Initiated_By__c: z.enum(INITIATED_BY),
    Crisis_Heat_Situation__c: z.string().optional(),
    Crisis_Disconnected__c: z.boolean().optional(),
    Crisis_Tank_Percent__c: z.number().min(0).max(100).optional(),
    Crisis_Notice_Date__c: z.string().date().optional(),
    Crisis_Notice_Active__c: z.boolean().optional(),
    Crisis_Available__c: z.number().min(0),
    vendors: z.array(vendorSchema).min(1),
    /** a staff edit of an emergency fact after payments were created, which must be refused */
    editAfterPayments: z.record(z.string(), z.union([z.number(), z.string(), z.boolean()])).optional()
  })
  .strict();

export type CrisisHousehold = z.infer<typeof crisisHouseholdSchema>;

/** What seeding needs from the sandbox org. */
export interface CrisisOrg {
  loginUrl: string;
  apiVersion: string;
  users: { staff: { username: string; password: string } };
  insertAsSystem(
    type: string,
    records: Record<string, unknown>[],
    opts?: { as?: 'staff' }
  ): Promise<string[]>;
  updateAsSystem(type: string, records: Record<string, unknown>[], opts?: { as?: 'staff' }): Promise<void>;
}

export interface CrisisOutcome {
  subject: string;
  caseId: string;
  qualifying: string[];
  responseDue: string | null;
  payments: { vendor: string; amount: number }[];
  resolvedByPrimaryHeat: boolean;
  editRefused: string | null;
}

function factsOf(h: CrisisHousehold, receivedAt: string): CrisisFacts {
  return {
    requestDate: receivedAt,
    heatSituation: h.Crisis_Heat_Situation__c ?? null,
    disconnected: h.Crisis_Disconnected__c ?? false,
    notice: h.Crisis_Notice_Date__c
      ? { scheduledDate: h.Crisis_Notice_Date__c, activeWithVendor: h.Crisis_Notice_Active__c === true }
      : null,
    tankPercent: h.Crisis_Tank_Percent__c ?? null
  };
}

/** Determines and pays each household, then shows the facts lock refusing a staff edit. */
export async function runCrisisDemo(
  org: CrisisOrg,
  households: readonly CrisisHousehold[],
  now: Date,
  say: (line: string) => void
): Promise<CrisisOutcome[]> {
  const outcomes: CrisisOutcome[] = [];
  const today = now.toISOString().slice(0, 10);
  for (const h of households) {
    const receivedAt = new Date(now.getTime() - h.receivedHoursAgo * 3_600_000).toISOString();
    const level = levelFromValue(h.Emergency_Level__c) ?? 3;
    const due = responseDue(level, receivedAt);
    const facts = factsOf(h, receivedAt);
    const qualifying = h.Crisis_Reasons__c.filter((reason) => qualifies(reason, facts).qualifies);
    const benefit = determineBenefit(
      qualifying.length > 0 ? h.Crisis_Available__c : 0,
      h.vendors.map((v) => ({
        vendor: v.Name,
        fuelType: v.Fuel_Type__c,
        amountOwed: v.Amount_Owed__c,
        primaryHeatNotCredited: v.Primary_Heat_Not_Credited__c,
        primaryHeatAvailable: v.Primary_Heat_Available__c,
        minimumDelivery: v.Minimum_Delivery__c,
        arrears: v.Arrears__c,
        otherResources: v.Other_Resources__c,
        share: v.Share__c
      }))
    );
    const { vendors, receivedHoursAgo: _ago, editAfterPayments, Crisis_Reasons__c, ...fields } = h;
    const [caseId] = await org.insertAsSystem(
      'Case',
      [
        {
          ...fields,
          Crisis_Reasons__c: Crisis_Reasons__c.join(';'),
          Program__c: 'EAP',
          Processing_Step__c: 'Chaser',
          Priority: level === 1 ? 'High' : 'Medium',
          Status: 'New',
          Crisis_Received_At__c: receivedAt,
          Crisis_Response_Due__c: due,
          Crisis_Event_Status__c: benefit.resolvedByPrimaryHeat ? 'Resolved' : 'In Progress'
        }
      ],
      { as: 'staff' }
    );
    const vendorIds = await org.insertAsSystem(
      'Crisis_Vendor__c',
      vendors.map((v) => ({ ...v, Case__c: caseId })),
      { as: 'staff' }
    );
    const paid = benefit.vendors
      .map((row, i) => ({ row, vendor: vendors[i], vendorId: vendorIds[i] }))
      .filter(({ row }) => row.amount > 0);
    if (paid.length > 0) {
      const paymentIds = await org.insertAsSystem(
        'Assistance_Payment__c',
        paid.map(({ row, vendor }) => ({
          Case__c: caseId,
          Amount__c: row.amount,
          Payee__c: vendor.Name,
          Vendor_Id__c: vendor.Vendor_Id__c,
          Reason_Code__c: CRISIS_REASON_CODE,
          Status__c: CRISIS_PAYMENT_STATUS,
          Scheduled_Date__c: today
        })),
        { as: 'staff' }
      );
      await org.updateAsSystem(
        'Crisis_Vendor__c',
        paid.map(({ row, vendorId }, i) => ({
          Id: vendorId,
          Crisis_Amount__c: row.amount,
          Credit__c: row.credit,
          Assistance_Payment__c: paymentIds[i],
          Facts_Locked__c: true
        }))
      );
      await org.updateAsSystem('Case', [{ Id: caseId, Crisis_Event_Status__c: 'Payments Created' }]);
    }
    const clock = due ? `respond by ${due.slice(0, 16).replace('T', ' ')} UTC` : 'normal order (level 3)';
    say(
      `🔥 ${h.Subject}: level ${level}, ${clock}; qualifies: ${qualifying.join(', ') || 'none'}; ` +
        (benefit.resolvedByPrimaryHeat
          ? 'Primary Heat resolves it, no Crisis money'
          : `Crisis payments ${paid.map(({ row }) => `${row.vendor} ${money(row.amount)}`).join(', ') || 'none'}`) +
        benefit.vendors
          .filter((row) => row.delivery === false)
          .map((row) => ` (${row.vendor}: no delivery, arrears ${money(row.arrearsPaid ?? 0)} paid)`)
          .join('')
    );
    let editRefused: string | null = null;
    if (editAfterPayments && paid.length > 0) {
      editRefused = await tryStaffEdit(org, caseId, editAfterPayments);
      say(
        editRefused
          ? `🔒 ${org.users.staff.username} tried to change the emergency facts of "${h.Subject}" after payments and was refused:\n   ${editRefused}`
          : `✖ ${org.users.staff.username} changed the emergency facts of a paid crisis event — the lock did not hold`
      );
    }
    outcomes.push({
      subject: h.Subject,
      caseId,
      qualifying,
      responseDue: due,
      payments: paid.map(({ row }) => ({ vendor: row.vendor, amount: row.amount })),
      resolvedByPrimaryHeat: benefit.resolvedByPrimaryHeat,
      editRefused
    });
  }
  return outcomes;
}

async function tryStaffEdit(
  org: CrisisOrg,
  caseId: string,
  edit: Record<string, unknown>
): Promise<string | null> {
  const conn = new Connection({ loginUrl: org.loginUrl, version: org.apiVersion });
  await conn.login(org.users.staff.username, org.users.staff.password);
  try {
    await conn.sobject('Case').update({ Id: caseId, ...edit });
    return null;
  } catch (err) {
    return (err as Error).message;
  }
}
