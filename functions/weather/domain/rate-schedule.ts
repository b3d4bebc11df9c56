// When a provider call may go, so that no window of any limit holds more calls than it allows. Pure: the
// DynamoDB limiter (store/rate-limiter.ts) keeps the state, this decides. Each limit is a token bucket in
// GCRA form ("theoretical arrival time", one number per bucket): `capacity` tokens, refilled one per
// `intervalMs`. A bucket admits at most capacity + window / interval = `calls` in any window of its length,
// however the calls bunch. Calls reserve their turn (the bucket's time advances at once) and then wait for
// it, so concurrent callers queue in the order they reserved instead of retrying against each other.

/** At most `calls` calls in any `seconds` (sliding). */
export interface RateLimit {
  readonly calls: number;
  readonly seconds: number;
}

export interface Bucket {
  readonly key: string;
  readonly capacity: number;
  readonly intervalMs: number;
}

/** Clock and network skew between a turn and the call reaching the provider: windows count a little longer. */
const SKEW_MS = 250;
/** The buckets of `limits` for the share of them a class of callers may use. */
export const buckets = (limits: readonly RateLimit[], share: number): Bucket[] =>
  limits.map(({ calls, seconds }) => {
    const allowed = Math.max(1, Math.floor(calls * share));
    // Half the limit at once, half spread over its window: a long window's limit (10,000 a day) lets an import
    // of a few thousand cities go at the short windows' pace instead of one call every few seconds all day.
    const capacity = Math.max(1, Math.floor(allowed / 2));
    // capacity + window / interval = allowed; a limit of one call per window refills once per window.
    const intervalMs = (seconds * 1000 + SKEW_MS) / Math.max(1, allowed - capacity);
    return { key: `${calls}/${seconds}`, capacity, intervalMs };
  });

/** The largest call (in counted calls) every bucket can ever admit. */
export const maxWeight = (list: readonly Bucket[]): number => Math.min(...list.map((b) => b.capacity));

export interface Turn {
  /** Epoch ms when the call may go. */
  readonly at: number;
  /** The buckets' times once it is taken. */
  readonly tats: Readonly<Record<string, number>>;
}

/**
 * The earliest turn at or after `now` (and after `holdUntil`, the provider's Retry-After) for a call
 * counting `weight` calls, given each bucket's time (absent: full).
 */
export const nextTurn = (
  list: readonly Bucket[],
  tats: Readonly<Record<string, number>>,
  weight: number,
  now: number,
  holdUntil = 0,
): Turn => {
  const at = Math.max(now, holdUntil, ...list.map((b) => (tats[b.key] ?? 0) + (weight - b.capacity) * b.intervalMs));
  return {
    at,
    tats: Object.fromEntries(list.map((b) => [b.key, Math.max(tats[b.key] ?? 0, at) + weight * b.intervalMs])),
  };
};
