import type { z } from 'zod';
import { ValidationError } from '../errors.ts';

/** Parses `input` with `schema`; failures become a 400 whose detail names each field path. */
export const parseOrThrow = <T extends z.ZodType>(schema: T, input: unknown, where: string): z.output<T> => {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const detail = result.error.issues
    .map((issue) => `${[where, ...issue.path.map(String)].join('.')}: ${issue.message}`)
    .join('; ');
  throw new ValidationError(detail);
};
