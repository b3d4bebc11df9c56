// Route contracts of the formulas service: parsed at the edge by the handlers, attached to the
// manifest routes and rendered into the OpenAPI document. (The queue message's schema is in
// domain/messages.ts, so the queue's consumers do not bundle every route's schemas.)
import * as z from '#model/zod.ts';
import type { RouteContract } from '#model/manifest.ts';
import { intParam } from '#shared/params.ts';
import { pageOf, pageQuery } from '#shared/pagination.ts';
import { LIMITS } from './constants.ts';
import { formula } from './domain/formula.ts';
import { formulaInput } from './domain/formula-input.ts';

const tags = ['formulas'];

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
  query: z.object({ max: z._default(intParam(1, LIMITS.redriveMax), 100) }),
  responses: {
    200: z.object({
      moved: z.int().check(z.describe('Messages sent back to the queue and deleted from the DLQ')),
      failed: z.int().check(z.describe('Messages the queue refused; they stay in the DLQ')),
    }),
  },
} satisfies RouteContract;

/** The `Idempotency-Key` request header (optional). */
export const idempotencyKeyHeader = z.optional(
  z.string().check(z.trim(), z.minLength(1), z.maxLength(LIMITS.idempotencyKeyLength)),
);
