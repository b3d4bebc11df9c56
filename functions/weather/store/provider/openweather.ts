// OpenWeather current weather (metric units); used when OPENWEATHER_API_KEY is set. It has no batch
// endpoint: one call per city, LIMITS.providerConcurrency at a time, each retried by getJson. A city
// already placed is asked by coordinates, which is exact where a name is ambiguous.
import pLimit from 'p-limit';
import * as z from '#model/zod.ts';
import { BadGatewayError } from '#shared/errors.ts';
import { LIMITS } from '#functions/weather/constants.ts';
import { CityNotFoundError } from '#functions/weather/errors.ts';
import { failed } from './answers.ts';
import { getJson, type FetchOptions } from './http.ts';
import type { CityAnswer, CityQuery, WeatherProvider } from './types.ts';

export const OPENWEATHER_URL = 'https://api.openweathermap.org';

const current = z.object({
  name: z.string(),
  coord: z.object({ lat: z.number(), lon: z.number() }),
  /** Epoch seconds of the observation. */
  dt: z.number(),
  main: z.object({ temp: z.number(), humidity: z.number() }),
  weather: z.array(z.object({ description: z.string() })).check(z.minLength(1)),
});

export const openWeather = (
  apiKey: string,
  options: Omit<FetchOptions, 'provider'>,
  baseUrl = OPENWEATHER_URL,
): WeatherProvider => {
  const one = async ({ city, place }: CityQuery): Promise<CityAnswer> => {
    const where: Record<string, string> = place
      ? { lat: String(place.latitude), lon: String(place.longitude) }
      : { q: city };
    const query = new URLSearchParams({ ...where, appid: apiKey, units: 'metric' });
    const { status, body } = await getJson(`${baseUrl}/data/2.5/weather?${query}`, {
      ...options,
      provider: 'openweather',
    });
    if (status === 404) throw new CityNotFoundError(city);
    const parsed = current.safeParse(body);
    if (status !== 200 || !parsed.success)
      throw new BadGatewayError(`OpenWeather answered ${status} with an unexpected body.`);
    const { name, coord, dt, main, weather } = parsed.data;
    return {
      ok: true,
      observation: {
        city: place?.name ?? name,
        temperature_c: main.temp,
        condition: weather[0]!.description.toLowerCase(),
        humidity: main.humidity,
        observed_at: new Date(dt * 1000).toISOString(),
      },
      place: place ?? { name, latitude: coord.lat, longitude: coord.lon },
    };
  };
  return {
    name: 'openweather',
    current: (queries) => {
      const limit = pLimit(LIMITS.providerConcurrency);
      return Promise.all(queries.map((q) => limit(() => one(q)).catch((error: unknown) => failed(error))));
    },
  };
};
