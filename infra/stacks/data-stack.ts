// The stateful stack: every table, queue (with its DLQ), bucket and secret of the manifest, and the
// alarm topic. What is here holds data or state a person set up (a confirmed subscription), changes
// rarely and is retained by default; the stateless stacks around it can be replaced, destroyed and
// redeployed freely. Each name another stack needs is published as an SSM parameter.
import { CfnOutput, Duration, Stack, type StackProps } from 'aws-cdk-lib';
import type { Table } from 'aws-cdk-lib/aws-dynamodb';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { removalPolicyOf } from '../context.ts';
import { API_KEY_SECRET } from '#model/constants.ts';
import { functionSecrets } from '#model/derive.ts';
import type { ResolvedApp } from '#model/manifest.ts';
import { AlarmTopic, notifyEveryAlarm } from '../constructs/alarm-topic.ts';
import { sustainedAlarm } from '../constructs/alarms.ts';
import { Buckets } from '../constructs/buckets.ts';
import type { Resources } from '../constructs/data-references.ts';
import { giveEveryFunctionALogGroup } from '../constructs/log-groups.ts';
import { lookup } from '../constructs/lookup.ts';
import { PARAMETERS, publish } from '../constructs/parameters.ts';
import { Queues } from '../constructs/queues.ts';
import { Secrets } from '../constructs/secrets.ts';
import { Tables } from '../constructs/tables.ts';
import { acknowledgeBasicExecutionRole, type SuiteStackProps } from './common.ts';

export class DataStack extends Stack implements Resources {
  readonly tables: ReadonlyMap<string, Table>;
  readonly queues: ReadonlyMap<string, Queue>;
  readonly buckets: Buckets;
  readonly alarmTopic: AlarmTopic;
  private readonly secrets: Secrets;

  constructor(scope: Construct, id: string, props: StackProps & SuiteStackProps) {
    super(scope, id, props);
    const { manifest, options, appName } = props;
    const settings = options.settings;
    const removalPolicy = removalPolicyOf(options);
    acknowledgeBasicExecutionRole(this);

    this.tables = new Tables(this, 'Tables', manifest.tables, removalPolicy).byName;
    this.queues = new Queues(this, 'Queues', manifest.queues).byName;
    this.buckets = new Buckets(this, 'Buckets', {
      defs: manifest.buckets,
      queues: this.queues,
      removalPolicy,
      retention: settings.retention,
    });
    this.secrets = new Secrets(
      this,
      'Secrets',
      manifest.functions.flatMap((f) => functionSecrets(manifest, f)),
    );
    this.alarmTopic = new AlarmTopic(this, 'Alarms', options);
    this.queueAgeAlarms(manifest);
    this.publishNames(manifest, appName);
    notifyEveryAlarm(this, this.alarmTopic.topic);
    giveEveryFunctionALogGroup(this, settings.retention.logDays as RetentionDays);
    const apiKey = this.secrets.byName.get(API_KEY_SECRET);
    if (apiKey)
      new CfnOutput(this, 'ApiKeySecretArn', {
        value: apiKey.secretArn,
        description: 'Read the API key: aws secretsmanager get-secret-value --secret-id <this>',
      });
  }

  table(name: string) {
    return lookup(this.tables, name, 'table');
  }
  queue(name: string) {
    return lookup(this.queues, name, 'queue');
  }
  dlq(name: string) {
    return this.queue(name).deadLetterQueue!.queue;
  }
  bucket(name: string) {
    return lookup(this.buckets.byName, name, 'bucket');
  }
  secret(name: string) {
    return lookup(this.secrets.byName, name, 'secret');
  }

  // Sized per queue: a queue that fills in bursts by design (an import) says how old its oldest
  // message gets in normal use; past that its consumer is failing, throttled or far behind.
  private queueAgeAlarms(manifest: ResolvedApp): void {
    const t = manifest.settings.alarms;
    for (const def of manifest.queues) {
      const seconds = def.expectedBacklogSeconds ?? t.oldestMessageAgeSeconds;
      sustainedAlarm(this, `${def.name}-oldest-message`, {
        metric: this.queue(def.name).metricApproximateAgeOfOldestMessage({
          period: Duration.minutes(5),
          statistic: 'Maximum',
        }),
        threshold: seconds,
        thresholds: t,
        description:
          `Queue '${def.name}' holds a message older than ${seconds} s, more than its normal backlog: its ` +
          "consumer is failing (its failures alarm, its log group), throttled (the account's concurrency " +
          'alarms) or capped too low for the load (docs/deploying.md, concurrency budget).',
      });
    }
  }

  private publishNames(manifest: ResolvedApp, app: string): void {
    for (const def of manifest.tables) {
      const table = this.table(def.name);
      publish(this, app, PARAMETERS.tableName(def.name), table.tableName);
      if (def.stream) publish(this, app, PARAMETERS.tableStreamArn(def.name), table.tableStreamArn!);
    }
    for (const def of manifest.queues) {
      publish(this, app, PARAMETERS.queueArn(def.name), this.queue(def.name).queueArn);
      publish(this, app, PARAMETERS.dlqArn(def.name), this.dlq(def.name).queueArn);
    }
    for (const [name, bucket] of this.buckets.byName)
      publish(this, app, PARAMETERS.bucketName(name), bucket.bucketName);
    for (const [name, secret] of this.secrets.byName) publish(this, app, PARAMETERS.secretArn(name), secret.secretArn);
    publish(this, app, PARAMETERS.alarmTopicArn(), this.alarmTopic.topic.topicArn);
  }
}
