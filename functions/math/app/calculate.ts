import { addDimensionedMetric, MetricUnit } from '#shared/metrics.ts';
import { METRICS } from '../constants.ts';
import type { AnyCalculation } from '../domain/calculation.ts';
import type { RequestTracker } from '../store/index.ts';

/** Computes `calc` for a validated query and counts the request: the value, the query echoed, the tracking. */
export const calculate = async (
  { store }: { store: RequestTracker },
  calc: AnyCalculation,
  query: Record<string, unknown>,
) => {
  const datetime = new Date().toISOString();
  const value: unknown = calc.compute(query);
  const tracked = await store.trackRequest(calc.name, calc.key(query), query, value, datetime);
  addDimensionedMetric(METRICS.served, MetricUnit.Count, 1, { calculation: calc.name });
  return { datetime, value, ...query, ...tracked };
};
