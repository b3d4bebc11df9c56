// Lookup history, newest first. Items live in the partition of the current generation
// (`gen#<n>`); clearing is one ADD on the counter, so it costs O(1) whatever the history's size.
// Older generations are never read again and expire through TTL.
import { randomUUID } from 'node:crypto';
import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { queryPage, type Page } from '#shared/pagination.ts';
import { HISTORY_TTL_SECONDS } from '../constants.ts';
import type { HistoryEntry } from '../contracts/routes.ts';
import type { TableConfig } from './table.ts';

const COUNTER_KEY = { pk: 'meta', sk: 'generation' } as const;

export interface HistoryStore {
  add(entry: HistoryEntry): Promise<void>;
  list(limit: number, cursor?: string): Promise<Page<HistoryEntry>>;
  /** Starts a new, empty generation; returns its number. */
  clear(): Promise<number>;
}

const partition = (generation: number): string => `gen#${generation}`;

export const historyStore = ({ db, table }: TableConfig): HistoryStore => {
  const currentGeneration = async (): Promise<number> => {
    // Strongly consistent: a lookup right after a clear must land in the new generation.
    const { Item } = await db.send(new GetCommand({ TableName: table, Key: COUNTER_KEY, ConsistentRead: true }));
    return (Item?.generation as number | undefined) ?? 0;
  };

  return {
    add: async (entry) => {
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
    },
    list: async (limit, cursor) => {
      const generation = await currentGeneration();
      // The generation is in the cursor's scope: a cursor taken before a clear is refused, not replayed.
      return queryPage(
        db,
        { TableName: table, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': partition(generation) }, ScanIndexForward: false },
        { limit, cursor, scope: `weather-history#${generation}` },
        ({ city, temperature_c, condition, humidity, observed_at, source, cached, searched_at }) =>
          ({ city, temperature_c, condition, humidity, observed_at, source, cached, searched_at }) as HistoryEntry,
      );
    },
    clear: async () => {
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
    },
  };
};
