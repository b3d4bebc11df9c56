// Lookup history, newest first. Items live in the partition of the current generation
// (`gen#<n>`); clearing is one ADD on the counter, so it costs O(1) whatever the history's size.
// Older generations are never read again and expire through TTL.
import { randomUUID } from 'node:crypto';
import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient } from '#shared/clients/dynamodb.ts';
import { tableName } from '#shared/config.ts';
import { queryPage, type Page } from '#shared/pagination.ts';
import { HISTORY_TABLE, HISTORY_TTL_SECONDS } from '../constants.ts';

const db = documentClient();
const table = tableName(HISTORY_TABLE);
const COUNTER_KEY = { pk: 'meta', sk: 'generation' } as const;

export interface HistoryEntry {
  readonly city: string;
  readonly temperature_c: number;
  readonly condition: string;
  readonly humidity: number;
  readonly observed_at: string;
  readonly source: string;
  readonly cached: boolean;
  readonly searched_at: string;
}

const partition = (generation: number): string => `gen#${generation}`;

const currentGeneration = async (): Promise<number> => {
  // Strongly consistent: a lookup right after a clear must land in the new generation.
  const { Item } = await db.send(new GetCommand({ TableName: table, Key: COUNTER_KEY, ConsistentRead: true }));
  return (Item?.generation as number | undefined) ?? 0;
};

export const addToHistory = async (entry: HistoryEntry): Promise<void> => {
  const generation = await currentGeneration();
  await db.send(
    new PutCommand({
      TableName: table,
      Item: {
        ...entry,
        pk: partition(generation),
        // ISO time sorts chronologically; the suffix keeps two lookups in the same millisecond apart.
        sk: `${entry.searched_at}#${randomUUID()}`,
        generation,
        expires_at: Math.floor(Date.parse(entry.searched_at) / 1000) + HISTORY_TTL_SECONDS,
      },
    }),
  );
};

export const listHistory = async (limit: number, cursor?: string): Promise<Page<HistoryEntry>> => {
  const generation = await currentGeneration();
  // The generation is in the cursor's scope: a cursor taken before a clear is refused, not replayed.
  return queryPage(
    db,
    { TableName: table, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': partition(generation) }, ScanIndexForward: false },
    { limit, cursor, scope: `weather-history#${generation}` },
    ({ city, temperature_c, condition, humidity, observed_at, source, cached, searched_at }) =>
      ({ city, temperature_c, condition, humidity, observed_at, source, cached, searched_at }) as HistoryEntry,
  );
};

/** Starts a new, empty generation; returns its number. */
export const clearHistory = async (): Promise<number> => {
  const { Attributes } = await db.send(
    new UpdateCommand({
      TableName: table,
      Key: COUNTER_KEY,
      UpdateExpression: 'ADD generation :one',
      ExpressionAttributeValues: { ':one': 1 },
      ReturnValues: 'UPDATED_NEW',
    }),
  );
  return Attributes?.generation as number;
};
