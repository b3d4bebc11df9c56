// The aggregator's one write per batch: session state and stats point together.
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient } from '../../../shared/clients.ts';
import { tableName } from '../../../shared/config.ts';
import { SESSIONS_TABLE, STATS_TABLE } from '../constants.ts';
import type { SessionState, StatsPoint } from '../domain/session.ts';
import { toSessionItem } from './sessions.ts';

const db = documentClient();
const tables = { sessions: tableName(SESSIONS_TABLE), stats: tableName(STATS_TABLE) };

/**
 * Commits a session's next state and the batch's stats point in one transaction, or neither, so a crash
 * cannot leave one without the other. The state write is conditional on the state the caller read (no
 * session yet, or the same last_seq): a batch is counted at most once however often it is delivered,
 * and two deliveries racing cannot both advance from the same state. False when another delivery won.
 */
export const commitBatch = async (next: SessionState, stats: StatsPoint, readLastSeq: number | undefined): Promise<boolean> => {
  const unchangedSinceRead =
    readLastSeq === undefined
      ? { ConditionExpression: 'attribute_not_exists(session_id)' }
      : { ConditionExpression: 'last_seq = :read', ExpressionAttributeValues: { ':read': readLastSeq } };
  try {
    await db.send(
      new TransactWriteCommand({
        TransactItems: [
          { Put: { TableName: tables.sessions, Item: toSessionItem(next), ...unchangedSinceRead } },
          {
            Put: {
              TableName: tables.stats,
              Item: { session_id: next.session_id, ...stats },
              // Never overwrite a point: with the state condition holding, none can exist for this seq.
              ConditionExpression: 'attribute_not_exists(session_id)',
            },
          },
        ],
      }),
    );
    return true;
  } catch (error) {
    const lost = error instanceof TransactionCanceledException && (error.CancellationReasons ?? []).some((r) => r.Code === 'ConditionalCheckFailed');
    if (!lost) throw error;
    return false;
  }
};
