// `npm run bench:mouse`: sustained ingest through the sandbox, and how long a batch takes to become a
// readable stats point, at two rates: back to back (each session posts its next batch as soon as the
// 202 comes, as the page does when it catches up) and the page's own pace. CLIENTS sessions post for
// SECONDS; a watcher per session polls `stats?after=` to time each point's arrival. Then the
// aggregator's own capacity for one session, called directly with the events Lambda would pass it:
// one record per invocation (what the sandbox's queue emulator delivers) against ten (SQS FIFO).
//   BENCH_SECONDS (60) BENCH_CLIENTS (4) BENCH_POLL_MS (100) BENCH_WARMUP_SECONDS (5, not measured)
//   BENCH_PHASES (back-to-back,page-like) BENCH_URL (an API already running, e.g. `npm start`; then no
//   aggregator capacity run; default: start a sandbox)
import { randomUUID } from 'node:crypto';
import type { SQSEvent, SQSRecord } from 'aws-lambda';
import { EVENTS_QUEUE } from '#functions/mouse/constants.ts';
import { app } from '#app';
import { functionEnvironment } from '#model/derive.ts';
import { startSandbox, type Sandbox } from '#local/index.ts';

const env = (name: string, fallback: number): number => Number(process.env[name] ?? fallback);
const SECONDS = env('BENCH_SECONDS', 60);
const CLIENTS = env('BENCH_CLIENTS', 4);
const POLL_MS = env('BENCH_POLL_MS', 100);
const WARMUP_SECONDS = env('BENCH_WARMUP_SECONDS', 5);

interface Phase {
  readonly name: string;
  readonly batchEvents: number;
  /** Pause after each 202 before the next POST (0: back to back). */
  readonly intervalMs: number;
  /** The issue's targets. */
  readonly target: { readonly p95Ms: number; readonly drainMs?: number; readonly eventsPerSecond?: number };
}

const PHASES: readonly Phase[] = [
  {
    name: 'back-to-back',
    batchEvents: 100,
    intervalMs: 0,
    target: { p95Ms: 1_000, drainMs: 2_000, eventsPerSecond: 5_000 },
  },
  { name: 'page-like', batchEvents: 20, intervalMs: 150, target: { p95Ms: 500 } },
];
const chosen = (process.env.BENCH_PHASES ?? PHASES.map((p) => p.name).join(',')).split(',');

/** How long the watchers may take to see the last batches after the clients stop. */
const DRAIN_TIMEOUT_MS = 120_000;

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

const percentiles = (values: readonly number[]): string => {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (p: number): string =>
    sorted.length ? sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)]!.toFixed(0) : '-';
  return `p50 ${at(50)} ms, p95 ${at(95)} ms, p99 ${at(99)} ms, max ${at(100)} ms (n=${sorted.length})`;
};

interface Session {
  readonly id: string;
  /** seq -> when its POST was sent (ms). */
  readonly sentAt: Map<number, number>;
  readonly ingestMs: number[];
  readonly lagMs: number[];
  accepted: number;
  errors: number;
  pollErrors: number;
  lastSeq: number;
  seen: number;
}

/** A straight walk's batch `seq` of `size` events, starting at `t0`. */
const walkBatch = (seq: number, size: number, t0: number) =>
  Array.from({ length: size }, (_, j) => ({ x: (seq * size + j) % 1000, y: seq % 700, t: t0 + j }));

/** Posts batches of a straight walk, one at a time, until `until`. */
const runClient = async (url: string, phase: Phase, s: Session, until: number): Promise<void> => {
  for (let seq = 0; Date.now() < until; seq++) {
    const t0 = Date.now();
    const events = walkBatch(seq, phase.batchEvents, t0);
    s.sentAt.set(seq, t0);
    const response = await fetch(`${url}/mouse/sessions/${s.id}/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ seq, events }),
    });
    await response.arrayBuffer();
    if (response.status === 202) {
      s.ingestMs.push(Date.now() - t0);
      s.accepted += phase.batchEvents;
      s.lastSeq = seq;
    } else {
      s.errors++;
      seq--; // the server did not queue it: the next batch reuses the seq, as the page does
    }
    if (phase.intervalMs > 0) await sleep(phase.intervalMs);
  }
};

/**
 * Polls the session's stats and records, for each new point, the time since its batch was sent. Ends
 * once the clients have stopped (`drainBy` is set) and the last batch is seen, or at `drainBy`.
 */
const watch = async (url: string, s: Session, drainBy: () => number | undefined): Promise<void> => {
  for (let by = drainBy(); by === undefined || (s.seen <= s.lastSeq && Date.now() < by); by = drainBy()) {
    let cursor: string | null = null;
    do {
      const query: string = `after=${s.seen - 1}&limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
      const response = await fetch(`${url}/mouse/sessions/${s.id}/stats?${query}`);
      const page = (await response.json()) as { items?: { seq: number }[]; next_cursor?: string | null };
      if (!response.ok || !page.items) {
        s.pollErrors++; // e.g. the sandbox's gateway timing out a cold function: poll again
        break;
      }
      const now = Date.now();
      for (const point of page.items) {
        s.lagMs.push(now - s.sentAt.get(point.seq)!);
        s.seen = point.seq + 1;
      }
      cursor = page.next_cursor ?? null;
    } while (cursor);
    await sleep(POLL_MS);
  }
};

