// Reading a job's per-city results (`sk = result#<city_key>`, written by settle.ts).
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient } from '#shared/clients/dynamodb.ts';
import { tableName } from '#shared/config.ts';
import { queryPage, type Page } from '#shared/pagination.ts';
import { INDEXES, JOBS_TABLE, type ResultStatus } from '../constants.ts';
import { getMany } from './batch.ts';

const db = documentClient();
const jobsTable = tableName(JOBS_TABLE);
export const RESULT_PREFIX = 'result#';

export interface CityResult {
  readonly city: string;
  readonly status: ResultStatus;
  readonly refreshed_at: string;
  readonly temperature_c?: number;
  readonly condition?: string;
  readonly humidity?: number;
  readonly observed_at?: string;
  readonly source?: string;
  readonly cached?: boolean;
  readonly error?: string;
}

const toResult = (item: Record<string, unknown>): CityResult => {
  const { job_id, sk, city_key, job_status, ...result } = item;
  return result as unknown as CityResult;
};

/** A job's results by city, optionally only those with one status (via the by-status index). */
export const listResults = async (jobId: string, limit: number, cursor: string | undefined, status?: ResultStatus): Promise<Page<CityResult>> => {
  return queryPage(
    db,
    {
      TableName: jobsTable,
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
  );
};

/** The job's `top` most recently refreshed cities (by-refreshed index, newest first). */
export const recentResults = async (jobId: string, top: number): Promise<CityResult[]> => {
  const result = await db.send(
    new QueryCommand({
      TableName: jobsTable,
      IndexName: INDEXES.byRefreshed,
      KeyConditionExpression: 'job_id = :id',
      ExpressionAttributeValues: { ':id': jobId },
      ScanIndexForward: false,
      Limit: top,
    }),
  );
  return (result.Items ?? []).map(toResult);
};

/** The keys among `keys` whose city already has a result in the job (an earlier delivery settled it). */
export const settledKeys = async (jobId: string, keys: readonly string[]): Promise<Set<string>> => {
  const items = await getMany(jobsTable, keys.map((key) => ({ job_id: jobId, sk: `${RESULT_PREFIX}${key}` })));
  return new Set(items.map((item) => item.city_key as string));
};
