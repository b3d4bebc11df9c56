// The splitter's streaming alone, in a process of its own so its RSS is the splitter's: reads a CSV
// from disk through splitCsv (validation, dedupe, batches handed to a no-op) and prints one JSON line.
// Run by bench/weather.ts --splitter; needs --expose-gc.
import { createReadStream } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { LIMITS } from '#functions/weather/constants.ts';
import { splitCsv } from '#functions/weather/domain/split-csv.ts';

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with --expose-gc');
gc();
const baseline = process.memoryUsage();
// Retained memory, not garbage awaiting collection: sampled right after a forced GC.
const retained: number[] = [];
let peakRss = baseline.rss;
const sample = setInterval(() => {
  gc();
  const m = process.memoryUsage();
  retained.push(m.heapUsed);
  peakRss = Math.max(peakRss, m.rss);
}, 500);
const started = performance.now();
const result = await splitCsv(createReadStream(process.argv[2]!), {
  batchSize: LIMITS.chunkCities * LIMITS.sqsBatch,
  keepRejected: LIMITS.rejectedExamples,
  onBatch: async () => undefined,
});
const seconds = (performance.now() - started) / 1000;
clearInterval(sample);
peakRss = Math.max(peakRss, process.memoryUsage().rss);
const quarter = (q: number): number =>
  retained[Math.min(retained.length - 1, Math.floor((q * retained.length) / 4))] ?? baseline.heapUsed;
console.log(
  JSON.stringify({
    seconds,
    total: result.total,
    duplicates: result.duplicates,
    rejected: result.rejects.count,
    baselineHeap: baseline.heapUsed,
    retained: [0, 1, 2, 3].map(quarter),
    baselineRss: baseline.rss,
    peakRss,
  }),
);
