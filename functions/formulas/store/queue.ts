import { SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { FormulaMessage } from '../domain/message.ts';

/** The formulas queue, as the relay writes to it. */
export interface FormulaQueue {
  readonly publish: (message: FormulaMessage) => Promise<void>;
}

export const formulaQueue = ({ sqs, queueUrl }: { sqs: SQSClient; queueUrl: string }): FormulaQueue => ({
  publish: async (message) => {
    await sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: JSON.stringify(message) }));
  },
});
