// `persist` keeps every piece of accepted work across a kill -9: a sandbox in a process group of its own
// is killed with SIGKILL in the middle of a bulk import, just after mouse batches were answered 202 and
// while a gap check waits in its queue; a new sandbox on the same folder finishes all of it exactly.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateCitiesCsv } from '../../scripts/generate-cities.ts';

const DIR = mkdtempSync(join(tmpdir(), 'sandbox-persist-'));
const HELPER = join(import.meta.dirname, '../helpers/sandbox-process.ts');
// A message in flight at the kill comes back after its visibility timeout: short, but longer than a
// slow (cold, loaded machine) run, or one still running is received twice.
const OPTIONS = { persist: DIR, visibilityTimeoutSeconds: 10 };
const ROWS = 2000;
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

const killGroup = (child: ChildProcess, signal: NodeJS.Signals): Promise<void> =>
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

const postBatch = async (sandbox: Running, session: string, seq: number): Promise<number> => {
  const events = Array.from({ length: 10 }, (_, j) => ({ x: seq * 10 + j, y: 0, t: T0 + 10 * (seq * 10 + j) }));
  const res = await fetch(`${sandbox.url}/mouse/sessions/${session}/events`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ seq, events }),
  });
  return res.status;
};

afterAll(async () => {
  await Promise.all(running.map((child) => killGroup(child, 'SIGKILL')));
  rmSync(DIR, { recursive: true, force: true });
});

describe('Sandbox: persist', () => {
  it('finishes a bulk import, accepted mouse batches and a pending gap check after a kill -9', {
    timeout: 300_000,
  }, async () => {
    const { csv, expected } = generateCitiesCsv({ rows: ROWS, seed: 11 });
    const first = await start();
    const created = await fetch(`${first.url}/bulk/import`, {
      method: 'POST',
      headers: { 'x-api-key': first.apiKey, 'content-type': 'text/csv' },
      body: csv,
    });
    expect(created.status).toBe(202);
    const { job_id: jobId } = (await created.json()) as { job_id: string };
    // A session whose seq 4 is missing: seq 5 waits for it, and only its gap check (a delayed message) can pass it.
    const gapped = crypto.randomUUID();
    for (const seq of [0, 1, 2, 3, 5]) expect(await postBatch(first, gapped, seq)).toBe(202);
    const waiting = await until(
      () => getJson(first, `/mouse/sessions/${gapped}`),
      (s) => s.pending_batches === 1,
      60_000,
    );
    expect(waiting).toMatchObject({ batches: 4, pending_batches: 1 });
    const started = await until(
      () => getJson(first, `/bulk/jobs/${jobId}`),
      (j) => j.processed > 0,
      120_000,
    );
    // Batches answered 202 just before the kill.
    const fresh = crypto.randomUUID();
    for (let seq = 0; seq < 10; seq++) expect(await postBatch(first, fresh, seq)).toBe(202);

    await killGroup(first.process, 'SIGKILL');
    const second = await start();

    expect(started.processed).toBeLessThan(expected.total); // the kill came mid-import
    const job = await until(
      () => getJson(second, `/bulk/jobs/${jobId}`),
      (j) => j.status === 'done',
      180_000,
    );
    expect(job).toMatchObject({ status: 'done', ...expected, processed: expected.total });
    expect(job.succeeded + job.failed).toBe(expected.total);
    const all = await until(
      () => getJson(second, `/mouse/sessions/${fresh}`),
      (s) => s.batches === 10,
      60_000,
    );
    expect(all).toMatchObject({ batches: 10, events: 100, last_seq: 9, pending_batches: 0 });
    const passed = await until(
      () => getJson(second, `/mouse/sessions/${gapped}`),
      (s) => s.pending_batches === 0,
      60_000,
    );
    expect(passed).toMatchObject({ batches: 5, last_seq: 5, skipped_batches: 1, pending_batches: 0 });
  });
});
