// Current weather for a city through the cache: a fresh hit makes no provider call; a miss asks the
// provider once (with its own retries) and stores the answer for 15 minutes. Every lookup is recorded
// in the history.
import { metrics, MetricUnit } from '#shared/metrics.ts';
import { METRICS } from '../constants.ts';
import type { HistoryEntry } from '../domain/history-entry.ts';
import { cityKey } from '../domain/city.ts';
import { observeCity, type WeatherProvider } from '../store/provider/index.ts';
import type { CachedObservation, CacheStore, HistoryStore, Lookup } from '../store/index.ts';

interface LookupDeps {
  readonly cache: CacheStore;
  readonly history: HistoryStore;
  readonly provider: WeatherProvider;
}

const lookupWeather = async ({ cache, provider }: LookupDeps, city: string, now: number): Promise<Lookup> => {
  const key = cityKey(city);
  const hit = await cache.read(key, now);
  metrics.addMetric(METRICS.lookups, MetricUnit.Count, 1);
  metrics.addMetric(METRICS.cacheHits, MetricUnit.Count, hit ? 1 : 0);
  if (hit) return { ...hit, key, cached: true };
  const observation: CachedObservation = { ...(await observeCity(provider, city)), source: provider.name };
  await cache.write(key, observation, now);
  return { ...observation, key, cached: false };
};

/** `GET /weather`: the city's current conditions, added to the history. */
export const currentWeather = async (deps: LookupDeps, city: string): Promise<Omit<HistoryEntry, 'searched_at'>> => {
  const {
    city: name,
    temperature_c,
    condition,
    humidity,
    observed_at,
    source,
    cached,
  } = await lookupWeather(deps, city, Date.now());
  const weather = { city: name, temperature_c, condition, humidity, observed_at, source, cached };
  await deps.history.add({ ...weather, searched_at: new Date().toISOString() });
  return weather;
};
