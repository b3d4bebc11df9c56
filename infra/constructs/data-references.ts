// The data stack's tables, queues, buckets and secrets as seen from another stack: imported by the
// names and ARNs the data stack publishes (./parameters.ts), each on first use, so a stack reads only
// the parameters its functions need.
import { Stack } from 'aws-cdk-lib';
import { type ITable, Table } from 'aws-cdk-lib/aws-dynamodb';
import { Bucket, type IBucket } from 'aws-cdk-lib/aws-s3';
import { type ISecret, Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { type IQueue, Queue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { AppManifest } from '#model/manifest.ts';
import { lookup } from './lookup.ts';
import { PARAMETERS, read } from './parameters.ts';

/** The manifest's stateful resources by manifest name, wherever they are built. */
export interface Resources {
  table(name: string): ITable;
  queue(name: string): IQueue;
  /** The dead-letter queue of the queue `name`. */
  dlq(name: string): IQueue;
  bucket(name: string): IBucket;
  secret(name: string): ISecret;
}

export class DataReferences extends Construct implements Resources {
  private readonly made = new Map<string, Construct>();

  constructor(
    scope: Construct,
    id: string,
    private readonly manifest: AppManifest,
    private readonly appName: string,
  ) {
    super(scope, id);
  }

  table(name: string): ITable {
    const def = lookup(new Map(this.manifest.tables.map((t) => [t.name, t])), name, 'table');
    return this.once(`table-${name}`, (id) =>
      Table.fromTableAttributes(this, id, {
        tableName: this.read(PARAMETERS.tableName(name)),
        tableStreamArn: def.stream ? this.read(PARAMETERS.tableStreamArn(name)) : undefined,
        // Imported, the table does not know its indexes: grants then cover `<table>/index/*` as well.
        grantIndexPermissions: (def.indexes?.length ?? 0) > 0,
      }),
    );
  }

  queue(name: string): IQueue {
    const def = lookup(new Map(this.manifest.queues.map((q) => [q.name, q])), name, 'queue');
    return this.once(`queue-${name}`, (id) =>
      Queue.fromQueueAttributes(this, id, { queueArn: this.read(PARAMETERS.queueArn(name)), fifo: def.fifo ?? false }),
    );
  }

  dlq(name: string): IQueue {
    const def = lookup(new Map(this.manifest.queues.map((q) => [q.name, q])), name, 'queue');
    return this.once(`dlq-${name}`, (id) =>
      Queue.fromQueueAttributes(this, id, { queueArn: this.read(PARAMETERS.dlqArn(name)), fifo: def.fifo ?? false }),
    );
  }

  bucket(name: string): IBucket {
    return this.once(`bucket-${name}`, (id) => Bucket.fromBucketName(this, id, this.read(PARAMETERS.bucketName(name))));
  }

  secret(name: string): ISecret {
    return this.once(`secret-${name}`, (id) =>
      Secret.fromSecretCompleteArn(this, id, this.read(PARAMETERS.secretArn(name))),
    );
  }

  private read(path: readonly string[]): string {
    return read(Stack.of(this), this.appName, path);
  }

  private once<T extends Construct>(id: string, make: (id: string) => T): T {
    const found = this.made.get(id);
    if (found) return found as T;
    const made = make(id);
    this.made.set(id, made);
    return made;
  }
}
