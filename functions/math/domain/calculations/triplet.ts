import * as z from '#model/zod.ts';
import { intParam } from '#shared/params.ts';
import { defineCalculation } from '../calculation.ts';
import { asTriplet, tripletsWithSum } from '../triplet.ts';

const side = intParam(1, 1000);
const pad = (n: number): string => String(n).padStart(4, '0');

// Either ?a=&b=&c= (check a triplet) or ?sum=n (find one); never both. The union's own message is
// what a client sees when neither form matches (e.g. `c` missing), so it names the fields.
const query = z.union([z.strictObject({ a: side, b: side, c: side }), z.strictObject({ sum: intParam(3, 3000) })], {
  error: 'expected either a, b and c, or sum',
});

const value = z.object({
  is_triplet: z.boolean(),
  triplet: z.nullable(z.tuple([z.number(), z.number(), z.number()])),
  product: z.nullable(z.int()),
  /** Every triplet for a sum, smallest a first (some sums have several). */
  triplets: z.array(z.tuple([z.number(), z.number(), z.number()])),
});

export const triplet = defineCalculation({
  name: 'triplet',
  summary: 'Pythagorean triplets: check (a, b, c) or find the triplet with a + b + c = sum',
  query,
  value,
  key: (input) => ('sum' in input ? `sum=${pad(input.sum)}` : `abc=${pad(input.a)},${pad(input.b)},${pad(input.c)}`),
  compute: (input) => {
    if ('sum' in input) {
      const all = tripletsWithSum(input.sum);
      const first = all[0] ?? null;
      return {
        is_triplet: first !== null,
        triplet: first,
        product: first && first[0] * first[1] * first[2],
        triplets: all,
      };
    }
    // Sides in any order: (4, 3, 5) is the triplet (3, 4, 5), reported as a < b < c like the sum form.
    const found = asTriplet(input.a, input.b, input.c);
    return {
      is_triplet: found !== null,
      triplet: found,
      product: found && found[0] * found[1] * found[2],
      triplets: found ? [found] : [],
    };
  },
});
