import * as z from 'zod';

/** A query-string integer: digits only (no `1e1`, `0x10`, `1.5` or blanks), then range-checked. */
export const intParam = (min: number, max: number) =>
  z
    .string()
    .regex(/^-?\d{1,16}$/, 'must be an integer')
    .transform(Number)
    .pipe(z.number().int().min(min).max(max));
