// S3 event notifications. fauxqs does not send them: every object created in a bucket under a notified
// prefix becomes an `ObjectCreated:Put` event message on the configured queue, shaped as S3 shapes it
// (URL-encoded key, size, eTag, sequencer). An external endpoint gets the buckets' notification
// configuration, as the stack sets it, and sends them itself.
import { HeadObjectCommand, PutBucketNotificationConfigurationCommand, type S3Client } from '@aws-sdk/client-s3';
import { SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { S3Event, S3EventRecord } from 'aws-lambda';
import type { FauxqsServer } from 'fauxqs';
import type { BucketDef } from '#model/manifest.ts';
import type { QueueInfo } from './resources.ts';

/** S3 form-encodes keys in notifications: spaces become '+', slashes stay. */
export const encodeS3Key = (key: string): string =>
  encodeURIComponent(key).replaceAll('%2F', '/').replaceAll('%20', '+');

let sequence = 0;

export const s3Record = (bucket: string, key: string, size: number, eTag: string, region: string, configurationId: string): S3EventRecord => ({
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
    object: { key: encodeS3Key(key), size, eTag: eTag.replaceAll('"', ''), sequencer: (++sequence).toString(16).toUpperCase().padStart(16, '0') },
  },
});

export interface NotificationDeps {
  readonly fauxqs: FauxqsServer;
  readonly buckets: readonly BucketDef[];
  readonly queues: ReadonlyMap<string, QueueInfo>;
  readonly s3: S3Client;
  readonly sqs: SQSClient;
  readonly region: string;
}

const notificationId = (bucket: string, queue: string): string => `${bucket}-to-${queue}`;

/** The stack's configuration (every ObjectCreated event under the prefix), for an S3 that sends events itself. */
export const configureS3Notifications = async (s3: S3Client, buckets: readonly BucketDef[], queues: ReadonlyMap<string, QueueInfo>, name: (logical: string) => string): Promise<void> => {
  for (const b of buckets) {
    if (!b.notifications?.length) continue;
    const QueueConfigurations = b.notifications.map((n) => ({
      Id: notificationId(b.name, n.queue),
      QueueArn: queues.get(n.queue)!.arn,
      Events: ['s3:ObjectCreated:*' as const],
      Filter: { Key: { FilterRules: [{ Name: 'prefix' as const, Value: n.prefix }] } },
    }));
    await s3.send(new PutBucketNotificationConfigurationCommand({ Bucket: name(b.name), NotificationConfiguration: { QueueConfigurations } }));
  }
};

/** Starts forwarding; returns a tracker of notifications still being sent (for idle()). */
export const forwardS3Notifications = ({ fauxqs, buckets, queues, s3, sqs, region }: NotificationDeps): { readonly pending: () => number } => {
  let pending = 0;
  const send = async (bucket: string, key: string, queue: QueueInfo): Promise<void> => {
    const head = await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
    const event: S3Event = { Records: [s3Record(bucket, key, head.ContentLength ?? 0, head.ETag ?? '', region, notificationId(bucket, queue.def.name))] };
    await sqs.send(new SendMessageCommand({ QueueUrl: queue.url, MessageBody: JSON.stringify(event) }));
  };
  // The spy is fauxqs's only upload hook: a filter that never matches sees every event and stays registered.
  void fauxqs.spy.waitForMessage((message) => {
    if (message.service !== 's3' || message.status !== 'uploaded') return false;
    const targets = buckets.find((b) => b.name === message.bucket)?.notifications?.filter((n) => message.key.startsWith(n.prefix)) ?? [];
    for (const target of targets) {
      pending++;
      send(message.bucket, message.key, queues.get(target.queue)!)
        .catch((error: unknown) => console.error(`[sandbox] S3 notification for ${message.key} failed:`, (error as Error).message))
        .finally(() => pending--);
    }
    return false;
  });
  return { pending: () => pending };
};
