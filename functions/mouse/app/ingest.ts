// Into the session FIFO queue: a batch from the API, a gap check once its delay has passed.
import { metrics, MetricUnit } from '#shared/metrics.ts';
import { METRICS } from '../constants.ts';
import type { BatchMessage, GapCheckMessage } from '../domain/messages.ts';
import { enqueueBatch, enqueueGapCheck, type QueueConfig } from '../store/index.ts';

export interface EventsDeps {
  readonly events: QueueConfig;
}

/** Queues a validated batch in its session's group, stamped with the time the API received it. */
export const ingestBatch = async (
  deps: EventsDeps,
  sessionId: string,
  batch: Pick<BatchMessage, 'seq' | 'events'>,
): Promise<{ accepted: number; seq: number }> => {
  await enqueueBatch(deps.events, {
    session_id: sessionId,
    seq: batch.seq,
    events: batch.events,
    received_at: new Date().toISOString(),
  });
  metrics.addMetric(METRICS.accepted, MetricUnit.Count, 1);
  return { accepted: batch.events.length, seq: batch.seq };
};

/**
 * Forwards a due gap check into its session's group: there it is settled after every batch that
 * reached the queue before it, so a batch received within the bound is never passed over just
 * because the aggregator was behind.
 */
export const forwardGapCheck = (deps: EventsDeps, check: GapCheckMessage): Promise<void> =>
  enqueueGapCheck(deps.events, check);
