// A calculation is one file: its name (the route is `GET /<name>`), a zod schema for the query,
// a key that identifies an input for tracking, and a pure compute function.
import type * as z from '#model/zod.ts';

export interface Calculation<Q extends z.core.$ZodType = z.core.$ZodType, V extends z.core.$ZodType = z.core.$ZodType> {
  readonly name: string;
  readonly summary: string;
  readonly query: Q;
  readonly value: V;
  /** Stable, sortable identity of an input (occurrences are counted per key). */
  readonly key: (input: z.output<Q>) => string;
  readonly compute: (input: z.output<Q>) => z.output<V>;
}

/** Any calculation, for the registry (inputs differ per calculation). */
// biome-ignore lint/suspicious/noExplicitAny: the registry holds calculations of every input and value type
export type AnyCalculation = Calculation<z.core.$ZodType<any>, z.core.$ZodType<any>>;

export const defineCalculation = <Q extends z.core.$ZodType, V extends z.core.$ZodType>(
  c: Calculation<Q, V>,
): Calculation<Q, V> => c;
