import { logger } from '#shared/logger.ts';
import { metrics, MetricUnit } from '#shared/metrics.ts';
import { METRICS } from '../constants.ts';
import type { FormulaMessage } from '../domain/messages.ts';
import type { StatusUpdater } from '../store/index.ts';

/** Moves the message's formula queued -> processed; throws (failing its record) when there is no such formula. */
export const processMessage = async (
  { store }: { store: StatusUpdater },
  message: FormulaMessage,
  deliveryCount: number,
): Promise<void> => {
  const outcome = await store.markProcessed(message, new Date().toISOString(), deliveryCount);
  // A message for no such formula cannot succeed later either: failing it sends it to the DLQ to inspect.
  if (outcome === 'missing')
    throw new Error(`No queued formula ${message.id} with fingerprint ${message.fingerprint}.`);
  if (outcome === 'already-processed') {
    logger.info('duplicate delivery ignored', { id: message.id });
    return;
  }
  metrics.addMetric(METRICS.processed, MetricUnit.Count, 1);
  logger.info('formula processed', { id: message.id, delivery_count: deliveryCount });
};
