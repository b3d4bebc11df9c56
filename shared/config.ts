// Configuration read once at cold start. A missing variable fails the init with a message naming it,
// instead of an `undefined` surfacing as a confusing error on the first request.
import * as z from '#model/zod.ts';
import { bucketEnv, queueUrlEnv, tableEnv } from '#model/env.ts';

export class ConfigError extends Error {
  override name = 'ConfigError';
}

const required = (name: string): string => {
  const value = process.env[name];
  if (value === undefined || value === '') {
    throw new ConfigError(
      `Missing environment variable ${name}: the function's manifest entry must grant this resource.`,
    );
  }
  return value;
};

export const tableName = (table: string): string => required(tableEnv(table));
export const queueUrl = (queue: string): string => required(queueUrlEnv(queue));
export const bucketName = (bucket: string): string => required(bucketEnv(bucket));

/** An integer variable (`'250'`), at least `min` and, if given, at most `max`. */
export const intVar = (min: number, max?: number) => {
  const int = z.int().check(z.minimum(min));
  return z.pipe(z.coerce.number(), max === undefined ? int : int.check(z.maximum(max)));
};

/** Parses a group of variables with a zod schema; errors list every bad variable at once. */
export const readEnv = <T extends z.core.$ZodType>(schema: T): z.infer<T> => {
  const parsed = z.safeParse(schema, process.env);
  if (!parsed.success) {
    const fields = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new ConfigError(`Invalid environment: ${fields}`);
  }
  return parsed.data;
};
