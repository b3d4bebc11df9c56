// The worker queue. Chunks of cities go out in as few SendMessageBatch requests as the limits allow
// (10 entries and 256 KiB per request). SendMessageBatch can accept some entries and refuse others:
// only the refused ones are sent again, a bounded number of times.
import { SendMessageBatchCommand, SendMessageCommand, type SendMessageBatchRequestEntry } from '@aws-sdk/client-sqs';
import pRetry from 'p-retry';
import { CORRELATION_ATTRIBUTE, correlationAttributes } from '#shared/correlation.ts';
import { LIMITS } from '../constants.ts';
import type { ChunkCity, ChunkMessage } from '../domain/messages.ts';
import type { QueueConfig } from '#shared/queue/config.ts';

export interface ChunkQueue {
  /** Sends one message per chunk of the job's cities, each with the job's correlation id as an attribute. */
  send(jobId: string, chunks: readonly ChunkCity[][], correlationId: string | undefined): Promise<void>;
  /** Sends one chunk again, delivered no sooner than `delaySeconds` from now (SQS allows up to 900). */
  sendLater(message: ChunkMessage, delaySeconds: number, correlationId: string | undefined): Promise<void>;
}

/** SQS's longest DelaySeconds. */
const MAX_DELAY_SECONDS = 900;

export const chunkQueue = ({ sqs, url }: QueueConfig): ChunkQueue => {
  const sendBatch = async (entries: SendMessageBatchRequestEntry[]): Promise<void> => {
    let pending = entries;
    await pRetry(
      async () => {
        const { Failed = [] } = await sqs.send(new SendMessageBatchCommand({ QueueUrl: url, Entries: pending }));
        if (Failed.length === 0) return;
        const refused = new Set(Failed.map((f) => f.Id));
        pending = pending.filter((e) => refused.has(e.Id));
        throw new Error(
          `SendMessageBatch refused ${Failed.length} of the job's messages (${Failed[0]?.Code ?? 'unknown'}).`,
        );
      },
      { retries: 3, minTimeout: 100, randomize: true },
    );
  };

  return {
    send: async (jobId, chunks, correlationId) => {
      const attributes = correlationAttributes(correlationId);
      // SQS counts an attribute's name, type and value in the message size.
      const attributeBytes = correlationId ? Buffer.byteLength(`${CORRELATION_ATTRIBUTE}String${correlationId}`) : 0;
      let batch: SendMessageBatchRequestEntry[] = [];
      let bytes = 0;
      for (const [i, cities] of chunks.entries()) {
        const body = JSON.stringify({ job_id: jobId, cities } satisfies ChunkMessage);
        const size = Buffer.byteLength(body) + attributeBytes;
        if (batch.length === LIMITS.sqsBatch || bytes + size > LIMITS.sqsBatchBytes) {
          await sendBatch(batch);
          batch = [];
          bytes = 0;
        }
        batch.push({ Id: String(i), MessageBody: body, MessageAttributes: attributes });
        bytes += size;
      }
      if (batch.length > 0) await sendBatch(batch);
    },
    sendLater: async (message, delaySeconds, correlationId) => {
      await sqs.send(
        new SendMessageCommand({
          QueueUrl: url,
          MessageBody: JSON.stringify(message),
          DelaySeconds: Math.min(MAX_DELAY_SECONDS, Math.max(0, Math.ceil(delaySeconds))),
          MessageAttributes: correlationAttributes(correlationId),
        }),
      );
    },
  };
};
