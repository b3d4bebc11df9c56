// Creates the manifest's tables, queues (with their DLQs) and buckets through the ordinary SDK clients
// (DynamoDB Local and fauxqs, or an external endpoint), with the same keys, indexes, streams, TTL, FIFO
// settings and redrive policies as the stack, under the physical names `name` gives them.
import {
  CreateTableCommand,
  DescribeTableCommand,
  UpdateTimeToLiveCommand,
  type AttributeDefinition,
  type DynamoDBClient,
  type KeySchemaElement,
} from '@aws-sdk/client-dynamodb';
import { CreateBucketCommand, PutBucketCorsCommand, type S3Client } from '@aws-sdk/client-s3';
import {
  CreateQueueCommand,
  GetQueueAttributesCommand,
  GetQueueUrlCommand,
  SetQueueAttributesCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import { bucketCorsRules } from '#model/bucket-cors.ts';
import { dlqName, type ResourceNames } from '#model/derive.ts';
import type { AppManifest, BucketDef, KeyDef, QueueDef, TableDef } from '#model/manifest.ts';

const keySchema = (pk: KeyDef, sk?: KeyDef): KeySchemaElement[] => [
  { AttributeName: pk.name, KeyType: 'HASH' },
  ...(sk ? [{ AttributeName: sk.name, KeyType: 'RANGE' as const }] : []),
];

const attributeDefinitions = (table: TableDef): AttributeDefinition[] => {
  const keys = [
    table.partitionKey,
    table.sortKey,
    ...(table.indexes ?? []).flatMap((i) => [i.partitionKey, i.sortKey]),
  ];
  const byName = new Map(keys.filter((k): k is KeyDef => k !== undefined).map((k) => [k.name, k.type]));
  return [...byName].map(([AttributeName, AttributeType]) => ({ AttributeName, AttributeType }));
};

export interface TableInfo {
  readonly name: string;
  readonly streamArn?: string;
}

const createTable = async (db: DynamoDBClient, table: TableDef, name: string): Promise<TableInfo> => {
  const existing = await db.send(new DescribeTableCommand({ TableName: name })).catch(() => undefined);
  if (!existing) {
    await db.send(
      new CreateTableCommand({
        TableName: name,
        BillingMode: 'PAY_PER_REQUEST',
        KeySchema: keySchema(table.partitionKey, table.sortKey),
        AttributeDefinitions: attributeDefinitions(table),
        ...(table.indexes?.length
          ? {
              GlobalSecondaryIndexes: table.indexes.map((i) => ({
                IndexName: i.name,
                KeySchema: keySchema(i.partitionKey, i.sortKey),
                Projection: { ProjectionType: 'ALL' },
              })),
            }
          : {}),
        ...(table.stream ? { StreamSpecification: { StreamEnabled: true, StreamViewType: table.stream } } : {}),
      }),
    );
    if (table.ttlAttribute) {
      await db.send(
        new UpdateTimeToLiveCommand({
          TableName: name,
          TimeToLiveSpecification: { Enabled: true, AttributeName: table.ttlAttribute },
        }),
      );
    }
  }
  const described = await db.send(new DescribeTableCommand({ TableName: name }));
  return { name, ...(described.Table?.LatestStreamArn ? { streamArn: described.Table.LatestStreamArn } : {}) };
};

export interface QueueInfo {
  readonly def: QueueDef;
  readonly url: string;
  readonly arn: string;
  readonly dlqUrl: string;
  readonly dlqArn: string;
  /** Effective visibility timeout (the manifest's, or the test override). */
  readonly visibilityTimeoutSeconds: number;
}

const createQueue = async (
  sqs: SQSClient,
  name: string,
  attributes: Record<string, string>,
): Promise<{ url: string; arn: string }> => {
  const QueueUrl = await sqs.send(new CreateQueueCommand({ QueueName: name, Attributes: attributes })).then(
    (created) => created.QueueUrl,
    async (error: Error) => {
      // Kept from an earlier run (--persist) with other settings: updated in place, as a deployment would.
      if (error.name !== 'QueueNameExists' && error.name !== 'QueueAlreadyExists') throw error;
      const { QueueUrl: url } = await sqs.send(new GetQueueUrlCommand({ QueueName: name }));
      const { FifoQueue: _, ...changeable } = attributes;
      await sqs.send(new SetQueueAttributesCommand({ QueueUrl: url, Attributes: changeable }));
      return url;
    },
  );
  const { Attributes } = await sqs.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['QueueArn'] }));
  return { url: QueueUrl!, arn: Attributes!.QueueArn! };
};

