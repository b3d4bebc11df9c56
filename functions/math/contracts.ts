import * as z from '#model/zod.ts';
import { pageOf, pageQuery } from '#shared/pagination.ts';
import type { RouteContract } from '#model/manifest.ts';
import type { AnyCalculation } from './domain/calculation.ts';

const tracking = {
  datetime: z.string().check(z.describe('Time of this request (ISO-8601 UTC)')),
  occurrences: z.int().check(z.describe('How many times this input has been requested, this request included')),
  last_datetime: z.nullable(z.string()).check(z.describe('Time of the previous request for this input')),
};

const contractOf = (calc: AnyCalculation) =>
  ({
    auth: 'public',
    summary: calc.summary,
    tags: ['math'],
    query: calc.query,
    responses: { 200: z.looseObject({ ...tracking, value: calc.value }) },
  }) satisfies RouteContract;

const contracts = new WeakMap<AnyCalculation, ReturnType<typeof contractOf>>();

/**
 * `GET /<name>`: the calculation's query echoed back with its value and tracking. One object per
 * calculation, so the manifest's route and the handler hold the same contract.
 */
export const calculationContract = (calc: AnyCalculation): ReturnType<typeof contractOf> => {
  const known = contracts.get(calc);
  if (known) return known;
  const contract = contractOf(calc);
  contracts.set(calc, contract);
  return contract;
};

export const listRequestsContract = {
  auth: 'public',
  summary: 'Every input requested of a calculation, with its value and tracking',
  tags: ['math'],
  params: z.object({ name: z.string() }),
  query: pageQuery,
  responses: {
    200: pageOf(
      z.object({
        input: z.record(z.string(), z.unknown()),
        value: z.unknown(),
        occurrences: z.int(),
        last_datetime: z.string(),
      }),
    ),
  },
} satisfies RouteContract;
