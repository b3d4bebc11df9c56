// Start-up step: one event source per trigger (an SQS or a DynamoDB Streams poller, as Lambda's event
// source mappings) and the buckets' S3 notifications.
import type { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import type { S3Client } from '@aws-sdk/client-s3';
import type { SQSClient } from '@aws-sdk/client-sqs';
import type { FauxqsServer } from 'fauxqs';
import { appBudget, ceilingOf, type ConcurrencyBudget } from '#model/concurrency.ts';
import { isQueueTrigger } from '#model/derive.ts';
import type { AppManifest, TriggerDef } from '#model/manifest.ts';
import type { Invoker } from '../invoker.ts';
import type { Resources } from '../resources.ts';
import type { OnStop } from '../stop-list.ts';
import type { EventSource } from './event-source.ts';
import { configuredS3Notifications, S3NotificationForwarder, type NotificationDeps } from './s3-notifications.ts';
import { SqsPoller } from './sqs.ts';
import type { NotificationOutbox } from './notification-outbox.ts';
import { StreamPoller } from './stream.ts';
import type { StreamPositions } from './stream-positions.ts';

export type { EventSource } from './event-source.ts';

export interface EventSourceDeps {
  readonly resources: Resources;
  readonly clients: { readonly sqs: SQSClient; readonly s3: S3Client; readonly streams: DynamoDBStreamsClient };
  readonly invoker: Invoker;
  /** Physical name of a manifest resource. */
  readonly name: (logical: string) => string;
  readonly region: string;
  /** Set when embedded: S3 notifications are forwarded through it. */
  readonly fauxqs?: FauxqsServer | undefined;
  /** Where the stream mappings have got to, and the S3 notifications not yet sent (files with --persist). */
  readonly streamPositions: StreamPositions;
  readonly notificationOutbox: NotificationOutbox;
  /** Ends the functions' environments, failing what still runs in them. */
  readonly stopFunctions: () => Promise<void>;
}

const triggerSource = (trigger: TriggerDef, budget: ConcurrencyBudget, deps: EventSourceDeps): EventSource => {
  const { resources, clients, invoker, region } = deps;
  if (isQueueTrigger(trigger)) {
    // The ceiling a deploy without context gives the mapping (infra/constructs/triggers.ts).
    const queue = resources.queues.get(trigger.source.queue)!;
    return new SqsPoller(trigger, queue, clients.sqs, invoker, region, ceilingOf(budget, trigger));
  }
  const arn = resources.tables.get(trigger.source.table)?.streamArn;
  if (!arn) throw new Error(`Table ${trigger.source.table} has no stream for ${trigger.function}.`);
  return new StreamPoller(trigger, arn, clients.streams, invoker, region, deps.streamPositions);
};

const s3Notifications = (app: AppManifest, deps: EventSourceDeps): EventSource => {
  const { resources, clients, name, region, fauxqs } = deps;
  const { s3, sqs } = clients;
  const notificationDeps: NotificationDeps = { buckets: app.buckets, queues: resources.queues, s3, sqs, name, region };
  return fauxqs
    ? new S3NotificationForwarder(fauxqs, notificationDeps, deps.notificationOutbox)
    : configuredS3Notifications(notificationDeps);
};

/**
 * Started all at once: nothing is written before a stream reads from its starting position (or, with
 * --persist, from where the last run left it). `onStop` gets their stop, which halts them, ends the
 * functions' environments (failing what still runs, rather than waiting out a timeout), then awaits the
 * sources' loops.
 */
export const startEventSources = async (
  app: AppManifest,
  deps: EventSourceDeps,
  onStop: OnStop,
): Promise<readonly EventSource[]> => {
  const budget = appBudget(app);
  const sources = [...app.triggers.map((t) => triggerSource(t, budget, deps)), s3Notifications(app, deps)];
  onStop(async () => {
    for (const source of sources) source.halt();
    await deps.stopFunctions();
    await Promise.all(sources.map((s) => s.stop()));
  });
  await Promise.all(sources.map((s) => s.start()));
  return sources;
};