const createQueueWithDlq = async (
  sqs: SQSClient,
  def: QueueDef,
  name: (logical: string) => string,
  visibilityOverride?: number,
): Promise<QueueInfo> => {
  const fifo: Record<string, string> = def.fifo ? { FifoQueue: 'true' } : {};
  const dedup: Record<string, string> = def.contentBasedDeduplication ? { ContentBasedDeduplication: 'true' } : {};
  const dlq = await createQueue(sqs, name(dlqName(def)), { ...fifo, MessageRetentionPeriod: '1209600' });
  const visibilityTimeoutSeconds = visibilityOverride ?? def.visibilityTimeoutSeconds;
  const queue = await createQueue(sqs, name(def.name), {
    ...fifo,
    ...dedup,
    VisibilityTimeout: String(visibilityTimeoutSeconds),
    RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlq.arn, maxReceiveCount: String(def.maxReceiveCount) }),
  });
  return { def, url: queue.url, arn: queue.arn, dlqUrl: dlq.url, dlqArn: dlq.arn, visibilityTimeoutSeconds };
};

/** The bucket, and, if asked, its CORS rules as the stack sets them. */
const createBucket = async (s3: S3Client, def: BucketDef, name: string, putCors: boolean): Promise<void> => {
  await s3.send(new CreateBucketCommand({ Bucket: name }));
  const rules = bucketCorsRules(def);
  if (!putCors || rules.length === 0) return;
  const CORSRules = rules.map((r) => ({
    AllowedMethods: [...r.allowedMethods],
    AllowedOrigins: [...r.allowedOrigins],
    AllowedHeaders: [...r.allowedHeaders],
    MaxAgeSeconds: r.maxAgeSeconds,
  }));
  await s3.send(new PutBucketCorsCommand({ Bucket: name, CORSConfiguration: { CORSRules } }));
};

export interface Resources {
  readonly tables: ReadonlyMap<string, TableInfo>;
  readonly queues: ReadonlyMap<string, QueueInfo>;
  readonly buckets: ReadonlySet<string>;
  /** Physical names, as the functions' environment and the harness give them. */
  readonly names: ResourceNames;
}

export interface ResourceClients {
  readonly dynamo: DynamoDBClient;
  readonly sqs: SQSClient;
  readonly s3: S3Client;
}

export interface ResourceOptions {
  /** The test override of every queue's visibility timeout. */
  readonly visibilityOverride?: number | undefined;
  /** Give the endpoint the buckets' CORS rules (PutBucketCors); the embedded S3 applies them itself. */
  readonly putBucketCors: boolean;
}

export const createResources = async (
  app: AppManifest,
  { dynamo, sqs, s3 }: ResourceClients,
  name: (logical: string) => string,
  { visibilityOverride, putBucketCors }: ResourceOptions,
): Promise<Resources> => {
  const [tables, queues] = await Promise.all([
    Promise.all(app.tables.map((t) => createTable(dynamo, t, name(t.name)))),
    Promise.all(app.queues.map((q) => createQueueWithDlq(sqs, q, name, visibilityOverride))),
    Promise.all(app.buckets.map((b) => createBucket(s3, b, name(b.name), putBucketCors))),
  ]);
  const queuesByName = new Map(queues.map((q) => [q.def.name, q]));
  return {
    tables: new Map(app.tables.map((t, i) => [t.name, tables[i]!])),
    queues: queuesByName,
    buckets: new Set(app.buckets.map((b) => b.name)),
    names: { table: name, queueUrl: (q) => queuesByName.get(q)!.url, bucket: name, secretId: name },
  };
};
