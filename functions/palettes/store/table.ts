// The palettes table as the store's functions take it, and the helpers they share.
import { DeleteCommand, GetCommand, type QueryCommandInput, paginateQuery } from '@aws-sdk/lib-dynamodb';
import { isConditionFailure } from '#shared/dynamodb/conditions.ts';
import type { ItemKey } from '../domain/keys.ts';
import type { TableConfig } from '#shared/dynamodb/table.ts';

/** One item by key, strongly consistent: permissions are decided on it. */
export const getItem = async <T>({ db, table }: TableConfig, key: ItemKey): Promise<T | undefined> =>
  (await db.send(new GetCommand({ TableName: table, Key: key, ConsistentRead: true }))).Item as T | undefined;

/** Deletes every item a query finds, a page at a time (bounded memory, bounded parallelism). */
export const deleteAllFound = async (
  { db, table }: TableConfig,
  query: Omit<QueryCommandInput, 'TableName'>,
): Promise<number> => {
  let deleted = 0;
  for await (const page of paginateQuery({ client: db, pageSize: 100 }, { TableName: table, ...query })) {
    const items = page.Items ?? [];
    await Promise.all(items.map(({ pk, sk }) => db.send(new DeleteCommand({ TableName: table, Key: { pk, sk } }))));
    deleted += items.length;
  }
  return deleted;
};

/** Maps a failed `attribute_exists` condition (deleted meanwhile) to `notFound`. */
export const notFoundOnCondition =
  (notFound: Error) =>
  (error: unknown): never => {
    throw isConditionFailure(error) ? notFound : error;
  };
