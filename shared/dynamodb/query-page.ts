// One page of a DynamoDB Query, and its cursor: the base64url LastEvaluatedKey with an HMAC over the
// listing's scope, so a cursor cannot be edited or replayed against another listing (another team's
// palettes, another job's results).
import { createHmac } from 'node:crypto';
import { QueryCommand, type DynamoDBDocumentClient, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { CURSOR_KEY_SECRET } from '#model/constants.ts';
import { constantTimeEquals } from '../auth/constant-time.ts';
import { BadRequestError } from '../errors.ts';
import type { Page, PageRequest } from '../pagination.ts';
import { getSecret } from '../secrets.ts';

export type Key = Record<string, unknown>;

// Read once per execution environment, on its first listing (a key change only invalidates the
// cursors in flight); a failed read is retried by the next request instead of being cached.
let signingKey: Promise<string> | undefined;
const loadSigningKey = (): Promise<string> =>
  (signingKey ??= getSecret(CURSOR_KEY_SECRET).catch((error: unknown) => {
    signingKey = undefined;
    throw error;
  }));

const sign = async (payload: string, scope: string): Promise<string> =>
  createHmac('sha256', await loadSigningKey())
    .update(`${scope}\n${payload}`)
    .digest('base64url')
    .slice(0, 22);

export const encodeCursor = async (key: Key | undefined, scope: string): Promise<string | null> => {
  if (!key) return null;
  const payload = Buffer.from(JSON.stringify(key)).toString('base64url');
  return `${payload}.${await sign(payload, scope)}`;
};

export const decodeCursor = async (cursor: string | undefined, scope: string): Promise<Key | undefined> => {
  if (cursor === undefined) return undefined;
  const [payload, signature, extra] = cursor.split('.');
  if (!payload || !signature || extra !== undefined || !constantTimeEquals(await sign(payload, scope), signature)) {
    throw new BadRequestError('cursor is invalid or belongs to another listing.', 'invalid_cursor');
  }
  return JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Key;
};

/** One page of a Query: the cursor is checked against the listing's scope and the next one signed for it. */
export const queryPage = async <T>(
  db: DynamoDBDocumentClient,
  query: Omit<QueryCommandInput, 'Limit' | 'ExclusiveStartKey'>,
  { limit, cursor, scope }: PageRequest,
  toItem: (item: Record<string, unknown>) => T,
): Promise<Page<T>> => {
  const result = await db.send(
    new QueryCommand({ ...query, Limit: limit, ExclusiveStartKey: await decodeCursor(cursor, scope) }),
  );
  return { items: (result.Items ?? []).map(toItem), next_cursor: await encodeCursor(result.LastEvaluatedKey, scope) };
};

/** Where a newest-first listing reads: an index whose partition key `kind` holds one value for every item. */
export interface NewestFirstIndex {
  readonly db: DynamoDBDocumentClient;
  readonly table: string;
  readonly index: string;
  readonly kind: string;
}

/** One page of a newest-first listing (the index's sort key descending). */
export const newestFirstPage = <T>(
  { db, table, index, kind }: NewestFirstIndex,
  page: PageRequest,
  toItem: (item: Record<string, unknown>) => T,
): Promise<Page<T>> =>
  queryPage(
    db,
    {
      TableName: table,
      IndexName: index,
      KeyConditionExpression: 'kind = :kind',
      ExpressionAttributeValues: { ':kind': kind },
      ScanIndexForward: false,
    },
    page,
    toItem,
  );
