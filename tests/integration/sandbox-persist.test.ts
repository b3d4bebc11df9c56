// `persist` keeps every piece of accepted work across a stop, however it comes. A sandbox in a process
// group of its own (as `npm start` in a terminal) is stopped with Ctrl-C just after it accepted a bulk
// import and mouse batches, while a gap check waits in its queue; the next one on the same folder splits
// the import and is killed with SIGKILL while its chunks wait, just after more batches were answered. A third
// finishes all of it exactly: the job's counters, every batch aggregated, the gap passed.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateCitiesCsv } from '../../scripts/generate-cities.ts';

const DIR = mkdtempSync(join(tmpdir(), 'sandbox-persist-'));
const HELPER = join(import.meta.dirname, '../helpers/sandbox-process.ts');
const OPTIONS = { persist: DIR };
const ROWS = 500;
const T0 = 1_795_428_000_000;

interface Running {
  readonly process: ChildProcess;
  readonly url: string;
  readonly apiKey: string;
}

const running: ChildProcess[] = [];

/** The sandbox as the leader of its own process group (as `npm start` in a terminal). */
const start = async (): Promise<Running> => {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', '--disable-warning=ExperimentalWarning', HELPER, JSON.stringify(OPTIONS)],
    { detached: true, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  running.push(child);
  let output = '';
  const ready = await new Promise<{ url: string; apiKey: string }>((resolve, reject) => {
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      const line = output.split('\n').find((l) => l.startsWith('{"url"'));
      if (line) resolve(JSON.parse(line) as { url: string; apiKey: string });
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', () => reject(new Error(`the sandbox exited before ready:\n${output}`)));
  });
  return { process: child, ...ready };
};

/** A signal to the whole group, as a terminal sends Ctrl-C; resolves once the sandbox's process is gone. */
const signalGroup = (child: ChildProcess, signal: NodeJS.Signals): Promise<void> =>
  new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    try {
      process.kill(-child.pid!, signal);
    } catch {
      resolve(); // already gone
    }
  });

const getJson = async (sandbox: Running, path: string): Promise<Record<string, any>> =>
  (await fetch(`${sandbox.url}${path}`, { headers: { 'x-api-key': sandbox.apiKey } })).json() as Promise<
    Record<string, any>
  >;

/** Polls until `done` holds of what `read` returns; the last value read, either way. */
const until = async <T>(read: () => Promise<T>, done: (value: T) => boolean, ms: number): Promise<T> => {
  const deadline = Date.now() + ms;
  let value = await read();
  while (!done(value) && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 200));
    value = await read();
  }
  return value;
};

/** Starts an import of a generated CSV (answered 202): its id and the counters it must end with. */
const startImport = async (sandbox: Running, seed: number) => {
  const { csv, expected } = generateCitiesCsv({ rows: ROWS, seed });
  const created = await fetch(`${sandbox.url}/bulk/import`, {
    method: 'POST',
    headers: { 'x-api-key': sandbox.apiKey, 'content-type': 'text/csv' },
    body: csv,
  });
  expect(created.status).toBe(202);
  const { job_id: jobId } = (await created.json()) as { job_id: string };
  return { jobId, expected };
};

const postBatch = async (sandbox: Running, session: string, seq: number): Promise<number> => {
  const events = Array.from({ length: 10 }, (_, j) => ({ x: seq * 10 + j, y: 0, t: T0 + 10 * (seq * 10 + j) }));
  const res = await fetch(`${sandbox.url}/mouse/sessions/${session}/events`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ seq, events }),
  });
  return res.status;
};

/** Ten batches of a new session, each answered 202. */
const acceptedSession = async (sandbox: Running): Promise<string> => {
  const session = crypto.randomUUID();
  for (let seq = 0; seq < 10; seq++) expect(await postBatch(sandbox, session, seq)).toBe(202);
  return session;
};

afterAll(async () => {
  await Promise.all(running.map((child) => signalGroup(child, 'SIGKILL')));
  rmSync(DIR, { recursive: true, force: true });
});

describe('Sandbox: persist', () => {
  it('finishes a bulk import, accepted mouse batches and a pending gap check after Ctrl-C and kill -9', {
    timeout: 360_000,
  }, async () => {
    const first = await start();
    const { jobId, expected } = await startImport(first, 11);
    const beforeCtrlC = await acceptedSession(first);
    // A session whose seq 4 is missing: seq 5 waits for it, and only its gap check (a delayed message) can pass it.
    const gapped = crypto.randomUUID();
    for (const seq of [0, 1, 2, 3, 5]) expect(await postBatch(first, gapped, seq)).toBe(202);
    const waiting = await until(
      () => getJson(first, `/mouse/sessions/${gapped}`),
      (s) => s.pending_batches === 1,
      30_000,
    );
    expect(waiting).toMatchObject({ batches: 4, pending_batches: 1 });
    await signalGroup(first.process, 'SIGINT');

    const second = await start();
    // The split resumes: the CSV is still in its bucket, the split's message back in its queue.
    const split = await until(
      () => getJson(second, `/bulk/jobs/${jobId}`),
      (j) => j.total !== null,
      90_000,
    );
    expect(split.total).toBe(expected.total);
    const beforeKill = await acceptedSession(second);
    const atKill = await getJson(second, `/bulk/jobs/${jobId}`);
    await signalGroup(second.process, 'SIGKILL');
    expect(atKill.processed).toBeLessThan(expected.total); // the kill came mid-import

    const third = await start();
    const job = await until(
      () => getJson(third, `/bulk/jobs/${jobId}`),
      (j) => j.status === 'done',
      120_000,
    );
    expect(job).toMatchObject({ status: 'done', ...expected, processed: expected.total });
    for (const session of [beforeCtrlC, beforeKill]) {
      const all = await until(
        () => getJson(third, `/mouse/sessions/${session}`),
        (s) => s.batches === 10,
        30_000,
      );
      expect(all).toMatchObject({ batches: 10, events: 100, last_seq: 9, pending_batches: 0 });
    }
    const passed = await until(
      () => getJson(third, `/mouse/sessions/${gapped}`),
      (s) => s.pending_batches === 0,
      30_000,
    );
    expect(passed).toMatchObject({ batches: 5, last_seq: 5, skipped_batches: 1, pending_batches: 0 });
  });
});
