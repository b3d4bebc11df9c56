// Open-Meteo: geocoding (name -> coordinates, one call per city not yet placed) then current
// conditions for up to LIMITS.forecastBatch places per call (the forecast API takes comma-separated
// coordinate lists and answers a list). No key; the simulated provider speaks the same format, so it
// exercises this very client.
import pLimit from 'p-limit';
import * as z from '#model/zod.ts';
import { BadGatewayError } from '#shared/errors.ts';
import { LIMITS } from '#functions/weather/constants.ts';
import { wmoCondition } from '#functions/weather/domain/conditions.ts';
import { CityNotFoundError } from '#functions/weather/errors.ts';
import { slices } from '#functions/weather/domain/slices.ts';
import { failed } from './answers.ts';
import { getJson, type FetchOptions } from './http.ts';
import type { CityAnswer, CityQuery, Place, WeatherProvider } from './types.ts';

export const OPEN_METEO_URLS = {
  geocoding: 'https://geocoding-api.open-meteo.com',
  forecast: 'https://api.open-meteo.com',
} as const;

const geocoding = z.object({
  // Absent, not empty, when nothing matches.
  results: z.optional(z.array(z.object({ name: z.string(), latitude: z.number(), longitude: z.number() }))),
});

const location = z.object({
  current: z.object({
    /** Local time of the requested timezone (GMT here), minute precision: `2026-11-23T10:15`. */
    time: z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/)),
    temperature_2m: z.number(),
    relative_humidity_2m: z.number(),
    weather_code: z.int(),
  }),
});

// One location answers an object, several a list of them (in the order asked).
const forecast = z.union([
  z.pipe(
    location,
    z.transform((l) => [l]),
  ),
  z.array(location),
]);

export const openMeteo = (
  urls: { geocoding: string; forecast: string },
  options: Omit<FetchOptions, 'provider'>,
): WeatherProvider => {
  const fetchOptions = { ...options, provider: 'open-meteo' };
  const read = async <S extends z.core.$ZodType>(url: string, schema: S, weight = 1): Promise<z.output<S>> => {
    const { status, body } = await getJson(url, fetchOptions, weight);
    const parsed = z.safeParse(schema, body);
    if (status !== 200 || !parsed.success)
      throw new BadGatewayError(`Open-Meteo answered ${status} with an unexpected body.`);
    return parsed.data;
  };

  const geocode = async (city: string): Promise<Place> => {
    const search = new URLSearchParams({ name: city, count: '1', language: 'en', format: 'json' });
    const { results } = await read(`${urls.geocoding}/v1/search?${search}`, geocoding);
    const place = results?.[0];
    if (!place) throw new CityNotFoundError(city);
    return { name: place.name, latitude: place.latitude, longitude: place.longitude };
  };

  const observe = async (places: readonly Place[]): Promise<CityAnswer[]> => {
    const query = new URLSearchParams({
      latitude: places.map((p) => p.latitude).join(','),
      longitude: places.map((p) => p.longitude).join(','),
      current: 'temperature_2m,relative_humidity_2m,weather_code',
      timezone: 'GMT',
    });
    try {
      // Open-Meteo counts a request once per location.
      const locations = await read(`${urls.forecast}/v1/forecast?${query}`, forecast, places.length);
      if (locations.length !== places.length)
        throw new BadGatewayError(`Open-Meteo answered ${locations.length} locations for ${places.length}.`);
      return locations.map(({ current }, i) => {
        const place = places[i]!;
        const observation = {
          city: place.name,
          temperature_c: current.temperature_2m,
          condition: wmoCondition(current.weather_code),
          humidity: current.relative_humidity_2m,
          observed_at: new Date(`${current.time}:00Z`).toISOString(),
        };
        return { ok: true as const, observation, place };
      });
    } catch (error) {
      // The whole request failed: so did every place in it.
      return places.map(() => failed(error));
    }
  };

  return {
    name: 'open-meteo',
    current: async (queries: readonly CityQuery[]) => {
      const limit = pLimit(LIMITS.providerConcurrency);
      const located = await Promise.all(
        queries.map((q) => (q.place ? q.place : limit(() => geocode(q.city)).catch((error: unknown) => failed(error)))),
      );
      const placed = located.flatMap((p, i) => ('latitude' in p ? [{ i, place: p }] : []));
      const answers = new Array<CityAnswer>(queries.length);
      located.forEach((p, i) => {
        if (!('latitude' in p)) answers[i] = p;
      });
      for (const slice of slices(placed, Math.min(LIMITS.forecastBatch, options.gate.maxWeight))) {
        const observed = await observe(slice.map((s) => s.place));
        for (const [j, s] of slice.entries()) answers[s.i] = observed[j]!;
      }
      return answers;
    },
  };
};
