// Bulk import benchmarks.
//   npm run bench:bulk -- --rows 100000   end to end through the sandbox (simulated provider, zero
//                                          latency): presigned upload -> job done; prints cities/s, SQS
//                                          requests per city and provider calls per city
//   npm run bench:bulk -- --splitter --rows 1000000   the splitter's streaming alone, in a process of
//                                          its own: rows/s, retained heap and peak RSS
// Rows come from scripts/generate-cities.ts: real places (at most ~118k distinct; larger files repeat
// them), 10% duplicates, 5% bad rows, 1% unknown places.
import { execFileSync } from 'node:child_process';
import { subscribe } from 'node:diagnostics_channel';
import { createReadStream, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import {
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  type S3Client,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import type { JobView } from '#functions/weather/contracts.ts';
import { startWeatherProvider } from '#local/companions/weather-provider.ts';
import { startSandbox } from '#local/index.ts';
import { generateCitiesCsv } from '../scripts/generate-cities.ts';

const { values } = parseArgs({
  options: {
    rows: { type: 'string', default: '100000' },
    splitter: { type: 'boolean', default: false },
    /** Takes the simulated provider down this long once a tenth of the cities are processed. */
    'outage-seconds': { type: 'string', default: '0' },
  },
});
const rows = Number(values.rows);
const outageMs = Number(values['outage-seconds']) * 1000;
const mb = (bytes: number): string => `${(bytes / 2 ** 20).toFixed(1)} MB`;

/** fauxqs takes at most 11 MiB in one PUT (S3: 5 GB); a larger file goes up in parts, to the same key. */
const SINGLE_PUT_LIMIT = 10 * 2 ** 20;
const PART_BYTES = 8 * 2 ** 20;

const multipartUpload = async (s3: S3Client, presignedUrl: string, path: string): Promise<void> => {
  const [Bucket, ...key] = new URL(presignedUrl).pathname.slice(1).split('/').map(decodeURIComponent);
  const target = { Bucket, Key: key.join('/') };
  const { UploadId } = await s3.send(new CreateMultipartUploadCommand(target));
  const file = readFileSync(path);
  const parts: { ETag?: string; PartNumber: number }[] = [];
  for (let offset = 0, n = 1; offset < file.length; offset += PART_BYTES, n++) {
    const Body = file.subarray(offset, offset + PART_BYTES);
    const { ETag } = await s3.send(new UploadPartCommand({ ...target, UploadId, PartNumber: n, Body }));
    parts.push({ ETag, PartNumber: n });
  }
  await s3.send(new CompleteMultipartUploadCommand({ ...target, UploadId, MultipartUpload: { Parts: parts } }));
};

const csvFile = (): { path: string; expected: ReturnType<typeof generateCitiesCsv>['expected'] } => {
  const { csv, expected } = generateCitiesCsv({ rows });
  const path = join(mkdtempSync(join(tmpdir(), 'bench-weather-')), 'cities.csv');
  writeFileSync(path, csv);
  return { path, expected };
};

const benchSplitter = (path: string): void => {
  const out = execFileSync(process.execPath, ['--expose-gc', '--import', 'tsx', 'bench/weather-split.ts', path], {
    encoding: 'utf8',
  });
  const r = JSON.parse(out.trim().split('\n').at(-1)!) as {
    seconds: number;
    total: number;
    duplicates: number;
    rejected: number;
    baselineHeap: number;
    retained: number[];
    baselineRss: number;
    peakRss: number;
  };
  console.log(
    `splitter: ${rows} rows (${r.total} distinct cities, ${r.duplicates} duplicates, ${r.rejected} rejected) in ${r.seconds.toFixed(1)} s = ${(rows / r.seconds).toFixed(0)} rows/s`,
  );
  console.log(
    `retained heap: start ${mb(r.baselineHeap)}, at 25/50/75/100% ${r.retained.map(mb).join(' / ')}; rss ${mb(r.baselineRss)} at start, peak ${mb(r.peakRss)}`,
  );
};

/**
 * SQS API requests by action, as fauxqs (in this process) receives them from every function and
 * poller. A receive that delivered messages is told from an empty long poll by its answer.
 */
const countSqsRequests = (): Map<string, number> => {
  const counts = new Map<string, number>();
  subscribe('http.server.request.start', (message) => {
    const { request, response } = message as { request: IncomingMessage; response: ServerResponse };
    const target = request.headers['x-amz-target'];
    if (typeof target !== 'string' || !target.startsWith('AmazonSQS.')) return;
    const count = (action: string) => counts.set(action, (counts.get(action) ?? 0) + 1);
    if (target !== 'AmazonSQS.ReceiveMessage') return void count(target.slice('AmazonSQS.'.length));
    // Only the answer says whether a receive delivered anything: read it on its way out.
    const end = response.end.bind(response) as (...args: unknown[]) => ServerResponse;
    response.end = ((...args: unknown[]) => {
      count(String(args[0] ?? '').includes('"ReceiptHandle"') ? 'ReceiveMessage' : 'empty ReceiveMessage');
      return end(...args);
    }) as typeof response.end;
  });
  return counts;
};

const benchEndToEnd = async (
  path: string,
  expected: ReturnType<typeof generateCitiesCsv>['expected'],
): Promise<void> => {
  const sqsRequests = countSqsRequests();
  const provider = await startWeatherProvider();
  // A load test measures the functions, not the stage's throttle
  // (in AWS: cdk deploy -c throttleRate=... -c throttleBurst=...).
  const sandbox = await startSandbox({ port: 0, env: provider.env, throttles: false });
  try {
    const headers = { 'x-api-key': sandbox.apiKey };
    sqsRequests.clear();
    const started = performance.now();
    const created = await fetch(`${sandbox.url}/bulk/uploads`, { method: 'POST', headers });
    const upload = (await created.json()) as { job_id: string; upload_url: string };
    if (!created.ok) throw new Error(`POST /bulk/uploads answered ${created.status}: ${JSON.stringify(upload)}`);
    if (statSync(path).size <= SINGLE_PUT_LIMIT) {
      const put = await fetch(upload.upload_url, {
        method: 'PUT',
        body: createReadStream(path) as unknown as BodyInit,
        duplex: 'half',
      } as RequestInit);
      if (!put.ok) throw new Error(`upload failed: ${put.status}`);
    } else {
      await multipartUpload(sandbox.clients.s3, upload.upload_url, path);
    }
    let job: Pick<JobView, 'status' | 'total' | 'processed' | 'succeeded' | 'failed' | 'rejected_rows'> = {
      status: 'queued',
      total: null,
      processed: 0,
      succeeded: 0,
      failed: 0,
      rejected_rows: 0,
    };
    let splitAt: number | undefined;
    const outage: { down?: number; up?: number } = {};
    do {
      await new Promise((r) => setTimeout(r, 500));
      const now = Date.now();
      if (outageMs > 0 && outage.down === undefined && job.total && job.processed >= job.total / 10) {
        provider.set({ down: true });
        outage.down = now;
      }
      if (outage.down !== undefined && outage.up === undefined && now - outage.down >= outageMs) {
        provider.set({ down: false });
        outage.up = now;
      }
      const response = await fetch(`${sandbox.url}/bulk/jobs/${upload.job_id}`, { headers });
      // The loaded sandbox may answer a poll with a 5xx: poll again.
      if (!response.ok) continue;
      job = (await response.json()) as typeof job;
      if (job.total !== null && splitAt === undefined) splitAt = performance.now();
      process.stdout.write(`\r${job.status} ${job.processed}/${job.total ?? '?'}   `);
    } while (job.status === 'queued' || job.status === 'running');
    const seconds = (performance.now() - started) / 1000;
    const doneAt = Date.now();
    const cities = job.total ?? 0;
    const exact =
      job.total === expected.total &&
      job.succeeded === expected.succeeded &&
      job.failed === expected.failed &&
      job.rejected_rows === expected.rejected_rows;
    const empty = sqsRequests.get('empty ReceiveMessage') ?? 0;
    sqsRequests.delete('empty ReceiveMessage');
    const sqs = [...sqsRequests.values()].reduce((a, b) => a + b, 0);
    const perCity = (n: number): string => (cities ? n / cities : 0).toFixed(4);
    const workers = sandbox.invocations.filter((i) => i.function === 'weather-worker');
    const splitter = sandbox.invocations.find((i) => i.function === 'weather-splitter');
    const mean = (ns: number[]): number => (ns.length ? ns.reduce((a, b) => a + b, 0) / ns.length : 0);
    console.log(
      `\nend to end: ${rows} rows -> ${job.status}, total ${job.total}, succeeded ${job.succeeded}, failed ${job.failed}, rejected ${job.rejected_rows} (${exact ? 'exactly as generated' : `EXPECTED ${JSON.stringify(expected)}`})`,
    );
    console.log(
      `${seconds.toFixed(1)} s = ${(cities / seconds).toFixed(0)} cities/s (split done after ${(((splitAt ?? 0) - started) / 1000).toFixed(1)} s)`,
    );
    console.log(
      `SQS requests: ${sqs} = ${perCity(sqs)} per city (${[...sqsRequests].map(([action, n]) => `${action} ${n}`).join(', ')}); empty long polls of the sandbox's idle pollers (every queue, 1 s each): ${empty}`,
    );
    console.log(
      `invocations: splitter ${splitter?.durationMs ?? '?'} ms; worker ${workers.length}, ${mean(workers.map((w) => w.batchSize ?? 0)).toFixed(1)} chunks and ${mean(workers.map((w) => w.durationMs)).toFixed(0)} ms each on average`,
    );
    console.log(
      `provider calls: ${provider.log.length} = ${perCity(provider.log.length)} per city (geocoding ${provider.geocodingCalls()}, forecast ${provider.forecastCalls()})`,
    );
    // What Open-Meteo's quota counts: a forecast once per location (docs/weather-provider.md).
    const weighed = provider.log.reduce((n, c) => n + c.weight, 0);
    console.log(`provider quota used (calls weighed by locations): ${weighed} = ${perCity(weighed)} per city`);
    if (outage.down !== undefined && outage.up !== undefined) {
      const during = provider.log.filter((c) => c.at >= outage.down! && c.at < outage.up!).length;
      console.log(
        `outage: provider down ${((outage.up - outage.down) / 1000).toFixed(1)} s, ${during} calls meanwhile; job done ${((doneAt - outage.up) / 1000).toFixed(1)} s after it came back`,
      );
    }
  } finally {
    await sandbox.stop();
    await provider.stop();
  }
};

const { path, expected } = csvFile();
try {
  if (values.splitter) benchSplitter(path);
  else await benchEndToEnd(path, expected);
} finally {
  rmSync(join(path, '..'), { recursive: true, force: true });
}
