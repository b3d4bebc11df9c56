// `npm run bench:mouse`: sustained ingest through the sandbox, and how long a batch takes to become a
// readable stats point. CLIENTS sessions post batches back to back (each waits for its 202, as the page
// does) for SECONDS; a watcher per session polls `stats?after=` to time each point's arrival.
//   BENCH_SECONDS (60) BENCH_CLIENTS (4) BENCH_BATCH_EVENTS (100) BENCH_INTERVAL_MS (0: back to back)
//   BENCH_POLL_MS (100) BENCH_WARMUP_SECONDS (5, not measured) BENCH_URL (an API already running, e.g. `npm start`; default: start a sandbox)
import { randomUUID } from 'node:crypto';
import { startSandbox, type Sandbox } from '../local/index.ts';

const env = (name: string, fallback: number): number => Number(process.env[name] ?? fallback);
const SECONDS = env('BENCH_SECONDS', 60);
const CLIENTS = env('BENCH_CLIENTS', 4);
const BATCH_EVENTS = env('BENCH_BATCH_EVENTS', 100);
const INTERVAL_MS = env('BENCH_INTERVAL_MS', 0);
const POLL_MS = env('BENCH_POLL_MS', 100);
const WARMUP_SECONDS = env('BENCH_WARMUP_SECONDS', 5);
/** How long the watchers may take to see the last batches after the clients stop. */
const DRAIN_TIMEOUT_MS = 120_000;

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

const percentiles = (values: readonly number[]): string => {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (p: number): string => (sorted.length ? sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)]!.toFixed(0) : '-');
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

/** Posts batches of a straight walk, one at a time, until `until`. */
const runClient = async (url: string, s: Session, until: number): Promise<void> => {
  for (let seq = 0; Date.now() < until; seq++) {
    const t0 = Date.now();
    const events = Array.from({ length: BATCH_EVENTS }, (_, j) => ({ x: (seq * BATCH_EVENTS + j) % 1000, y: seq % 700, t: t0 + j }));
    s.sentAt.set(seq, t0);
    const response = await fetch(`${url}/mouse/sessions/${s.id}/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ seq, events }),
    });
    await response.arrayBuffer();
    if (response.status === 202) {
      s.ingestMs.push(Date.now() - t0);
      s.accepted += BATCH_EVENTS;
      s.lastSeq = seq;
    } else {
      s.errors++;
      seq--; // the server did not queue it: the next batch reuses the seq, as the page does
    }
    if (INTERVAL_MS > 0) await sleep(INTERVAL_MS);
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
const runPhase = async (url: string, seconds: number): Promise<PhaseResult> => {
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
  await Promise.all(sessions.map((s) => runClient(url, s, started + seconds * 1000)));
  const stopped = Date.now();
  drainBy = stopped + DRAIN_TIMEOUT_MS;
  await Promise.all(watchers);
  return { sessions, elapsedSeconds: (stopped - started) / 1000, drainedMs: Date.now() - stopped };
};

const main = async (): Promise<void> => {
  let sandbox: Sandbox | undefined;
  const url = process.env.BENCH_URL ?? (sandbox = await startSandbox({ port: 0 })).url;
  try {
    console.log(`mouse bench: ${CLIENTS} sessions x ${SECONDS} s, ${BATCH_EVENTS} events/batch, pause ${INTERVAL_MS} ms, poll ${POLL_MS} ms, ${url}`);
    // Cold starts (bundle load, first SDK calls) are not the steady state: a short unmeasured round first.
    await runPhase(url, WARMUP_SECONDS);
    const mark = sandbox?.invocations.length ?? 0;
    const { sessions, elapsedSeconds, drainedMs } = await runPhase(url, SECONDS);

    const all = <K extends 'ingestMs' | 'lagMs'>(key: K) => sessions.flatMap((s) => s[key]);
    const sum = (f: (s: Session) => number) => sessions.reduce((n, s) => n + f(s), 0);
    const batches = all('ingestMs').length;
    const behind = sum((s) => Math.max(0, s.lastSeq + 1 - s.seen));
    console.log(`accepted        ${(sum((s) => s.accepted) / elapsedSeconds).toFixed(0)} events/s (${batches} batches, ${(batches / elapsedSeconds).toFixed(1)} batches/s, ${sum((s) => s.errors)} refused)`);
    console.log(`ingest latency  ${percentiles(all('ingestMs'))}`);
    console.log(`POST -> stats   ${percentiles(all('lagMs'))}  (resolution ${POLL_MS} ms, ${sum((s) => s.pollErrors)} failed polls)`);
    console.log(`drain           last batch visible ${drainedMs} ms after the clients stopped${behind ? `; ${behind} batches never became visible` : ''}`);
    if (sandbox) {
      // Where the aggregation time goes: one invocation per batch, or several batches per invocation.
      const runs = sandbox.invocations.slice(mark).filter((r) => r.function === 'mouse-aggregate');
      const records = runs.reduce((n, r) => n + (r.batchSize ?? 0), 0);
      console.log(`aggregator runs ${percentiles(runs.map((r) => r.durationMs))}, ${(records / runs.length).toFixed(2)} batches per run`);
    }
  } finally {
    await sandbox?.stop();
  }
};

await main();
