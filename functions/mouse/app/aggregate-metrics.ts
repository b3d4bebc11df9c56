// What a settled plan adds to the invocation's metrics: batches applied, late and passed over, and
// how long each applied batch took from the API to its session.
import { metrics, MetricUnit } from '#shared/metrics.ts';
import { METRICS } from '../constants.ts';
import type { Arrival, Step } from '../domain/reorder.ts';

export const countSettled = (steps: readonly Step[], arrivals: readonly Arrival[], nowMs: number): void => {
  const receivedAt = new Map(arrivals.flatMap((a) => (a.kind === 'batch' ? [[a.batch.seq, a.batch.received_at]] : [])));
  let applied = 0;
  let late = 0;
  let passedOver = 0;
  for (const step of steps) {
    if (step.kind === 'apply') {
      applied++;
      const received = receivedAt.get(step.seq);
      if (received) metrics.addMetric(METRICS.lag, MetricUnit.Milliseconds, nowMs - Date.parse(received));
    }
    if (step.kind === 'late') late++;
    if (step.kind === 'pass') passedOver += step.skipped;
  }
  metrics.addMetric(METRICS.aggregated, MetricUnit.Count, applied);
  if (late > 0) metrics.addMetric(METRICS.late, MetricUnit.Count, late);
  if (passedOver > 0) metrics.addMetric(METRICS.passedOver, MetricUnit.Count, passedOver);
};
