// Sessions: token hash -> user, expiring through the table's TTL attribute (and checked on read by
// shared/auth/user.ts, since TTL deletion lags). Separate from the palettes table so the logout
// function needs no access to palettes data.
import { DeleteCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { SessionItem } from '#shared/auth/user.ts';
import type { TableConfig } from '#shared/dynamodb/table.ts';

export const createSession = async ({ db, table }: TableConfig, session: SessionItem): Promise<void> => {
  await db.send(new PutCommand({ TableName: table, Item: session }));
};

/** Revokes a session; revoking twice is harmless. */
export const revokeSession = async ({ db, table }: TableConfig, tokenHash: string): Promise<void> => {
  await db.send(new DeleteCommand({ TableName: table, Key: { token_hash: tokenHash } }));
};
