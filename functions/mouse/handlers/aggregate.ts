// The queue consumer. FIFO semantics: after a record fails, the rest of its session's records in the
// batch fail too (retried after it, in order); other sessions' records carry on (skipGroupOnError).
// A record that keeps failing goes to the DLQ after the queue's maxReceiveCount.
import { processPartialResponse, SqsFifoPartialProcessorAsync } from '@aws-lambda-powertools/batch';
import type { SQSHandler, SQSRecord } from 'aws-lambda';
import { logger } from '../../../shared/logger.ts';
import { aggregateBatch } from '../aggregate.ts';
import { batchMessageBody } from '../messages.ts';

const processor = new SqsFifoPartialProcessorAsync();

const aggregateRecord = async (record: SQSRecord): Promise<void> => {
  const batch = batchMessageBody.parse(record.body);
  const outcome = await aggregateBatch(batch, new Date().toISOString());
  if (outcome === 'duplicate') logger.info('batch already applied', { session_id: batch.session_id, seq: batch.seq });
};

export const handler: SQSHandler = async (event, context) =>
  processPartialResponse(event, aggregateRecord, processor, { context, skipGroupOnError: true });
