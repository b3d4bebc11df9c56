// Load test of the math API: N requests, C in flight at a time, against BENCH_URL or a freshly started
// sandbox. Prints throughput and latency percentiles. `{n}` in --path cycles through 1..100.
//   npm run bench:math -- --requests 2000 --concurrency 20 [--path '/difference?number=10']
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { startSandbox } from '#local/index.ts';

const { values } = parseArgs({
  options: {
    requests: { type: 'string', short: 'n', default: '2000' },
    concurrency: { type: 'string', short: 'c', default: '20' },
    path: { type: 'string', default: '/difference?number={n}' },
  },
});
const total = Number(values.requests);
const concurrency = Number(values.concurrency);
if (!Number.isInteger(total) || total < 1 || !Number.isInteger(concurrency) || concurrency < 1) {
  throw new Error('--requests and --concurrency must be positive integers');
}

// A load test measures the functions, not the stage's throttle
// (in AWS: cdk deploy -c throttleRate=... -c throttleBurst=...).
const sandbox = process.env.BENCH_URL ? undefined : await startSandbox({ port: 0, throttles: false });
const base = process.env.BENCH_URL ?? sandbox!.url;
const url = (i: number): string => `${base}${values.path.replace('{n}', String((i % 100) + 1))}`;

/** Sends requests `from`..`to` (exclusive) with `concurrency` workers; returns each latency in ms. */
const run = async (from: number, to: number): Promise<{ latencies: number[]; failures: number }> => {
  const latencies: number[] = [];
  let failures = 0;
  let next = from;
  const worker = async (): Promise<void> => {
    while (next < to) {
      const i = next++;
      const started = performance.now();
      const response = await fetch(url(i));
      await response.arrayBuffer();
      latencies.push(performance.now() - started);
      if (response.status !== 200) failures++;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return { latencies, failures };
};

/** Nearest-rank percentile of sorted values. */
const percentile = (sorted: number[], p: number): number =>
  sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)]!;

try {
  // Warm-up: the first calls start the function workers and open connections; they are not measured.
  await run(0, concurrency * 2);
  const started = performance.now();
  const { latencies, failures } = await run(0, total);
  const seconds = (performance.now() - started) / 1000;
  const sorted = latencies.sort((a, b) => a - b);
  const ms = (p: number): string => percentile(sorted, p).toFixed(1);
  console.log(`${base}${values.path}: ${total} requests, concurrency ${concurrency}, ${failures} non-200`);
  console.log(`throughput ${(total / seconds).toFixed(0)} req/s over ${seconds.toFixed(1)} s`);
  console.log(`latency ms  p50 ${ms(50)}  p95 ${ms(95)}  p99 ${ms(99)}  max ${ms(100)}`);
} finally {
  await sandbox?.stop();
}
