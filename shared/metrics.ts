// Business metrics as CloudWatch embedded metric format: log lines, no API calls. One namespace for
// the app; Powertools adds the `service` dimension (POWERTOOLS_SERVICE_NAME: the function's name);
// any other dimension must be low-cardinality (an outcome, a kind), never an id.
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { METRICS_NAMESPACE } from '#model/constants.ts';

export const metrics = new Metrics({ namespace: METRICS_NAMESPACE });
export { MetricUnit };

/** Every consumer counts the records it failed (each retried, then dead-lettered: see the DLQ depth). */
export const RECORDS_FAILED_METRIC = 'RecordsFailed';

/** Adds `value` of `name` under `dimensions` (one metric line of its own, since its dimensions are). */
export const addDimensionedMetric = (
  name: string,
  unit: (typeof MetricUnit)[keyof typeof MetricUnit],
  value: number,
  dimensions: Readonly<Record<string, string>>,
): void => {
  const single = metrics.singleMetric();
  for (const [key, dimension] of Object.entries(dimensions)) single.addDimension(key, dimension);
  single.addMetric(name, unit, value);
};

/** Writes what the invocation recorded, once, at its end (nothing when it recorded nothing). */
export const publishMetrics = (): void => {
  if (metrics.hasStoredMetrics()) metrics.publishStoredMetrics();
};
