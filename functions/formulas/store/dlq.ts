// The formulas DLQ and the queue its messages go back to. The DLQ is found from the queue's own
// redrive policy, so its physical name never needs configuring.
import {
  DeleteMessageBatchCommand,
  GetQueueAttributesCommand,
  GetQueueUrlCommand,
  type Message,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
} from '@aws-sdk/client-sqs';
import * as z from '#model/zod.ts';
import { jsonText } from '#shared/json-text.ts';
import type { QueueConfig } from '#shared/queue/config.ts';

/** Long enough to send and delete a batch; a message we fail to move reappears in the DLQ after it. */
const HOLD_SECONDS = 30;

const redrivePolicy = jsonText(
  z.object({ deadLetterTargetArn: z.string().check(z.regex(/^arn:[^:]+:sqs:[^:]*:\d*:.+$/)) }),
);

export interface DeadLetterQueue {
  /** Up to `max` (at most 10) dead messages, hidden for HOLD_SECONDS; none when the DLQ is empty. */
  readonly receive: (max: number) => Promise<Message[]>;
  /** Sends the messages to the source queue; answers those it accepted. */
  readonly sendBack: (messages: readonly Message[]) => Promise<Message[]>;
  readonly remove: (messages: readonly Message[]) => Promise<void>;
}

/** The DLQ of the queue at `url` (a queue with a redrive policy). */
export const deadLetterQueue = ({ sqs, url }: QueueConfig): DeadLetterQueue => {
  let dlqUrl: Promise<string> | undefined;
  const findDlq = (): Promise<string> =>
    (dlqUrl ??= (async () => {
      const { Attributes } = await sqs.send(
        new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['RedrivePolicy'] }),
      );
      const arn = redrivePolicy.parse(Attributes?.RedrivePolicy).deadLetterTargetArn.split(':');
      const { QueueUrl } = await sqs.send(
        new GetQueueUrlCommand({ QueueName: arn[5], QueueOwnerAWSAccountId: arn[4] || undefined }),
      );
      if (!QueueUrl) throw new Error(`No URL for the DLQ of ${url}.`);
      return QueueUrl;
    })().catch((error: unknown) => {
      dlqUrl = undefined; // retry the lookup on the next call
      throw error;
    }));

  return {
    receive: async (max) => {
      const { Messages = [] } = await sqs.send(
        new ReceiveMessageCommand({
          QueueUrl: await findDlq(),
          MaxNumberOfMessages: max,
          VisibilityTimeout: HOLD_SECONDS,
          // A one-second long poll asks every SQS server, so an empty answer means empty.
          WaitTimeSeconds: 1,
          MessageAttributeNames: ['All'],
        }),
      );
      return Messages;
    },

    sendBack: async (messages) => {
      const sent = await sqs.send(
        new SendMessageBatchCommand({
          QueueUrl: url,
          Entries: messages.map((m, i) => ({
            Id: String(i),
            MessageBody: m.Body ?? '',
            MessageAttributes: m.MessageAttributes,
          })),
        }),
      );
      const ok = new Set((sent.Successful ?? []).map((s) => s.Id));
      return messages.filter((_, i) => ok.has(String(i)));
    },

    remove: async (messages) => {
      if (messages.length === 0) return;
      await sqs.send(
        new DeleteMessageBatchCommand({
          QueueUrl: await findDlq(),
          Entries: messages.map((m, i) => ({ Id: String(i), ReceiptHandle: m.ReceiptHandle })),
        }),
      );
    },
  };
};
