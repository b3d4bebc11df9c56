// Queue bodies are JSON text. This is Powertools' JSONStringified (parser/helpers) written against a
// namespace import of zod: the helper's `import { z } from 'zod'` keeps all of zod, locales included
// (~450 KB minified), in every bundle that uses it, and so does BatchProcessor's `parser` option.
import * as z from 'zod';

/** `schema` applied to the JSON a string holds; text that is not JSON is an issue like any other. */
export const jsonBody = <T extends z.ZodType>(schema: T) =>
  z
    .string()
    .transform((text, ctx) => {
      try {
        return JSON.parse(text) as unknown;
      } catch (error) {
        ctx.addIssue({ code: 'custom', message: `Invalid JSON - ${(error as Error).message}` });
        return z.NEVER;
      }
    })
    .pipe(schema);
