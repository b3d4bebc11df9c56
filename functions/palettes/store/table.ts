// The palettes table and its client, resolved once per execution environment.
import { DeleteCommand, GetCommand, type QueryCommandInput, paginateQuery } from '@aws-sdk/lib-dynamodb';
import { documentClient } from '#shared/clients/dynamodb.ts';
import { tableName } from '#shared/config.ts';
import { PALETTES_TABLE } from '../constants.ts';
import type { ItemKey } from '../domain/keys.ts';

export const db = documentClient();
export const table = tableName(PALETTES_TABLE);

/** One item by key, strongly consistent: permissions are decided on it. */
export const getItem = async <T>(key: ItemKey): Promise<T | undefined> =>
  (await db.send(new GetCommand({ TableName: table, Key: key, ConsistentRead: true }))).Item as T | undefined;

/** Deletes every item a query finds, a page at a time (bounded memory, bounded parallelism). */
export const deleteAllFound = async (query: Omit<QueryCommandInput, 'TableName'>): Promise<number> => {
  let deleted = 0;
  for await (const page of paginateQuery({ client: db, pageSize: 100 }, { TableName: table, ...query })) {
    const items = page.Items ?? [];
    await Promise.all(items.map(({ pk, sk }) => db.send(new DeleteCommand({ TableName: table, Key: { pk, sk } }))));
    deleted += items.length;
  }
  return deleted;
};
