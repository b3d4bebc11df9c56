// What the functions that call the weather provider are given (GET /weather's lookup, the bulk worker),
// built once per execution environment on first use. A module of its own, apart from deps.ts: the
// provider's modules run code when imported (their response schemas), which every other function would
// otherwise bundle.
import { lazy } from '#shared/lazy.ts';
import { CACHE_TABLE, CITIES_TABLE, HISTORY_TABLE, JOBS_TABLE, QUOTA_TABLE } from '../constants.ts';
import { cacheBatches, cacheStore } from '../store/cache.ts';
import { chunkQueue } from '../store/chunk-queue.ts';
import { circuitBreaker } from '../store/circuit-breaker.ts';
import { citiesStore } from '../store/cities.ts';
import { historyStore } from '../store/history.ts';
import { jobsStore } from '../store/jobs.ts';
import { callerShare, circuitPolicy, providerLimits, readProviderConfig } from '../store/provider/config.ts';
import { createProvider, type WeatherProvider } from '../store/provider/index.ts';
import { rateLimiter, OPEN_GATE, type CallerClass } from '../store/rate-limiter.ts';
import { settleStore } from '../store/settle.ts';
import { citiesQueueConfig, table } from './deps.ts';

/**
 * The provider behind the quota's gate (the shared DynamoDB limiter when the provider has limits, else
 * none) and the shared circuit breaker. Bulk workers wait up to WEATHER_BULK_WAIT_MS for a turn; a lookup
 * no longer than it would for Retry-After.
 */
const gatedProvider = (caller: CallerClass): WeatherProvider => {
  const config = readProviderConfig();
  const limits = providerLimits(config);
  const gate =
    limits.length === 0
      ? OPEN_GATE
      : rateLimiter(table(QUOTA_TABLE), {
          limits,
          share: callerShare(config, caller),
          caller,
          maxWaitMs: caller === 'bulk' ? config.WEATHER_BULK_WAIT_MS : config.WEATHER_RETRY_AFTER_MAX_MS,
        });
  return createProvider(config, gate, circuitBreaker(table(QUOTA_TABLE), circuitPolicy(config)));
};

// Marked pure so that a function's bundle keeps only the builder its handler calls.
export const lookupDeps = /* @__PURE__ */ lazy(() => ({
  cache: cacheStore(table(CACHE_TABLE)),
  history: historyStore(table(HISTORY_TABLE)),
  provider: gatedProvider('interactive'),
}));
export const workerDeps = /* @__PURE__ */ lazy(() => ({
  cache: cacheBatches(table(CACHE_TABLE)),
  provider: gatedProvider('bulk'),
  settler: settleStore({ ...table(JOBS_TABLE), cities: citiesStore(table(CITIES_TABLE)) }),
  jobs: jobsStore(table(JOBS_TABLE)),
  queue: chunkQueue(citiesQueueConfig()),
  outagePatienceMs: readProviderConfig().WEATHER_OUTAGE_PATIENCE_MS,
}));
