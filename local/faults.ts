// Fault injection for the test suites: forced failures that the invoker applies in front of a function,
// each for a bounded number of invocations or records.
import type { Fault } from './types.ts';

interface Armed {
  readonly fault: Fault;
  remaining: number;
}

export class Faults {
  private readonly armed: Armed[] = [];

  add(fault: Fault): void {
    this.armed.push({ fault, remaining: fault.times ?? 1 });
  }

  /** The faults with uses left, as the sandbox console shows them. */
  active(): { readonly fault: Fault; readonly remaining: number }[] {
    return this.armed.filter((a) => a.remaining > 0).map(({ fault, remaining }) => ({ fault, remaining }));
  }

  /** Disarms every fault of the function. */
  clear(fn: string): void {
    for (const a of this.armed) if (a.fault.function === fn) a.remaining = 0;
  }

  /** The whole-invocation fault (throw, throw-after, timeout) that applies to this event, consumed once. */
  takeInvocationFault(fn: string, items: readonly unknown[]): Fault | undefined {
    const hit = this.armed.find(
      (a) =>
        a.remaining > 0 &&
        a.fault.function === fn &&
        a.fault.kind !== 'partial' &&
        items.some((i) => a.fault.match?.(i) ?? true),
    );
    if (!hit) return undefined;
    hit.remaining--;
    return hit.fault;
  }

  /** Indexes of records a partial fault withholds, each consuming one of the fault's uses. */
  takePartialFailures(fn: string, records: readonly unknown[]): Set<number> {
    const failed = new Set<number>();
    records.forEach((record, index) => {
      const hit = this.armed.find(
        (a) =>
          a.remaining > 0 && a.fault.function === fn && a.fault.kind === 'partial' && (a.fault.match?.(record) ?? true),
      );
      if (!hit) return;
      hit.remaining--;
      failed.add(index);
    });
    return failed;
  }
}
