// The 15-minute cache of current conditions, one item per normalised city.
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient } from '../../../shared/clients/dynamodb.ts';
import { tableName } from '../../../shared/config.ts';
import { CACHE_TABLE, CACHE_TTL_SECONDS } from '../constants.ts';
import type { Observation } from '../provider/types.ts';

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

/** The cached observation unless expired: TTL deletion lags by up to days, so expiry is checked here. */
export const readCache = async (key: string, now: number): Promise<CachedObservation | undefined> => {
  const { Item } = await db.send(new GetCommand({ TableName: table, Key: { city_key: key } }));
  const item = Item as CacheItem | undefined;
  if (!item || item.expires_at * 1000 <= now) return undefined;
  const { city, temperature_c, condition, humidity, observed_at, source } = item;
  return { city, temperature_c, condition, humidity, observed_at, source };
};

export const writeCache = async (key: string, observation: CachedObservation, now: number): Promise<void> => {
  const item: CacheItem = {
    ...observation,
    city_key: key,
    fetched_at: new Date(now).toISOString(),
    expires_at: Math.floor(now / 1000) + CACHE_TTL_SECONDS,
  };
  await db.send(new PutCommand({ TableName: table, Item: item }));
};
