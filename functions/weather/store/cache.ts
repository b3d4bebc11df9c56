// The 15-minute cache of current conditions, one item per normalised city.
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { CACHE_TTL_SECONDS } from '../constants.ts';
import type { Observation } from './provider/types.ts';
import { getMany, putMany } from './batch.ts';
import type { TableConfig } from '#shared/dynamodb/table.ts';

export interface CachedObservation extends Observation {
  readonly source: string;
}

/** A city's current conditions as a lookup found them: from the cache or fresh from the provider. */
export interface Lookup extends CachedObservation {
  readonly key: string;
  readonly cached: boolean;
}

interface CacheItem extends CachedObservation {
  readonly city_key: string;
  readonly fetched_at: string;
  /** Epoch seconds; the table's TTL attribute. */
  readonly expires_at: number;
}

/** One city at a time (`GET /weather`). */
export interface CacheStore {
  read(key: string, now: number): Promise<CachedObservation | undefined>;
  write(key: string, observation: CachedObservation, now: number): Promise<void>;
}

/** A chunk of cities at a time (the bulk workers), in batched requests. */
export interface CacheBatches {
  /** The fresh observations among `keys`, by key. */
  readMany(keys: readonly string[], now: number): Promise<Map<string, CachedObservation>>;
  writeMany(entries: ReadonlyMap<string, CachedObservation>, now: number): Promise<void>;
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

export const cacheStore = ({ db, table }: TableConfig): CacheStore => ({
  read: async (key, now) => {
    const { Item } = await db.send(new GetCommand({ TableName: table, Key: { city_key: key } }));
    return fresh(Item as CacheItem | undefined, now);
  },
  write: async (key, observation, now) => {
    await db.send(new PutCommand({ TableName: table, Item: cacheItem(key, observation, now) }));
  },
});

export const cacheBatches = ({ db, table }: TableConfig): CacheBatches => ({
  readMany: async (keys, now) => {
    const hits = new Map<string, CachedObservation>();
    for (const item of (await getMany(
      db,
      table,
      keys.map((city_key) => ({ city_key })),
    )) as unknown as CacheItem[]) {
      const observation = fresh(item, now);
      if (observation) hits.set(item.city_key, observation);
    }
    return hits;
  },
  writeMany: async (entries, now) => {
    await putMany(
      db,
      table,
      [...entries].map(([key, observation]) => ({ ...cacheItem(key, observation, now) })),
    );
  },
});
