// Open-Meteo: geocoding (name -> coordinates) then current conditions. No key; the simulated provider
// speaks the same format, so it exercises this very client.
import * as z from 'zod';
import { BadGatewayError } from '../../../shared/errors.ts';
import { wmoCondition } from '../domain/conditions.ts';
import { CityNotFoundError } from '../errors.ts';
import { getJson, type FetchOptions } from './http.ts';
import type { WeatherProvider } from './types.ts';

export const OPEN_METEO_URLS = {
  geocoding: 'https://geocoding-api.open-meteo.com',
  forecast: 'https://api.open-meteo.com',
} as const;

const geocoding = z.object({
  // Absent, not empty, when nothing matches.
  results: z.array(z.object({ name: z.string(), latitude: z.number(), longitude: z.number() })).optional(),
});

const forecast = z.object({
  current: z.object({
    /** Local time of the requested timezone (GMT here), minute precision: `2026-11-23T10:15`. */
    time: z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/),
    temperature_2m: z.number(),
    relative_humidity_2m: z.number(),
    weather_code: z.number().int(),
  }),
});

export const openMeteo = (urls: { geocoding: string; forecast: string }, options: Omit<FetchOptions, 'provider'>): WeatherProvider => {
  const fetchOptions = { ...options, provider: 'open-meteo' };
  const read = async <S extends z.ZodType>(url: string, schema: S): Promise<z.output<S>> => {
    const { status, body } = await getJson(url, fetchOptions);
    const parsed = schema.safeParse(body);
    if (status !== 200 || !parsed.success) throw new BadGatewayError(`Open-Meteo answered ${status} with an unexpected body.`);
    return parsed.data;
  };
  return {
    name: 'open-meteo',
    current: async (city) => {
      const search = new URLSearchParams({ name: city, count: '1', language: 'en', format: 'json' });
      const { results } = await read(`${urls.geocoding}/v1/search?${search}`, geocoding);
      const place = results?.[0];
      if (!place) throw new CityNotFoundError(city);
      const query = new URLSearchParams({
        latitude: String(place.latitude),
        longitude: String(place.longitude),
        current: 'temperature_2m,relative_humidity_2m,weather_code',
        timezone: 'GMT',
      });
      const { current } = await read(`${urls.forecast}/v1/forecast?${query}`, forecast);
      return {
        city: place.name,
        temperature_c: current.temperature_2m,
        condition: wmoCondition(current.weather_code),
        humidity: current.relative_humidity_2m,
        observed_at: new Date(`${current.time}:00Z`).toISOString(),
      };
    },
  };
};
