// What a queue holds, for idle() and readDlq(). fauxqs is read in place: exact, and nothing is received.
// Any other endpoint goes through the SQS API: the approximate counts, and a DLQ's messages received
// and at once made visible again, so they stay where they are (their receive count goes up by one).
import {
  ChangeMessageVisibilityBatchCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  type Message,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import type { FauxqsServer } from 'fauxqs';
import type { DlqMessage } from './types.ts';

export interface QueueInspector {
  /** Messages ready, delayed or in flight. */
  depth(name: string, url: string): Promise<number>;
  /** Every message, left in place. */
  peek(name: string, url: string): Promise<DlqMessage[]>;
}

export const fauxqsInspector = (fauxqs: FauxqsServer): QueueInspector => ({
  depth: async (name) => {
    const state = fauxqs.inspectQueue(name);
    return (
      (state?.messages.ready.length ?? 0) +
      (state?.messages.delayed.length ?? 0) +
      (state?.messages.inflight.length ?? 0)
    );
  },
  peek: async (name) => {
    const state = fauxqs.inspectQueue(name);
    return [...(state?.messages.ready ?? []), ...(state?.messages.inflight.map((i) => i.message) ?? [])].map((m) => ({
      messageId: m.messageId,
      body: m.body,
      attributes: {
        ApproximateReceiveCount: String(m.approximateReceiveCount),
        SentTimestamp: String(m.sentTimestamp),
        ...(m.messageGroupId ? { MessageGroupId: m.messageGroupId } : {}),
      },
    }));
  },
});

const COUNTS = [
  'ApproximateNumberOfMessages',
  'ApproximateNumberOfMessagesNotVisible',
  'ApproximateNumberOfMessagesDelayed',
] as const;

export const sqsInspector = (sqs: SQSClient): QueueInspector => ({
  depth: async (_name, url) => {
    const { Attributes = {} } = await sqs.send(
      new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: [...COUNTS] }),
    );
    return COUNTS.reduce((sum, a) => sum + Number(Attributes[a] ?? 0), 0);
  },
  peek: async (_name, url) => {
    const seen = new Map<string, Message>();
    for (;;) {
      const { Messages = [] } = await sqs.send(
        new ReceiveMessageCommand({
          QueueUrl: url,
          MaxNumberOfMessages: 10,
          VisibilityTimeout: 30,
          MessageSystemAttributeNames: ['All'],
        }),
      );
      if (Messages.length === 0) break;
      for (const m of Messages) seen.set(m.MessageId!, m);
    }
    const messages = [...seen.values()];
    for (let i = 0; i < messages.length; i += 10) {
      const Entries = messages
        .slice(i, i + 10)
        .map((m, j) => ({ Id: String(j), ReceiptHandle: m.ReceiptHandle!, VisibilityTimeout: 0 }));
      await sqs.send(new ChangeMessageVisibilityBatchCommand({ QueueUrl: url, Entries }));
    }
    return messages.map((m) => ({
      messageId: m.MessageId!,
      body: m.Body ?? '',
      attributes: Object.fromEntries(
        Object.entries(m.Attributes ?? {}).filter(([k]) =>
          ['ApproximateReceiveCount', 'SentTimestamp', 'MessageGroupId'].includes(k),
        ),
      ),
    }));
  },
});
