// One execution environment of a function, like Lambda's: a worker thread that imports the handler
// bundle once (its init) and then runs one invocation at a time.
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

export const sandboxError = (kind: FunctionError['kind'], name: string, message: string): FunctionError =>
  new FunctionError(kind, { name, message, stack: '' });

export interface EnvironmentConfig {
  readonly functionName: string;
  readonly workerScript: string;
  readonly memoryMb: number;
  readonly env: Readonly<Record<string, string>>;
  /** Where the environment's stdout/stderr go. */
  readonly output: (chunk: Buffer) => void;
}

interface Pending {
  readonly id: number;
  resolve(result: unknown): void;
  reject(error: FunctionError): void;
}

let nextId = 0;

/**
 * V8 sizes a worker's young generation from its heap limit, fills it while the handler's module loads
 * and keeps it: 56 MB RSS per environment on average, up to 100 MB for 1 GB functions. 8 MB brings the
 * average to 38 MB (`npm run bench:memory`, docs/sandbox.md) with no measurable cost on an
 * allocation-heavy loop.
 */
const YOUNG_GENERATION_MB = 8;

export class Environment {
  /** Settles when the handler module has loaded (or failed to). */
  readonly ready: Promise<void>;
  /** Settles when the worker has exited, for whatever reason. */
  readonly exited: Promise<void>;
  readonly startedAt = Date.now();
  /** How long its init took; set once ready. */
  initMs?: number;
  invocations = 0;
  lastUsedAt = Date.now();
  busy = false;
  private readonly worker: Worker;
  private pending?: Pending;

  constructor(
    config: EnvironmentConfig,
    bundle: string,
    readonly generation: number,
  ) {
    const init: WorkerInit = {
      bundle,
      functionName: config.functionName,
      memoryMb: config.memoryMb,
      region: config.env.AWS_REGION ?? 'us-east-1',
      environmentId: randomUUID().replaceAll('-', ''),
    };
    this.worker = new Worker(config.workerScript, {
      workerData: init,
      env: { ...config.env },
      stdout: true,
      stderr: true,
      resourceLimits: { maxOldGenerationSizeMb: config.memoryMb, maxYoungGenerationSizeMb: YOUNG_GENERATION_MB },
    });
    this.worker.stdout.on('data', config.output);
    this.worker.stderr.on('data', config.output);
    this.exited = new Promise((resolve) => this.worker.once('exit', () => resolve()));
    this.ready = new Promise<void>((resolve, reject) => {
      this.worker.on('message', (m: FromWorker) => {
        if (m.type === 'ready') resolve();
        else if (m.type === 'init-error') reject(new FunctionError('init-error', m.error));
        else if (m.id === this.pending?.id) {
          if (m.type === 'result') this.pending.resolve(m.result);
          else this.pending.reject(new FunctionError('error', m.error));
        }
      });
      this.worker.once('error', (e) =>
        reject(new FunctionError('init-error', { name: e.name, message: e.message, stack: e.stack ?? '' })),
      );
      this.worker.once('exit', (code) => {
        const message = `environment exited with code ${code}`;
        reject(sandboxError('init-error', 'Runtime.ExitError', `${message} during init`));
        this.pending?.reject(sandboxError('error', 'Runtime.ExitError', message));
      });
    });
    this.ready.then(
      () => (this.initMs = Date.now() - this.startedAt),
      () => undefined, // surfaced by whoever awaits it
    );
  }

  /** Runs one invocation; the caller enforces the timeout (and terminates the environment on it). */
  invoke(event: unknown, requestId: string, deadline: number): Promise<unknown> {
    const id = nextId++;
    this.invocations++;
    const result = new Promise<unknown>((resolve, reject) => {
      this.pending = { id, resolve, reject };
    });
    this.worker.postMessage({ type: 'invoke', id, requestId, deadline, event } satisfies ToWorker);
    return result.finally(() => {
      this.pending = undefined;
      this.lastUsedAt = Date.now();
    });
  }

  terminate(): Promise<number> {
    return this.worker.terminate();
  }
}
