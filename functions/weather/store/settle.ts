// Settles cities of a job in transactions of at most 100 items: each city's result (a Put on the
// condition that it does not exist yet), the City's place when this delivery resolved it, and one
// update of the job's counters by exactly the cities in that transaction. A chunk redelivered after a
// partial commit finds some results written: the transaction is cancelled, those cities are dropped
// (counted by the earlier delivery) and the rest is written with counters for the rest only.
import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import pRetry from 'p-retry';
import { cancellationCodes, failedConditions } from '#shared/dynamodb/conditions.ts';
import { DYNAMO, RESULT_STATUS } from '../constants.ts';
import type { CityResult } from '../domain/city-result.ts';
import type { Place } from '../domain/messages.ts';
import { getMany, type TransactItem } from './batch.ts';
import type { Lookup } from './cache.ts';
import type { CitiesStore } from './cities.ts';
import { JOB_SK } from './jobs.ts';
import { RESULT_PREFIX } from './results.ts';
import type { TableConfig } from '#shared/dynamodb/table.ts';

export type Outcome =
  | { readonly status: 'succeeded'; readonly weather: Lookup }
  | { readonly status: 'failed'; readonly error: string };

export interface Settlement {
  readonly key: string;
  readonly city: string;
  readonly outcome: Outcome;
  /** A place this delivery resolved, to be cached on the City. */
  readonly newPlace?: Place;
}

const resultFields = (city: string, outcome: Outcome, now: string): CityResult => {
  if (outcome.status === 'failed')
    return { city, status: RESULT_STATUS.failed, refreshed_at: now, error: outcome.error };
  const { temperature_c, condition, humidity, observed_at, source, cached } = outcome.weather;
  return {
    city,
    status: RESULT_STATUS.succeeded,
    refreshed_at: now,
    temperature_c,
    condition,
    humidity,
    observed_at,
    source,
    cached,
  };
};

export interface SettleStore {
  /** The keys among `keys` whose city already has a result in the job (an earlier delivery settled it). */
  settledKeys(jobId: string, keys: readonly string[]): Promise<Set<string>>;
  /**
   * Settles `settlements` (distinct cities of one job); returns how many this call counted, the rest
   * having been counted by an earlier delivery. Concurrent transactions on the job item may be cancelled
   * with TransactionConflict; such a group is tried again with backoff.
   */
  settle(jobId: string, settlements: readonly Settlement[], now: string): Promise<number>;
}

/** Consecutive groups whose items (1 or 2 per city) and the counters' update fit one transaction. */
const groups = (settlements: readonly Settlement[]): Settlement[][] => {
  const out: Settlement[][] = [];
  let group: Settlement[] = [];
  let items = 1;
  for (const s of settlements) {
    const size = s.newPlace ? 2 : 1;
    if (items + size > DYNAMO.transactItems) {
      out.push(group);
      group = [];
      items = 1;
    }
    group.push(s);
    items += size;
  }
  if (group.length > 0) out.push(group);
  return out;
};

/** The jobs table (results and counters) and the Cities (places), written together. */
export const settleStore = ({ db, table, cities }: TableConfig & { cities: CitiesStore }): SettleStore => {
  /** Adds exactly these cities to the job's counters (`failures_by_error.<code>` included). */
  const countersUpdate = (jobId: string, group: readonly Settlement[]): TransactItem => {
    const failures = new Map<string, number>();
    for (const { outcome } of group)
      if (outcome.status === 'failed') failures.set(outcome.error, (failures.get(outcome.error) ?? 0) + 1);
    const codes = [...failures];
    const failed = group.filter((s) => s.outcome.status === 'failed').length;
    return {
      Update: {
        TableName: table,
        Key: { job_id: jobId, sk: JOB_SK },
        UpdateExpression: [
          'ADD #processed :processed, #succeeded :succeeded, #failed :failed',
          ...(codes.length
            ? [
                `SET ${codes.map((_, i) => `failures_by_error.#e${i} = if_not_exists(failures_by_error.#e${i}, :zero) + :e${i}`).join(', ')}`,
              ]
            : []),
        ].join(' '),
        ConditionExpression: 'attribute_exists(job_id)',
        ExpressionAttributeNames: {
          '#processed': 'processed',
          '#succeeded': 'succeeded',
          '#failed': 'failed',
          ...Object.fromEntries(codes.map(([code], i) => [`#e${i}`, code])),
        },
        ExpressionAttributeValues: {
          ':processed': group.length,
          ':succeeded': group.length - failed,
          ':failed': failed,
          ...(codes.length ? { ':zero': 0 } : {}),
          ...Object.fromEntries(codes.map(([, n], i) => [`:e${i}`, n])),
        },
      },
    };
  };

  const cityItems = (jobId: string, s: Settlement, now: string): TransactItem[] => {
    const result = resultFields(s.city, s.outcome, now);
    const put = {
      Put: {
        TableName: table,
        Item: {
          ...result,
          job_id: jobId,
          sk: `${RESULT_PREFIX}${s.key}`,
          city_key: s.key,
          job_status: `${jobId}#${result.status}`,
        },
        // The idempotency guard: one result per city per job, ever.
        ConditionExpression: 'attribute_not_exists(sk)',
      },
    };
    return s.newPlace ? [put, cities.placeItem(s.key, s.city, s.newPlace, now)] : [put];
  };

  /** One group: cities already settled are dropped until the rest commits; returns how many it counted. */
  const settleGroup = async (jobId: string, group: readonly Settlement[], now: string): Promise<number> => {
    let pending = [...group];
    while (pending.length > 0) {
      // owners[i] is the city of TransactItems[i] (none for the counters), to read cancellation reasons by.
      const owners: (Settlement | undefined)[] = [undefined];
      const items: TransactItem[] = [countersUpdate(jobId, pending)];
      for (const s of pending) {
        const own = cityItems(jobId, s, now);
        items.push(...own);
        owners.push(...own.map(() => s));
      }
      try {
        await db.send(new TransactWriteCommand({ TransactItems: items }));
        return pending.length;
      } catch (error) {
        // Item 0 is the counters' update, conditional on the job existing.
        const failed = failedConditions(error);
        if (failed.includes(0))
          throw new Error(`Bulk job ${jobId} does not exist; its cities cannot be counted.`, { cause: error });
        // Any other error, or a cancellation by a conflict or throttle: retried below, nothing was written.
        if (failed.length === 0) throw error;
        // Only result puts carry a condition: a failed one is a city an earlier delivery settled.
        const settled = new Set(failed.map((i) => owners[i]));
        pending = pending.filter((s) => !settled.has(s));
      }
    }
    return 0;
  };

  const settle = async (jobId: string, settlements: readonly Settlement[], now: string): Promise<number> => {
    let counted = 0;
    for (const group of groups(settlements)) {
      counted += await pRetry(() => settleGroup(jobId, group, now), {
        retries: 5,
        minTimeout: 50,
        randomize: true,
        shouldRetry: ({ error }) =>
          (cancellationCodes(error) ?? []).some((code) => code === 'TransactionConflict' || code === 'ThrottlingError'),
      });
    }
    return counted;
  };

  return {
    settledKeys: async (jobId, keys) => {
      const items = await getMany(
        db,
        table,
        keys.map((key) => ({ job_id: jobId, sk: `${RESULT_PREFIX}${key}` })),
      );
      return new Set(items.map((item) => item.city_key as string));
    },
    settle,
  };
};
