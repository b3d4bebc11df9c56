// The 15-minute cache of current conditions, one item per normalised city.
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient } from '#shared/clients/dynamodb.ts';
import { tableName } from '#shared/config.ts';
import { CACHE_TABLE, CACHE_TTL_SECONDS } from '../constants.ts';
import type { Observation } from '../provider/types.ts';
import { getMany, putMany } from './batch.ts';

const db = documentClient();
const table = tableName(CACHE_TABLE);

export interface CachedObservation extends Observation {
  readonly source: string;
}

interface CacheItem extends CachedObservation {
  readonly city_key: string;
  readonly fetched_at: string;
  /** Epoch seconds; the table's TTL attribute. */
  readonly expires_at: number;
}

/** The observation of an item unless expired: TTL deletion lags by up to days, so expiry is checked here. */
const fresh = (item: CacheItem | undefined, now: number): CachedObservation | undefined => {
  if (!item || item.expires_at * 1000 <= now) return undefined;
  const { city, temperature_c, condition, humidity, observed_at, source } = item;
  return { city, temperature_c, condition, humidity, observed_at, source };
};

const cacheItem = (key: string, observation: CachedObservation, now: number): CacheItem => ({
  ...observation,
  city_key: key,
  fetched_at: new Date(now).toISOString(),
  expires_at: Math.floor(now / 1000) + CACHE_TTL_SECONDS,
});

export const readCache = async (key: string, now: number): Promise<CachedObservation | undefined> => {
  const { Item } = await db.send(new GetCommand({ TableName: table, Key: { city_key: key } }));
  return fresh(Item as CacheItem | undefined, now);
};

export const writeCache = async (key: string, observation: CachedObservation, now: number): Promise<void> => {
  await db.send(new PutCommand({ TableName: table, Item: cacheItem(key, observation, now) }));
};

/** The fresh observations among `keys`, by key. */
export const readCacheMany = async (keys: readonly string[], now: number): Promise<Map<string, CachedObservation>> => {
  const hits = new Map<string, CachedObservation>();
  for (const item of (await getMany(table, keys.map((city_key) => ({ city_key })))) as unknown as CacheItem[]) {
    const observation = fresh(item, now);
    if (observation) hits.set(item.city_key, observation);
  }
  return hits;
};

export const writeCacheMany = async (entries: ReadonlyMap<string, CachedObservation>, now: number): Promise<void> => {
  await putMany(table, [...entries].map(([key, observation]) => ({ ...cacheItem(key, observation, now) })));
};
