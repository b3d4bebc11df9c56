// The bulk pipeline end to end in the sandbox: import (CSV, multipart or presigned upload) -> S3 ->
// notification queue -> splitter -> worker queue -> workers -> job counters, results and summary,
// including redeliveries, crashes before and after the workers' transactions and chunks settled in parts.
import { randomUUID } from 'node:crypto';
import { DeleteCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CACHE_TABLE, CITIES_TABLE, LIMITS } from '#functions/weather/constants.ts';
import { validateRow } from '#functions/weather/domain/csv-row.ts';
import type { ChunkMessage } from '#functions/weather/domain/messages.ts';
import { startWeatherProvider, type SimulatedProvider } from '#local/companions/weather-provider.ts';
import { startSandbox, type Sandbox } from '#local/index.ts';
import { generateCitiesCsv } from '../../scripts/generate-cities.ts';

let sandbox: Sandbox;
let provider: SimulatedProvider;
// The 10k-row run is weather-bulk-10k.test.ts: this suite's 3 s visibility timeout suits small files only.
const ROWS = 600;

interface Job {
  job_id: string;
  status: string;
  total: number | null;
  processed: number;
  succeeded: number;
  failed: number;
  rejected_rows: number;
  started_at: string | null;
  finished_at: string | null;
  error?: string;
}

const call = async (path: string, init: RequestInit = {}) => {
  const response = await fetch(`${sandbox.url}${path}`, {
    ...init,
    headers: { 'x-api-key': sandbox.apiKey, ...init.headers },
  });
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : undefined) as Record<string, unknown> };
};
const importCsv = async (csv: string): Promise<string> => {
  const { status, body } = await call('/bulk/import', {
    method: 'POST',
    headers: { 'content-type': 'text/csv' },
    body: csv,
  });
  expect(status).toBe(202);
  expect(body).toMatchObject({ status: 'queued', object_key: `imports/${String(body.job_id)}.csv` });
  return body.job_id as string;
};
const job = async (id: string): Promise<Job> => (await call(`/bulk/jobs/${id}`)).body as unknown as Job;
const workerInvocations = () => sandbox.invocations.filter((i) => i.function === 'weather-worker');

