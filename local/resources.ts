// Creates the manifest's tables, queues (with their DLQs) and buckets in DynamoDB Local and fauxqs,
// with the same keys, indexes, streams, TTL, FIFO settings and redrive policies as the stack.
import {
  CreateTableCommand,
  DescribeTableCommand,
  UpdateTimeToLiveCommand,
  type AttributeDefinition,
  type DynamoDBClient,
  type KeySchemaElement,
} from '@aws-sdk/client-dynamodb';
import type { FauxqsServer } from 'fauxqs';
import { dlqName } from '../infra/manifest-derive.ts';
import type { AppManifest, KeyDef, QueueDef, TableDef } from '../infra/manifest-types.ts';

const keySchema = (pk: KeyDef, sk?: KeyDef): KeySchemaElement[] => [
  { AttributeName: pk.name, KeyType: 'HASH' },
  ...(sk ? [{ AttributeName: sk.name, KeyType: 'RANGE' as const }] : []),
];

const attributeDefinitions = (table: TableDef): AttributeDefinition[] => {
  const keys = [table.partitionKey, table.sortKey, ...(table.indexes ?? []).flatMap((i) => [i.partitionKey, i.sortKey])];
  const byName = new Map(keys.filter((k): k is KeyDef => k !== undefined).map((k) => [k.name, k.type]));
  return [...byName].map(([AttributeName, AttributeType]) => ({ AttributeName, AttributeType }));
};

export interface TableInfo {
  readonly name: string;
  readonly streamArn?: string;
}

const createTable = async (db: DynamoDBClient, table: TableDef): Promise<TableInfo> => {
  const existing = await db.send(new DescribeTableCommand({ TableName: table.name })).catch(() => undefined);
  if (!existing) {
    await db.send(
      new CreateTableCommand({
        TableName: table.name,
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
        new UpdateTimeToLiveCommand({ TableName: table.name, TimeToLiveSpecification: { Enabled: true, AttributeName: table.ttlAttribute } }),
      );
    }
  }
  const described = await db.send(new DescribeTableCommand({ TableName: table.name }));
  return { name: table.name, ...(described.Table?.LatestStreamArn ? { streamArn: described.Table.LatestStreamArn } : {}) };
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

const createQueue = (sqs: FauxqsServer, def: QueueDef, visibilityOverride?: number): QueueInfo => {
  const fifo: Record<string, string> = def.fifo ? { FifoQueue: 'true' } : {};
  const dedup: Record<string, string> = def.contentBasedDeduplication ? { ContentBasedDeduplication: 'true' } : {};
  const dlq = sqs.createQueue(dlqName(def), { attributes: { ...fifo, MessageRetentionPeriod: '1209600' } });
  const visibilityTimeoutSeconds = visibilityOverride ?? def.visibilityTimeoutSeconds;
  const queue = sqs.createQueue(def.name, {
    attributes: {
      ...fifo,
      ...dedup,
      VisibilityTimeout: String(visibilityTimeoutSeconds),
      RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlq.queueArn, maxReceiveCount: String(def.maxReceiveCount) }),
    },
  });
  return { def, url: queue.queueUrl, arn: queue.queueArn, dlqUrl: dlq.queueUrl, dlqArn: dlq.queueArn, visibilityTimeoutSeconds };
};

export interface Resources {
  readonly tables: ReadonlyMap<string, TableInfo>;
  readonly queues: ReadonlyMap<string, QueueInfo>;
  readonly buckets: ReadonlySet<string>;
}

export const createResources = async (
  app: AppManifest,
  db: DynamoDBClient,
  sqs: FauxqsServer,
  visibilityOverride?: number,
): Promise<Resources> => {
  const tables = await Promise.all(app.tables.map((t) => createTable(db, t)));
  const queues = app.queues.map((q) => createQueue(sqs, q, visibilityOverride));
  for (const b of app.buckets) sqs.createBucket(b.name);
  return {
    tables: new Map(tables.map((t) => [t.name, t])),
    queues: new Map(queues.map((q) => [q.def.name, q])),
    buckets: new Set(app.buckets.map((b) => b.name)),
  };
};
