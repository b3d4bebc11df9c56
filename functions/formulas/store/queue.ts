import { SendMessageCommand } from '@aws-sdk/client-sqs';
import type { FormulaMessage } from '../domain/messages.ts';
import type { QueueConfig } from '#shared/queue/config.ts';

/** The formulas queue, as the relay writes to it. */
export interface FormulaQueue {
  readonly publish: (message: FormulaMessage) => Promise<void>;
}

export const formulaQueue = ({ sqs, url }: QueueConfig): FormulaQueue => ({
  publish: async (message) => {
    await sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: JSON.stringify(message) }));
  },
});
