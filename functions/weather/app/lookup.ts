// Current weather for a city through the cache: a fresh hit makes no provider call; a miss asks the
// provider once (with its own retries) and stores the answer for 15 minutes. A name the gazetteer knows
// is looked up as the bulk workers look it up (app/refresh-chunk.ts): by its forecast cell, cached under
// the cell's key and asked for at the cell's centre, so a miss is one forecast call and an import's answer
// is a hit; only other names go to the provider's geocoder, cached by city. Every lookup is recorded in
// the history.
import { metrics, MetricUnit } from '#shared/metrics.ts';
import { METRICS } from '../constants.ts';
import type { HistoryEntry } from '../domain/history-entry.ts';
import { cityKey } from '../domain/city.ts';
import { forecastCell } from '../domain/forecast-cell.ts';
import { gazetteerPlace } from '../store/gazetteer.ts';
import { observeCity, type WeatherProvider } from '../store/provider/index.ts';
import type { CachedObservation, CacheStore, HistoryStore, Lookup } from '../store/index.ts';

interface LookupDeps {
  readonly cache: CacheStore;
  readonly history: HistoryStore;
  readonly provider: WeatherProvider;
}

const lookupWeather = async ({ cache, provider }: LookupDeps, city: string, now: number): Promise<Lookup> => {
  const key = cityKey(city);
  const place = gazetteerPlace(key);
  const cell = place && forecastCell(place);
  const cacheKey = cell?.key ?? key;
  const hit = await cache.read(cacheKey, now);
  metrics.addMetric(METRICS.lookups, MetricUnit.Count, 1);
  metrics.addMetric(METRICS.cacheHits, MetricUnit.Count, hit ? 1 : 0);
  // A cell's entry carries the name of whichever city filled it.
  if (hit) return { ...hit, city: place?.name ?? hit.city, key, cached: true };
  const at = cell && { name: place.name, latitude: cell.latitude, longitude: cell.longitude };
  const observation: CachedObservation = { ...(await observeCity(provider, city, at)), source: provider.name };
  await cache.write(cacheKey, observation, now);
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
