// S3 event notifications. fauxqs does not send them: every object created in a bucket under a notified
// prefix becomes an `ObjectCreated:Put` event message on the configured queue, shaped as S3 shapes it
// (URL-encoded key, size, eTag, sequencer). An external endpoint gets the buckets' notification
// configuration, as the stack sets it, and sends them itself.
import { setTimeout as sleep } from 'node:timers/promises';
import { HeadObjectCommand, PutBucketNotificationConfigurationCommand, type S3Client } from '@aws-sdk/client-s3';
import { SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { S3Event, S3EventRecord } from 'aws-lambda';
import type { FauxqsServer } from 'fauxqs';
import type { BucketDef } from '#model/manifest.ts';
import type { QueueInfo } from '../resources.ts';
import { nothingToRead, type EventSource } from './event-source.ts';
import type { NotificationOutbox, PendingNotification } from './notification-outbox.ts';

/** S3 form-encodes keys in notifications: spaces become '+', slashes stay. */
export const encodeS3Key = (key: string): string =>
  encodeURIComponent(key).replaceAll('%2F', '/').replaceAll('%20', '+');

let sequence = 0;

const RETRY_BASE_MS = 200;
const RETRY_MAX_MS = 5000;

export const s3Record = (
  bucket: string,
  key: string,
  size: number,
  eTag: string,
  region: string,
  configurationId: string,
): S3EventRecord => ({
  eventVersion: '2.1',
  eventSource: 'aws:s3',
  awsRegion: region,
  eventTime: new Date().toISOString(),
  eventName: 'ObjectCreated:Put',
  userIdentity: { principalId: 'AWS:LOCALSANDBOX' },
  requestParameters: { sourceIPAddress: '127.0.0.1' },
  responseElements: { 'x-amz-request-id': crypto.randomUUID(), 'x-amz-id-2': crypto.randomUUID() },
  s3: {
    s3SchemaVersion: '1.0',
    configurationId,
    bucket: { name: bucket, ownerIdentity: { principalId: 'LOCALSANDBOX' }, arn: `arn:aws:s3:::${bucket}` },
    object: {
      key: encodeS3Key(key),
      size,
      eTag: eTag.replaceAll('"', ''),
      sequencer: (++sequence).toString(16).toUpperCase().padStart(16, '0'),
    },
  },
});

export interface NotificationDeps {
  readonly buckets: readonly BucketDef[];
  readonly queues: ReadonlyMap<string, QueueInfo>;
  readonly s3: S3Client;
  readonly sqs: SQSClient;
  /** Physical name of a manifest bucket. */
  readonly name: (logical: string) => string;
  readonly region: string;
}

const notificationId = (bucket: string, queue: string): string => `${bucket}-to-${queue}`;

/** fauxqs: every upload under a notified prefix is sent on as S3 would send it. */
export class S3NotificationForwarder implements EventSource {
  private running = false;
  /** Cuts a retry's wait short when the sandbox stops. */
  private stopping = new AbortController();
  /** Notifications being sent. */
  private readonly sending = new Set<Promise<void>>();

  constructor(
    private readonly fauxqs: FauxqsServer,
    private readonly deps: NotificationDeps,
    private readonly outbox: NotificationOutbox,
  ) {}

  get busy(): boolean {
    return this.sending.size > 0;
  }

  readonly checkpoint = nothingToRead;

  async start(): Promise<void> {
    this.running = true;
    this.stopping = new AbortController();
    // The spy is fauxqs's only upload hook: a filter that never matches sees every event and stays registered.
    void this.fauxqs.spy.waitForMessage((message) => {
      if (!this.running || message.service !== 's3' || message.status !== 'uploaded') return false;
      const bucket = this.deps.buckets.find((b) => b.name === message.bucket);
      for (const target of bucket?.notifications?.filter((n) => message.key.startsWith(n.prefix)) ?? []) {
        const notification = { bucket: message.bucket, key: message.key, queue: target.queue };
        this.forward(this.outbox.add(notification), notification);
      }
      return false;
    });
    // An earlier run's (with --persist) that were noted and never sent.
    for (const [id, notification] of this.outbox.entries()) this.forward(id, notification);
  }

  /**
   * Sends one noted notification, again and again while the sandbox runs (S3 retries a delivery that fails,
   * and a job whose notification is dropped stays queued for good); it stays noted if the sandbox stops first.
   */
  private forward(id: string, notification: PendingNotification): void {
    const sent = this.deliver(id, notification).finally(() => this.sending.delete(sent));
    this.sending.add(sent);
  }

  private async deliver(id: string, { bucket, key, queue }: PendingNotification): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        await this.send(bucket, key, this.deps.queues.get(queue)!);
        this.outbox.remove(id);
        return;
      } catch (error) {
        if (!this.running) {
          console.error(
            `[sandbox] S3 notification for ${key} not sent (${(error as Error).message}); kept for the next start`,
          );
          return;
        }
        const delayMs = Math.min(RETRY_MAX_MS, RETRY_BASE_MS * 2 ** (attempt - 1));
        console.error(
          `[sandbox] S3 notification for ${key} failed (${(error as Error).message}); retrying in ${delayMs} ms`,
        );
        await sleep(delayMs, undefined, { signal: this.stopping.signal }).catch(() => undefined);
      }
    }
  }

  halt(): void {
    this.running = false;
    this.stopping.abort();
  }

  async stop(): Promise<void> {
    this.halt();
    await Promise.allSettled(this.sending);
  }

  private async send(bucket: string, key: string, queue: QueueInfo): Promise<void> {
    const { s3, sqs, region } = this.deps;
    const head = await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
    const event: S3Event = {
      Records: [
        s3Record(bucket, key, head.ContentLength ?? 0, head.ETag ?? '', region, notificationId(bucket, queue.def.name)),
      ],
    };
    await sqs.send(new SendMessageCommand({ QueueUrl: queue.url, MessageBody: JSON.stringify(event) }));
  }
}

/**
 * An S3 that sends events itself gets the stack's configuration (every ObjectCreated event under the
 * prefix) at start; the events then arrive on the queues, where idle() counts them.
 */
export const configuredS3Notifications = ({ buckets, queues, s3, name }: NotificationDeps): EventSource => ({
  start: async () => {
    for (const b of buckets) {
      if (!b.notifications?.length) continue;
      const QueueConfigurations = b.notifications.map((n) => ({
        Id: notificationId(b.name, n.queue),
        QueueArn: queues.get(n.queue)!.arn,
        Events: ['s3:ObjectCreated:*' as const],
        Filter: { Key: { FilterRules: [{ Name: 'prefix' as const, Value: n.prefix }] } },
      }));
      const NotificationConfiguration = { QueueConfigurations };
      await s3.send(new PutBucketNotificationConfigurationCommand({ Bucket: name(b.name), NotificationConfiguration }));
    }
  },
  halt: () => undefined,
  stop: async () => undefined,
  busy: false,
  checkpoint: nothingToRead,
});
