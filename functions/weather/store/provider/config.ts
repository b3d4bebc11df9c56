// Provider choice and call limits, read once at cold start. Open-Meteo needs no key, so it is the
// deployed default; OPENWEATHER_API_KEY switches to OpenWeather; the sandbox sets `simulated`.
import * as z from 'zod';
import { readEnv } from '#shared/config.ts';
import type { RetryPolicy } from '#functions/weather/domain/retry-policy.ts';

const ms = (fallback: number) => z.coerce.number().int().min(0).default(fallback);

const schema = z
  .object({
    WEATHER_PROVIDER: z.enum(['open-meteo', 'openweather', 'simulated']).optional(),
    /** Base URL of the simulated provider (it serves both Open-Meteo hosts' paths). */
    WEATHER_PROVIDER_URL: z.url().optional(),
    OPENWEATHER_API_KEY: z.string().min(1).optional(),
    WEATHER_TIMEOUT_MS: ms(2500),
    WEATHER_RETRY_ATTEMPTS: z.coerce.number().int().min(1).max(10).default(3),
    WEATHER_RETRY_BASE_MS: ms(200),
    WEATHER_RETRY_MAX_MS: ms(2000),
    WEATHER_RETRY_AFTER_MAX_MS: ms(5000),
  })
  .refine((env) => env.WEATHER_PROVIDER !== 'simulated' || env.WEATHER_PROVIDER_URL, {
    message: 'WEATHER_PROVIDER=simulated needs WEATHER_PROVIDER_URL',
    path: ['WEATHER_PROVIDER_URL'],
  });

export type ProviderConfig = z.infer<typeof schema>;

export const readProviderConfig = (): ProviderConfig => readEnv(schema);

export const retryPolicy = (config: ProviderConfig): RetryPolicy => ({
  attempts: config.WEATHER_RETRY_ATTEMPTS,
  baseDelayMs: config.WEATHER_RETRY_BASE_MS,
  maxDelayMs: config.WEATHER_RETRY_MAX_MS,
  maxRetryAfterMs: config.WEATHER_RETRY_AFTER_MAX_MS,
});
