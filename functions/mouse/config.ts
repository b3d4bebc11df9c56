import * as z from 'zod';
import { readEnv } from '#shared/config.ts';
import { LATENESS_BOUND_ENV, LIMITS } from './constants.ts';

/** How long a gap may stay open (ms of `received_at`) before the aggregator passes it over. */
export const latenessBoundMs = (): number =>
  readEnv(z.object({ [LATENESS_BOUND_ENV]: z.coerce.number().int().min(0).max(LIMITS.latenessBoundMs) }))[LATENESS_BOUND_ENV];
