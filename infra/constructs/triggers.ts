// Event source mappings from the manifest's triggers, every setting taken from the manifest entry
// but the concurrency, which the deployment's budget sets (model/concurrency.ts).
import { Duration, Validations } from 'aws-cdk-lib';
import { StartingPosition, type IFunction } from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsDlq, SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { Construct } from 'constructs';
import { type ConcurrencyBudget, ceilingOf } from '#model/concurrency.ts';
import { isQueueTrigger } from '#model/derive.ts';
import type { QueueTrigger, StreamTrigger, TriggerDef } from '#model/manifest.ts';
import type { Resources } from './data-references.ts';
import { lookup } from './lookup.ts';
import { dlqAlarm, secureQueue } from './queues.ts';

export interface TriggersProps {
  readonly triggers: readonly TriggerDef[];
  readonly functions: ReadonlyMap<string, IFunction>;
  readonly resources: Resources;
  readonly budget: ConcurrencyBudget;
}

const batchingWindow = (t: TriggerDef) =>
  t.maxBatchingWindowSeconds === undefined ? undefined : Duration.seconds(t.maxBatchingWindowSeconds);

export class Triggers extends Construct {
  constructor(scope: Construct, id: string, props: TriggersProps) {
    super(scope, id);
    for (const trigger of props.triggers) {
      const fn = lookup(props.functions, trigger.function, 'function');
      fn.addEventSource(isQueueTrigger(trigger) ? this.sqsSource(trigger, props) : this.streamSource(trigger, props));
    }
  }

  // Failed messages go to the queue's own DLQ through its redrive policy (maxReceiveCount).
  private sqsSource(t: QueueTrigger, props: TriggersProps): SqsEventSource {
    return new SqsEventSource(props.resources.queue(t.source.queue), {
      batchSize: t.batchSize,
      maxBatchingWindow: batchingWindow(t),
      reportBatchItemFailures: t.reportBatchItemFailures,
      maxConcurrency: ceilingOf(props.budget, t),
    });
  }

  // A stream record that exhausts its retries (or ages out of the 24 h stream) is otherwise dropped
  // silently; its metadata goes to an alarmed failure queue instead.
  private streamSource(t: StreamTrigger, props: TriggersProps): DynamoEventSource {
    const failures = secureQueue(this, `${t.function}-stream-failures`, { retentionPeriod: Duration.days(14) });
    dlqAlarm(this, `${t.function}-stream-failures-alarm`, failures, `the stream failure queue of '${t.function}'`);
    Validations.of(failures).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason: 'This queue is itself a dead-letter queue: the on-failure destination of a stream mapping.',
    });
    Validations.of(lookup(props.functions, t.function, 'function')).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'dynamodb:ListStreams (added by the stream event source) supports no resource-level permissions; the other stream actions are scoped to the stream ARN.',
    });
    return new DynamoEventSource(props.resources.table(t.source.table), {
      parallelizationFactor: ceilingOf(props.budget, t),
      startingPosition: StartingPosition[t.startingPosition],
      batchSize: t.batchSize,
      maxBatchingWindow: batchingWindow(t),
      retryAttempts: t.retryAttempts,
      maxRecordAge: t.maxRecordAgeSeconds === undefined ? undefined : Duration.seconds(t.maxRecordAgeSeconds),
      bisectBatchOnError: t.bisectBatchOnError,
      reportBatchItemFailures: t.reportBatchItemFailures,
      onFailure: new SqsDlq(failures),
    });
  }
}