interface PhaseResult {
  readonly sessions: Session[];
  readonly elapsedSeconds: number;
  readonly drainedMs: number;
}

/** CLIENTS sessions posting for `seconds`, then until every batch is visible (or DRAIN_TIMEOUT_MS). */
const runPhase = async (url: string, phase: Phase, seconds: number): Promise<PhaseResult> => {
  const sessions: Session[] = Array.from({ length: CLIENTS }, () => ({
    id: randomUUID(),
    sentAt: new Map(),
    ingestMs: [],
    lagMs: [],
    accepted: 0,
    errors: 0,
    pollErrors: 0,
    lastSeq: -1,
    seen: 0,
  }));
  const started = Date.now();
  let drainBy: number | undefined;
  const watchers = sessions.map((s) => watch(url, s, () => drainBy));
  await Promise.all(sessions.map((s) => runClient(url, phase, s, started + seconds * 1000)));
  const stopped = Date.now();
  drainBy = stopped + DRAIN_TIMEOUT_MS;
  await Promise.all(watchers);
  return { sessions, elapsedSeconds: (stopped - started) / 1000, drainedMs: Date.now() - stopped };
};

const verdict = (ok: boolean): string => (ok ? 'met' : 'NOT met');

/** One phase: a warm-up round, the measured round, its numbers against the issue's targets. */
const measurePhase = async (url: string, phase: Phase, sandbox: Sandbox | undefined): Promise<void> => {
  console.log(
    `\n[${phase.name}] ${CLIENTS} sessions x ${SECONDS} s, ${phase.batchEvents} events/batch, pause ${phase.intervalMs} ms, poll ${POLL_MS} ms`,
  );
  // Cold starts (bundle load, first SDK calls) are not the steady state: a short unmeasured round first.
  await runPhase(url, phase, WARMUP_SECONDS);
  const mark = sandbox?.invocations.length ?? 0;
  const { sessions, elapsedSeconds, drainedMs } = await runPhase(url, phase, SECONDS);

  const all = <K extends 'ingestMs' | 'lagMs'>(key: K) => sessions.flatMap((s) => s[key]);
  const sum = (f: (s: Session) => number) => sessions.reduce((n, s) => n + f(s), 0);
  const batches = all('ingestMs').length;
  const behind = sum((s) => Math.max(0, s.lastSeq + 1 - s.seen));
  const eventsPerSecond = sum((s) => s.accepted) / elapsedSeconds;
  const lag = [...all('lagMs')].sort((a, b) => a - b);
  const p95 = lag[Math.max(0, Math.ceil(0.95 * lag.length) - 1)] ?? Infinity;
  console.log(
    `accepted        ${eventsPerSecond.toFixed(0)} events/s (${batches} batches, ${(batches / elapsedSeconds).toFixed(1)} batches/s, ${sum((s) => s.errors)} refused)`,
  );
  console.log(`ingest latency  ${percentiles(all('ingestMs'))}`);
  console.log(
    `POST -> stats   ${percentiles(lag)}  (resolution ${POLL_MS} ms, ${sum((s) => s.pollErrors)} failed polls)`,
  );
  console.log(
    `drain           last batch visible ${drainedMs} ms after the clients stopped${behind ? `; ${behind} batches never became visible` : ''}`,
  );
  if (sandbox) {
    // Where the aggregation time goes: one invocation per batch, or several batches per invocation.
    const runs = sandbox.invocations.slice(mark).filter((r) => r.function === 'mouse-aggregate');
    const records = runs.reduce((n, r) => n + (r.batchSize ?? 0), 0);
    console.log(
      `aggregator runs ${percentiles(runs.map((r) => r.durationMs))}, ${(records / runs.length).toFixed(2)} records per run, ${(records / elapsedSeconds).toFixed(1)} records/s`,
    );
  }
  const { target } = phase;
  const checks = [
    `POST -> stats p95 < ${target.p95Ms} ms: ${verdict(p95 < target.p95Ms)}`,
    ...(target.drainMs ? [`drain < ${target.drainMs} ms: ${verdict(!behind && drainedMs < target.drainMs)}`] : []),
    ...(target.eventsPerSecond
      ? [`>= ${target.eventsPerSecond} events/s: ${verdict(eventsPerSecond >= target.eventsPerSecond)}`]
      : []),
  ];
  console.log(`target          ${checks.join('; ')}`);
};

