// The message the relay publishes for each new formula and the processor consumes: just the keys;
// the item in the table stays the source of truth.
import * as z from '#model/zod.ts';

export const formulaMessage = z.object({ id: z.uuid(), fingerprint: z.string().check(z.regex(/^[0-9a-f]{64}$/)) });
export type FormulaMessage = z.infer<typeof formulaMessage>;

/** The INSERT stream record of a formula, as Lambda delivers it (NEW_IMAGE, marshalled), read as its message. */
export const insertRecord = z.pipe(
  z.pipe(
    z.object({
      eventName: z.literal('INSERT'),
      dynamodb: z.object({
        NewImage: z.object({ id: z.object({ S: z.string() }), fingerprint: z.object({ S: z.string() }) }),
      }),
    }),
    z.transform(({ dynamodb: { NewImage } }) => ({ id: NewImage.id.S, fingerprint: NewImage.fingerprint.S })),
  ),
  formulaMessage,
);
