import * as z from '#model/zod.ts';
import { intParam } from '#shared/params.ts';
import { defineCalculation } from '../calculation.ts';
import { sumSquareDifference } from '../difference.ts';

export const difference = defineCalculation({
  name: 'difference',
  summary: 'Square of the sum minus the sum of the squares of 1..n',
  query: z.object({ number: intParam(1, 100) }),
  value: z.int(),
  key: ({ number }) => String(number).padStart(3, '0'),
  compute: ({ number }) => sumSquareDifference(number),
});
