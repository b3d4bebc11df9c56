// Provider choice and call limits, read once at cold start. Open-Meteo needs no key, so it is the
// deployed default; OPENWEATHER_API_KEY switches to OpenWeather; the sandbox sets `simulated`.
import * as z from '#model/zod.ts';
import { intVar, readEnv } from '#shared/config.ts';
import type { BulkQuota } from '#functions/weather/domain/job-outlook.ts';
import type { CallerClass } from '../rate-limiter.ts';
import type { CircuitPolicy } from '#functions/weather/domain/circuit.ts';
import type { RateLimit } from '#functions/weather/domain/rate-schedule.ts';
import type { RetryPolicy } from '#functions/weather/domain/retry-policy.ts';

export type ProviderName = 'open-meteo' | 'openweather' | 'simulated';

/**
 * Each provider's free tier, as documented: Open-Meteo's free (non-commercial) API, 600 calls a minute, 5,000
 * an hour, 10,000 a day and 300,000 a month (https://open-meteo.com/en/pricing, and
 * https://open-meteo.com/en/terms), a request counting once per location (the pricing page's note on
 * fractional calls); OpenWeather's Free plan, 60 calls a minute and 1,000,000 a month
 * (https://openweathermap.org/price). The simulated provider has none unless told (its `quota` switch).
 */
export const DOCUMENTED_LIMITS: Readonly<Record<ProviderName, readonly RateLimit[]>> = {
  'open-meteo': [
    { calls: 600, seconds: 60 },
    { calls: 5000, seconds: 3600 },
    { calls: 10_000, seconds: 86_400 },
    { calls: 300_000, seconds: 30 * 86_400 },
  ],
  openweather: [
    { calls: 60, seconds: 60 },
    { calls: 1_000_000, seconds: 30 * 86_400 },
  ],
  simulated: [],
};

/** `600/60,5000/3600`: calls per seconds, every pair a limit; `none` for no limit. */
const rateLimits = z.pipe(
  z.string().check(z.regex(/^(none|\d+\/\d+(,\d+\/\d+)*)$/, 'calls/seconds pairs, comma-separated, or none')),
  z.transform((text): RateLimit[] =>
    text === 'none'
      ? []
      : text.split(',').map((pair) => {
          const [calls, seconds] = pair.split('/').map(Number);
          return { calls: calls!, seconds: seconds! };
        }),
  ),
);

const ms = (fallback: number) => z._default(intVar(0), fallback);

const schema = z
  .object({
    WEATHER_PROVIDER: z.optional(z.enum(['open-meteo', 'openweather', 'simulated'])),
    /** Base URL of the simulated provider (it serves both Open-Meteo hosts' paths). */
    WEATHER_PROVIDER_URL: z.optional(z.url()),
    OPENWEATHER_API_KEY: z.optional(z.string().check(z.minLength(1))),
    WEATHER_TIMEOUT_MS: ms(2500),
    WEATHER_RETRY_ATTEMPTS: z._default(intVar(1, 10), 3),
    WEATHER_RETRY_BASE_MS: ms(200),
    WEATHER_RETRY_MAX_MS: ms(2000),
    WEATHER_RETRY_AFTER_MAX_MS: ms(5000),
    /** The provider's limits, when not its documented free tier (DOCUMENTED_LIMITS). */
    WEATHER_RATE_LIMITS: z.optional(rateLimits),
    /** The share of every limit kept for interactive lookups (percent). */
    WEATHER_INTERACTIVE_SHARE_PERCENT: z._default(intVar(1, 99), 20),
    /** The longest a bulk chunk waits for its turn in the quota before it goes back on the queue. */
    WEATHER_BULK_WAIT_MS: ms(20_000),
    /**
     * Consecutive failed calls (5xx, timeouts, unreachable; all callers') that open the circuit breaker. No more
     * than one call's attempts, so a call that exhausts its retries opens it instead of failing its cities.
     */
    WEATHER_CIRCUIT_FAILURES: z._default(intVar(1, 1000), 3),
    /** How long the circuit first stays open; doubled on each failed probe, up to WEATHER_CIRCUIT_MAX_OPEN_MS. */
    WEATHER_CIRCUIT_OPEN_MS: ms(5000),
    WEATHER_CIRCUIT_MAX_OPEN_MS: ms(20_000),
    /** How long, in all, a bulk chunk waits out outages before its cities are settled as upstream_unavailable. */
    WEATHER_OUTAGE_PATIENCE_MS: ms(30 * 60_000),
  })
  .check(
    z.refine((env) => env.WEATHER_PROVIDER !== 'simulated' || env.WEATHER_PROVIDER_URL, {
      message: 'WEATHER_PROVIDER=simulated needs WEATHER_PROVIDER_URL',
      path: ['WEATHER_PROVIDER_URL'],
    }),
  );

export type ProviderConfig = z.infer<typeof schema>;

export const readProviderConfig = (): ProviderConfig => readEnv(schema);

/** The provider the configuration selects; explicit WEATHER_PROVIDER wins. */
export const providerName = (config: ProviderConfig): ProviderName =>
  config.WEATHER_PROVIDER ?? (config.OPENWEATHER_API_KEY ? 'openweather' : 'open-meteo');

/** The limits every call to the configured provider is held to. */
export const providerLimits = (config: ProviderConfig): readonly RateLimit[] =>
  config.WEATHER_RATE_LIMITS ?? DOCUMENTED_LIMITS[providerName(config)];

/** The share of every limit a class of callers may use: lookups have theirs, bulk workers the rest. */
export const callerShare = (config: ProviderConfig, caller: CallerClass): number => {
  const interactive = config.WEATHER_INTERACTIVE_SHARE_PERCENT / 100;
  return caller === 'interactive' ? interactive : 1 - interactive;
};

/** The limits and the share of them bulk workers may use. */
export const bulkQuota = (config: ProviderConfig): BulkQuota => ({
  limits: providerLimits(config),
  share: callerShare(config, 'bulk'),
});

export const circuitPolicy = (config: ProviderConfig): CircuitPolicy => ({
  failures: config.WEATHER_CIRCUIT_FAILURES,
  openMs: config.WEATHER_CIRCUIT_OPEN_MS,
  maxOpenMs: Math.max(config.WEATHER_CIRCUIT_OPEN_MS, config.WEATHER_CIRCUIT_MAX_OPEN_MS),
  // One attempt's timeout, and a second for its bookkeeping.
  probeMs: config.WEATHER_TIMEOUT_MS + 1000,
});

export const retryPolicy = (config: ProviderConfig): RetryPolicy => ({
  attempts: config.WEATHER_RETRY_ATTEMPTS,
  baseDelayMs: config.WEATHER_RETRY_BASE_MS,
  maxDelayMs: config.WEATHER_RETRY_MAX_MS,
  maxRetryAfterMs: config.WEATHER_RETRY_AFTER_MAX_MS,
});
