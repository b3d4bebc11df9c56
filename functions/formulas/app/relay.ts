import type { DynamoDBRecord } from 'aws-lambda';
import { correlationOfStreamRecord } from '#shared/correlation.ts';
import { logger } from '#shared/logger.ts';
import { metrics, MetricUnit } from '#shared/metrics.ts';
import { METRICS } from '../constants.ts';
import { insertRecord } from '../domain/messages.ts';
import type { FormulaQueue } from '../store/index.ts';

/** Publishes the keys of the formula a stream record inserted, under the submission's correlation id. */
export const relayRecord = async ({ queue }: { queue: FormulaQueue }, record: DynamoDBRecord): Promise<void> => {
  // MODIFY (the processor's status change) and REMOVE are not news for the queue.
  if (record.eventName !== 'INSERT') return;
  const message = insertRecord.parse(record);
  await queue.publish(message, correlationOfStreamRecord(record));
  metrics.addMetric(METRICS.published, MetricUnit.Count, 1);
  logger.info('formula published', { id: message.id });
};
