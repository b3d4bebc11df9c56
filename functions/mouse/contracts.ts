// Route contracts of the mouse service: parsed at the edge by the handlers, attached to the manifest
// routes and rendered into the OpenAPI document. Its queues' messages are in domain/messages.ts.
import * as z from '#model/zod.ts';
import type { RouteContract } from '#model/manifest.ts';
import { intParam } from '#shared/params.ts';
import { pageOf, pageQuery } from '#shared/pagination.ts';
import { batchEvents, sessionId } from './domain/messages.ts';
import { statsPoint } from './domain/stats-point.ts';

const tags = ['mouse'];

const sessionParams = z.object({ sessionId });

export const batchBody = z.strictObject({
  seq: z
    .int()
    .check(z.minimum(0), z.maximum(Number.MAX_SAFE_INTEGER), z.describe('Per-session batch number, increasing by one')),
  events: batchEvents,
});

export const ingestContract = {
  auth: 'public',
  summary: 'Queue a batch of pointer events of a session for aggregation',
  tags,
  params: sessionParams,
  body: batchBody,
  responses: { 202: z.object({ accepted: z.int().check(z.describe('Events queued')), seq: z.int() }) },
} satisfies RouteContract;

export const statsContract = {
  auth: 'public',
  summary: 'Velocity and distance points of a session, one per batch, in seq order',
  tags,
  params: sessionParams,
  query: z.extend(pageQuery, {
    after: z.optional(intParam(-1, Number.MAX_SAFE_INTEGER)).check(z.describe('Only points with a larger seq')),
  }),
  responses: { 200: pageOf(statsPoint) },
} satisfies RouteContract;

export const totals = z.object({
  session_id: z.string(),
  started_at: z.iso.datetime(),
  updated_at: z.iso.datetime(),
  last_seq: z.int(),
  distance: z.number().check(z.describe('px')),
  events: z.int(),
  batches: z.int(),
  skipped_batches: z
    .int()
    .check(z.describe('Sequence numbers passed over: not received within the lateness bound after a later one')),
  late_batches: z
    .int()
    .check(z.describe('Batches received after their seq was passed over: stored raw, not in the totals')),
  pending_batches: z
    .int()
    .check(z.describe('Batches received ahead of a gap, waiting for it to fill or be passed over')),
  duration_ms: z.number(),
  avg_velocity: z.number().check(z.describe('px/s')),
  max_velocity: z.number().check(z.describe('px/s')),
});

export const sessionContract = {
  auth: 'public',
  summary: 'Totals of a session: distance, events, duration, average and max velocity',
  tags,
  params: sessionParams,
  responses: { 200: totals },
} satisfies RouteContract;

export const listSessionsContract = {
  auth: 'public',
  summary: 'Sessions, most recently started first',
  tags,
  query: pageQuery,
  responses: { 200: pageOf(totals) },
} satisfies RouteContract;
