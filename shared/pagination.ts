// Cursor pagination shared by every list: `limit` (bounded) + an opaque `cursor` that is the
// base64url LastEvaluatedKey with an HMAC over the listing's scope, so a cursor cannot be edited or
// replayed against another listing (another team's palettes, another job's results).
import { createHmac } from 'node:crypto';
import { QueryCommand, type DynamoDBDocumentClient, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import { constantTimeEquals } from './auth/constant-time.ts';
import { BadRequestError } from './errors.ts';
import { intParam } from './http/params.ts';

export const MAX_PAGE_SIZE = 100;

export const pageQuery = z.object({
  limit: intParam(1, MAX_PAGE_SIZE).optional().default(20),
  cursor: z.string().max(2048).optional(),
});

export type Key = Record<string, unknown>;

// Integrity, not secrecy: the scope check is what stops cross-listing use; the key only makes a
// hand-made cursor fail loudly. Deployments may set CURSOR_SIGNING_KEY to make cursors unforgeable.
const signingKey = (): string => process.env.CURSOR_SIGNING_KEY ?? 'cursor-integrity-v1';
const sign = (payload: string, scope: string): string =>
  createHmac('sha256', signingKey()).update(`${scope}\n${payload}`).digest('base64url').slice(0, 22);

export const encodeCursor = (key: Key | undefined, scope: string): string | null => {
  if (!key) return null;
  const payload = Buffer.from(JSON.stringify(key)).toString('base64url');
  return `${payload}.${sign(payload, scope)}`;
};

export const decodeCursor = (cursor: string | undefined, scope: string): Key | undefined => {
  if (cursor === undefined) return undefined;
  const [payload, signature, extra] = cursor.split('.');
  if (!payload || !signature || extra !== undefined || !constantTimeEquals(sign(payload, scope), signature)) {
    throw new BadRequestError('cursor is invalid or belongs to another listing.', 'invalid_cursor');
  }
  return JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Key;
};

/** The response schema of a page of `item`s. */
export const pageOf = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), next_cursor: z.string().nullable() });

export interface Page<T> {
  readonly items: T[];
  readonly next_cursor: string | null;
}

export interface PageRequest {
  readonly limit: number;
  readonly cursor?: string | undefined;
  /** What the listing is (e.g. `mouse-stats#<session>#<after>`): a cursor only works for its own scope. */
  readonly scope: string;
}

/** One page of a Query: the cursor is checked against the listing's scope and the next one signed for it. */
export const queryPage = async <T>(
  db: DynamoDBDocumentClient,
  query: Omit<QueryCommandInput, 'Limit' | 'ExclusiveStartKey'>,
  { limit, cursor, scope }: PageRequest,
  toItem: (item: Record<string, unknown>) => T,
): Promise<Page<T>> => {
  const result = await db.send(new QueryCommand({ ...query, Limit: limit, ExclusiveStartKey: decodeCursor(cursor, scope) }));
  return { items: (result.Items ?? []).map(toItem), next_cursor: encodeCursor(result.LastEvaluatedKey, scope) };
};
