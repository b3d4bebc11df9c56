// Query-string integers as zod schemas: plain text parsing, shared by route contracts and by the math
// calculations' queries (domain code, which imports nothing of the HTTP pipeline).
import * as z from '#model/zod.ts';

/** A query-string integer: digits only (no `1e1`, `0x10`, `1.5` or blanks), then range-checked. */
export const intParam = (min: number, max: number) =>
  z.pipe(
    z.pipe(z.string().check(z.regex(/^-?\d{1,16}$/, 'must be an integer')), z.transform(Number)),
    z.int().check(z.minimum(min), z.maximum(max)),
  );
