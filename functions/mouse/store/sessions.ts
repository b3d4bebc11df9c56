// Session state items: read by the aggregator and the session routes.
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import * as z from '#model/zod.ts';
import { lazy } from '#shared/lazy.ts';
import { newestFirstPage } from '#shared/dynamodb/query-page.ts';
import type { Page } from '#shared/pagination.ts';
import { INDEXES, LIST_PARTITION } from '../constants.ts';
import type { SessionState } from '../domain/session.ts';
import type { TableConfig } from '#shared/dynamodb/table.ts';

const LIST_SCOPE = 'mouse-sessions';

// Built on first use, so a function that reads no sessions (stats) carries none of it through store/index.ts.
// Defaults read items written before batches could wait behind a gap (no version, pending or late).
const sessionItem = /* @__PURE__ */ lazy(
  () =>
    z.object({
      session_id: z.string(),
      started_at: z.string(),
      updated_at: z.string(),
      version: z._default(z.number(), 0),
      last_seq: z.number(),
      last_point: z.optional(z.object({ x: z.number(), y: z.number(), t: z.number() })),
      t_first: z.optional(z.number()),
      distance: z.number(),
      events: z.number(),
      batches: z.number(),
      skipped_batches: z.number(),
      late_batches: z._default(z.number(), 0),
      max_velocity: z.number(),
      pending: z._default(z.array(z.object({ seq: z.number(), received_at: z.string() })), []),
    }) satisfies z.core.$ZodType<SessionState, unknown>,
);

/**
 * The session's new state as one Put of the aggregator's transaction, on condition that the stored
 * state is still the version it was computed from (version 0: none stored, or one from before versions).
 */
export const sessionPut = ({ table }: TableConfig, next: SessionState, readVersion: number) => ({
  TableName: table,
  // `kind` is the constant partition of the newest-first index.
  Item: { ...next, kind: LIST_PARTITION },
  ...(readVersion === 0
    ? { ConditionExpression: 'attribute_not_exists(version)' }
    : { ConditionExpression: 'version = :read', ExpressionAttributeValues: { ':read': readVersion } }),
});

export const getSession = async ({ db, table }: TableConfig, sessionId: string): Promise<SessionState | undefined> => {
  const { Item } = await db.send(
    new GetCommand({ TableName: table, Key: { session_id: sessionId }, ConsistentRead: true }),
  );
  return Item && sessionItem().parse(Item);
};

export const listSessions = async (
  { db, table }: TableConfig,
  limit: number,
  cursor?: string,
): Promise<Page<SessionState>> => {
  return newestFirstPage(
    { db, table, index: INDEXES.byStarted, kind: LIST_PARTITION },
    { limit, cursor, scope: LIST_SCOPE },
    (item) => sessionItem().parse(item),
  );
};
