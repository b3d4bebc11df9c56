// How many environments, across all functions, initialise at once. Lambda initialises each environment
// on a machine of its own; here they share a few cores, and a burst that loaded 40 handler bundles at
// once would take each past the 10 s init limit. With one init per core, an init takes what it would
// alone, and a burst waits its turn instead: slower, as a cold start in AWS is, never failed.
import { availableParallelism } from 'node:os';

export class InitSlots {
  private active = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(readonly size: number = Math.max(1, availableParallelism())) {}

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
}
