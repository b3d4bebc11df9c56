// When calls to a failing provider may go again. Pure: the DynamoDB breaker (store/circuit-breaker.ts) keeps
// the state, this decides. Closed, calls go and consecutive failures are counted; at `failures` the circuit
// opens and no call goes for `openMs`, doubled on each failed probe up to `maxOpenMs`; then it is half-open:
// one caller probes while the others wait, and the probe's answer closes the circuit or opens it again.

export interface CircuitPolicy {
  /** Consecutive failed calls (every caller's) that open the circuit. */
  readonly failures: number;
  readonly openMs: number;
  readonly maxOpenMs: number;
  /** How long a probe may take before another caller may probe. */
  readonly probeMs: number;
}

export interface CircuitState {
  /** Consecutive failures while closed. */
  readonly failures: number;
  /** Epoch ms until which the circuit is open; 0 while closed. */
  readonly openUntil: number;
  /** Times it opened since it was last closed: each doubles the next wait. */
  readonly opens: number;
  /** Epoch ms until which a half-open probe is in flight. */
  readonly probeUntil: number;
}

export const CLOSED: CircuitState = { failures: 0, openUntil: 0, opens: 0, probeUntil: 0 };

export type Admission =
  | { readonly go: true; readonly probe: boolean }
  | { readonly go: false; readonly waitMs: number };

/** Whether a call may go now: closed, it may; open, it waits; half-open, it may probe unless a probe is out. */
export const admission = (state: CircuitState, now: number): Admission => {
  if (state.openUntil === 0) return { go: true, probe: false };
  if (now < state.openUntil) return { go: false, waitMs: state.openUntil - now };
  if (now < state.probeUntil) return { go: false, waitMs: state.probeUntil - now };
  return { go: true, probe: true };
};

/** How long the circuit stays open when it opens for the `opens`-th time in a row (1 = first). */
export const openDuration = (policy: CircuitPolicy, opens: number): number =>
  Math.min(policy.maxOpenMs, policy.openMs * 2 ** (opens - 1));
