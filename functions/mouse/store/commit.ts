// The aggregator's writes for a session: one transaction per planned commit.
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient } from '#shared/clients/dynamodb.ts';
import type { Commit, Write } from '../plan.ts';
import { appliedUpdate, rawBatchPut } from './batches.ts';
import { sessionPut } from './sessions.ts';
import { statsPointPut } from './stats.ts';

const db = documentClient();

export type CommitResult =
  | { readonly kind: 'committed' }
  /** The session is no longer at the version read: another delivery advanced it. */
  | { readonly kind: 'stale' }
  /** These late batches were stored already: duplicates, not late. */
  | { readonly kind: 'duplicates'; readonly seqs: readonly number[] };

const itemOf = (sessionId: string, write: Write) => {
  switch (write.kind) {
    case 'raw':
      return { Put: rawBatchPut(write.batch, write.status) };
    case 'applied':
      return { Update: appliedUpdate(sessionId, write.seq) };
    case 'point':
      return { Put: statsPointPut(sessionId, write.point) };
  }
};

/**
 * Commits the session's next state with its writes, or nothing: raw copies, stats points and state
 * cannot part, whatever crashes when. The session item comes first and is conditional on the version
 * read, so a batch is counted at most once however often it is delivered, and two deliveries racing
 * cannot both advance from the same state.
 */
export const commitSession = async (commit: Commit, readVersion: number): Promise<CommitResult> => {
  const sessionId = commit.state.session_id;
  try {
    await db.send(new TransactWriteCommand({ TransactItems: [{ Put: sessionPut(commit.state, readVersion) }, ...commit.writes.map((w) => itemOf(sessionId, w))] }));
    return { kind: 'committed' };
  } catch (error) {
    if (!(error instanceof TransactionCanceledException)) throw error;
    const failed = (error.CancellationReasons ?? []).map((r, i) => (r.Code === 'ConditionalCheckFailed' ? i : -1)).filter((i) => i >= 0);
    if (failed.length === 0) throw error;
    if (failed.includes(0)) return { kind: 'stale' };
    const late = failed.map((i) => commit.writes[i - 1]).filter((w) => w?.kind === 'raw' && w.status === 'late');
    // Any other write failing its condition means the state read was not the stored one after all.
    if (late.length < failed.length) return { kind: 'stale' };
    return { kind: 'duplicates', seqs: late.map((w) => (w as Extract<Write, { kind: 'raw' }>).batch.seq) };
  }
};
