// Settles one city of a job: its result, the job's counters and the City record in one transaction.
// The result's Put is conditional on not existing, so a redelivered message finds its city settled
// and the whole transaction, counters included, is refused.
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient } from '../../../shared/clients/dynamodb.ts';
import { tableName } from '../../../shared/config.ts';
import { CITIES_TABLE, JOBS_TABLE, RESULT_STATUS } from '../constants.ts';
import type { Lookup } from '../lookup.ts';
import { JOB_SK } from './jobs.ts';
import { RESULT_PREFIX, type CityResult } from './results.ts';

const db = documentClient();
const jobsTable = tableName(JOBS_TABLE);
const citiesTable = tableName(CITIES_TABLE);

export type Outcome = { readonly status: 'succeeded'; readonly weather: Lookup } | { readonly status: 'failed'; readonly error: string };

const resultFields = (city: string, outcome: Outcome, now: string): CityResult => {
  if (outcome.status === 'failed') return { city, status: RESULT_STATUS.failed, refreshed_at: now, error: outcome.error };
  const { temperature_c, condition, humidity, observed_at, source, cached } = outcome.weather;
  return { city, status: RESULT_STATUS.succeeded, refreshed_at: now, temperature_c, condition, humidity, observed_at, source, cached };
};

/** 'settled' when this call counted the city; 'duplicate' when an earlier delivery already had. */
export const settleCity = async (jobId: string, key: string, city: string, outcome: Outcome, now: string): Promise<'settled' | 'duplicate'> => {
  const result = resultFields(city, outcome, now);
  const failed = outcome.status === 'failed';
  try {
    await db.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Put: {
              TableName: jobsTable,
              Item: { ...result, job_id: jobId, sk: `${RESULT_PREFIX}${key}`, city_key: key, job_status: `${jobId}#${result.status}` },
              // The idempotency guard: one result per city per job, ever.
              ConditionExpression: 'attribute_not_exists(sk)',
            },
          },
          {
            Update: {
              TableName: jobsTable,
              Key: { job_id: jobId, sk: JOB_SK },
              UpdateExpression: failed
                ? 'ADD #processed :one, #counter :one SET failures_by_error.#code = if_not_exists(failures_by_error.#code, :zero) + :one'
                : 'ADD #processed :one, #counter :one',
              ConditionExpression: 'attribute_exists(job_id)',
              ExpressionAttributeNames: { '#processed': 'processed', '#counter': result.status, ...(failed ? { '#code': outcome.error } : {}) },
              ExpressionAttributeValues: { ':one': 1, ...(failed ? { ':zero': 0 } : {}) },
            },
          },
          {
            Update: {
              TableName: citiesTable,
              Key: { city_key: key },
              UpdateExpression: `SET #name = if_not_exists(#name, :name), last_refreshed_at = :now, last_status = :status, last_error = :error`,
              ExpressionAttributeNames: { '#name': 'name' },
              ExpressionAttributeValues: { ':name': city, ':now': now, ':status': result.status, ':error': result.error ?? null },
            },
          },
        ],
      }),
    );
    return 'settled';
  } catch (error) {
    if (error instanceof TransactionCanceledException && error.CancellationReasons?.[0]?.Code === 'ConditionalCheckFailed') {
      return 'duplicate';
    }
    throw error;
  }
};

