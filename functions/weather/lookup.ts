// Current weather for a city through the cache: a fresh hit makes no provider call; a miss asks the
// provider once (with its own retries) and stores the answer for 15 minutes.
import { cityKey } from './domain/city.ts';
import { createProvider, observeCity } from './provider/index.ts';
import { readCache, writeCache, type CachedObservation } from './store/cache.ts';

const provider = createProvider();

export interface Lookup extends CachedObservation {
  readonly key: string;
  readonly cached: boolean;
}

export const lookupWeather = async (city: string, now = Date.now()): Promise<Lookup> => {
  const key = cityKey(city);
  const hit = await readCache(key, now);
  if (hit) return { ...hit, key, cached: true };
  const observation: CachedObservation = { ...(await observeCity(provider, city)), source: provider.name };
  await writeCache(key, observation, now);
  return { ...observation, key, cached: false };
};
