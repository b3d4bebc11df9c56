// How many environments, across all functions, initialise at once, and how long an init may take here.
// Lambda initialises each environment on a machine of its own; here they share a few cores, and a burst
// that loaded 40 handler bundles at once would take each past the 10 s init limit. With one init per
// core, an init takes what it would alone, and a burst waits its turn instead: slower, as a cold start
// in AWS is, never failed. A machine busy with other work (a test pass, a build) slows every init too:
// the limit stretches by how far the load exceeds the cores, so only code slow on its own overruns it.
import { availableParallelism, loadavg } from 'node:os';

export class InitSlots {
  private active = 0;
  private readonly waiting: (() => void)[] = [];

  /** `load`: runnable processes, averaged (the 1-minute load average by default). */
  constructor(
    readonly size: number = Math.max(1, availableParallelism()),
    private readonly load: () => number = () => loadavg()[0]!,
  ) {}

  /** Resolves with the slot's release once one is free; first come, first served. */
  async acquire(): Promise<() => void> {
    if (this.active >= this.size) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else this.active++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.waiting.shift();
      // The slot passes straight to the next waiter, so `active` counts it still.
      if (next) next();
      else this.active--;
    };
  }

  /** AWS's init limit as this machine gives it now: longer while more is runnable than it has cores. */
  initLimit(awsLimitMs: number): number {
    return Math.round(awsLimitMs * Math.max(1, this.load() / availableParallelism()));
  }
}
