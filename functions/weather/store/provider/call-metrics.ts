// What every HTTP attempt to the provider adds to the invocation's metrics: one call, its latency, and
// whether it failed or was throttled.
import { metrics, MetricUnit } from '#shared/metrics.ts';
import { METRICS } from '../../constants.ts';

export type CallOutcome = 'answered' | 'throttled' | 'failed';

export const countProviderCall = (outcome: CallOutcome, startedMs: number): void => {
  metrics.addMetric(METRICS.providerCalls, MetricUnit.Count, 1);
  metrics.addMetric(METRICS.providerLatency, MetricUnit.Milliseconds, Date.now() - startedMs);
  if (outcome === 'throttled') metrics.addMetric(METRICS.providerThrottled, MetricUnit.Count, 1);
  if (outcome === 'failed') metrics.addMetric(METRICS.providerErrors, MetricUnit.Count, 1);
};
