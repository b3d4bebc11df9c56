// The aggregator's one write per batch: raw batch, session state and stats point together.
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient } from '../../../shared/clients/dynamodb.ts';
import type { SessionState, StatsPoint } from '../domain/session.ts';
import type { BatchMessage } from '../messages.ts';
import { rawBatchPut } from './batches.ts';
import { sessionPut } from './sessions.ts';
import { statsPointPut } from './stats.ts';

const db = documentClient();

/**
 * Commits a batch in one transaction, or nothing: its raw copy, the session's next state and its stats
 * point, so a crash cannot leave one without the others. The state write is conditional on the state
 * the caller read, so a batch is counted at most once however often it is delivered, and two deliveries
 * racing cannot both advance from the same state. False when the condition failed (the state changed).
 */
export const commitBatch = async (batch: BatchMessage, next: SessionState, point: StatsPoint, readLastSeq: number | undefined): Promise<boolean> => {
  try {
    await db.send(
      new TransactWriteCommand({
        TransactItems: [{ Put: rawBatchPut(batch) }, { Put: sessionPut(next, readLastSeq) }, { Put: statsPointPut(next.session_id, point) }],
      }),
    );
    return true;
  } catch (error) {
    const lost = error instanceof TransactionCanceledException && (error.CancellationReasons ?? []).some((r) => r.Code === 'ConditionalCheckFailed');
    if (!lost) throw error;
    return false;
  }
};
