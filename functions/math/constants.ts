/** One item per calculation input: how often it was requested, and when last. */
export const MATH_REQUESTS_TABLE = 'math-requests';

/** Business metrics (shared/metrics.ts): calculations served, by dimension `calculation` (its name). */
export const METRICS = { served: 'CalculationsServed' } as const;
