import { SendMessageCommand } from '@aws-sdk/client-sqs';
import { sqsClient } from '../../shared/clients/sqs.ts';
import { queueUrl } from '../../shared/config.ts';
import { EVENTS_QUEUE } from './constants.ts';
import type { BatchMessage } from './messages.ts';

const sqs = sqsClient();
const queue = queueUrl(EVENTS_QUEUE);

/**
 * Queues a batch in its session's message group, so the aggregator sees a session's batches in order.
 * The dedup id makes a client's retry of the same seq (e.g. after a lost 202) a no-op within SQS's
 * five-minute window; the aggregator's condition on seq covers anything later.
 */
export const enqueueBatch = async (message: BatchMessage): Promise<void> => {
  await sqs.send(
    new SendMessageCommand({
      QueueUrl: queue,
      MessageBody: JSON.stringify(message),
      MessageGroupId: message.session_id,
      MessageDeduplicationId: `${message.session_id}#${message.seq}`,
    }),
  );
};
