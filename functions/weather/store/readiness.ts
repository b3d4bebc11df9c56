// What `GET /readyz` probes: a read of the cache table and the worker queue's attributes. Its own
// store, so the probe bundles two requests and none of the stores' code.
import { GetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { TableConfig } from '#shared/dynamodb/table.ts';
import type { QueueConfig } from '#shared/queue/config.ts';

export interface Readiness {
  /** Throws (a dependency error: 503) unless both answer. */
  check(): Promise<void>;
}

export const readiness = ({ db, table, sqs, url }: TableConfig & QueueConfig): Readiness => ({
  check: async () => {
    await Promise.all([
      db.send(new GetCommand({ TableName: table, Key: { city_key: '__readyz__' } })),
      sqs.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['ApproximateNumberOfMessages'] })),
    ]);
  },
});
