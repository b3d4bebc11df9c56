// A schema for JSON held in a string: queue bodies, environment variables, SQS attributes. This is
// Powertools' JSONStringified (parser/helpers) written against zod/mini: the helper imports classic zod,
// all of it (~450 KB minified), into every bundle that uses it, and so does BatchProcessor's `parser`
// option.
import * as z from '#model/zod.ts';

/** `schema` applied to the JSON a string holds; text that is not JSON is an issue like any other. */
export const jsonText = <T extends z.core.$ZodType>(schema: T) =>
  z.pipe(
    z.pipe(
      z.string(),
      z.transform((text, ctx) => {
        try {
          return JSON.parse(text) as unknown;
        } catch (error) {
          ctx.issues.push({ code: 'custom', message: `Invalid JSON - ${(error as Error).message}`, input: text });
          return z.NEVER;
        }
      }),
    ),
    schema,
  );
