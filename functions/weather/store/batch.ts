// Batched reads and writes of many items: BatchGetItem by 100 keys, BatchWriteItem by 25 puts. Both
// may leave part of a request unprocessed (throttling, size); that part is asked again with backoff.
import {
  paginatedBatchGet,
  BatchWriteCommand,
  type DynamoDBDocumentClient,
  type TransactWriteCommandInput,
} from '@aws-sdk/lib-dynamodb';
import pLimit from 'p-limit';
import pRetry from 'p-retry';
import { DYNAMO } from '../constants.ts';
import { slices } from '../domain/slices.ts';

type Item = Record<string, unknown>;

/** Runs `task` over `items`, at most `concurrency` at a time. */
const inParallel = async <T>(
  items: readonly T[],
  concurrency: number,
  task: (item: T) => Promise<void>,
): Promise<void> => {
  const limit = pLimit(concurrency);
  await Promise.all(items.map((item) => limit(() => task(item))));
};

/** One item of a TransactWriteItems request (at most DYNAMO.transactItems per request). */
export type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/** The items found for `keys` (any order; missing keys have none), `concurrency` requests at a time. */
export const getMany = async (
  db: DynamoDBDocumentClient,
  table: string,
  keys: readonly Item[],
  concurrency = 4,
): Promise<Item[]> => {
  const found: Item[] = [];
  await inParallel(slices(keys, DYNAMO.batchGet), concurrency, async (slice) => {
    // The paginator asks again for UnprocessedKeys until none are left.
    for await (const page of paginatedBatchGet({ client: db }, { RequestItems: { [table]: { Keys: slice } } }))
      found.push(...(page.Responses?.[table] ?? []));
  });
  return found;
};

/** Puts every item (unconditionally: BatchWriteItem has no conditions), `concurrency` requests at a time. */
export const putMany = async (
  db: DynamoDBDocumentClient,
  table: string,
  items: readonly Item[],
  concurrency = 4,
): Promise<void> => {
  const putSlice = async (slice: Item[]): Promise<void> => {
    let pending = slice.map((Item) => ({ PutRequest: { Item } }));
    await pRetry(
      async () => {
        const { UnprocessedItems } = await db.send(new BatchWriteCommand({ RequestItems: { [table]: pending } }));
        const left = UnprocessedItems?.[table] ?? [];
        if (left.length === 0) return;
        pending = left as typeof pending;
        throw new Error(`BatchWriteItem left ${left.length} items unprocessed`);
      },
      { retries: 5, minTimeout: 50, randomize: true },
    );
  };
  await inParallel(slices(items, DYNAMO.batchWrite), concurrency, putSlice);
};
