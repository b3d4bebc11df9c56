// Cursor pagination shared by every list, as the contracts and the stores see it: `limit` (bounded) and
// an opaque `cursor` in the query, `{items, next_cursor}` in the answer. Reading a page from DynamoDB and
// signing its cursor is shared/dynamodb/query-page.ts, so a contract pulls in no SDK client: a
// function whose routes only share a contracts file with a list (healthz) stays without DynamoDB.
import * as z from '#model/zod.ts';
import { intParam } from './params.ts';

const MAX_PAGE_SIZE = 100;

export const pageQuery = z.object({
  limit: z._default(intParam(1, MAX_PAGE_SIZE), 20),
  cursor: z.optional(z.string().check(z.maxLength(2048))),
});

/** The response schema of a page of `item`s. */
export const pageOf = <T extends z.core.SomeType>(item: T) =>
  z.object({ items: z.array(item), next_cursor: z.nullable(z.string()) });

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
