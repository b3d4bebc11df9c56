import { SendMessageCommand } from '@aws-sdk/client-sqs';
import { sqsClient } from '#shared/clients/sqs.ts';
import { queueUrl } from '#shared/config.ts';
import { EVENTS_QUEUE } from './constants.ts';
import type { BatchMessage, GapCheckMessage } from './messages.ts';

const sqs = sqsClient();
const queue = queueUrl(EVENTS_QUEUE);

/** Queues a message in its session's group; `dedupId` makes a resend within SQS's five minutes a no-op. */
const send = async (message: BatchMessage | GapCheckMessage, dedupId: string): Promise<void> => {
  await sqs.send(new SendMessageCommand({ QueueUrl: queue, MessageBody: JSON.stringify(message), MessageGroupId: message.session_id, MessageDeduplicationId: dedupId }));
};

/**
 * Queues a batch in its session's message group. The dedup id makes a client's retry of the same seq
 * (e.g. after a lost 202) a no-op within SQS's five-minute window; the aggregator's plan covers anything
 * later, and order too: batches of a group that reach the queue out of seq order are put back in order there.
 */
export const enqueueBatch = (message: BatchMessage): Promise<void> => send(message, `${message.session_id}#${message.seq}`);

/** Queues a due gap check behind whatever the session's group already holds. */
export const enqueueGapCheck = (message: GapCheckMessage): Promise<void> => send(message, `${message.session_id}#check#${message.at}`);
