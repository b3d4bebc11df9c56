// What pages someone: one SNS topic that every alarm in the stack notifies (subscribed by
// `-c alarmEmail=`), alarms on what goes wrong without a user noticing, and an optional cost budget.
import { Duration, Stack, Validations } from 'aws-cdk-lib';
import type { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import { CfnBudget } from 'aws-cdk-lib/aws-budgets';
import { Alarm, ComparisonOperator, MathExpression, type IMetric, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { AppSettings } from '#model/manifest.ts';

export interface MonitoringProps {
  readonly functions: ReadonlyMap<string, IFunction>;
  readonly queues: ReadonlyMap<string, Queue>;
  /** Functions reading a DynamoDB stream (their iterator age is watched). */
  readonly streamConsumers: readonly string[];
  readonly httpApi: HttpApi;
  readonly thresholds: AppSettings['alarms'];
  readonly alarmEmail?: string;
  readonly monthlyBudgetUsd?: number;
}

const FIVE_MINUTES = Duration.minutes(5);

export class Monitoring extends Construct {
  readonly topic: Topic;

  constructor(scope: Construct, id: string, props: MonitoringProps) {
    super(scope, id);
    this.topic = new Topic(this, 'alarms', { displayName: 'Serverless suite alarms', enforceSSL: true });
    Validations.of(this.topic).acknowledge({
      id: 'AwsSolutions-SNS2',
      reason:
        'Notifications carry alarm names and states only. CloudWatch and Budgets cannot publish to a topic under the AWS managed key, and a customer key costs more than the alarms.',
    });
    if (props.alarmEmail) this.topic.addSubscription(new EmailSubscription(props.alarmEmail));

    const t = props.thresholds;
    for (const [name, fn] of props.functions) {
      // One alarm per function for both failure kinds: either means a request or record was not
      // handled (the description says which metrics to look at). Billed as two alarm metrics.
      const failures = new MathExpression({
        expression: 'FILL(errors, 0) + FILL(throttles, 0)',
        usingMetrics: {
          errors: fn.metricErrors({ period: FIVE_MINUTES }),
          throttles: fn.metricThrottles({ period: FIVE_MINUTES }),
        },
        period: FIVE_MINUTES,
        label: `${name} errors + throttles`,
      });
      this.alarm(
        `${name}-failures`,
        failures,
        0,
        `Function '${name}' failed or was throttled (see its Errors and Throttles metrics and its log group).`,
      );
    }
    this.alarm(
      'api-5xx',
      props.httpApi.metricServerError({ period: FIVE_MINUTES, statistic: 'Sum' }),
      t.maxApi5xxPerFiveMinutes,
      'The HTTP API answered 5xx (a function failed or timed out): see the access log.',
    );
    for (const [name, queue] of props.queues) {
      this.alarm(
        `${name}-oldest-message`,
        queue.metricApproximateAgeOfOldestMessage({ period: FIVE_MINUTES, statistic: 'Maximum' }),
        t.oldestMessageAgeSeconds,
        `Queue '${name}' holds a message older than ${t.oldestMessageAgeSeconds} s: its consumer is failing or far behind.`,
      );
    }
    for (const name of props.streamConsumers) {
      const fn = props.functions.get(name)!;
      this.alarm(
        `${name}-iterator-age`,
        fn.metric('IteratorAge', { period: FIVE_MINUTES, statistic: 'Maximum' }),
        t.streamIteratorAgeSeconds * 1000,
        `'${name}' is reading stream records older than ${t.streamIteratorAgeSeconds} s: a record keeps failing or the consumer is far behind.`,
      );
    }
    if (props.monthlyBudgetUsd !== undefined) this.budget(props.monthlyBudgetUsd);
  }

  /** Points every alarm under `scope` (this construct's and the queues' DLQ alarms alike) at the topic. */
  notifyEveryAlarm(scope: Construct): void {
    const action = new SnsAction(this.topic);
    for (const c of scope.node.findAll()) if (c instanceof Alarm) c.addAlarmAction(action);
  }

  private alarm(id: string, metric: IMetric, threshold: number, description: string): Alarm {
    return new Alarm(this, id, {
      metric,
      threshold,
      comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 1,
      alarmDescription: description,
      // An idle app publishes no datapoints; idle is healthy.
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
  }

  // The account's whole monthly cost (a personal account runs little else): mail at 80% of actual
  // spend and when the month's forecast passes the limit.
  private budget(limitUsd: number): void {
    this.topic.addToResourcePolicy(
      new PolicyStatement({
        actions: ['sns:Publish'],
        principals: [new ServicePrincipal('budgets.amazonaws.com')],
        resources: [this.topic.topicArn],
        conditions: { StringEquals: { 'aws:SourceAccount': Stack.of(this).account } },
      }),
    );
    const notify = (notificationType: 'ACTUAL' | 'FORECASTED', threshold: number) => ({
      notification: { notificationType, comparisonOperator: 'GREATER_THAN', threshold, thresholdType: 'PERCENTAGE' },
      subscribers: [{ subscriptionType: 'SNS', address: this.topic.topicArn }],
    });
    new CfnBudget(this, 'budget', {
      budget: { budgetType: 'COST', timeUnit: 'MONTHLY', budgetLimit: { amount: limitUsd, unit: 'USD' } },
      notificationsWithSubscribers: [notify('ACTUAL', 80), notify('FORECASTED', 100)],
    });
  }
}
