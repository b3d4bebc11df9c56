// What the sandbox console shows of an invocation beyond the invoker's record: its event, its result or
// error, and whether it started an environment. Only references are kept (nothing is serialised on the
// invocation's path), for the last invocations only.
import type { PayloadObserver } from '../invoker.ts';

export interface Payload {
  readonly event: unknown;
  readonly result?: unknown;
  readonly error?: string;
}

/** A Map iterates in insertion order: the first key is the oldest. */
const bounded = <V>(map: Map<string, V>, max: number, key: string, value: V): void => {
  map.set(key, value);
  if (map.size > max) map.delete(map.keys().next().value!);
};

export class Capture {
  private readonly payloads = new Map<string, Payload>();
  private readonly coldStarts = new Map<string, number>();

  constructor(private readonly max = 200) {}

  readonly payload: PayloadObserver = (requestId, event, outcome) =>
    bounded(this.payloads, this.max, requestId, { event, ...outcome });

  /** The pool's report: this request started an environment whose init took `initMs`. */
  readonly coldStart = (requestId: string, initMs: number): void =>
    bounded(this.coldStarts, this.max, requestId, initMs);

  payloadOf(requestId: string): Payload | undefined {
    return this.payloads.get(requestId);
  }

  /** The init time of a cold start; null for a warm start; undefined when no longer known. */
  initMsOf(requestId: string): number | null | undefined {
    const initMs = this.coldStarts.get(requestId);
    if (initMs !== undefined) return initMs;
    return this.payloads.has(requestId) ? null : undefined;
  }
}
