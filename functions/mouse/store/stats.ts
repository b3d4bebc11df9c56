// Stats points: one per applied batch, read by the chart in seq order.
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient } from '../../../shared/clients.ts';
import { tableName } from '../../../shared/config.ts';
import { decodeCursor, encodeCursor, type Page } from '../../../shared/pagination.ts';
import { STATS_TABLE } from '../constants.ts';
import { statsPoint } from '../contracts.ts';
import type { StatsPoint } from '../domain/session.ts';

const db = documentClient();
const table = tableName(STATS_TABLE);

/** A stats point as one Put of the aggregator's transaction; never overwrites a point. */
export const statsPointPut = (sessionId: string, point: StatsPoint) => ({
  TableName: table,
  Item: { session_id: sessionId, ...point },
  ConditionExpression: 'attribute_not_exists(session_id)',
});

/** Points with seq > after, ascending. The cursor is bound to the session and `after` it was issued for. */
export const listStats = async (sessionId: string, after: number, limit: number, cursor?: string): Promise<Page<StatsPoint>> => {
  const scope = `mouse-stats#${sessionId}#${after}`;
  const result = await db.send(
    new QueryCommand({
      TableName: table,
      KeyConditionExpression: 'session_id = :s AND seq > :after',
      ExpressionAttributeValues: { ':s': sessionId, ':after': after },
      Limit: limit,
      ExclusiveStartKey: decodeCursor(cursor, scope),
    }),
  );
  return { items: (result.Items ?? []).map((item) => statsPoint.parse(item)), next_cursor: encodeCursor(result.LastEvaluatedKey, scope) };
};
