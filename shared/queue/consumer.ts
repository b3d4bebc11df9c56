// The one shape of every queue and stream consumer: Powertools' BatchProcessor reports failed records
// (partial batch response), and around it the log lines carry the Lambda context and the correlation
// id of the record being handled, every failed record is logged with its reason and ids, and the
// invocation's metrics are written at its end.
import { BatchProcessor, type EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { BaseRecord, PartialItemFailureResponse } from '@aws-lambda-powertools/batch/types';
import type { Context } from 'aws-lambda';
import { logger } from '../logger.ts';
import { metrics, MetricUnit, publishMetrics, RECORDS_FAILED_METRIC } from '../metrics.ts';

/** What a record's log lines say about it: the request it came from and the ids that find it. */
export interface RecordIdentity {
  readonly correlationId: string | undefined;
  readonly ids: Readonly<Record<string, string | undefined>>;
}

export interface ConsumerOptions<R> {
  readonly identify: (record: R) => RecordIdentity;
  /**
   * Records in parallel (Promise.all) instead of one after the other. The log lines then carry the
   * batch's correlation id only when all its records share one (a bulk job's chunks usually do);
   * a failed record's line always names its own.
   */
  readonly inParallel?: boolean;
}

/** A Lambda handler for `eventType` that hands each record to `handle`; a record fails alone by throwing. */
export const batchConsumer = <R extends BaseRecord, E extends { Records: R[] }>(
  eventType: (typeof EventType)[keyof typeof EventType],
  handle: (record: R) => Promise<void>,
  { identify, inParallel = false }: ConsumerOptions<R>,
) => {
  const processor = new BatchProcessor(eventType);
  const correlate = (id: string | undefined): void => {
    if (id) logger.setCorrelationId(id);
    else logger.removeKeys(['correlation_id']);
  };
  const handleRecord = async (record: R): Promise<void> => {
    const { correlationId, ids } = identify(record);
    if (!inParallel) correlate(correlationId);
    try {
      await handle(record);
    } catch (error) {
      logger.error('record failed', { ...ids, correlation_id: correlationId, error });
      metrics.addMetric(RECORDS_FAILED_METRIC, MetricUnit.Count, 1);
      throw error;
    }
  };
  return async (event: E, context: Context): Promise<PartialItemFailureResponse> => {
    logger.addContext(context);
    if (inParallel) {
      const ids = new Set(event.Records.map((r) => identify(r).correlationId));
      correlate(ids.size === 1 ? [...ids][0] : undefined);
    }
    try {
      return await processPartialResponse(event, handleRecord, processor, { context, processInParallel: inParallel });
    } finally {
      publishMetrics();
    }
  };
};
