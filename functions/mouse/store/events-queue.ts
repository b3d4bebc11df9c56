// The session FIFO queue: one message group per session keeps its batches (and gap checks) in order.
import { SendMessageCommand } from '@aws-sdk/client-sqs';
import { correlationAttributes } from '#shared/correlation.ts';
import type { BatchMessage, GapCheckMessage } from '../domain/messages.ts';
import type { QueueConfig } from '#shared/queue/config.ts';

/**
 * Queues a message in its session's group; `dedupId` makes a resend within SQS's five minutes a no-op.
 * It carries the sender's correlation id (the API request's, or the gap check's being forwarded).
 */
const send = async (
  { sqs, url }: QueueConfig,
  message: BatchMessage | GapCheckMessage,
  dedupId: string,
): Promise<void> => {
  await sqs.send(
    new SendMessageCommand({
      QueueUrl: url,
      MessageBody: JSON.stringify(message),
      MessageGroupId: message.session_id,
      MessageDeduplicationId: dedupId,
      MessageAttributes: correlationAttributes(),
    }),
  );
};

/**
 * Queues a batch in its session's message group. The dedup id makes a client's retry of the same seq
 * (e.g. after a lost 202) a no-op within SQS's five-minute window; the aggregator's plan covers anything
 * later, and order too: batches of a group that reach the queue out of seq order are put back in order there.
 */
export const enqueueBatch = (queue: QueueConfig, message: BatchMessage): Promise<void> =>
  send(queue, message, `${message.session_id}#${message.seq}`);

/** Queues a due gap check behind whatever the session's group already holds. */
export const enqueueGapCheck = (queue: QueueConfig, message: GapCheckMessage): Promise<void> =>
  send(queue, message, `${message.session_id}#check#${message.at}`);
