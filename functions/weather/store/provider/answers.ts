import type { CityAnswer } from './types.ts';

/** A per-city failure as an answer, so one city's error leaves the rest of a batch answered. */
export const failed = (error: unknown): CityAnswer => {
  if (error instanceof Error) return { ok: false, error };
  // Anything thrown that is not an Error is a bug, not a provider's answer.
  throw error;
};
