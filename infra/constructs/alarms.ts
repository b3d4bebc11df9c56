// Alarms that mean something: a rate or a level over several periods (M of N, from the settings), so
// one bad minute or a routine throttle does not page; every description says what to look at and do.
import { Duration } from 'aws-cdk-lib';
import {
  Alarm,
  ComparisonOperator,
  type IMetric,
  MathExpression,
  Metric,
  TreatMissingData,
} from 'aws-cdk-lib/aws-cloudwatch';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import type { AppSettings } from '#model/manifest.ts';

export const FIVE_MINUTES = Duration.minutes(5);

type Thresholds = AppSettings['alarms'];

/** An alarm over the settings' M of N five-minute periods. Missing data is healthy: an idle app publishes none. */
export const sustainedAlarm = (
  scope: Construct,
  id: string,
  props: { metric: IMetric; threshold: number; description: string; thresholds: Thresholds },
): Alarm =>
  new Alarm(scope, id, {
    metric: props.metric,
    threshold: props.threshold,
    comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
    evaluationPeriods: props.thresholds.evaluationPeriods,
    datapointsToAlarm: props.thresholds.datapointsToAlarm,
    alarmDescription: props.description,
    treatMissingData: TreatMissingData.NOT_BREACHING,
  });

export interface FunctionAlarmsProps {
  readonly functions: ReadonlyMap<string, IFunction>;
  /** Functions reading a DynamoDB stream (their iterator age is watched). */
  readonly streamConsumers: readonly string[];
  readonly thresholds: Thresholds;
}

/** Per function: the share of invocations failed or throttled; per stream consumer: how far behind it reads. */
export class FunctionAlarms extends Construct {
  constructor(scope: Construct, id: string, props: FunctionAlarmsProps) {
    super(scope, id);
    const t = props.thresholds;
    for (const [name, fn] of props.functions) {
      // Throttled requests are not invocations: both count in the denominator. Billed as three alarm metrics.
      const failedPercent = new MathExpression({
        expression:
          'IF(FILL(invocations, 0) + FILL(throttles, 0) > 0, ' +
          '100 * (FILL(errors, 0) + FILL(throttles, 0)) / (FILL(invocations, 0) + FILL(throttles, 0)), 0)',
        usingMetrics: {
          invocations: fn.metricInvocations({ period: FIVE_MINUTES }),
          errors: fn.metricErrors({ period: FIVE_MINUTES }),
          throttles: fn.metricThrottles({ period: FIVE_MINUTES }),
        },
        period: FIVE_MINUTES,
        label: `${name} failed or throttled, % of requests`,
      });
      sustainedAlarm(this, `${name}-failures`, {
        metric: failedPercent,
        threshold: t.functionFailurePercent,
        thresholds: t,
        description:
          `More than ${t.functionFailurePercent}% of '${name}' invocations failed or were throttled, in ` +
          `${t.datapointsToAlarm} of ${t.evaluationPeriods} five-minute periods. Errors: read its log group ` +
          '(filter level ERROR). Throttles: the account concurrency alarm says whether the quota is reached ' +
          '(docs/deploying.md, concurrency budget).',
      });
    }
    for (const name of props.streamConsumers) {
      const fn = props.functions.get(name)!;
      sustainedAlarm(this, `${name}-iterator-age`, {
        metric: fn.metric('IteratorAge', { period: FIVE_MINUTES, statistic: 'Maximum' }),
        threshold: t.streamIteratorAgeSeconds * 1000,
        thresholds: t,
        description:
          `'${name}' is reading stream records older than ${t.streamIteratorAgeSeconds} s: a record keeps ` +
          'failing (its log group; after the retries it lands in the stream failure queue) or the consumer is ' +
          'throttled (the account concurrency alarm).',
      });
    }
  }
}

/** The account's Lambda concurrency, all functions together (CloudWatch publishes it without dimensions). */
const accountMetric = (metricName: string, statistic: string, period: Duration) =>
  new Metric({ namespace: 'AWS/Lambda', metricName, statistic, period });

export interface AccountAlarmsProps {
  /** The account's concurrency quota this deployment was budgeted for. */
  readonly quota: number;
  readonly thresholds: Thresholds;
}

/** Whether the region's concurrency quota is running out, or already throttling anything. */
export class AccountAlarms extends Construct {
  constructor(scope: Construct, id: string, props: AccountAlarmsProps) {
    super(scope, id);
    const t = props.thresholds;
    const level = Math.max(1, Math.floor((props.quota * t.accountConcurrencyPercent) / 100));
    const advice =
      'Look at which functions run (Lambda console, Concurrent executions by function): a backlog is capped ' +
      'by the budget, so a lasting peak means the quota is too small for the load. Ask for a higher quota ' +
      '(Service Quotas, Lambda, Concurrent executions; docs/deploying.md) and redeploy with ' +
      '-c accountConcurrency=<new quota>.';
    sustainedAlarm(this, 'account-concurrency', {
      metric: accountMetric('ConcurrentExecutions', 'Maximum', FIVE_MINUTES),
      // "Greater than" level - 1: reaching the level is what counts.
      threshold: level - 1,
      thresholds: t,
      description: `The account ran ${level} or more of its ${props.quota} concurrent executions (${t.accountConcurrencyPercent}%). ${advice}`,
    });
    sustainedAlarm(this, 'account-throttles', {
      metric: accountMetric('Throttles', 'Sum', FIVE_MINUTES),
      threshold: 0,
      thresholds: t,
      description: `Lambda throttled invocations in this region (all functions): users get 429/5xx and queue receives are retried. ${advice}`,
    });
  }
}
