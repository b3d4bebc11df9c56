// The size: a 10k-row CSV (duplicates, bad rows, unknown cities) through the real pipeline,
// with the manifest's own visibility timeouts, ends `done` with exact counters and one City per name.
import { paginateScan } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CITIES_TABLE } from '#functions/weather/constants.ts';
import { startWeatherProvider, type SimulatedProvider } from '#local/companions/weather-provider.ts';
import { startSandbox, type Sandbox } from '#local/index.ts';
import { generateCitiesCsv } from '../../scripts/generate-cities.ts';

let sandbox: Sandbox;
let provider: SimulatedProvider;

beforeAll(async () => {
  provider = await startWeatherProvider();
  sandbox = await startSandbox({ port: 0, env: provider.env });
});
afterAll(async () => {
  await sandbox?.stop();
  await provider?.stop();
});

describe('POST /bulk/import at 10k rows', () => {
  it('finishes with total = distinct valid cities, succeeded + failed = total and no duplicate City', {
    timeout: 600_000,
  }, async () => {
    const { csv, expected } = generateCitiesCsv({ rows: 10_000, seed: 7 });
    const headers = { 'x-api-key': sandbox.apiKey };
    const created = await fetch(`${sandbox.url}/bulk/import`, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'text/csv' },
      body: csv,
    });
    expect(created.status).toBe(202);
    const { job_id } = (await created.json()) as { job_id: string };

    await sandbox.idle(540_000);

    const job = await (await fetch(`${sandbox.url}/bulk/jobs/${job_id}`, { headers })).json();
    expect(job).toMatchObject({ status: 'done', ...expected, processed: expected.total });
    expect(job.succeeded + job.failed).toBe(job.total);
    // A Scan page stops at 1 MB: count across every page.
    let cities = 0;
    for await (const page of paginateScan(
      { client: sandbox.clients.dynamo },
      { TableName: sandbox.tableName(CITIES_TABLE), Select: 'COUNT' },
    ))
      cities += page.Count ?? 0;
    expect(cities).toBe(expected.total);
  });
});
