import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { queryPage } from '#shared/dynamodb/query-page.ts';
import type { Page } from '#shared/pagination.ts';
import type { TableConfig } from '#shared/dynamodb/table.ts';

export interface RequestRecord {
  readonly input: Record<string, unknown>;
  readonly value: unknown;
  readonly occurrences: number;
  readonly last_datetime: string;
}

export interface Tracked {
  readonly occurrences: number;
  /** When this input was requested before this request; null the first time. */
  readonly last_datetime: string | null;
}

// One store per access pattern, so a function's bundle holds only the commands it sends (listing
// brings the cursor signing and its Secrets Manager client).
export interface RequestTracker {
  /**
   * Counts one request of `key`. A single UpdateItem: ADD is atomic, and ALL_OLD returns the image this
   * very update replaced, so its count and previous time are exact however many requests race.
   */
  readonly trackRequest: (
    calculation: string,
    key: string,
    input: Record<string, unknown>,
    value: unknown,
    now: string,
  ) => Promise<Tracked>;
}

export interface RequestLister {
  readonly listRequests: (calculation: string, limit: number, cursor?: string) => Promise<Page<RequestRecord>>;
}

export const requestTracker = ({ db, table }: TableConfig): RequestTracker => ({
  trackRequest: async (calculation, key, input, value, now) => {
    const { Attributes: old } = await db.send(
      new UpdateCommand({
        TableName: table,
        Key: { calculation, input_key: key },
        UpdateExpression: 'ADD occurrences :one SET last_datetime = :now, #input = :input, #value = :value',
        ExpressionAttributeNames: { '#input': 'input', '#value': 'value' },
        ExpressionAttributeValues: { ':one': 1, ':now': now, ':input': input, ':value': value },
        ReturnValues: 'ALL_OLD',
      }),
    );
    return {
      occurrences: ((old?.occurrences as number | undefined) ?? 0) + 1,
      last_datetime: (old?.last_datetime as string | undefined) ?? null,
    };
  },
});

export const requestLister = ({ db, table }: TableConfig): RequestLister => ({
  listRequests: (calculation, limit, cursor) =>
    queryPage(
      db,
      {
        TableName: table,
        KeyConditionExpression: 'calculation = :c',
        ExpressionAttributeValues: { ':c': calculation },
      },
      { limit, cursor, scope: `math#${calculation}` },
      ({ input, value, occurrences, last_datetime }) => ({
        input: input as Record<string, unknown>,
        value,
        occurrences: occurrences as number,
        last_datetime: last_datetime as string,
      }),
    ),
});
