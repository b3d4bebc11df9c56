// The gap-check queue (standard): a check waits here, delayed, until it is due.
import { SendMessageCommand } from '@aws-sdk/client-sqs';
import type { GapCheckMessage } from '../domain/messages.ts';
import type { QueueConfig } from '#shared/queue/config.ts';

/** SQS's longest message delay. */
const MAX_DELAY_SECONDS = 900;

/**
 * Schedules a gap check for `at`. A FIFO queue cannot delay one message, so the check waits in a
 * standard queue and is then forwarded into the session's group (handlers/gap-check.ts), where it is
 * ordered after every batch that reached the queue before it was due. Sending it twice is harmless.
 */
export const scheduleGapCheck = async (
  { sqs, url }: QueueConfig,
  check: GapCheckMessage,
  nowMs: number,
): Promise<void> => {
  const delay = Math.min(MAX_DELAY_SECONDS, Math.max(0, Math.ceil((Date.parse(check.at) - nowMs) / 1000)));
  await sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: JSON.stringify(check), DelaySeconds: delay }));
};
