// A stats point: one per applied batch, as stored and as `GET /mouse/sessions/{id}/stats` returns it.
// The one schema of the entity, for the store and the route contract alike.
import * as z from '#model/zod.ts';

export const statsPoint = /* @__PURE__ */ z.object({
  seq: z.int(),
  t_start: z.number().check(z.describe('Time of the first event, epoch ms')),
  t_end: z.number().check(z.describe('Time of the last event, epoch ms')),
  events: z.int(),
  distance: z.number().check(z.describe('px, from the previous batch’s last point')),
  cumulative_distance: z.number().check(z.describe('px since the session began')),
  avg_velocity: z.number().check(z.describe('px/s')),
  max_velocity: z.number().check(z.describe('px/s')),
});

export type StatsPoint = Readonly<z.output<typeof statsPoint>>;
