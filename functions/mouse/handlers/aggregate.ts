// The session queue's consumer: hands the event's records to the use case that groups and settles them
// per session (app/settle-records.ts) and reports the records that failed (partial batch response).
import type { SQSBatchResponse, SQSHandler } from 'aws-lambda';
import { logger } from '#shared/logger.ts';
import { publishMetrics } from '#shared/metrics.ts';
import { settleRecords } from '../app/settle-records.ts';
import { aggregateDeps } from './deps.ts';

export const handler: SQSHandler = async (event, context): Promise<SQSBatchResponse> => {
  logger.addContext(context);
  try {
    const failed = await settleRecords(aggregateDeps(), event.Records);
    return { batchItemFailures: failed.map((itemIdentifier) => ({ itemIdentifier })) };
  } finally {
    publishMetrics();
  }
};
