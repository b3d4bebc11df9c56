// Route contracts of the formulas service: parsed at the edge by the handlers, attached to the
// manifest routes and rendered into the OpenAPI document. (The queue message's schema is in
// domain/message.ts: this module brings shared/pagination.ts, and with it DynamoDB, into a bundle.)
import * as z from 'zod';
import type { RouteContract } from '#model/manifest.ts';
import { intParam } from '#shared/http/params.ts';
import { pageOf, pageQuery } from '#shared/pagination.ts';
import { LIMITS, STATUS } from './constants.ts';
import { formulaInput } from './domain/formula-input.ts';

const tags = ['formulas'];

export const formula = z.object({
  id: z.uuid(),
  name: z.string(),
  status: z.enum([STATUS.queued, STATUS.processed]),
  materials: z.array(
    z.object({ name: z.string(), concentration: z.string().describe('Canonical decimal text, e.g. "15.5"') }),
  ),
  total: z.string().describe('Sum of the concentrations, canonical decimal text'),
  fingerprint: z.string().describe('SHA-256 of the canonical make-up'),
  created_at: z.iso.datetime(),
  processed_at: z.iso.datetime().nullable(),
  delivery_count: z.number().int().nullable().describe('SQS receive count of the delivery that processed it'),
});

export const submitContract = {
  auth: 'public',
  summary: 'Submit a formula; 409 with the existing id when the same make-up exists. Honours Idempotency-Key.',
  tags,
  body: formulaInput,
  responses: { 202: formula },
} satisfies RouteContract;

export const getContract = {
  auth: 'public',
  summary: 'A formula and its processing status',
  tags,
  params: z.object({ id: z.uuid() }),
  responses: { 200: formula },
} satisfies RouteContract;

export const listContract = {
  auth: 'public',
  summary: 'Formulas, newest first',
  tags,
  query: pageQuery,
  responses: { 200: pageOf(formula) },
} satisfies RouteContract;

export const redriveContract = {
  auth: 'api-key',
  summary: 'Move messages from the formulas DLQ back to its queue',
  tags,
  query: z.object({ max: z.optional(intParam(1, LIMITS.redriveMax)).default(100) }),
  responses: {
    200: z.object({
      moved: z.number().int().describe('Messages sent back to the queue and deleted from the DLQ'),
      failed: z.number().int().describe('Messages the queue refused; they stay in the DLQ'),
    }),
  },
} satisfies RouteContract;

/** The `Idempotency-Key` request header (optional). */
export const idempotencyKeyHeader = z.string().trim().min(1).max(LIMITS.idempotencyKeyLength).optional();
