/**
 * The payment-system contract in code: the shapes that travel over HTTP, validated with zod at both
 * ends. openapi.yaml describes the same shapes for other implementers; a test checks that the
 * sandbox's real answers match the document.
 */
import { z } from 'zod';
import { REASON_CODES, RECOUP_KINDS, REMOTE_STATUSES } from './lifecycle';

/** Salesforce record Ids (15 or 18 characters) and other opaque caller keys. */
export const IDEMPOTENCY_KEY_PATTERN = /^[A-Za-z0-9_-]{1,255}$/;

export const ERROR_CODES = [
  'UNAUTHORIZED',
  'INVALID_REQUEST',
  'MISSING_IDEMPOTENCY_KEY',
  'IDEMPOTENCY_KEY_REUSED',
  'PAYMENT_NOT_FOUND',
  'INVALID_TRANSITION',
  'INVALID_CURSOR',
  'NOT_FOUND',
  'RATE_LIMITED',
  'INTERNAL_ERROR',
  'SERVICE_UNAVAILABLE'
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

const money = z
  .number()
  .finite()
  .positive()
  .max(99_999_999_999_999.99)
  .refine((n) => Math.abs(n * 100 - Math.round(n * 100)) < 1e-6, 'at most two decimal places');

export const paymentSubmissionSchema = z
  .object({
    amount: money,
    currency: z.literal('USD'),
    payee: z.string().trim().min(1).max(255),
    vendorId: z.string().max(40).nullable().optional(),
    reasonCode: z.enum(REASON_CODES),
    caseId: z.string().min(1).max(18),
    caseNumber: z.string().max(30).optional()
  })
  .strict();

export interface PaymentSubmission {
  amount: number;
  currency: 'USD';
  payee: string;
  vendorId?: string | null;
  reasonCode: string;
  caseId: string;
  caseNumber?: string;
}

const isoDateTime = z.iso.datetime({ offset: true });

export const remotePaymentSchema = z.object({
  id: z.string().min(1).max(64),
  idempotencyKey: z.string().min(1),
  status: z.enum(REMOTE_STATUSES),
  amount: z.number().finite(),
  currency: z.literal('USD'),
  payee: z.string(),
  vendorId: z.string().nullable(),
  reasonCode: z.string().min(1),
  caseId: z.string().min(1),
  caseNumber: z.string().nullable().optional(),
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
  version: z.number().int().positive(),
  statusReason: z.string().nullable().optional()
});

export type RemotePayment = z.infer<typeof remotePaymentSchema>;

export const changesPageSchema = z.object({
  payments: z.array(z.unknown()),
  nextCursor: z.string().min(1),
  hasMore: z.boolean()
});

export const errorBodySchema = z.object({
  code: z.string().min(1),
  message: z.string(),
  details: z.record(z.string(), z.unknown()).optional()
});
export type ErrorBody = z.infer<typeof errorBodySchema>;

export const voidRequestSchema = z.object({ reason: z.string().trim().min(1).max(255) }).strict();

export const recoupRequestSchema = z
  .object({ kind: z.enum(RECOUP_KINDS), reason: z.string().trim().min(1).max(255) })
  .strict();

/** First issue of a zod error as "path: message", for one clear line naming the field. */
export function describeIssue(error: z.ZodError): { field: string; message: string } {
  const issue = error.issues[0];
  const field = issue && issue.path.length > 0 ? issue.path.map(String).join('.') : '(body)';
  return { field, message: issue ? issue.message : 'invalid' };
}
