// One city's outcome in a bulk job, as the jobs table stores it and `GET /bulk/jobs/{id}/results` lists it.
// The one schema of the entity, for the stores and the route contracts alike.
import * as z from '#model/zod.ts';
import { RESULT_STATUS } from '../constants.ts';

export const cityResult = /* @__PURE__ */ z.object({
  city: z.string(),
  status: z.enum(RESULT_STATUS),
  refreshed_at: z.string(),
  temperature_c: z.optional(z.number()),
  condition: z.optional(z.string()),
  humidity: z.optional(z.number()),
  observed_at: z.optional(z.string()),
  source: z.optional(z.string()),
  cached: z.optional(z.boolean()),
  error: z.optional(z.string()),
});

export type CityResult = z.output<typeof cityResult>;
