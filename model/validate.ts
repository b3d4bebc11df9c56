import type { AppManifest, FunctionDef } from './manifest.ts';
import { DEFAULT_ROUTE_KEY, DEFAULT_TIMEOUT_SECONDS, isUiPath, routeKey } from './derive.ts';

const duplicates = (names: readonly string[]): string[] => names.filter((n, i) => names.indexOf(n) !== i);

/** Rejects a manifest with dangling references, duplicate names or unsafe timeouts, at synth and at sandbox start. */
export const validateManifest = (app: AppManifest): AppManifest => {
  const problems: string[] = [];
  const check = (ok: boolean, message: string): void => {
    if (!ok) problems.push(message);
  };
  const names = {
    table: new Set(app.tables.map((t) => t.name)),
    queue: new Set(app.queues.map((q) => q.name)),
    bucket: new Set(app.buckets.map((b) => b.name)),
    fn: new Map<string, FunctionDef>(app.functions.map((f) => [f.name, f])),
  };
  for (const [kind, list] of [
    ['table', app.tables.map((t) => t.name)],
    ['queue', app.queues.map((q) => q.name)],
    ['bucket', app.buckets.map((b) => b.name)],
    ['function', app.functions.map((f) => f.name)],
    ['route', app.routes.map(routeKey)],
  ] as const) {
    for (const d of duplicates(list)) problems.push(`duplicate ${kind} '${d}'`);
  }
  for (const q of app.queues) check(!q.fifo || q.name.endsWith('.fifo'), `FIFO queue '${q.name}' must end in .fifo`);
  for (const f of app.functions) {
    for (const t of Object.keys(f.tables ?? {}))
      check(names.table.has(t), `function '${f.name}' uses unknown table '${t}'`);
    for (const q of Object.keys(f.queues ?? {}))
      check(names.queue.has(q), `function '${f.name}' uses unknown queue '${q}'`);
    for (const b of Object.keys(f.buckets ?? {}))
      check(names.bucket.has(b), `function '${f.name}' uses unknown bucket '${b}'`);
    const reserved = f.reservedConcurrency;
    check(
      !reserved || (reserved.executions >= 1 && reserved.reason.trim() !== ''),
      `function '${f.name}' reserves concurrency without a reason`,
    );
  }
  for (const r of app.routes) {
    check(names.fn.has(r.function), `route '${routeKey(r)}' targets unknown function '${r.function}'`);
    check(
      !isUiPath(r.path),
      `route '${routeKey(r)}' is a UI path (a page or a UI file's extension), so the UI would serve it`,
    );
  }
  const fallback = app.defaultRoute?.function;
  check(
    fallback === undefined || names.fn.has(fallback),
    `route '${DEFAULT_ROUTE_KEY}' targets unknown function '${fallback}'`,
  );
  for (const b of app.buckets) {
    for (const n of b.notifications ?? [])
      check(names.queue.has(n.queue), `bucket '${b.name}' notifies unknown queue '${n.queue}'`);
  }
  for (const t of app.triggers) {
    const fn = names.fn.get(t.function);
    check(fn !== undefined, `trigger targets unknown function '${t.function}'`);
    if (t.source.type === 'sqs') {
      const queue = app.queues.find((q) => q.name === (t.source as { queue: string }).queue);
      check(queue !== undefined, `trigger of '${t.function}' reads unknown queue '${t.source.queue}'`);
      check(
        t.batchSize >= 1 && t.batchSize <= (queue?.fifo ? 10 : 10000),
        `trigger of '${t.function}' has an invalid batch size`,
      );
    } else {
      const table = app.tables.find((x) => x.name === (t.source as { table: string }).table);
      check(
        table?.stream !== undefined,
        `trigger of '${t.function}' reads table '${t.source.table}' which has no stream`,
      );
    }
  }
  // A function that consumes a queue (by trigger or by its access map) must finish before the queue
  // shows its messages again, or they are processed twice while the first run continues; AWS refuses
  // such a trigger too.
  for (const fn of app.functions) {
    const consumed = new Set([
      ...Object.entries(fn.queues ?? {})
        .filter(([, access]) => access !== 'send')
        .map(([queue]) => queue),
      ...app.triggers.flatMap((t) => (t.function === fn.name && t.source.type === 'sqs' ? [t.source.queue] : [])),
    ]);
    const timeout = fn.timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS;
    for (const queue of app.queues.filter((q) => consumed.has(q.name))) {
      check(
        timeout <= queue.visibilityTimeoutSeconds,
        `function '${fn.name}' times out after ${timeout}s but queue '${queue.name}' hides messages for only ${queue.visibilityTimeoutSeconds}s`,
      );
    }
  }
  if (problems.length > 0) throw new Error(`Invalid app manifest:\n- ${problems.join('\n- ')}`);
  return app;
};
