// The provider a function calls, behind the quota's gate (the shared DynamoDB limiter when the provider has
// limits, store/rate-limiter.ts, else none) and the shared circuit breaker (store/circuit-breaker.ts). A
// module of its own so that handlers that call no provider do not bundle it (deps.ts).
import { QUOTA_TABLE } from '../constants.ts';
import { circuitBreaker } from '../store/circuit-breaker.ts';
import { rateLimiter, OPEN_GATE, type CallerClass } from '../store/rate-limiter.ts';
import { circuitPolicy, providerLimits, readProviderConfig } from '../store/provider/config.ts';
import { createProvider, type WeatherProvider } from '../store/provider/index.ts';
import { table } from './deps.ts';

/** Bulk workers wait up to WEATHER_BULK_WAIT_MS for a turn; a lookup no longer than it would for Retry-After. */
export const gatedProvider = (caller: CallerClass): WeatherProvider => {
  const config = readProviderConfig();
  const limits = providerLimits(config);
  const gate =
    limits.length === 0
      ? OPEN_GATE
      : rateLimiter(table(QUOTA_TABLE), {
          limits,
          interactiveShare: config.WEATHER_INTERACTIVE_SHARE_PERCENT / 100,
          caller,
          maxWaitMs: caller === 'bulk' ? config.WEATHER_BULK_WAIT_MS : config.WEATHER_RETRY_AFTER_MAX_MS,
        });
  return createProvider(config, gate, circuitBreaker(table(QUOTA_TABLE), circuitPolicy(config)));
};
