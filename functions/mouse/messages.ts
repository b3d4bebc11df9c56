// The message the ingest API queues and the aggregator consumes: the validated batch, as received.
import { JSONStringified } from '@aws-lambda-powertools/parser/helpers';
import { z } from 'zod';
import { batchEvents, sessionId } from './contracts.ts';

export const batchMessage = z.object({
  session_id: sessionId,
  seq: z.number().int().min(0),
  events: batchEvents,
  received_at: z.iso.datetime(),
});
export type BatchMessage = z.infer<typeof batchMessage>;

/** An SQS record body holding a batch message. */
export const batchMessageBody = JSONStringified(batchMessage);
