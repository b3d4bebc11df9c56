// The provider's quota and outages through the real pipeline: the simulated provider enforces a sliding-window
// quota (429 with Retry-After past it, as Open-Meteo does, a forecast counting once per location) and the
// workers and GET /weather share the DynamoDB limiter configured to the same limit, and the circuit breaker.
// The window is 5 s rather than a minute, the outage 10 s and the circuit's longest wait 3 s, so that ~2,000
// cities cross several windows and an outage in well under a minute of test time.
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWeatherProvider, type ProviderCall, type SimulatedProvider } from '#local/companions/weather-provider.ts';
import { startSandbox, type Sandbox } from '#local/index.ts';
import { generateCitiesCsv } from '../../scripts/generate-cities.ts';

const QUOTA = { calls: 600, windowSeconds: 5 };
const OUTAGE_MS = 10_000;
let sandbox: Sandbox;
let provider: SimulatedProvider;

beforeAll(async () => {
  provider = await startWeatherProvider();
  provider.set({ quota: [QUOTA] });
  sandbox = await startSandbox({
    port: 0,
    env: {
      ...provider.env,
      WEATHER_RATE_LIMITS: `${QUOTA.calls}/${QUOTA.windowSeconds}`,
      WEATHER_CIRCUIT_OPEN_MS: '1500',
      WEATHER_CIRCUIT_MAX_OPEN_MS: '3000',
    },
  });
});
afterAll(async () => {
  await sandbox?.stop();
  await provider?.stop();
});

const call = async (path: string, init: RequestInit = {}) => {
  const response = await fetch(`${sandbox.url}${path}`, {
    ...init,
    headers: { 'x-api-key': sandbox.apiKey, ...init.headers },
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
};

/** The most calls (by weight) any window of the quota's length held, whatever their answer. */
const busiestWindow = (log: readonly ProviderCall[]): number => {
  const windowMs = QUOTA.windowSeconds * 1000;
  let most = 0;
  for (const end of log) {
    const held = log.filter((c) => c.at > end.at - windowMs && c.at <= end.at).reduce((n, c) => n + c.weight, 0);
    most = Math.max(most, held);
  }
  return most;
};

describe('The provider quota', () => {
  it('holds a ~2,000-city import to the quota in every window, with exact counters, while GET /weather answers', {
    timeout: 120_000,
  }, async () => {
    const { csv, expected } = generateCitiesCsv({ rows: 2000, seed: 11 });
    const created = await call('/bulk/import', { method: 'POST', headers: { 'content-type': 'text/csv' }, body: csv });
    expect(created.status).toBe(202);
    const id = created.body.job_id as string;

    // Interactive lookups while the import holds the bulk share of the quota: each answers at once.
    const lookups: number[] = [];
    for (const city of ['Lisbon', 'Kyoto', 'Montevideo']) {
      while ((await call(`/bulk/jobs/${id}`)).body.processed === 0) await new Promise((r) => setTimeout(r, 200));
      lookups.push((await call(`/weather?city=${city}`)).status);
    }
    const during = (await call(`/bulk/jobs/${id}`)).body;
    // Once the file is read, the running job says when it should finish.
    let read = during;
    while (read.total === null) read = (await call(`/bulk/jobs/${id}`)).body;
    await sandbox.idle(100_000);

    expect(lookups).toEqual([200, 200, 200]);
    expect(during.status).toBe('running');
    expect(read.status).toBe('running');
    expect(Date.parse(read.estimated_finish_at as string)).toBeGreaterThan(Date.parse(read.created_at as string));
    expect((await call(`/bulk/jobs/${id}`)).body).toMatchObject({
      status: 'done',
      ...expected,
      processed: expected.total,
    });
    const weighed = provider.log.reduce((n, c) => n + c.weight, 0);
    // Several windows' worth of calls, none of them refused and no window above the quota.
    expect(weighed).toBeGreaterThan(2 * QUOTA.calls);
    expect(provider.log.filter((c) => c.status !== 200)).toEqual([]);
    expect(busiestWindow(provider.log)).toBeLessThanOrEqual(QUOTA.calls);
  });

  it('pauses an import through a provider outage, with no storm and no city failed by it, then finishes it', {
    timeout: 120_000,
  }, async () => {
    provider.reset();
    provider.set({ quota: [QUOTA] });
    // Other places than the first import's, so that the cache does not answer them.
    const { csv, expected } = generateCitiesCsv({ rows: 2000, seed: 12 });
    const created = await call('/bulk/import', { method: 'POST', headers: { 'content-type': 'text/csv' }, body: csv });
    const id = created.body.job_id as string;
    while (((await call(`/bulk/jobs/${id}`)).body.processed as number) < 300) await sleep(200);

    provider.set({ down: true });
    const down = Date.now();
    await sleep(OUTAGE_MS);
    const during = (await call(`/bulk/jobs/${id}`)).body;
    provider.set({ down: false });
    const up = Date.now();
    await sandbox.idle(100_000);

    // A few failures open the circuit; then one probe per open period, whoever asks.
    const outageCalls = provider.log.filter((c) => c.at >= down && c.at < up);
    expect(outageCalls.length).toBeGreaterThan(0);
    expect(outageCalls.length).toBeLessThan(30);
    expect(during).toMatchObject({ status: 'running', waiting_for: 'provider_outage' });
    // Exact counters, and failed only the places no geocoder knows: none for the outage.
    expect((await call(`/bulk/jobs/${id}`)).body).toMatchObject({
      status: 'done',
      ...expected,
      processed: expected.total,
    });
  });
});
