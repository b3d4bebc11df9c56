import * as z from 'zod';

/** One city of a bulk job, sent by the splitter to the workers. */
export const cityMessage = z.object({
  job_id: z.uuid(),
  city_key: z.string().min(1),
  city: z.string().min(1),
});

export type CityMessage = z.infer<typeof cityMessage>;

/** The parts of an S3 event notification the splitter reads; S3's test event has no Records. */
export const s3Notification = z.object({
  Records: z
    .array(z.object({ s3: z.object({ bucket: z.object({ name: z.string() }), object: z.object({ key: z.string() }) }) }))
    .default([]),
});
