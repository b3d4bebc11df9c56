// SQS queues from the manifest, each with its dead-letter queue and an alarm that fires on the first
// message to land there: a DLQ message is a failed record nobody is retrying.
import { Duration } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { Queue, QueueEncryption, type QueueProps } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { dlqName } from '#model/derive.ts';
import type { QueueDef } from '#model/manifest.ts';

/** The longest SQS allows: a failed message waits for a human as long as possible. */
const DLQ_RETENTION = Duration.days(14);

/** A queue with server-side encryption (SQS-managed keys, which S3 notifications can write to) and TLS only. */
export const secureQueue = (scope: Construct, id: string, props: QueueProps = {}): Queue =>
  new Queue(scope, id, { encryption: QueueEncryption.SQS_MANAGED, enforceSSL: true, ...props });

/** Alarms as soon as a dead-letter queue holds a message. */
export const dlqAlarm = (scope: Construct, id: string, dlq: Queue, what: string): Alarm =>
  new Alarm(scope, id, {
    alarmDescription: `Messages in ${what}: records failed every retry and need a look (redrive when fixed).`,
    metric: dlq.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(1), statistic: 'Maximum' }),
    threshold: 0,
    comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
    evaluationPeriods: 1,
    // An empty DLQ publishes no datapoints while idle; that is the healthy state.
    treatMissingData: TreatMissingData.NOT_BREACHING,
  });

export class Queues extends Construct {
  readonly byName = new Map<string, Queue>();

  constructor(scope: Construct, id: string, defs: readonly QueueDef[]) {
    super(scope, id);
    for (const def of defs) {
      const fifo = def.fifo ? { fifo: true } : {};
      const dlq = secureQueue(this, dlqName(def), { ...fifo, retentionPeriod: DLQ_RETENTION });
      const queue = secureQueue(this, def.name, {
        ...fifo,
        contentBasedDeduplication: def.contentBasedDeduplication,
        visibilityTimeout: Duration.seconds(def.visibilityTimeoutSeconds),
        deadLetterQueue: { queue: dlq, maxReceiveCount: def.maxReceiveCount },
      });
      dlqAlarm(this, `${dlqName(def)}-alarm`, dlq, `the dead-letter queue of '${def.name}'`);
      this.byName.set(def.name, queue);
    }
  }
}
