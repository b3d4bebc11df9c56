// Execution environments of one function, like Lambda's: each is a worker thread that imports the
// handler bundle once and runs one invocation at a time. Environments are reused while warm, added up
// to the function's concurrency, and discarded when an invocation times out or the code changes.
import { randomUUID } from 'node:crypto';
import { Worker } from 'node:worker_threads';
import type { FromWorker, SerialisedError, ToWorker, WorkerInit } from './protocol.ts';

export class FunctionError extends Error {
  constructor(
    readonly kind: 'error' | 'timeout' | 'init-error',
    error: SerialisedError,
  ) {
    super(error.message);
    this.name = error.name;
    this.stack = error.stack;
  }
}

export interface PoolConfig {
  readonly functionName: string;
  readonly workerScript: string;
  readonly timeoutMs: number;
  readonly memoryMb: number;
  readonly maxConcurrency: number;
  readonly env: Readonly<Record<string, string>>;
  /** Where the environments' stdout/stderr go. */
  readonly output: (chunk: Buffer) => void;
  /** Told the request that started an environment and how long its init took (the sandbox console's cold starts). */
  readonly onColdStart?: (requestId: string, initMs: number) => void;
}

interface Pending {
  readonly id: number;
  resolve(result: unknown): void;
  reject(error: FunctionError): void;
}

interface Environment {
  readonly worker: Worker;
  readonly ready: Promise<void>;
  readonly generation: number;
  readonly spawnedAt: number;
  /** Whether an invocation ran here yet: the first one is the cold start. */
  used: boolean;
  busy: boolean;
  /** The invocation running in this environment, if any. */
  pending?: Pending;
}

let nextId = 0;
/** Lambda's limit on a function's initialisation (module load), separate from its timeout. */
const INIT_LIMIT_MS = 10_000;

export class FunctionPool {
  private readonly environments = new Set<Environment>();
  private readonly waiting: (() => void)[] = [];
  private bundle: string;
  private generation = 0;
  private stopped = false;

  constructor(
    private readonly config: PoolConfig,
    bundle: string,
  ) {
    this.bundle = bundle;
  }

  /** New code: warm environments are retired; the next invocations cold-start on the new bundle. */
  reload(bundle: string): void {
    this.bundle = bundle;
    this.generation++;
    for (const env of this.environments) if (!env.busy) this.retire(env);
  }

  get timeoutMs(): number {
    return this.config.timeoutMs;
  }

  async invoke(event: unknown, requestId: string): Promise<unknown> {
    if (this.stopped)
      throw new FunctionError('error', { name: 'Sandbox.Stopped', message: 'the sandbox is stopping', stack: '' });
    const env = await this.acquire();
    try {
      return await this.run(env, event, requestId);
    } finally {
      env.busy = false;
      if (env.generation !== this.generation) this.retire(env);
      this.waiting.shift()?.();
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const wake of this.waiting.splice(0)) wake();
    await Promise.all([...this.environments].map((e) => e.worker.terminate()));
    this.environments.clear();
  }

  private async acquire(): Promise<Environment> {
    for (;;) {
      if (this.stopped)
        throw new FunctionError('error', { name: 'Sandbox.Stopped', message: 'the sandbox is stopping', stack: '' });
      const idle = [...this.environments].find((e) => !e.busy && e.generation === this.generation);
      if (idle) {
        idle.busy = true;
        return idle;
      }
      if (this.environments.size < this.config.maxConcurrency) {
        const env = this.spawn();
        env.busy = true;
        return env;
      }
      // At the concurrency cap: wait for an environment to free up.
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    }
  }

  private spawn(): Environment {
    const init: WorkerInit = {
      bundle: this.bundle,
      functionName: this.config.functionName,
      memoryMb: this.config.memoryMb,
      region: this.config.env.AWS_REGION ?? 'us-east-1',
      environmentId: randomUUID().replaceAll('-', ''),
    };
    const worker = new Worker(this.config.workerScript, {
      workerData: init,
      env: { ...this.config.env },
      stdout: true,
      stderr: true,
      resourceLimits: { maxOldGenerationSizeMb: this.config.memoryMb },
    });
    worker.stdout.on('data', this.config.output);
    worker.stderr.on('data', this.config.output);
    const ready = new Promise<void>((resolve, reject) => {
      const onMessage = (m: FromWorker): void => {
        if (m.type === 'ready') resolve();
        if (m.type === 'init-error') reject(new FunctionError('init-error', m.error));
        if (m.type === 'ready' || m.type === 'init-error') worker.off('message', onMessage);
      };
      worker.on('message', onMessage);
      worker.once('error', (e) =>
        reject(new FunctionError('init-error', { name: e.name, message: e.message, stack: e.stack ?? '' })),
      );
      worker.once('exit', (code) =>
        reject(
          new FunctionError('init-error', {
            name: 'Runtime.ExitError',
            message: `environment exited with code ${code} during init`,
            stack: '',
          }),
        ),
      );
    });
    ready.catch(() => undefined); // surfaced by the invocation that awaits it
    const env: Environment = {
      worker,
      ready,
      generation: this.generation,
      spawnedAt: Date.now(),
      used: false,
      busy: false,
    };
    worker.on('message', (m: FromWorker) => {
      if ((m.type !== 'result' && m.type !== 'error') || m.id !== env.pending?.id) return;
      if (m.type === 'result') env.pending.resolve(m.result);
      else env.pending.reject(new FunctionError('error', m.error));
    });
    worker.once('exit', (code) => {
      this.environments.delete(env);
      env.pending?.reject(
        new FunctionError('error', {
          name: 'Runtime.ExitError',
          message: `environment exited with code ${code}`,
          stack: '',
        }),
      );
    });
    this.environments.add(env);
    return env;
  }

  private retire(env: Environment): void {
    this.environments.delete(env);
    void env.worker.terminate();
  }

  private async run(env: Environment, event: unknown, requestId: string): Promise<unknown> {
    await this.initialise(env);
    if (!env.used) this.config.onColdStart?.(requestId, Date.now() - env.spawnedAt);
    env.used = true;
    const deadline = Date.now() + this.config.timeoutMs;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        this.retire(env); // Lambda discards an environment whose invocation timed out
        const seconds = (this.config.timeoutMs / 1000).toFixed(2);
        reject(
          new FunctionError('timeout', {
            name: 'Sandbox.Timedout',
            message: `Task timed out after ${seconds} seconds`,
            stack: '',
          }),
        );
      }, this.config.timeoutMs);
    });
    try {
      const id = nextId++;
      const result = new Promise<unknown>((resolve, reject) => {
        env.pending = { id, resolve, reject };
      });
      env.worker.postMessage({ type: 'invoke', id, requestId, deadline, event } satisfies ToWorker);
      return await Promise.race([result, timeout]);
    } finally {
      clearTimeout(timer);
      env.pending = undefined;
    }
  }

  /** Lambda gives the init phase its own limit, apart from the invocation's timeout. */
  private async initialise(env: Environment): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const limit = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () =>
          reject(
            new FunctionError('init-error', {
              name: 'Sandbox.InitTimeout',
              message: `Init phase exceeded ${INIT_LIMIT_MS / 1000} seconds`,
              stack: '',
            }),
          ),
        INIT_LIMIT_MS,
      );
    });
    try {
      await Promise.race([env.ready, limit]);
    } catch (error) {
      this.retire(env);
      throw error;
    } finally {
      clearTimeout(timer);
    }
  }
}
