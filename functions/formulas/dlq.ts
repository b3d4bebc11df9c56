// Moving messages from the formulas DLQ back to its queue. The DLQ is found from the queue's own
// redrive policy, so its physical name never needs configuring.
import {
  DeleteMessageBatchCommand,
  GetQueueAttributesCommand,
  GetQueueUrlCommand,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
} from '@aws-sdk/client-sqs';
import * as z from 'zod';
import { sqsClient } from '#shared/clients/sqs.ts';
import { queueUrl } from '#shared/config.ts';
import { FORMULAS_QUEUE } from './constants.ts';

const sqs = sqsClient();
const source = queueUrl(FORMULAS_QUEUE);
/** Long enough to send and delete a batch; a message we fail to move reappears in the DLQ after it. */
const HOLD_SECONDS = 30;

const redrivePolicy = z
  .string()
  .transform((text) => JSON.parse(text) as unknown)
  .pipe(z.object({ deadLetterTargetArn: z.string().regex(/^arn:[^:]+:sqs:[^:]*:\d*:.+$/) }));

let dlqUrl: Promise<string> | undefined;
const findDlq = (): Promise<string> =>
  (dlqUrl ??= (async () => {
    const { Attributes } = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: source, AttributeNames: ['RedrivePolicy'] }));
    const arn = redrivePolicy.parse(Attributes?.RedrivePolicy).deadLetterTargetArn.split(':');
    const { QueueUrl } = await sqs.send(new GetQueueUrlCommand({ QueueName: arn[5], QueueOwnerAWSAccountId: arn[4] || undefined }));
    if (!QueueUrl) throw new Error(`No URL for the DLQ of ${FORMULAS_QUEUE}.`);
    return QueueUrl;
  })().catch((error: unknown) => {
    dlqUrl = undefined; // retry the lookup on the next call
    throw error;
  }));

export interface RedriveResult {
  readonly moved: number;
  readonly failed: number;
}

/**
 * Receive from the DLQ, send to the queue, delete from the DLQ — at most `max` messages, ten at a time,
 * until the DLQ answers empty. Send-then-delete is at-least-once: a crash in between leaves a copy in
 * the DLQ, which the processor's conditional transition makes harmless.
 */
export const redrive = async (max: number): Promise<RedriveResult> => {
  const dlq = await findDlq();
  let moved = 0;
  let failed = 0;
  while (moved + failed < max) {
    const { Messages = [] } = await sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: dlq,
        MaxNumberOfMessages: Math.min(10, max - moved - failed),
        VisibilityTimeout: HOLD_SECONDS,
        // A one-second long poll asks every SQS server, so an empty answer means empty.
        WaitTimeSeconds: 1,
        MessageAttributeNames: ['All'],
      }),
    );
    if (Messages.length === 0) break;
    const entries = Messages.map((m, i) => ({ id: String(i), message: m }));
    const sent = await sqs.send(
      new SendMessageBatchCommand({
        QueueUrl: source,
        Entries: entries.map(({ id, message }) => ({ Id: id, MessageBody: message.Body ?? '', MessageAttributes: message.MessageAttributes })),
      }),
    );
    const ok = new Set((sent.Successful ?? []).map((s) => s.Id));
    const toDelete = entries.filter(({ id }) => ok.has(id));
    if (toDelete.length > 0) {
      await sqs.send(
        new DeleteMessageBatchCommand({
          QueueUrl: dlq,
          Entries: toDelete.map(({ id, message }) => ({ Id: id, ReceiptHandle: message.ReceiptHandle })),
        }),
      );
    }
    moved += toDelete.length;
    failed += entries.length - toDelete.length;
  }
  return { moved, failed };
};
