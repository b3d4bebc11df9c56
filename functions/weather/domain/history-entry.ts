// A weather lookup: a city's current conditions as `GET /weather` answers them and, stamped with the time
// of the search, as the history keeps them and `GET /history` lists them. The entity's schemas, for the
// store and the route contracts alike.
import * as z from '#model/zod.ts';

export const cityWeather = /* @__PURE__ */ z.object({
  city: z.string(),
  temperature_c: z.number(),
  condition: z.string(),
  humidity: z.number().check(z.describe('Relative humidity, percent')),
  observed_at: z.string().check(z.describe('ISO-8601 UTC')),
  source: z.string().check(z.describe('The provider that answered: open-meteo, openweather or simulated')),
  cached: z.boolean().check(z.describe('True when served from the 15-minute cache without calling the provider')),
});

export const historyEntry = /* @__PURE__ */ z.object({ ...cityWeather.shape, searched_at: z.string() });

export type HistoryEntry = z.output<typeof historyEntry>;