/** Every result of a job, following the cursor. */
const allResults = async (id: string, query = '') => {
  const items: { city: string; status: string; error?: string }[] = [];
  let cursor: string | null = null;
  do {
    const { status, body } = await call(
      `/bulk/jobs/${id}/results?limit=100${query}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
    );
    expect(status).toBe(200);
    items.push(...(body.items as typeof items));
    cursor = body.next_cursor as string | null;
  } while (cursor);
  return items;
};

beforeAll(async () => {
  provider = await startWeatherProvider();
  // Messages of a crashed batch reappear after 3 s instead of the manifest's minutes; one attempt per
  // provider call, so a failure the provider is told to answer is exactly one city left unsettled (no
  // patience for outages: the chunk is not sent back to wait); no circuit breaker, so each test meets only
  // its own failures (weather-quota.test.ts tests both).
  sandbox = await startSandbox({
    port: 0,
    visibilityTimeoutSeconds: 3,
    env: {
      ...provider.env,
      WEATHER_RETRY_ATTEMPTS: '1',
      WEATHER_CIRCUIT_FAILURES: '1000',
      WEATHER_OUTAGE_PATIENCE_MS: '0',
    },
  });
});

afterAll(async () => {
  await sandbox?.stop();
  await provider?.stop();
});

describe('POST /bulk/import', () => {
  it(`imports ${ROWS} rows with duplicates and bad rows to done, with exact counters and one City per name`, async () => {
    const { csv, expected } = generateCitiesCsv({ rows: ROWS, seed: 1 });

    const id = await importCsv(csv);
    await sandbox.idle(300_000);

    expect(await job(id)).toMatchObject({
      status: 'done',
      ...expected,
      processed: expected.total,
      finished_at: expect.any(String),
    });
    const cities = await sandbox.clients.dynamo.send(
      new ScanCommand({ TableName: sandbox.tableName(CITIES_TABLE), Select: 'COUNT' }),
    );
    expect(cities.Count).toBe(expected.total);
    const results = await allResults(id);
    expect(results).toHaveLength(expected.total);
    expect(new Set(results.map((r) => r.city.toLowerCase())).size).toBe(expected.total);
    const failed = await allResults(id, '&status=failed');
    expect(failed).toHaveLength(expected.failed);
    expect(failed.every((r) => r.error === 'city_not_found' && r.city.startsWith('Nowhere'))).toBe(true);
    const { body: summary } = await call(`/bulk/jobs/${id}/summary?top=5`);
    expect(summary).toMatchObject({ failures_by_error: { city_not_found: expected.failed } });
    expect(summary.recent).toHaveLength(5);
    const recent = (summary.recent as { refreshed_at: string }[]).map((r) => r.refreshed_at);
    expect(recent).toEqual([...recent].sort().reverse());
    expect((summary.rejected_examples as unknown[]).length).toBe(Math.min(20, expected.rejected_rows));
  });

  it('counts every city once when workers crash before or after committing, the provider fails part of a chunk, and the splitter is redelivered', async () => {
    const { csv, expected } = generateCitiesCsv({ rows: 600, seed: 2 });
    const before = workerInvocations().length;
    // The splitter chunks distinct cities in file order: the first city of the 2nd and 5th chunks marks
    // them. One crashes its first invocation before the handler runs (throw), the other after its
    // transactions committed (throw-after); one fault per chunk keeps them clear of the DLQ.
    const distinct = [
      ...new Map(
        csv
          .split('\n')
          .slice(1)
          .map((line) => validateRow({ city: line.split(',')[0] ?? '' }))
          .flatMap((v) => (v.ok ? [[v.key, v.city] as const] : [])),
      ).values(),
    ];
    const marked = (chunk: number) => distinct[chunk * LIMITS.chunkCities]!;
    for (const [victim, kind] of [
      [marked(1), 'throw'],
      [marked(4), 'throw-after'],
    ] as const) {
      sandbox.inject({
        function: 'weather-worker',
        kind,
        match: (record) =>
          (JSON.parse((record as { body: string }).body) as ChunkMessage).cities.some((c) => c.city === victim),
      });
    }
    sandbox.inject({ function: 'weather-splitter', kind: 'throw-after', times: 1 });
    // The first five provider calls fail: five cities are left for their chunk's redelivery, the rest settled.
    provider.failNext(5, 503);

    const id = await importCsv(csv);
    await sandbox.idle(300_000);

    expect(await job(id)).toMatchObject({ status: 'done', ...expected, processed: expected.total });
    expect(
      workerInvocations()
        .slice(before)
        .filter((i) => i.injected),
    ).toHaveLength(2);
    expect(
      workerInvocations()
        .slice(before)
        .some((i) => i.outcome === 'partial-failure' || (i.outcome === 'error' && !i.injected)),
    ).toBe(true);
    expect(sandbox.invocations.filter((i) => i.function === 'weather-splitter' && i.injected)).toHaveLength(1);
    expect(await allResults(id)).toHaveLength(expected.total);
  });

  it('re-imports known cities without geocoding, in one forecast call once the cache has expired', async () => {
    const csv = 'city\nToulouse\nNantes\nSector 3\n100 Mile House\n';
    await importCsv(csv);
    await sandbox.idle();
    // The cache as if 15 minutes had passed: the cities' entries and their forecast cells' gone.
    const cache = sandbox.tableName(CACHE_TABLE);
    const { Items = [] } = await sandbox.clients.dynamo.send(new ScanCommand({ TableName: cache }));
    for (const { city_key } of Items)
      await sandbox.clients.dynamo.send(new DeleteCommand({ TableName: cache, Key: { city_key } }));
    provider.reset();

    const id = await importCsv(csv);
    await sandbox.idle();

    expect(await job(id)).toMatchObject({ status: 'done', total: 4, succeeded: 4 });
    expect(provider.geocodingCalls()).toBe(0);
    expect(provider.forecastCalls()).toBe(1);
  });

  it('settles a city as upstream_unavailable after repeated provider outages, so the job still finishes', async () => {
    provider.set({ down: true });
    try {
      const id = await importCsv(`city\nFaro\n`);
      await sandbox.idle(120_000);

      expect(await job(id)).toMatchObject({ status: 'done', total: 1, processed: 1, succeeded: 0, failed: 1 });
      expect(await allResults(id)).toEqual([
        expect.objectContaining({ city: 'Faro', status: 'failed', error: 'upstream_unavailable' }),
      ]);
    } finally {
      provider.reset();
    }
  });

  it('accepts the CSV as the file part of a multipart form', async () => {
    const form = new FormData();
    form.append('file', new Blob(['city\nLisbon\nPorto\nlisbon\n'], { type: 'text/csv' }), 'cities.csv');

    const { status, body } = await call('/bulk/import', { method: 'POST', body: form });
    expect(status).toBe(202);
    await sandbox.idle();

    expect(await job(body.job_id as string)).toMatchObject({
      status: 'done',
      total: 2,
      succeeded: 2,
      rejected_rows: 0,
    });
  });

  it('fails the job of a file without a city column', async () => {
    const id = await importCsv('name,country\nLisbon,PT\n');
    await sandbox.idle();

    expect(await job(id)).toMatchObject({ status: 'failed', error: expect.stringContaining("no 'city' column") });
  });

  it('finishes a file with no valid city at once, as done with total 0', async () => {
    const id = await importCsv('city\n\n12345\n');
    await sandbox.idle();

    expect(await job(id)).toMatchObject({ status: 'done', total: 0, processed: 0, rejected_rows: 2 });
  });

  it.each([
    ['an empty body', 'text/csv', '', 400, 'body_required'],
    ['a JSON body', 'application/json', '{"city":"Lisbon"}', 415, 'unsupported_media_type'],
    // Regression: this one crashed the function's environment.
    [
      'a multipart body cut off before its closing boundary',
      'multipart/form-data; boundary=x',
      '--x\r\nContent-Disposition: form-data; name="file"; filename="c.csv"\r\n\r\ncity\nLis',
      400,
      'malformed_multipart',
    ],
    [
      'a multipart body without a file',
      'multipart/form-data; boundary=x',
      '--x\r\nContent-Disposition: form-data; name="a"\r\n\r\nb\r\n--x--\r\n',
      400,
      'file_required',
    ],
  ])('answers %s with %s', async (_, type, body, status, code) => {
    const response = await call('/bulk/import', { method: 'POST', headers: { 'content-type': type }, body });

    expect(response.status).toBe(status);
    expect(response.body.code).toBe(code);
  });
});

describe('POST /bulk/uploads', () => {
  it('returns a presigned PUT; uploading to it starts the job', async () => {
    const { status, body } = await call('/bulk/uploads', { method: 'POST' });
    expect(status).toBe(201);
    expect(body).toMatchObject({
      status: 'queued',
      method: 'PUT',
      expires_in: 900,
      upload_url: expect.stringContaining('X-Amz-Signature='),
    });

    const put = await fetch(body.upload_url as string, { method: 'PUT', body: 'city\nCoimbra\nBraga\n' });
    expect(put.status).toBe(200);
    await sandbox.idle();

    expect(await job(body.job_id as string)).toMatchObject({ status: 'done', total: 2, succeeded: 2 });
  });
});

describe('the presigned URL from a page (CORS)', () => {
  const ORIGIN = 'https://pages.example';
  const preflight = (url: string, method: string, headers = 'content-type') =>
    fetch(url, {
      method: 'OPTIONS',
      headers: { origin: ORIGIN, 'access-control-request-method': method, 'access-control-request-headers': headers },
    });

  it("answers the preflight by the imports bucket's rule (model/bucket-cors.ts) as S3 does, and refuses what it does not allow", async () => {
    const { body } = await call('/bulk/uploads', { method: 'POST' });
    const url = body.upload_url as string;

    const allowed = await preflight(url, 'PUT', 'Content-Type');
    expect(allowed.status).toBe(200);
    expect(Object.fromEntries(allowed.headers)).toMatchObject({
      'access-control-allow-origin': '*',
      'access-control-allow-methods': 'PUT',
      'access-control-allow-headers': 'content-type',
      'access-control-max-age': '3600',
      vary: 'Origin, Access-Control-Request-Headers, Access-Control-Request-Method',
    });
    for (const refused of [preflight(url, 'DELETE'), preflight(url, 'PUT', 'content-type, x-amz-acl')]) {
      const answer = await refused;
      expect(answer.status).toBe(403);
      expect(answer.headers.get('access-control-allow-origin')).toBeNull();
      expect(await answer.text()).toContain('CORSResponse: This CORS request is not allowed.');
    }
    // A bucket without CORS rules answers no preflight.
    const other = await preflight(`${new URL(url).origin}/another-bucket/file.csv`, 'PUT');
    expect(other.status).toBe(403);
    expect(await other.text()).toContain('CORSResponse: CORS is not enabled for this bucket.');

    const put = await fetch(url, {
      method: 'PUT',
      headers: { origin: ORIGIN, 'content-type': 'text/csv' },
      body: 'city\nCoimbra\n',
    });
    expect(put.status).toBe(200);
    expect(put.headers.get('access-control-allow-origin')).toBe('*');
    expect(put.headers.get('etag')).toMatch(/^"[0-9a-f]{32}"$/);
    await sandbox.idle();
    expect(await job(body.job_id as string)).toMatchObject({ status: 'done', total: 1 });
  });
});

describe('GET /bulk/jobs/{id}', () => {
  it('answers 404 job_not_found for an unknown job and 400 for an id that is not a UUID', async () => {
    expect(await call(`/bulk/jobs/${randomUUID()}`)).toMatchObject({ status: 404, body: { code: 'job_not_found' } });
    expect((await call('/bulk/jobs/not-a-uuid/results')).status).toBe(400);
  });
});
