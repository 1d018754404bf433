/**
 * Demo caseload (config/demo-data.json): validated with zod, then loaded into the sandbox org and the
 * sandbox payment system so that the payments stand at every step of their lifecycle — new, sent
 * earlier and settled, sent but with the Salesforce write-back lost, edited after submission.
 */
import * as fs from 'node:fs';
import { z } from 'zod';
import { PaymentSystemClient } from '../payment-system/client';
import { canRemoteTransition, REMOTE_STATUSES, type RemoteStatus } from '../payment-system/lifecycle';
import { STATUS_PICKLIST_VALUES } from '../../force-app/main/default/lwc/paymentRules/paymentRules';
import {
  buildSubmission,
  serializeSnapshot,
  snapshotFromRemote,
  type PaymentRecord
} from '../sync/decisions';
import { followUpCaseFields, followUpSchema, isoToday, missingDocumentRecords } from './follow-up';
import { crisisHouseholdSchema } from './crisis';

const caseSchema = z
  .object({
    key: z.string().min(1),
    Subject: z.string().min(1).max(255),
    Program__c: z.enum(['RAFT', 'ERMA', 'HCEC', 'EAP', 'CalFresh']),
    Processing_Step__c: z.enum(['Draft', 'Chaser', 'Case Manager', 'Reviewer', 'Approved', 'Denied']),
    Priority: z.enum(['Urgent', 'High', 'Medium', 'Low']).optional(),
    Client_Language__c: z
      .enum(['English', 'Spanish', 'Portuguese', 'Haitian Creole', 'Chinese', 'Vietnamese'])
      .optional(),
    /** client follow-up: application date, pending reason, interview, documents, contact preferences */
    followUp: followUpSchema.optional()
  })
  .strict();

const editSchema = z
  .object({
    Amount__c: z.number().positive().optional(),
    Payee__c: z.string().min(1).optional(),
    Vendor_Id__c: z.string().nullable().optional(),
    Reason_Code__c: z.enum(['ARR', 'RNT', 'STP', 'UTL', 'DLF', 'CRI']).optional()
  })
  .strict();

const paymentSchema = z
  .object({
    case: z.string().min(1),
    label: z.string().min(1),
    /** new: not in the payment system yet; submitted: sent by an earlier run;
     *  submitted-write-back-lost: sent, but the worker stopped before Salesforce recorded it */
    history: z.enum(['new', 'submitted', 'submitted-write-back-lost']),
    Amount__c: z.number().positive(),
    Reason_Code__c: z.enum(['ARR', 'RNT', 'STP', 'UTL', 'DLF', 'CRI']),
    Payee__c: z.string().min(1).nullable(),
    Vendor_Id__c: z.string().max(40).nullable(),
    Status__c: z
      .string()
      .nullable()
      .refine((s) => s === null || STATUS_PICKLIST_VALUES.includes(s), 'is not a Status__c picklist value'),
    /** what the payment system did after submission, in order */
    outcome: z.array(z.enum(REMOTE_STATUSES)),
    /** a worker tries this edit through the app and is refused by the payment lock */
    staffEditAfterSubmission: editSchema.optional(),
    /** an edit forced past the lock (system mode), which the worker must catch as drift */
    forcedEditAfterSubmission: editSchema.optional()
  })
  .strict()
  .superRefine((p, ctx) => {
    let from: RemoteStatus = 'Submitted for Payment';
    for (const to of p.outcome) {
      if (!canRemoteTransition(from, to)) {
        ctx.addIssue({ code: 'custom', path: ['outcome'], message: `"${from}" cannot move to "${to}"` });
        return;
      }
      from = to;
    }
    if (p.history !== 'new' && p.Status__c !== 'Submitted for Payment') {
      ctx.addIssue({
        code: 'custom',
        path: ['Status__c'],
        message: 'a payment sent earlier is "Submitted for Payment"'
      });
    }
    if (p.history === 'new' && p.outcome.length > 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['outcome'],
        message: 'only payments sent earlier have an outcome'
      });
    }
  });

export const demoDataSchema = z
  .object({
    description: z.string().optional(),
    cases: z.array(caseSchema).min(1),
    payments: z.array(paymentSchema).min(1),
    /** EAP crisis households, determined and paid as the crisis worksheet does (scripts/demo/crisis.ts) */
    crisisHouseholds: z.array(crisisHouseholdSchema).optional()
  })
  .strict()
  .superRefine((d, ctx) => {
    const keys = new Set(d.cases.map((c) => c.key));
    d.payments.forEach((p, i) => {
      if (!keys.has(p.case))
        ctx.addIssue({ code: 'custom', path: ['payments', i, 'case'], message: `no case "${p.case}"` });
    });
  });

