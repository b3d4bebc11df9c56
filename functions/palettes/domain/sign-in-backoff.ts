// How failed sign-ins slow password guessing down (OWASP ASVS 5.0 V6.3.1, NIST SP 800-63B 5.2.2):
// failures are counted per account (the username as typed, lowercased, whether or not it exists, so the
// answers reveal nothing) and per source address. After a few free failures each further one closes
// that key for a while, doubling up to a cap; a successful sign-in clears its account's count, and a
// count is forgotten a day after its last failure. The numbers and their reasons: docs/security.md.

export interface BackoffPolicy {
  /** Failures answered normally before the first wait. */
  readonly freeFailures: number;
  /** The wait after the first failure past the free ones; each later one doubles it. */
  readonly firstDelaySeconds: number;
  readonly maxDelaySeconds: number;
}

export const SIGN_IN_BACKOFF = {
  // A user mistyping a password a few times is never slowed; 30 s, 1, 2, 4, 8, 16 min, then 20 min per guess
  // keeps a patient attacker under 100 guesses a day per account (NIST's ceiling for consecutive failures).
  account: { freeFailures: 5, firstDelaySeconds: 30, maxDelaySeconds: 20 * 60 },
  // Many people can share one address (an office, a carrier's NAT): more free failures and a short cap,
  // so a guesser there slows the address's sign-ins down without locking everyone out for long.
  source: { freeFailures: 20, firstDelaySeconds: 1, maxDelaySeconds: 60 },
} as const satisfies Record<string, BackoffPolicy>;

/** A count is kept for a day after its key's last failure (the table's TTL): then it starts again from zero. */
export const FAILURE_MEMORY_SECONDS = 24 * 60 * 60;

/** The failures counted against one key. */
export interface FailureCount {
  readonly failures: number;
  /** Epoch milliseconds of the latest failure. */
  readonly lastFailedAt: number;
}

/** The wait that `failures` failures impose after the last one, in seconds (0 within the free ones). */
export const delayAfter = (policy: BackoffPolicy, failures: number): number => {
  const past = failures - policy.freeFailures;
  if (past < 1) return 0;
  // Capped before the power grows large: 2^30 s is far past any cap.
  return Math.min(policy.maxDelaySeconds, policy.firstDelaySeconds * 2 ** Math.min(past - 1, 30));
};

/** Whole seconds the key stays closed at `now` (epoch ms): 0 when a sign-in may be tried. */
export const secondsLeft = (policy: BackoffPolicy, count: FailureCount | undefined, now: number): number => {
  if (!count) return 0;
  const opensAt = count.lastFailedAt + delayAfter(policy, count.failures) * 1000;
  return Math.max(0, Math.ceil((opensAt - now) / 1000));
};
