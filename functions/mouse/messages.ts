// The messages of the session FIFO queue: a batch as the ingest API received it, or a gap check (due
// once a pending batch has waited the lateness bound) forwarded into the session's group.
import * as z from 'zod';
import { jsonBody } from '#shared/queue/json-body.ts';
import { batchEvents, sessionId } from './contracts.ts';

export const batchMessage = z.object({
  session_id: sessionId,
  seq: z.number().int().min(0),
  events: batchEvents,
  received_at: z.iso.datetime(),
});
export type BatchMessage = z.infer<typeof batchMessage>;

/** Pass what is overdue at `at`: sent with a delay to the gap-check queue, then into the session's group. */
export const gapCheckMessage = z.object({
  kind: z.literal('gap-check'),
  session_id: sessionId,
  at: z.iso.datetime(),
});
export type GapCheckMessage = z.infer<typeof gapCheckMessage>;

/** An SQS record body of the session queue. */
export const sessionMessageBody = jsonBody(z.union([gapCheckMessage, batchMessage]));
