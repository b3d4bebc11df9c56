// Lookup history, newest first. Items live in the partition of the current generation
// (`gen#<n>`); clearing is one ADD on the counter, so it costs O(1) whatever the history's size.
// Older generations are never read again and expire through TTL.
import { randomUUID } from 'node:crypto';
import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { queryPage } from '#shared/dynamodb/query-page.ts';
import type { Page } from '#shared/pagination.ts';
import { HISTORY_TTL_SECONDS } from '../constants.ts';
import type { HistoryEntry } from '../domain/history-entry.ts';
import type { TableConfig } from '#shared/dynamodb/table.ts';

const COUNTER_KEY = { pk: 'meta', sk: 'generation' } as const;

export interface HistoryStore {
  add(entry: HistoryEntry): Promise<void>;
  /** Starts a new, empty generation; returns its number. */
  clear(): Promise<number>;
}

/** Reading is its own store: its signed cursors bring Secrets Manager, which the writers do without. */
export interface HistoryPages {
  list(limit: number, cursor?: string): Promise<Page<HistoryEntry>>;
}

const partition = (generation: number): string => `gen#${generation}`;

const currentGeneration = async ({ db, table }: TableConfig): Promise<number> => {
  // Strongly consistent: a lookup right after a clear must land in the new generation.
  const { Item } = await db.send(new GetCommand({ TableName: table, Key: COUNTER_KEY, ConsistentRead: true }));
  return (Item?.generation as number | undefined) ?? 0;
};

export const historyStore = (config: TableConfig): HistoryStore => {
  const { db, table } = config;
  return {
    add: async (entry) => {
      const generation = await currentGeneration(config);
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

export const historyPages = (config: TableConfig): HistoryPages => {
  const { db, table } = config;
  return {
    list: async (limit, cursor) => {
      const generation = await currentGeneration(config);
      // The generation is in the cursor's scope: a cursor taken before a clear is refused, not replayed.
      return queryPage(
        db,
        {
          TableName: table,
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': partition(generation) },
          ScanIndexForward: false,
        },
        { limit, cursor, scope: `weather-history#${generation}` },
        ({ city, temperature_c, condition, humidity, observed_at, source, cached, searched_at }) =>
          ({ city, temperature_c, condition, humidity, observed_at, source, cached, searched_at }) as HistoryEntry,
      );
    },
  };
};
