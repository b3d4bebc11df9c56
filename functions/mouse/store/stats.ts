// Stats points: one per applied batch, read by the chart in seq order.
import { queryPage } from '#shared/dynamodb/query-page.ts';
import type { Page } from '#shared/pagination.ts';
import { statsPoint, type StatsPoint } from '../domain/stats-point.ts';
import type { TableConfig } from '#shared/dynamodb/table.ts';

/** A stats point as one Put of the aggregator's transaction; never overwrites a point. */
export const statsPointPut = ({ table }: TableConfig, sessionId: string, point: StatsPoint) => ({
  TableName: table,
  Item: { session_id: sessionId, ...point },
  ConditionExpression: 'attribute_not_exists(session_id)',
});

/** Points with seq > after, ascending. The cursor is bound to the session and `after` it was issued for. */
export const listStats = async (
  { db, table }: TableConfig,
  sessionId: string,
  after: number,
  limit: number,
  cursor?: string,
): Promise<Page<StatsPoint>> => {
  return queryPage(
    db,
    {
      TableName: table,
      KeyConditionExpression: 'session_id = :s AND seq > :after',
      ExpressionAttributeValues: { ':s': sessionId, ':after': after },
    },
    { limit, cursor, scope: `mouse-stats#${sessionId}#${after}` },
    (item) => statsPoint.parse(item),
  );
};
