// OpenWeather current weather by city name (metric units); used when OPENWEATHER_API_KEY is set.
import * as z from 'zod';
import { BadGatewayError } from '../../../shared/errors.ts';
import { CityNotFoundError } from '../errors.ts';
import { getJson, type FetchOptions } from './http.ts';
import type { WeatherProvider } from './types.ts';

export const OPENWEATHER_URL = 'https://api.openweathermap.org';

const current = z.object({
  name: z.string(),
  /** Epoch seconds of the observation. */
  dt: z.number(),
  main: z.object({ temp: z.number(), humidity: z.number() }),
  weather: z.array(z.object({ description: z.string() })).min(1),
});

export const openWeather = (apiKey: string, options: Omit<FetchOptions, 'provider'>, baseUrl = OPENWEATHER_URL): WeatherProvider => ({
  name: 'openweather',
  current: async (city) => {
    const query = new URLSearchParams({ q: city, appid: apiKey, units: 'metric' });
    const { status, body } = await getJson(`${baseUrl}/data/2.5/weather?${query}`, { ...options, provider: 'openweather' });
    if (status === 404) throw new CityNotFoundError(city);
    const parsed = current.safeParse(body);
    if (status !== 200 || !parsed.success) throw new BadGatewayError(`OpenWeather answered ${status} with an unexpected body.`);
    const { name, dt, main, weather } = parsed.data;
    return {
      city: name,
      temperature_c: main.temp,
      condition: weather[0]!.description.toLowerCase(),
      humidity: main.humidity,
      observed_at: new Date(dt * 1000).toISOString(),
    };
  },
});
