// The aggregator's writes for a session: one transaction per planned commit.
import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { failedConditions } from '#shared/dynamodb/conditions.ts';
import type { Commit, Write } from '../domain/plan.ts';
import { appliedUpdate, rawBatchPut } from './batches.ts';
import { sessionPut } from './sessions.ts';
import { statsPointPut } from './stats.ts';
import type { TableConfig } from '#shared/dynamodb/table.ts';

/** The three tables a commit writes (one client reaches them all). */
export interface SessionTables {
  readonly sessions: TableConfig;
  readonly stats: TableConfig;
  readonly batches: TableConfig;
}

export type CommitResult =
  | { readonly kind: 'committed' }
  /** The session is no longer at the version read: another delivery advanced it. */
  | { readonly kind: 'stale' }
  /** These late batches were stored already: duplicates, not late. */
  | { readonly kind: 'duplicates'; readonly seqs: readonly number[] };

const itemOf = (tables: SessionTables, sessionId: string, write: Write) => {
  switch (write.kind) {
    case 'raw':
      return { Put: rawBatchPut(tables.batches, write.batch, write.status) };
    case 'applied':
      return { Update: appliedUpdate(tables.batches, sessionId, write.seq) };
    case 'point':
      return { Put: statsPointPut(tables.stats, sessionId, write.point) };
  }
};

/**
 * Commits the session's next state with its writes, or nothing: raw copies, stats points and state
 * cannot part, whatever crashes when. The session item comes first and is conditional on the version
 * read, so a batch is counted at most once however often it is delivered, and two deliveries racing
 * cannot both advance from the same state.
 */
export const commitSession = async (
  tables: SessionTables,
  commit: Commit,
  readVersion: number,
): Promise<CommitResult> => {
  const sessionId = commit.state.session_id;
  const items = [
    { Put: sessionPut(tables.sessions, commit.state, readVersion) },
    ...commit.writes.map((w) => itemOf(tables, sessionId, w)),
  ];
  try {
    await tables.sessions.db.send(new TransactWriteCommand({ TransactItems: items }));
    return { kind: 'committed' };
  } catch (error) {
    const failed = failedConditions(error);
    if (failed.length === 0) throw error;
    if (failed.includes(0)) return { kind: 'stale' };
    const late = failed.map((i) => commit.writes[i - 1]).filter((w) => w?.kind === 'raw' && w.status === 'late');
    // Any other write failing its condition means the state read was not the stored one after all.
    if (late.length < failed.length) return { kind: 'stale' };
    return { kind: 'duplicates', seqs: late.map((w) => (w as Extract<Write, { kind: 'raw' }>).batch.seq) };
  }
};
