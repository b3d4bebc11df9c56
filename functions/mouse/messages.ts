// The message the ingest API queues and the aggregator consumes: the validated batch, as received.
import * as z from 'zod';
import { jsonBody } from '../../shared/queue/json-body.ts';
import { batchEvents, sessionId } from './contracts.ts';

export const batchMessage = z.object({
  session_id: sessionId,
  seq: z.number().int().min(0),
  events: batchEvents,
  received_at: z.iso.datetime(),
});
export type BatchMessage = z.infer<typeof batchMessage>;

/** An SQS record body holding a batch message. */
export const batchMessageBody = jsonBody(batchMessage);
