import { SendMessageCommand } from '@aws-sdk/client-sqs';
import { correlationAttributes } from '#shared/correlation.ts';
import type { FormulaMessage } from '../domain/messages.ts';
import type { QueueConfig } from '#shared/queue/config.ts';

/** The formulas queue, as the relay writes to it. */
export interface FormulaQueue {
  /** Sends the message with the submission's correlation id as an attribute. */
  readonly publish: (message: FormulaMessage, correlationId: string | undefined) => Promise<void>;
}

export const formulaQueue = ({ sqs, url }: QueueConfig): FormulaQueue => ({
  publish: async (message, correlationId) => {
    await sqs.send(
      new SendMessageCommand({
        QueueUrl: url,
        MessageBody: JSON.stringify(message),
        MessageAttributes: correlationAttributes(correlationId),
      }),
    );
  },
});
