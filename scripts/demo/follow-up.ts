/**
 * The client follow-up part of the demo: follow-up cases in config/demo-data.json carry a `followUp`
 * block with dates relative to today (so "due in 2 days" stays true whenever the demo runs). They are
 * loaded with their missing documents, and the demo prints each case's deadlines and next step, and the
 * contact the client did not agree to, refused, all from lwc/followUpRules: the same rules the
 * caseFollowUp card shows and the Apex Task guard enforces in the org.
 */
import { z } from 'zod';
import {
  CONTACT_CHANNELS,
  PENDING_REASONS,
  SAN_FRANCISCO,
  addDays,
  caseDeadlines,
  contactAllowed,
  nextStep,
  type DeadlineState
} from '../../force-app/main/default/lwc/followUpRules/followUpRules';

const LANGUAGES = ['English', 'Spanish', 'Portuguese', 'Haitian Creole', 'Chinese', 'Vietnamese'] as const;

export const followUpSchema = z
  .object({
    applicationDaysAgo: z.number().int().min(0),
    jurisdiction: z.enum([SAN_FRANCISCO.developerName]).default(SAN_FRANCISCO.developerName),
    pendingReason: z.enum(PENDING_REASONS).optional(),
    /** the interview, this many days from today at 10:30 */
    interviewInDays: z.number().int().optional(),
    interviewCompletedDaysAgo: z.number().int().min(0).optional(),
    contactLanguage: z.enum(LANGUAGES).optional(),
    contactChannels: z.array(z.enum(CONTACT_CHANNELS)).default([]),
    eligibilityWorker: z.string().min(1).max(80).optional(),
    releaseOfInformation: z.boolean().default(false),
    missingDocuments: z
      .array(
        z
          .object({
            name: z.string().min(1).max(80),
            receivedDaysAgo: z.number().int().min(0).optional(),
            pushBackReason: z.string().min(1).max(255).optional()
          })
          .strict()
      )
      .default([]),
    /** a contact a worker tries that the client did not agree to: the demo shows the refusal */
    refusedContact: z
      .object({ channel: z.enum(CONTACT_CHANNELS), language: z.enum(LANGUAGES) })
      .strict()
      .optional()
  })
  .strict();

export type FollowUpSpec = z.infer<typeof followUpSchema>;

/** Today as yyyy-mm-dd (UTC, like the deadlines). */
export function isoToday(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}

/** The Case fields a follow-up block stands for, on `today`. */
export function followUpCaseFields(spec: FollowUpSpec, today: string): Record<string, unknown> {
  return {
    Application_Date__c: addDays(today, -spec.applicationDaysAgo),
    Jurisdiction__c: spec.jurisdiction,
    Pending_Reason__c: spec.pendingReason ?? null,
    Interview_Scheduled_At__c:
      spec.interviewInDays === undefined ? null : `${addDays(today, spec.interviewInDays)}T10:30:00.000Z`,
    Interview_Completed_On__c:
      spec.interviewCompletedDaysAgo === undefined ? null : addDays(today, -spec.interviewCompletedDaysAgo),
    Contact_Language__c: spec.contactLanguage ?? null,
    Contact_Channels__c: spec.contactChannels.length > 0 ? spec.contactChannels.join(';') : null,
    Eligibility_Worker__c: spec.eligibilityWorker ?? null,
    Release_Of_Information__c: spec.releaseOfInformation
  };
}

/** Missing_Document__c records for a seeded case. */
export function missingDocumentRecords(
  spec: FollowUpSpec,
  caseId: string,
  today: string
): Record<string, unknown>[] {
  return spec.missingDocuments.map((document) => ({
    Case__c: caseId,
    Name: document.name,
    Received_On__c: document.receivedDaysAgo === undefined ? null : addDays(today, -document.receivedDaysAgo),
    Push_Back__c: document.pushBackReason !== undefined,
    Push_Back_Reason__c: document.pushBackReason ?? null
  }));
}

function deadlineWords(label: string, state: DeadlineState): string {
  if (state.met) return `${label} done (${state.metOn})`;
  const days = state.daysLeft ?? 0;
  if (days < 0) return `${label} OVERDUE since ${state.due} (${-days} days)`;
  if (days === 0) return `${label} due TODAY (${state.due})`;
  return `${label} due ${state.due} (${days} days left)`;
}

/** What the demo prints for one follow-up case. */
export function followUpLines(subject: string, spec: FollowUpSpec, today: string): string[] {
  const fields = followUpCaseFields(spec, today);
  const documents = spec.missingDocuments.map((document) => ({
    name: document.name,
    receivedOn: document.receivedDaysAgo === undefined ? null : addDays(today, -document.receivedDaysAgo),
    pushBack: document.pushBackReason !== undefined,
    pushBackReason: document.pushBackReason ?? null
  }));
  const states = caseDeadlines(
    {
      applicationDate: String(fields.Application_Date__c),
      interviewCompletedOn: (fields.Interview_Completed_On__c as string | null) ?? null,
      missingDocuments: documents
    },
    today
  );
  const lines = [
    `📋 ${subject}: ${deadlineWords('interview', states.interview)}; ${deadlineWords('documents', states.documents)}`
  ];
  if (spec.pendingReason) {
    const step = nextStep(spec.pendingReason, {
      interviewScheduledAt: (fields.Interview_Scheduled_At__c as string | null) ?? null,
      officePhone: SAN_FRANCISCO.officePhone,
      missingDocuments: documents,
      sendWays: SAN_FRANCISCO.sendWays
    });
    lines.push(`   ${spec.pendingReason} → ${step.action}`);
  }
  if (spec.refusedContact) {
    const decision = contactAllowed(
      { language: spec.contactLanguage ?? null, channels: spec.contactChannels },
      spec.refusedContact
    );
    lines.push(
      `   ${decision.allowed ? '✖ allowed' : '⛔ refused'}: ${spec.refusedContact.channel} in ${spec.refusedContact.language} — ${decision.why}`
    );
  }
  return lines;
}
