// Bulk import benchmarks.
//   npm run bench:bulk -- --rows 100000            end to end through the sandbox (simulated provider,
//                                                  zero latency): presigned upload -> job done, cities/s
//   npm run bench:bulk -- --splitter --rows 1000000  the splitter's streaming alone, in process: rows/s
//                                                  and peak memory while it reads a file from disk
// --distinct N caps the distinct cities (rows cycle over them); memory grows with distinct cities only.
import { createReadStream, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { startWeatherProvider } from '../local/companions/weather-provider.ts';
import { startSandbox } from '../local/index.ts';
import { generateCitiesCsv } from '../scripts/generate-cities.ts';

const { values } = parseArgs({
  options: {
    rows: { type: 'string', default: '100000' },
    distinct: { type: 'string' },
    splitter: { type: 'boolean', default: false },
  },
});
const rows = Number(values.rows);
const mb = (bytes: number): string => `${(bytes / 2 ** 20).toFixed(1)} MB`;

/** The generated CSV, or with --distinct its first N data rows repeated until `rows`. */
const csvFile = (): string => {
  const distinct = values.distinct ? Number(values.distinct) : rows;
  const { csv } = generateCitiesCsv({ rows: distinct });
  const [header, ...lines] = csv.trimEnd().split('\n');
  const dir = mkdtempSync(join(tmpdir(), 'bench-weather-'));
  const path = join(dir, 'cities.csv');
  const body = Array.from({ length: rows }, (_, i) => lines[i % lines.length]).join('\n');
  writeFileSync(path, `${header}\n${body}\n`);
  return path;
};

const benchSplitter = async (path: string): Promise<void> => {
  // Imported here: the module reads nothing from the environment, unlike the handlers.
  const { splitCsv } = await import('../functions/weather/split.ts');
  // Retained memory, not garbage awaiting collection: sampled right after a forced GC (--expose-gc).
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('run with NODE_OPTIONS=--expose-gc (npm run bench:bulk does)');
  gc();
  const baseline = process.memoryUsage();
  const retained: number[] = [];
  let peakRss = baseline.rss;
  const sample = setInterval(() => {
    gc();
    const m = process.memoryUsage();
    retained.push(m.heapUsed);
    peakRss = Math.max(peakRss, m.rss);
  }, 500);
  const started = performance.now();
  const result = await splitCsv(createReadStream(path), { batchSize: 10, keepRejected: 20, onBatch: async () => undefined });
  const seconds = (performance.now() - started) / 1000;
  clearInterval(sample);
  const quarter = (q: number): string => mb(retained[Math.min(retained.length - 1, Math.floor((q * retained.length) / 4))] ?? baseline.heapUsed);
  console.log(`splitter: ${rows} rows (${result.total} distinct cities, ${result.duplicates} duplicates, ${result.rejects.count} rejected) in ${seconds.toFixed(1)} s = ${(rows / seconds).toFixed(0)} rows/s`);
  console.log(`retained heap: start ${mb(baseline.heapUsed)}, at 25/50/75/100% ${[0, 1, 2, 3].map(quarter).join(' / ')}; peak rss ${mb(peakRss)}`);
};

const benchEndToEnd = async (path: string): Promise<void> => {
  const provider = await startWeatherProvider();
  const sandbox = await startSandbox({ port: 0, env: provider.env });
  try {
    const headers = { 'x-api-key': sandbox.apiKey };
    const started = performance.now();
    const upload = (await (await fetch(`${sandbox.url}/bulk/uploads`, { method: 'POST', headers })).json()) as { job_id: string; upload_url: string };
    const put = await fetch(upload.upload_url, { method: 'PUT', body: createReadStream(path) as unknown as BodyInit, duplex: 'half' } as RequestInit);
    if (!put.ok) throw new Error(`upload failed: ${put.status}`);
    let job: { status: string; total: number | null; processed: number; succeeded: number; failed: number; rejected_rows: number };
    let splitAt: number | undefined;
    do {
      await new Promise((r) => setTimeout(r, 1000));
      job = (await (await fetch(`${sandbox.url}/bulk/jobs/${upload.job_id}`, { headers })).json()) as typeof job;
      if (job.total !== null && splitAt === undefined) splitAt = performance.now();
      process.stdout.write(`\r${job.status} ${job.processed}/${job.total ?? '?'}   `);
    } while (job.status === 'queued' || job.status === 'running');
    const seconds = (performance.now() - started) / 1000;
    console.log(`\nend to end: ${rows} rows -> ${job.status}, total ${job.total}, succeeded ${job.succeeded}, failed ${job.failed}, rejected ${job.rejected_rows}`);
    console.log(`${seconds.toFixed(1)} s = ${((job.total ?? 0) / seconds).toFixed(1)} cities/s (split done after ${(((splitAt ?? 0) - started) / 1000).toFixed(1)} s)`);
    console.log(`provider calls: ${provider.log.length}`);
  } finally {
    await sandbox.stop();
    await provider.stop();
  }
};

const path = csvFile();
try {
  await (values.splitter ? benchSplitter(path) : benchEndToEnd(path));
} finally {
  rmSync(join(path, '..'), { recursive: true, force: true });
}
