// One chunk of a bulk job, as a worker handles it: cities the cache knows make no provider call; the
// rest go to the provider in one batched request (places known from earlier imports skip geocoding);
// fresh answers are cached, then every city that has an outcome is settled (store/settle.ts). A city
// whose provider is unavailable is left for the chunk's redelivery, until SETTLE_UNAVAILABLE_ON_RECEIVE.
import { BadGatewayError } from '#shared/errors.ts';
import { logger } from '#shared/logger.ts';
import { addDimensionedMetric, metrics, MetricUnit } from '#shared/metrics.ts';
import { METRICS, RESULT_STATUS, SETTLE_UNAVAILABLE_ON_RECEIVE } from '../constants.ts';
import type { ChunkCity } from '../domain/messages.ts';
import { cityKey } from '../domain/city.ts';
import { CityNotFoundError, UpstreamUnavailableError } from '../errors.ts';
import type { WeatherProvider } from '../store/provider/index.ts';
import type { CacheBatches, CachedObservation, Settlement, SettleStore } from '../store/index.ts';

interface RefreshDeps {
  readonly cache: CacheBatches;
  readonly provider: WeatherProvider;
  readonly settler: SettleStore;
}

/** The error code a failed city is settled with; undefined while it should be tried again. */
const failureCode = (error: Error, receiveCount: number): string | undefined => {
  if (error instanceof CityNotFoundError) return 'city_not_found';
  if (error instanceof BadGatewayError) return 'upstream_error';
  if (error instanceof UpstreamUnavailableError && receiveCount >= SETTLE_UNAVAILABLE_ON_RECEIVE)
    return 'upstream_unavailable';
  return undefined;
};

export const refreshChunk = async (
  { cache, provider, settler }: RefreshDeps,
  jobId: string,
  chunk: readonly ChunkCity[],
  receiveCount: number,
): Promise<void> => {
  const now = Date.now();
  let cities = chunk.map((c) => ({ ...c, key: cityKey(c.city) }));
  // A redelivery may follow a partial commit: cities settled then need no provider call now (the
  // result's write condition would refuse them anyway).
  if (receiveCount > 1) {
    const settled = await settler.settledKeys(
      jobId,
      cities.map((c) => c.key),
    );
    cities = cities.filter((c) => !settled.has(c.key));
  }
  const hits = await cache.readMany(
    cities.map((c) => c.key),
    now,
  );
  const misses = cities.filter((c) => !hits.has(c.key));
  metrics.addMetric(METRICS.lookups, MetricUnit.Count, cities.length);
  metrics.addMetric(METRICS.cacheHits, MetricUnit.Count, hits.size);
  const answers = await provider.current(misses);

  const settlements: Settlement[] = cities.flatMap(({ key, city }) => {
    const hit = hits.get(key);
    return hit
      ? [{ key, city, outcome: { status: 'succeeded' as const, weather: { ...hit, key, cached: true } } }]
      : [];
  });
  const fetched = new Map<string, CachedObservation>();
  let unsettled: Error | undefined;
  misses.forEach(({ key, city, place }, i) => {
    const answer = answers[i]!;
    if (answer.ok) {
      const observation = { ...answer.observation, source: provider.name };
      fetched.set(key, observation);
      settlements.push({
        key,
        city,
        outcome: { status: 'succeeded', weather: { ...observation, key, cached: false } },
        ...(place ? {} : { newPlace: answer.place }),
      });
      return;
    }
    const error = failureCode(answer.error, receiveCount);
    if (error) settlements.push({ key, city, outcome: { status: 'failed', error } });
    else unsettled ??= answer.error;
  });

  await cache.writeMany(fetched, now);
  const counted = await settler.settle(jobId, settlements, new Date().toISOString());
  for (const outcome of Object.values(RESULT_STATUS)) {
    const settled = settlements.filter((s) => s.outcome.status === outcome).length;
    if (settled > 0) addDimensionedMetric(METRICS.bulkCities, MetricUnit.Count, settled, { outcome });
  }
  logger.info('chunk settled', { job_id: jobId, cities: chunk.length, settled: counted, cache_hits: hits.size });
  if (counted < settlements.length) {
    logger.info('cities already settled; the redelivery counted them nothing', {
      job_id: jobId,
      duplicates: settlements.length - counted,
    });
  }
  // What was settled stays settled; the rest comes back with the message.
  if (unsettled) throw unsettled;
};
