/** One item per calculation input: how often it was requested, and when last. */
export const MATH_REQUESTS_TABLE = 'math-requests';
