import * as z from '#model/zod.ts';
import { LIMITS } from '../constants.ts';

/** Coordinates of a city as the provider resolved it; cached on the City record. */
export const place = z.object({ name: z.string(), latitude: z.number(), longitude: z.number() });

export type Place = z.infer<typeof place>;

/** One city of a chunk: the display name, and its place when an earlier import resolved it. */
export const chunkCity = z.object({ city: z.string().check(z.minLength(1)), place: z.optional(place) });

export type ChunkCity = z.infer<typeof chunkCity>;

/** A chunk of a bulk job's distinct cities, sent by the splitter to the workers. */
export const chunkMessage = z.object({
  job_id: z.uuid(),
  cities: z.array(chunkCity).check(z.minLength(1), z.maxLength(LIMITS.chunkCities)),
  /** How long, in all, the chunk has been put back to wait out provider outages (app/refresh-chunk.ts). */
  paused_ms: z.optional(z.int().check(z.nonnegative())),
});

export type ChunkMessage = z.infer<typeof chunkMessage>;

/** The parts of an S3 event notification the splitter reads; S3's test event has no Records. */
export const s3Notification = z.object({
  Records: z._default(
    z.array(
      z.object({ s3: z.object({ bucket: z.object({ name: z.string() }), object: z.object({ key: z.string() }) }) }),
    ),
    [],
  ),
});