const CAPACITY_BATCHES = 200;

/**
 * The aggregator's throughput for one session, its handler called in this process against the
 * sandbox's tables: each call waits for the previous, as a FIFO group's invocations do. `perEvent`
 * records per call: 1 is what the emulator hands out per group, 10 what SQS FIFO may.
 */
const aggregatorCapacity = async (perEvent: number): Promise<number> => {
  const session = randomUUID();
  const started = Date.now();
  for (let seq = 0; seq < CAPACITY_BATCHES; seq += perEvent) {
    const records = Array.from(
      { length: Math.min(perEvent, CAPACITY_BATCHES - seq) },
      (_, i): SQSRecord => ({
        messageId: randomUUID(),
        receiptHandle: 'bench',
        body: JSON.stringify({
          session_id: session,
          seq: seq + i,
          events: walkBatch(seq + i, 100, started + (seq + i) * 100),
          received_at: new Date().toISOString(),
        }),
        attributes: { MessageGroupId: session } as SQSRecord['attributes'],
        messageAttributes: {},
        md5OfBody: '',
        eventSource: 'aws:sqs',
        eventSourceARN: EVENTS_QUEUE,
        awsRegion: 'us-east-1',
      }),
    );
    const result = await aggregate({ Records: records });
    if (result?.batchItemFailures.length)
      throw new Error(`aggregator failed ${result.batchItemFailures.length} records`);
  }
  return CAPACITY_BATCHES / ((Date.now() - started) / 1000);
};

let aggregate: (event: SQSEvent) => Promise<{ batchItemFailures: unknown[] } | undefined>;

/** Loads the aggregator handler in this process with the environment the sandbox gives it. */
const loadAggregator = async (sandbox: Sandbox): Promise<void> => {
  const fn = app.functions.find((f) => f.name === 'mouse-aggregate')!;
  const names = {
    table: sandbox.tableName,
    queueUrl: sandbox.queueUrl,
    bucket: sandbox.bucketName,
    secretId: (s: string) => s,
  };
  const origin = async (client: {
    config: { endpoint?: () => Promise<{ protocol: string; hostname: string; port?: number }> };
  }) => {
    const e = await client.config.endpoint!();
    return `${e.protocol}//${e.hostname}:${e.port}`;
  };
  Object.assign(process.env, functionEnvironment(app, fn, names), {
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    AWS_ENDPOINT_URL_DYNAMODB: await origin(sandbox.clients.dynamo),
    // The client's endpoint, not the queue URL's host: fauxqs 2 hands out hosts that do not resolve.
    AWS_ENDPOINT_URL_SQS: await origin(sandbox.clients.sqs),
    POWERTOOLS_LOG_LEVEL: 'WARN',
  });
  const mod = await import('#functions/mouse/handlers/aggregate.ts');
  aggregate = (event) =>
    mod.handler(event, {} as never, () => undefined) as Promise<{ batchItemFailures: unknown[] } | undefined>;
};

const main = async (): Promise<void> => {
  // A load test measures the functions, not the stage's throttle
  // (in AWS: cdk deploy -c throttleRate=... -c throttleBurst=...).
  const sandbox = process.env.BENCH_URL ? undefined : await startSandbox({ port: 0, throttles: false });
  const url = process.env.BENCH_URL ?? sandbox!.url;
  try {
    console.log(`mouse bench against ${url}`);
    for (const phase of PHASES.filter((p) => chosen.includes(p.name))) await measurePhase(url, phase, sandbox);
    if (sandbox) {
      await loadAggregator(sandbox);
      await aggregatorCapacity(10); // warm-up
      const one = await aggregatorCapacity(1);
      const ten = await aggregatorCapacity(10);
      console.log(
        `\n[aggregator capacity, one session, ${CAPACITY_BATCHES} batches of 100 events, handler called in-process]`,
      );
      console.log(
        `1 record per invocation (fauxqs: one in-flight message per FIFO group)  ${one.toFixed(1)} batches/s = ${(one * 100).toFixed(0)} events/s`,
      );
      console.log(
        `10 records per invocation (SQS FIFO: up to 10 of a group per receive)   ${ten.toFixed(1)} batches/s = ${(ten * 100).toFixed(0)} events/s (x${(ten / one).toFixed(1)})`,
      );
    }
  } finally {
    await sandbox?.stop();
  }
};

await main();
