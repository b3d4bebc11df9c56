// Start-up steps for the functions: bundle them (in parallel with the backends), then give each its
// Lambda-like environments and one invoker in front of them all, which injects faults and logs.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { functionEnvironment, type ResourceNames } from '#model/derive.ts';
import type { AppManifest, ResolvedApp } from '#model/manifest.ts';
import { Capture } from './console/capture.ts';
import { Faults } from './faults.ts';
import { FunctionLogs } from './function-logs.ts';
import { Invoker } from './invoker.ts';
import { bundleFunctions, WORKER_ENTRY, type Bundles } from './runtime/bundler.ts';
import { FunctionPool } from './runtime/function-pool.ts';
import { InitSlots } from './runtime/init-slots.ts';
import type { OnStop } from './stop-list.ts';
import type { InvocationRecord, SandboxOptions } from './types.ts';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
/** Lambda's limit on a function's initialisation (module load), separate from its timeout. */
const INIT_LIMIT_MS = 10_000;
/** Lambda reclaims an idle environment after some minutes (unpublished; 5 to 15 is what is seen). */
const IDLE_RETIRE_MS = 5 * 60_000;

export interface Functions {
  readonly pools: ReadonlyMap<string, FunctionPool>;
  readonly invoker: Invoker;
  readonly faults: Faults;
  /** The functions' printed lines and the metrics in them. */
  readonly logs: FunctionLogs;
  /** The recent invocations' events, results and cold starts, for the sandbox console. */
  readonly capture: Capture;
  /** Ends every environment, failing what still runs; a second call does nothing more. */
  stop(): Promise<void>;
}

const scheduling = ({ initMs, waitedMs }: InvocationRecord): string => {
  const parts = [initMs === undefined ? '' : `cold start, init ${initMs} ms`, waitedMs ? `queued ${waitedMs} ms` : ''];
  const shown = parts.filter(Boolean);
  return shown.length ? ` (${shown.join(', ')})` : '';
};

const formatInvocation = (r: InvocationRecord): string =>
  `[${r.source}] ${r.function} ${r.origin} -> ${r.outcome}${r.correlationId ? ` (${r.correlationId})` : ''}` +
  `${r.failedIds?.length ? ` (${r.failedIds.length} failed)` : ''} ${r.durationMs} ms${scheduling(r)}` +
  `${r.injected ? ' (injected)' : ''}${r.error && !r.injected ? ` ${r.error}` : ''}`;

/** Bundles every function into a temporary folder, removed at stop. */
export const bundle = async (app: AppManifest, options: SandboxOptions, onStop: OnStop): Promise<Bundles> => {
  const dir = await mkdtemp(join(tmpdir(), 'sandbox-'));
  onStop(() => rm(dir, { recursive: true, force: true }));
  const bundles = await bundleFunctions(ROOT, dir, app, { deploy: options.bundles === 'deploy' });
  onStop(bundles.dispose);
  return bundles;
};

export interface FunctionsDeps {
  readonly bundles: Bundles;
  /** What every function gets (the backends' and the options'); each adds its own on top. */
  readonly env: Readonly<Record<string, string>>;
  readonly names: ResourceNames;
  readonly options: SandboxOptions;
}

export const startFunctions = (
  app: ResolvedApp,
  { bundles, env, names, options }: FunctionsDeps,
  onStop: OnStop,
): Functions => {
  const showLogs = options.functionLogs ?? options.verbose ?? false;
  const slots = new InitSlots(options.initConcurrency);
  const logs = new FunctionLogs();
  const forward = showLogs ? (chunk: Buffer) => process.stdout.write(chunk) : () => undefined;
  const capture = new Capture();
  const pools = new Map(
    app.functions.map((fn) => [
      fn.name,
      new FunctionPool(
        {
          functionName: fn.name,
          workerScript: bundles.path(WORKER_ENTRY),
          timeoutMs: fn.timeoutSeconds * 1000,
          memoryMb: fn.memoryMb,
          // Unreserved functions share the account's concurrency in AWS; a handful of environments suffices here.
          maxConcurrency: fn.reservedConcurrency?.executions ?? 10,
          slots,
          idleRetireMs: options.idleEnvironmentMs ?? IDLE_RETIRE_MS,
          initLimitMs: INIT_LIMIT_MS,
          env: {
            TZ: 'UTC',
            ...env,
            AWS_LAMBDA_FUNCTION_NAME: fn.name,
            AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(fn.memoryMb),
            // As Lambda sets it without provisioned concurrency; Powertools reports cold_start only then.
            AWS_LAMBDA_INITIALIZATION_TYPE: 'on-demand',
            ...functionEnvironment(app, fn, names),
          },
          output: logs.sink(fn.name, forward),
          onColdStart: capture.coldStart,
        },
        bundles.path(fn.name),
      ),
    ]),
  );
  const stop = async (): Promise<void> => {
    await Promise.all([...pools.values()].map((p) => p.stop()));
  };
  onStop(stop);
  const faults = new Faults();
  const log = options.verbose ? (r: InvocationRecord) => console.log(formatInvocation(r)) : () => undefined;
  const invoker = new Invoker(pools, faults, log, capture.payload);
  return { pools, invoker, faults, logs, capture, stop };
};

/** Watch mode: rebuilds on a source change and reloads the functions whose bundle changed. */
export const reloadOnChange = (app: AppManifest, bundles: Bundles, { pools }: Functions): void => {
  // The top folders holding the handlers (functions/, or a test's fixtures) and the code below them.
  const watched = new Set(['shared', 'model', ...app.functions.map((f) => f.entry.split('/')[0]!)]);
  bundles.watch([...watched], (changed) => {
    for (const name of changed) pools.get(name)?.reload(bundles.path(name));
    console.log(`[sandbox] reloaded ${changed.join(', ')}`);
  });
};