export type DemoData = z.infer<typeof demoDataSchema>;
export type DemoPayment = DemoData['payments'][number];

export const DEFAULT_DEMO_DATA = 'config/demo-data.json';

export function loadDemoData(file: string = DEFAULT_DEMO_DATA): DemoData {
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    throw new Error(`${file}: cannot be read as JSON (${(err as Error).message})`);
  }
  const parsed = demoDataSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`${file}: "${issue.path.map(String).join('.') || '(top level)'}" ${issue.message}`);
  }
  return parsed.data;
}

/** What seeding needs from the sandbox org (see scripts/sandbox-org). */
export interface SeedableOrg {
  insertAsSystem(
    type: string,
    records: Record<string, unknown>[],
    opts?: { as?: 'staff' | 'supervisor' | 'integration' }
  ): Promise<string[]>;
  updateAsSystem(
    type: string,
    records: Record<string, unknown>[],
    opts?: { as?: 'staff' | 'supervisor' | 'integration' }
  ): Promise<void>;
}

export interface SeededPayment {
  id: string;
  spec: DemoPayment;
  /** the payment system's id, for payments sent earlier */
  externalId: string | null;
}

export interface SeededDemo {
  caseIds: Map<string, string>;
  payments: SeededPayment[];
}

function asRecord(id: string, p: DemoPayment, caseId: string): PaymentRecord {
  return {
    Id: id,
    Case__c: caseId,
    Amount__c: p.Amount__c,
    Payee__c: p.Payee__c,
    Vendor_Id__c: p.Vendor_Id__c,
    Reason_Code__c: p.Reason_Code__c,
    Status__c: p.Status__c,
    External_Payment_Id__c: null,
    Submitted_Snapshot__c: null,
    Drift_Detected__c: false,
    Sync_Error__c: null,
    Sync_Partition__c: null
  };
}

/**
 * Loads the cases and payments, sends the "sent earlier" payments to the payment system (as an
 * earlier worker run did, same idempotency key) and plays their outcomes. Forced edits are left to
 * the caller, which shows them.
 */
export async function seedDemo(
  org: SeedableOrg,
  paymentSystem: { url: string; token: string },
  data: DemoData,
  settle: (externalId: string, status: RemoteStatus) => void
): Promise<SeededDemo> {
  const caseIds = new Map<string, string>();
  const today = isoToday();
  const ids = await org.insertAsSystem(
    'Case',
    data.cases.map(({ key: _key, followUp, ...fields }) => ({
      ...fields,
      ...(followUp ? followUpCaseFields(followUp, today) : {}),
      Status: 'New'
    })),
    { as: 'staff' }
  );
  data.cases.forEach((c, i) => caseIds.set(c.key, ids[i]));
  const documents = data.cases.flatMap((c, i) =>
    c.followUp ? missingDocumentRecords(c.followUp, ids[i], today) : []
  );
  if (documents.length > 0) await org.insertAsSystem('Missing_Document__c', documents, { as: 'staff' });

  const paymentIds = await org.insertAsSystem(
    'Assistance_Payment__c',
    data.payments.map((p) => ({
      Case__c: caseIds.get(p.case),
      Amount__c: p.Amount__c,
      Reason_Code__c: p.Reason_Code__c,
      Payee__c: p.Payee__c,
      Vendor_Id__c: p.Vendor_Id__c,
      Status__c: p.Status__c
    })),
    { as: 'staff' }
  );
  const client = new PaymentSystemClient({ baseUrl: paymentSystem.url, token: paymentSystem.token });
  const payments: SeededPayment[] = [];
  const writeBacks: Record<string, unknown>[] = [];
  for (const [i, spec] of data.payments.entries()) {
    const id = paymentIds[i];
    let externalId: string | null = null;
    if (spec.history !== 'new') {
      const plan = buildSubmission(asRecord(id, spec, caseIds.get(spec.case) as string));
      if (plan.kind !== 'submit') throw new Error(`demo payment "${spec.label}": ${plan.reason}`);
      const remote = (await client.submitPayment(plan.idempotencyKey, plan.submission)).payment;
      externalId = remote.id;
      for (const status of spec.outcome) settle(remote.id, status);
      if (spec.history === 'submitted') {
        writeBacks.push({
          Id: id,
          External_Payment_Id__c: remote.id,
          Submitted_Snapshot__c: serializeSnapshot(snapshotFromRemote(remote)),
          Submitted_At__c: remote.createdAt,
          Last_Synced_At__c: remote.createdAt,
          Sync_Partition__c: 0
        });
      }
    }
    payments.push({ id, spec, externalId });
  }
  if (writeBacks.length > 0)
    await org.updateAsSystem('Assistance_Payment__c', writeBacks, { as: 'integration' });
  return { caseIds, payments };
}
