// The dashboard's widgets, one builder per question an on-call person asks. Every metric is named
// literally (deterministic function names, queues by their SSM-published ARNs), so the dashboard
// needs no export from the stacks that own what it shows.
import { Duration } from 'aws-cdk-lib';
import {
  Color,
  GraphWidget,
  type IMetric,
  LogQueryVisualizationType,
  LogQueryWidget,
  Metric,
  SearchExpression,
} from 'aws-cdk-lib/aws-cloudwatch';
import type { ILogGroup } from 'aws-cdk-lib/aws-logs';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { METRICS_NAMESPACE } from '#model/constants.ts';
import type { ServiceMetrics } from '#model/manifest.ts';
import { RECORDS_FAILED_METRIC } from '#shared/metrics.ts';

export const PERIOD = Duration.minutes(5);
/** A third of the dashboard's 24 columns: three widgets a row. */
const WIDTH = 8;
const HEIGHT = 6;
const PERCENTILES = ['p50', 'p95', 'p99'] as const;

const graph = (title: string, left: IMetric[]) =>
  new GraphWidget({ title, left, width: WIDTH, height: HEIGHT, period: PERIOD });

/** Lambda's ConcurrentExecutions for the whole region, with the quota the budget was made for drawn across. */
export const accountConcurrencyWidget = (quota: number, alarmLevel: number): GraphWidget =>
  new GraphWidget({
    title: 'Account: Lambda concurrent executions (all functions of the region)',
    left: [
      new Metric({
        namespace: 'AWS/Lambda',
        metricName: 'ConcurrentExecutions',
        statistic: 'Maximum',
        period: Duration.minutes(1),
        label: 'Concurrent executions (max)',
      }),
    ],
    right: [
      new Metric({
        namespace: 'AWS/Lambda',
        metricName: 'Throttles',
        statistic: 'Sum',
        period: Duration.minutes(1),
        label: 'Throttles',
        color: Color.RED,
      }),
    ],
    leftAnnotations: [
      { value: quota, label: `Quota (-c accountConcurrency=${quota})`, color: Color.RED },
      { value: alarmLevel, label: 'Account concurrency alarm', color: Color.ORANGE },
    ],
    leftYAxis: { min: 0, max: quota, showUnits: false },
    width: 24,
    height: HEIGHT,
  });

/**
 * Per route, from the access log: the API's own metrics are per stage unless detailed (per-route)
 * metrics are on, and those are billed as custom metrics, each route's six every month. A Logs
 * Insights query over the access log (ACCESS_LOG_FORMAT) costs by what it scans, only when it runs.
 */
export const routeWidgets = (accessLogs: ILogGroup, routeKeys: readonly string[]): LogQueryWidget[] => {
  const filter = `filter routeKey in ${JSON.stringify(routeKeys)}`;
  const query = (title: string, stats: string) =>
    new LogQueryWidget({
      title,
      logGroupNames: [accessLogs.logGroupName],
      queryLines: [filter, stats],
      view: LogQueryVisualizationType.TABLE,
      width: WIDTH,
      height: HEIGHT,
    });
  return [
    query(
      'API latency by route (ms, access log)',
      'stats pct(latencyMs, 50) as p50, pct(latencyMs, 95) as p95, pct(latencyMs, 99) as p99, count(*) as requests by routeKey',
    ),
    query(
      'API 4xx and 5xx by route (access log)',
      'fields floor(status / 100) as class | filter class >= 4 | stats count(*) as responses by routeKey, class',
    ),
  ];
};

const lambdaMetric = (fn: string, label: string, metricName: string, statistic: string) =>
  new Metric({ namespace: 'AWS/Lambda', metricName, dimensionsMap: { FunctionName: fn }, statistic, label });

/** Function names: [manifest name (the label), deployed name]. */
export type FunctionNames = readonly (readonly [string, string])[];

export const functionWidgets = (functions: FunctionNames): GraphWidget[] => {
  const each = (metricName: string, statistic: string) =>
    functions.map(([label, fn]) => lambdaMetric(fn, label, metricName, statistic));
  return [
    graph('Lambda errors', each('Errors', 'Sum')),
    graph('Lambda throttles', each('Throttles', 'Sum')),
    graph('Lambda duration p95 (ms)', each('Duration', 'p95')),
    graph('Lambda concurrent executions (max)', each('ConcurrentExecutions', 'Maximum')),
  ];
};

/** Queue name (the label) and the queue, its dead-letter queue apart. */
export interface QueueView {
  readonly name: string;
  readonly queue?: IQueue;
  readonly dlq: IQueue;
}

export const queueWidgets = (queues: readonly QueueView[]): GraphWidget[] => {
  const live = queues.filter((q): q is QueueView & { queue: IQueue } => q.queue !== undefined);
  const max = { statistic: 'Maximum', period: PERIOD };
  return [
    ...(live.length === 0
      ? []
      : [
          graph(
            'Queue depth (visible messages)',
            live.map((q) => q.queue.metricApproximateNumberOfMessagesVisible({ ...max, label: q.name })),
          ),
          graph(
            'Queue oldest message age (s)',
            live.map((q) => q.queue.metricApproximateAgeOfOldestMessage({ ...max, label: q.name })),
          ),
        ]),
    graph(
      'Dead-letter and failure queue depth',
      queues.map((q) => q.dlq.metricApproximateNumberOfMessagesVisible({ ...max, label: `${q.name} DLQ` })),
    ),
  ];
};

/**
 * Business metrics by name across every dimension the functions add (`service`, `outcome`, ...): a
 * search finds each combination that has data, so a new dimension value needs no dashboard change.
 */
const search = (metricName: string, statistic: string, { andTerms = '', label = '' } = {}) =>
  new SearchExpression({
    expression: `SEARCH('Namespace="${METRICS_NAMESPACE}" MetricName="${metricName}"${andTerms}', '${statistic}', ${PERIOD.toSeconds()})`,
    // Each series is named by its dimensions; the label prefixes them (the percentile).
    label,
    period: PERIOD,
  });

export const businessWidgets = (metrics: ServiceMetrics, consumers: readonly string[]): GraphWidget[] => {
  const counts = metrics.counts ?? [];
  const timings = metrics.timings ?? [];
  const anyConsumer = consumers.map((fn) => `service="${fn}"`).join(' OR ');
  return [
    ...(counts.length
      ? [
          graph(
            'Business metrics (sum per 5 min)',
            counts.map((m) => search(m, 'Sum')),
          ),
        ]
      : []),
    ...timings.map((m) =>
      graph(
        `${m} (ms)`,
        PERCENTILES.map((p) => search(m, p, { label: p })),
      ),
    ),
    ...(consumers.length
      ? [
          graph('Records failed by consumers (retried, then dead-lettered)', [
            search(RECORDS_FAILED_METRIC, 'Sum', { andTerms: ` (${anyConsumer})` }),
          ]),
        ]
      : []),
  ];
};
