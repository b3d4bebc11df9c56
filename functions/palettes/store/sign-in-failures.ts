// Failed sign-ins counted per key (domain/sign-in-backoff.ts): one item per account or source address,
// forgotten through the table's TTL a day after its last failure.
import { DeleteCommand, GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { TableConfig } from '#shared/dynamodb/table.ts';
import { FAILURE_MEMORY_SECONDS, type FailureCount } from '../domain/sign-in-backoff.ts';

interface FailureItem {
  readonly key: string;
  readonly failures: number;
  readonly last_failed_at: number;
  readonly expires_at: number;
}

export const failureKeys = (username: string, sourceIp: string) => ({
  // As the user item is keyed: one count whatever the case typed.
  account: `account#${username.toLowerCase()}`,
  source: `source#${sourceIp}`,
});

export const readFailures = async ({ db, table }: TableConfig, key: string): Promise<FailureCount | undefined> => {
  const { Item } = await db.send(new GetCommand({ TableName: table, Key: { key }, ConsistentRead: true }));
  const item = Item as FailureItem | undefined;
  // TTL deletion lags: an expired count is no count.
  if (!item || item.expires_at * 1000 <= Date.now()) return undefined;
  return { failures: item.failures, lastFailedAt: item.last_failed_at };
};

/** One more failure: ADD counts every concurrent failure exactly once. */
export const recordFailure = async ({ db, table }: TableConfig, key: string, now: number): Promise<void> => {
  await db.send(
    new UpdateCommand({
      TableName: table,
      Key: { key },
      UpdateExpression: 'ADD failures :one SET last_failed_at = :now, expires_at = :expires',
      ExpressionAttributeValues: {
        ':one': 1,
        ':now': now,
        ':expires': Math.floor(now / 1000) + FAILURE_MEMORY_SECONDS,
      },
    }),
  );
};

export const clearFailures = async ({ db, table }: TableConfig, key: string): Promise<void> => {
  await db.send(new DeleteCommand({ TableName: table, Key: { key } }));
};
