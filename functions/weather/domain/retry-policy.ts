// When to try a provider call again. Pure, so the schedule is tested without waiting.

export interface RetryPolicy {
  /** Attempts in total, the first included. */
  readonly attempts: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  /** A Retry-After longer than this is not waited for: the caller gets 503 at once instead. */
  readonly maxRetryAfterMs: number;
}

/**
 * "Full jitter" (AWS Architecture Blog, Exponential Backoff And Jitter): a uniform delay in
 * [0, min(cap, base * 2^(retry-1))], which spreads retrying clients out instead of synchronising them.
 */
export const backoffDelayMs = (retry: number, policy: RetryPolicy, random: () => number = Math.random): number =>
  Math.floor(random() * Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (retry - 1)));

/** Retry-After as delta-seconds or an HTTP date -> milliseconds from `now`; undefined when absent or unreadable. */
export const parseRetryAfter = (header: string | null | undefined, now: number = Date.now()): number | undefined => {
  if (!header) return undefined;
  const value = header.trim();
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  // An HTTP date names its day and month; Date.parse alone would also take "-1" or "1.5" as dates.
  if (!/^[A-Za-z]{3}, /.test(value)) return undefined;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
};

/**
 * The wait before retry number `retry` (1-based): the server's Retry-After when it gave one (never
 * shortened by jitter), else the jittered backoff; undefined when the server asks for longer than we wait.
 */
export const delayBeforeRetry = (
  retry: number,
  policy: RetryPolicy,
  retryAfterMs: number | undefined,
  random: () => number = Math.random,
): number | undefined => {
  if (retryAfterMs === undefined) return backoffDelayMs(retry, policy, random);
  return retryAfterMs <= policy.maxRetryAfterMs ? retryAfterMs : undefined;
};
