// Consumes chunks of bulk jobs' cities (app/refresh-chunk.ts: cache, batched provider calls, batched
// settling that counts each city once under redelivery; cities the provider's quota cannot take soon are
// sent again, delayed); after the batch, finishes each job whose last city this was.
import { EventType } from '@aws-lambda-powertools/batch';
import type { SQSEvent, SQSHandler, SQSRecord } from 'aws-lambda';
import { correlationOfMessage } from '#shared/correlation.ts';
import { jsonText } from '#shared/json-text.ts';
import { publishMetrics } from '#shared/metrics.ts';
import { batchConsumer } from '#shared/queue/consumer.ts';
import { refreshChunk } from '../app/refresh-chunk.ts';
import { chunkMessage } from '../domain/messages.ts';
import { workerDeps } from './provider-deps.ts';

const messageBody = jsonText(chunkMessage);

/** Jobs of the records parsed in the running invocation (an environment runs one at a time). */
const jobsInBatch = new Set<string>();

const processRecord = async (record: SQSRecord): Promise<void> => {
  const body = messageBody.parse(record.body);
  jobsInBatch.add(body.job_id);
  const deferred = await refreshChunk(workerDeps(), body, Number(record.attributes.ApproximateReceiveCount));
  // A new message with a fresh receive count: waiting for the provider never brings a chunk nearer the DLQ.
  // If this invocation fails after the send, the chunk comes back too, and settling counts each city once.
  if (deferred)
    await workerDeps().queue.sendLater(deferred.message, deferred.waitMs / 1000, correlationOfMessage(record));
};

// Chunks in parallel: each one's provider calls wait on the network, not on the CPU.
const consume = batchConsumer<SQSRecord, SQSEvent>(EventType.SQS, processRecord, {
  identify: (record) => ({ correlationId: correlationOfMessage(record), ids: { message_id: record.messageId } }),
  inParallel: true,
});

// The finish check runs once per batch and job, after the records. A crash before it fails the whole
// invocation, so the batch comes back (its cities as duplicates) and the check runs then.
export const handler: SQSHandler = async (event, context) => {
  jobsInBatch.clear();
  const response = await consume(event, context);
  const now = new Date().toISOString();
  await Promise.all([...jobsInBatch].map((id) => workerDeps().jobs.finishIfComplete(id, now)));
  publishMetrics();
  return response;
};
