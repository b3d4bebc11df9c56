import * as z from '#model/zod.ts';
import { ValidationError } from '../errors.ts';

/** Parses `input` with `schema`; failures become a 400 whose detail names each field path. */
export const parseOrThrow = <T extends z.core.$ZodType>(schema: T, input: unknown, where: string): z.output<T> => {
  const result = z.safeParse(schema, input);
  if (result.success) return result.data;
  const detail = result.error.issues
    .map((issue) => `${[where, ...issue.path.map(String)].join('.')}: ${issue.message}`)
    .join('; ');
  throw new ValidationError(detail);
};
