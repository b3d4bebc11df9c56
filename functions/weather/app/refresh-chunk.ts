// One chunk of a bulk job, as a worker handles it. Each city is placed without a provider call where
// possible (the place an earlier geocoding cached on its City, which the message carries, else the bundled
// gazetteer); placed cities are grouped by forecast cell (domain/forecast-cell.ts). The cache answers
// cities (an interactive lookup's entry) and cells; the provider is asked once per missed cell, at its
// centre, and by name for cities nothing placed, in one batched request. Fresh answers are cached by cell,
// then every city that has an outcome is settled (store/settle.ts). A city whose provider is unavailable
// is handed back to be sent again later, as is one the quota has no turn for soon or the circuit breaker
// holds (never counted as a failure); once the chunk has waited out outages for longer than the configured
// patience, an unavailable city is left for the chunk's redelivery until SETTLE_UNAVAILABLE_ON_RECEIVE.
import { BadGatewayError } from '#shared/errors.ts';
import { logger } from '#shared/logger.ts';
import { addDimensionedMetric, metrics, MetricUnit } from '#shared/metrics.ts';
import { METRICS, RESULT_STATUS, SETTLE_UNAVAILABLE_ON_RECEIVE } from '../constants.ts';
import type { ChunkCity, ChunkMessage, Place } from '../domain/messages.ts';
import { cityKey } from '../domain/city.ts';
import { forecastCell, type ForecastCell } from '../domain/forecast-cell.ts';
import { gazetteerPlace } from '../store/gazetteer.ts';
import { CityNotFoundError, ProviderOutageError, ProviderWaitError, UpstreamUnavailableError } from '../errors.ts';
import type { CityAnswer, WeatherProvider } from '../store/provider/index.ts';
import type { CacheBatches, CachedObservation, Settlement, SettleStore } from '../store/index.ts';

interface RefreshDeps {
  readonly cache: CacheBatches;
  readonly provider: WeatherProvider;
  readonly settler: SettleStore;
  /** How long, in all, a chunk waits out provider outages before its cities are settled as unavailable. */
  readonly outagePatienceMs: number;
}

interface PlacedCity {
  readonly key: string;
  readonly city: string;
  readonly place?: Place;
  /** The place came with the message (it is on the City). */
  readonly known: boolean;
  readonly cell?: ForecastCell;
}

/** The error code a failed city is settled with; undefined while it should be tried again. */
const failureCode = (error: Error, receiveCount: number): string | undefined => {
  if (error instanceof CityNotFoundError) return 'city_not_found';
  // Past the chunk's patience for outages.
  if (error instanceof ProviderOutageError) return 'upstream_unavailable';
  if (error instanceof BadGatewayError) return 'upstream_error';
  if (error instanceof UpstreamUnavailableError && receiveCount >= SETTLE_UNAVAILABLE_ON_RECEIVE)
    return 'upstream_unavailable';
  return undefined;
};

/** How long a city's failure asks the chunk to wait, when it is one to wait out rather than settle. */
const pauseFor = (error: Error): { readonly waitMs: number; readonly outage: boolean } | undefined => {
  if (error instanceof ProviderWaitError) return { waitMs: error.waitMs, outage: error instanceof ProviderOutageError };
  // Every attempt failed while the circuit stayed closed (other calls were answered meanwhile).
  if (error instanceof UpstreamUnavailableError)
    return { waitMs: Number(error.headers['retry-after']) * 1000, outage: true };
  return undefined;
};

const placed = ({ city, place }: ChunkCity): PlacedCity => {
  const key = cityKey(city);
  const found = place ?? gazetteerPlace(key);
  return { key, city, known: place !== undefined, ...(found ? { place: found, cell: forecastCell(found) } : {}) };
};

/**
 * Where the cache may hold a city's weather: its forecast cell's entry (imports and lookups of placed names
 * write there) and, for a name only the provider could place, its own (a lookup of such a name writes there).
 */
const cacheKeys = (c: PlacedCity): string[] => {
  if (!c.cell) return [c.key];
  return c.known ? [c.key, c.cell.key] : [c.cell.key];
};

/** The chunk of the cities the provider has no turn for before `waitMs` from now. */
export interface Deferred {
  readonly message: ChunkMessage;
  readonly waitMs: number;
}

