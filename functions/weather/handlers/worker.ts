// Consumes chunks of bulk jobs' cities (refresh-chunk.ts: cache, batched provider calls, batched
// settling that counts each city once under redelivery); after the batch, finishes each job whose
// last city this was.
import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { SQSHandler, SQSRecord } from 'aws-lambda';
import { jsonBody } from '#shared/queue/json-body.ts';
import { chunkMessage } from '../messages.ts';
import { refreshChunk } from '../refresh-chunk.ts';
import { finishIfComplete } from '../store/jobs.ts';

const processor = new BatchProcessor(EventType.SQS);
const messageBody = jsonBody(chunkMessage);

/** Jobs of the records parsed in the running invocation (an environment runs one at a time). */
const jobsInBatch = new Set<string>();

const processRecord = async (record: SQSRecord): Promise<void> => {
  const body = messageBody.parse(record.body);
  jobsInBatch.add(body.job_id);
  await refreshChunk(body.job_id, body.cities, Number(record.attributes.ApproximateReceiveCount));
};

// The finish check runs once per batch and job, after the records. A crash before it fails the whole
// invocation, so the batch comes back (its cities as duplicates) and the check runs then.
export const handler: SQSHandler = async (event, context) => {
  jobsInBatch.clear();
  const response = await processPartialResponse(event, processRecord, processor, { context });
  const now = new Date().toISOString();
  await Promise.all([...jobsInBatch].map((id) => finishIfComplete(id, now)));
  return response;
};
