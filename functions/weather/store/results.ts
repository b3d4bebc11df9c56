// Reading a job's per-city results (`sk = result#<city_key>`, written by settle.ts) for the API.
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { queryPage } from '#shared/dynamodb/query-page.ts';
import type { Page } from '#shared/pagination.ts';
import { INDEXES, type ResultStatus } from '../constants.ts';
import type { CityResult } from '../domain/city-result.ts';
import type { TableConfig } from '#shared/dynamodb/table.ts';

export const RESULT_PREFIX = 'result#';

export interface ResultsStore {
  /** A job's results by city, optionally only those with one status (via the by-status index). */
  list(jobId: string, limit: number, cursor: string | undefined, status?: ResultStatus): Promise<Page<CityResult>>;
  /** The job's `top` most recently refreshed cities (by-refreshed index, newest first). */
  recent(jobId: string, top: number): Promise<CityResult[]>;
}

const toResult = (item: Record<string, unknown>): CityResult => {
  const { job_id, sk, city_key, job_status, ...result } = item;
  return result as unknown as CityResult;
};

export const resultsStore = ({ db, table }: TableConfig): ResultsStore => ({
  list: (jobId, limit, cursor, status) =>
    queryPage(
      db,
      {
        TableName: table,
        ...(status
          ? {
              IndexName: INDEXES.byStatus,
              KeyConditionExpression: 'job_status = :js',
              ExpressionAttributeValues: { ':js': `${jobId}#${status}` },
            }
          : {
              KeyConditionExpression: 'job_id = :id AND begins_with(sk, :prefix)',
              ExpressionAttributeValues: { ':id': jobId, ':prefix': RESULT_PREFIX },
            }),
      },
      { limit, cursor, scope: `weather-results#${jobId}#${status ?? 'all'}` },
      toResult,
    ),
  recent: async (jobId, top) => {
    const result = await db.send(
      new QueryCommand({
        TableName: table,
        IndexName: INDEXES.byRefreshed,
        KeyConditionExpression: 'job_id = :id',
        ExpressionAttributeValues: { ':id': jobId },
        ScanIndexForward: false,
        Limit: top,
      }),
    );
    return (result.Items ?? []).map(toResult);
  },
});
