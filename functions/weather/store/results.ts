// Reading a job's per-city results (`sk = result#<city_key>`, written by settle.ts).
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { queryPage, type Page } from '#shared/pagination.ts';
import { INDEXES, type ResultStatus } from '../constants.ts';
import type { CityResult } from '../contracts/routes.ts';
import { getMany } from './batch.ts';
import type { TableConfig } from './table.ts';

export const RESULT_PREFIX = 'result#';

export interface ResultsStore {
  /** A job's results by city, optionally only those with one status (via the by-status index). */
  list(jobId: string, limit: number, cursor: string | undefined, status?: ResultStatus): Promise<Page<CityResult>>;
  /** The job's `top` most recently refreshed cities (by-refreshed index, newest first). */
  recent(jobId: string, top: number): Promise<CityResult[]>;
  /** The keys among `keys` whose city already has a result in the job (an earlier delivery settled it). */
  settledKeys(jobId: string, keys: readonly string[]): Promise<Set<string>>;
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
  settledKeys: async (jobId, keys) => {
    const items = await getMany(db, table, keys.map((key) => ({ job_id: jobId, sk: `${RESULT_PREFIX}${key}` })));
    return new Set(items.map((item) => item.city_key as string));
  },
});
