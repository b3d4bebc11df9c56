// The execution environments of one function, scheduled as Lambda schedules them, within what a small
// machine can initialise: an invocation takes a warm environment if one is idle, otherwise it queues
// and the pool starts another (up to the function's concurrency, each init waiting for a free InitSlot).
// An environment that finishes its init serves whichever invocation is first in the queue, so one that
// waited is never wasted; environments are discarded when an invocation times out, when the code
// changes, and when they have sat idle for a while, as Lambda reclaims them.
import { Environment, type EnvironmentConfig, type FunctionError, sandboxError } from './environment.ts';
import type { InitSlots } from './init-slots.ts';

export interface PoolConfig extends EnvironmentConfig {
  readonly timeoutMs: number;
  readonly maxConcurrency: number;
  /** Shared by every function's pool. */
  readonly slots: InitSlots;
  /** An environment idle this long is retired. */
  readonly idleRetireMs: number;
  /** Lambda's init limit, apart from the timeout: 10 s (shorter in unit tests); InitSlots stretches it by load. */
  readonly initLimitMs: number;
  /** Told the request that started an environment and how long its init took (the sandbox console's cold starts). */
  readonly onColdStart?: (requestId: string, initMs: number) => void;
}

/** Filled in by invoke(): how long it queued for an environment and, on a cold start, that environment's init. */
export interface InvocationStats {
  waitedMs?: number;
  initMs?: number;
}

interface Waiter {
  resolve(env: Environment): void;
  reject(error: FunctionError): void;
}

const stopped = (): FunctionError => sandboxError('error', 'Sandbox.Stopped', 'the sandbox is stopping');

export class FunctionPool {
  private readonly environments = new Set<Environment>();
  private readonly queue: Waiter[] = [];
  /** Environments asked for and still waiting for an init slot. */
  private starting = 0;
  private bundle: string;
  private generation = 0;
  private stopped = false;
  private readonly sweeper: NodeJS.Timeout;

  constructor(
    private readonly config: PoolConfig,
    bundle: string,
  ) {
    this.bundle = bundle;
    this.sweeper = setInterval(() => this.retireIdle(), Math.min(config.idleRetireMs, 30_000)).unref();
  }

  /** New code: warm environments are retired; the next invocations cold-start on the new bundle. */
  reload(bundle: string): void {
    this.bundle = bundle;
    this.generation++;
    for (const env of this.environments) if (this.isIdle(env)) this.retire(env);
  }

  get timeoutMs(): number {
    return this.config.timeoutMs;
  }

  /** Environments alive now (initialising, busy or idle). */
  get size(): number {
    return this.environments.size;
  }

  async invoke(event: unknown, requestId: string, stats: InvocationStats = {}): Promise<unknown> {
    const arrived = Date.now();
    const env = await this.acquire();
    stats.waitedMs = Date.now() - arrived;
    if (env.invocations === 0) {
      stats.initMs = env.initMs;
      if (env.initMs !== undefined) this.config.onColdStart?.(requestId, env.initMs);
    }
    try {
      return await this.run(env, event, requestId);
    } finally {
      env.busy = false;
      // Unless it has gone (timed out, crashed): stale code retires it, otherwise it serves the queue.
      if (env.generation !== this.generation) this.retire(env);
      else if (this.environments.has(env)) this.dispatch(env);
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.sweeper);
    for (const waiter of this.queue.splice(0)) waiter.reject(stopped());
    await Promise.all([...this.environments].map((e) => e.terminate()));
    this.environments.clear();
  }

  private isIdle(env: Environment): boolean {
    return !env.busy && env.initMs !== undefined;
  }

  private acquire(): Promise<Environment> {
    if (this.stopped) return Promise.reject(stopped());
    // The most recently used first: surplus environments then stay idle long enough to be retired.
    let warm: Environment | undefined;
    for (const env of this.environments)
      if (this.isIdle(env) && env.generation === this.generation && (!warm || env.lastUsedAt > warm.lastUsedAt))
        warm = env;
    if (warm) {
      warm.busy = true;
      return Promise.resolve(warm);
    }
    const queued = new Promise<Environment>((resolve, reject) => this.queue.push({ resolve, reject }));
    this.scale();
    return queued;
  }

  /** Gives a free environment to the first queued invocation. */
  private dispatch(env: Environment): void {
    const waiter = this.queue.shift();
    if (!waiter) return;
    env.busy = true;
    waiter.resolve(env);
  }

  private initialising(): number {
    return [...this.environments].filter((e) => e.initMs === undefined).length;
  }

  /** Asks for one more environment per queued invocation that no initialising one will serve. */
  private scale(): void {
    while (
      !this.stopped &&
      this.queue.length > this.starting + this.initialising() &&
      this.environments.size + this.starting < this.config.maxConcurrency
    ) {
      this.starting++;
      void this.config.slots.acquire().then((release) => {
        this.starting--;
        return this.start().finally(release);
      });
    }
  }

  private async start(): Promise<void> {
    // While it waited for a slot, a warm environment may have taken the invocation it was for.
    if (this.stopped || this.queue.length <= this.initialising()) return;
    const env = new Environment(this.config, this.bundle, this.generation);
    this.environments.add(env);
    void env.exited.then(() => {
      if (this.environments.delete(env)) this.scale();
    });
    try {
      await this.initialise(env);
    } catch (error) {
      // As in Lambda, the invocation that asked for this environment gets its init error.
      this.queue.shift()?.reject(error as FunctionError);
      this.retire(env);
      return;
    }
    if (env.generation !== this.generation) this.retire(env);
    else this.dispatch(env);
  }

  /** Lambda gives the init phase its own limit, apart from the invocation's timeout. */
  private async initialise(env: Environment): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const limitMs = this.config.slots.initLimit(this.config.initLimitMs);
    const limit = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () =>
          reject(sandboxError('init-error', 'Sandbox.InitTimeout', `Init phase exceeded ${limitMs / 1000} seconds`)),
        limitMs,
      );
    });
    try {
      await Promise.race([env.ready, limit]);
    } finally {
      clearTimeout(timer);
    }
  }

  private retire(env: Environment): void {
    this.environments.delete(env);
    void env.terminate();
    this.scale();
  }

  private retireIdle(): void {
    const cutoff = Date.now() - this.config.idleRetireMs;
    for (const env of this.environments) if (this.isIdle(env) && env.lastUsedAt < cutoff) this.retire(env);
  }

  private async run(env: Environment, event: unknown, requestId: string): Promise<unknown> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        this.retire(env); // Lambda discards an environment whose invocation timed out
        const seconds = (this.config.timeoutMs / 1000).toFixed(2);
        reject(sandboxError('timeout', 'Sandbox.Timedout', `Task timed out after ${seconds} seconds`));
      }, this.config.timeoutMs);
    });
    try {
      return await Promise.race([env.invoke(event, requestId, Date.now() + this.config.timeoutMs), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }
}