/** Settles what it can of the chunk; returns the cities to try again once the provider allows, if any. */
export const refreshChunk = async (
  { cache, provider, settler, outagePatienceMs }: RefreshDeps,
  { job_id: jobId, cities: chunk, paused_ms: pausedMs = 0 }: ChunkMessage,
  receiveCount: number,
): Promise<Deferred | undefined> => {
  const now = Date.now();
  let cities = chunk.map(placed);
  // A redelivery may follow a partial commit: cities settled then need no provider call now (the
  // result's write condition would refuse them anyway).
  if (receiveCount > 1) {
    const settled = await settler.settledKeys(
      jobId,
      cities.map((c) => c.key),
    );
    cities = cities.filter((c) => !settled.has(c.key));
  }
  const hits = await cache.readMany([...new Set(cities.flatMap(cacheKeys))], now);
  const hit = (c: PlacedCity) => hits.get(c.key) ?? (c.cell && hits.get(c.cell.key));
  const misses = cities.filter((c) => !hit(c));
  metrics.addMetric(METRICS.lookups, MetricUnit.Count, cities.length);
  metrics.addMetric(METRICS.cacheHits, MetricUnit.Count, cities.length - misses.length);
  const cells = new Map(misses.flatMap((c) => (c.cell ? [[c.cell.key, c.cell] as const] : [])));
  const unplaced = misses.filter((c) => !c.cell);
  const answers = await provider.current([
    ...[...cells.values()].map(({ key, latitude, longitude }) => ({
      city: key,
      place: { name: key, latitude, longitude },
    })),
    ...unplaced.map(({ city }) => ({ city })),
  ]);
  const cellAnswers = new Map([...cells.keys()].map((key, i) => [key, answers[i]!]));
  const byName = new Map(unplaced.map((c, i) => [c.key, answers[cells.size + i]!]));

  const fetched = new Map<string, CachedObservation>();
  const settlements: Settlement[] = [];
  let unsettled: Error | undefined;
  const deferred = { cities: [] as ChunkCity[], waitMs: 0, outage: false };
  const settleFresh = (c: PlacedCity, answer: CityAnswer, newPlace?: Place): void => {
    const pause = answer.ok ? undefined : pauseFor(answer.error);
    if (pause && !(pause.outage && pausedMs >= outagePatienceMs)) {
      deferred.cities.push({ city: c.city, ...(c.known ? { place: c.place! } : {}) });
      deferred.waitMs = Math.max(deferred.waitMs, pause.waitMs);
      deferred.outage ||= pause.outage;
      return;
    }
    if (!answer.ok) {
      const error = failureCode(answer.error, receiveCount);
      if (error) settlements.push({ key: c.key, city: c.city, outcome: { status: 'failed', error } });
      else unsettled ??= answer.error;
      return;
    }
    const place = newPlace ?? c.place!;
    const observation = { ...answer.observation, city: place.name, source: provider.name };
    fetched.set(forecastCell(place).key, observation);
    const weather = { ...observation, key: c.key, cached: false };
    settlements.push({
      key: c.key,
      city: c.city,
      outcome: { status: 'succeeded', weather },
      ...(newPlace ? { newPlace } : {}),
    });
  };
  for (const c of cities) {
    const cached = hit(c);
    if (cached) {
      const weather = { ...cached, city: c.place?.name ?? cached.city, key: c.key, cached: true };
      settlements.push({ key: c.key, city: c.city, outcome: { status: 'succeeded', weather } });
    } else if (c.cell) {
      // A place from the gazetteer is not written to the City: the next import finds it there again.
      settleFresh(c, cellAnswers.get(c.cell.key)!);
    } else {
      const answer = byName.get(c.key)!;
      settleFresh(c, answer, answer.ok ? answer.place : undefined);
    }
  }

  await cache.writeMany(fetched, now);
  const counted = await settler.settle(jobId, settlements, new Date().toISOString());
  for (const outcome of Object.values(RESULT_STATUS)) {
    const settled = settlements.filter((s) => s.outcome.status === outcome).length;
    if (settled > 0) addDimensionedMetric(METRICS.bulkCities, MetricUnit.Count, settled, { outcome });
  }
  logger.info('chunk settled', {
    job_id: jobId,
    cities: chunk.length,
    settled: counted,
    cache_hits: cities.length - misses.length,
  });
  if (counted < settlements.length) {
    logger.info('cities already settled; the redelivery counted them nothing', {
      job_id: jobId,
      duplicates: settlements.length - counted,
    });
  }
  // What was settled stays settled; the rest comes back with the message.
  if (unsettled) throw unsettled;
  if (deferred.cities.length === 0) return undefined;
  const paused = deferred.outage
    ? { paused_ms: pausedMs + deferred.waitMs }
    : pausedMs > 0
      ? { paused_ms: pausedMs }
      : {};
  return { message: { job_id: jobId, cities: deferred.cities, ...paused }, waitMs: deferred.waitMs };
};
