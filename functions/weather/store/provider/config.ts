// Provider choice and call limits, read once at cold start. Open-Meteo needs no key, so it is the
// deployed default; OPENWEATHER_API_KEY switches to OpenWeather; the sandbox sets `simulated`.
import * as z from '#model/zod.ts';
import { intVar, readEnv } from '#shared/config.ts';
import type { RetryPolicy } from '#functions/weather/domain/retry-policy.ts';

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
  })
  .check(
    z.refine((env) => env.WEATHER_PROVIDER !== 'simulated' || env.WEATHER_PROVIDER_URL, {
      message: 'WEATHER_PROVIDER=simulated needs WEATHER_PROVIDER_URL',
      path: ['WEATHER_PROVIDER_URL'],
    }),
  );

export type ProviderConfig = z.infer<typeof schema>;

export const readProviderConfig = (): ProviderConfig => readEnv(schema);

export const retryPolicy = (config: ProviderConfig): RetryPolicy => ({
  attempts: config.WEATHER_RETRY_ATTEMPTS,
  baseDelayMs: config.WEATHER_RETRY_BASE_MS,
  maxDelayMs: config.WEATHER_RETRY_MAX_MS,
  maxRetryAfterMs: config.WEATHER_RETRY_AFTER_MAX_MS,
});
