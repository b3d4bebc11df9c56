// The palettes service's entities, one schema each, as stored and as the API returns them: the store
// reads items into these types and the route contracts answer with these schemas.
import * as z from '#model/zod.ts';

export const id = z.uuid();
export const timestamp = z.iso.datetime().check(z.describe('ISO-8601 UTC'));

export const user = z.object({
  id,
  username: z.string(),
  personal_team_id: id,
  created_at: timestamp,
});

export const team = z.object({
  id,
  name: z.string(),
  /** Created with the user; cannot be joined by others, left or deleted. */
  personal: z.boolean(),
  member_count: z.int(),
  created_at: timestamp,
  updated_at: timestamp,
});

export const palette = z.object({
  id,
  team_id: id,
  name: z.string(),
  colors: z.array(z.string()),
  created_by: id,
  created_at: timestamp,
  updated_at: timestamp,
});

export type User = z.infer<typeof user>;
export type Team = z.infer<typeof team>;
export type Palette = z.infer<typeof palette>;
