// Weather lookups, history and health over HTTP against the sandbox, with the simulated provider
// started here so each test can switch its behaviour and count its calls.
import { randomUUID } from 'node:crypto';
import { BatchWriteCommand, GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { HISTORY_TABLE } from '#functions/weather/constants.ts';
import { cityKey } from '#functions/weather/domain/city.ts';
import { forecastCell } from '#functions/weather/domain/forecast-cell.ts';
import { gazetteerPlace } from '#functions/weather/store/gazetteer.ts';
import { gazetteer } from '#local/companions/gazetteer.ts';
import { startWeatherProvider, type SimulatedProvider } from '#local/companions/weather-provider.ts';
import { startSandbox, type Sandbox } from '#local/index.ts';

let sandbox: Sandbox;
let provider: SimulatedProvider;

const call = async (path: string, init: RequestInit = {}) => {
  const response = await fetch(`${sandbox.url}${path}`, init);
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    body: (text ? JSON.parse(text) : undefined) as Record<string, unknown>,
  };
};
const clearHistory = () => call('/history', { method: 'DELETE', headers: { 'x-api-key': sandbox.apiKey } });
const weather = (city: string) => call(`/weather?city=${encodeURIComponent(city)}`);
/**
 * A real place (the simulated provider knows only those) in a forecast cell no other test has looked up:
 * the file shares a cache, and a lookup is cached by its cell (app/lookup.ts).
 */
const places = [...gazetteer().values()].filter((p) => /^[A-Za-z][A-Za-z ]+$/.test(p.name));
let nextPlace = Math.floor(Math.random() * (places.length - 1000));
const usedCells = new Set<string>();
const freshCity = (): string => {
  for (;;) {
    const { name } = places[nextPlace++]!;
    const cell = forecastCell(gazetteerPlace(cityKey(name))!).key;
    if (!usedCells.has(cell)) {
      usedCells.add(cell);
      return name;
    }
  }
};

beforeAll(async () => {
  provider = await startWeatherProvider();
  sandbox = await startSandbox({
    port: 0,
    // Short limits keep the failure tests fast; the policy is the same. No circuit breaker, so each test
    // meets only its own failures (weather-quota.test.ts tests the breaker).
    env: {
      ...provider.env,
      WEATHER_CIRCUIT_FAILURES: '1000',
      WEATHER_TIMEOUT_MS: '300',
      WEATHER_RETRY_BASE_MS: '20',
      WEATHER_RETRY_MAX_MS: '100',
      WEATHER_RETRY_AFTER_MAX_MS: '3000',
    },
  });
});

afterAll(async () => {
  await sandbox?.stop();
  await provider?.stop();
});

beforeEach(() => provider.reset());

describe('GET /weather', () => {
  it('calls the provider once on a miss (the gazetteer places the city), then serves the same city from the cache, however it is written', async () => {
    const city = freshCity();

    const first = await weather(city);
    const second = await weather(`  ${city.toUpperCase()} `);

    expect(first.status).toBe(200);
    expect(first.body).toEqual({
      city,
      temperature_c: expect.any(Number),
      condition: expect.any(String),
      humidity: expect.any(Number),
      observed_at: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:00\.000Z$/),
      source: 'simulated',
      cached: false,
    });
    expect(second.status).toBe(200);
    expect(second.body).toEqual({ ...first.body, cached: true });
    expect({ geocoding: provider.geocodingCalls(), forecast: provider.forecastCalls() }).toEqual({
      geocoding: 0,
      forecast: 1,
    });
  });

  it('retries a 429 after the Retry-After it was given, then answers', async () => {
    provider.failNext(1, 429, 1);

    const { status, body } = await weather(freshCity());

    expect(status).toBe(200);
    expect(body.cached).toBe(false);
    const [throttled, retried] = provider.log;
    expect(throttled?.status).toBe(429);
    expect(retried?.status).toBe(200);
    expect(retried!.at - throttled!.at).toBeGreaterThanOrEqual(1000);
  });

  it('retries a 500 with backoff and answers', async () => {
    provider.failNext(2, 500);

    const { status } = await weather(freshCity());

    expect(status).toBe(200);
    expect(provider.log.map((c) => c.status)).toEqual([500, 500, 200]);
  });

  it('answers 503 upstream_unavailable with Retry-After when every attempt times out', async () => {
    provider.set({ hang: true });

    const { status, headers, body } = await weather(freshCity());

    expect(status).toBe(503);
    expect(body).toEqual({ code: 'upstream_unavailable', detail: expect.stringContaining('no answer within 300 ms') });
    expect(headers.get('retry-after')).toMatch(/^\d+$/);
    expect(provider.log.map((c) => c.status)).toEqual(['hung', 'hung', 'hung']);
  });

  it('answers 503 upstream_unavailable when the provider is down, after a bounded number of attempts', async () => {
    provider.set({ down: true });

    const { status, body } = await weather(freshCity());

    expect(status).toBe(503);
    expect(body.code).toBe('upstream_unavailable');
    expect(provider.log).toHaveLength(3);
  });

  it('answers 404 city_not_found for a city the provider does not know, and caches nothing', async () => {
    const first = await weather('Nowhere Special');
    const second = await weather('Nowhere Special');

    expect(first.status).toBe(404);
    expect(first.body).toEqual({
      code: 'city_not_found',
      detail: expect.stringContaining('Nowhere Special'),
      city: 'Nowhere Special',
    });
    expect(second.status).toBe(404);
    expect(provider.log.filter((c) => c.path === '/v1/search')).toHaveLength(2);
  });

  it.each([
    ['missing', ''],
    ['blank', '?city=%20%20'],
    ['too long', `?city=${'x'.repeat(101)}`],
  ])('answers 400 for a %s city', async (_, query) => {
    const { status, body } = await call(`/weather${query}`);

    expect(status).toBe(400);
    expect(body.code).toBe('validation_error');
    expect(provider.log).toHaveLength(0);
  });
});

interface HistoryPage {
  items: { city: string; cached: boolean; searched_at: string }[];
  next_cursor: string | null;
}

describe('GET /history and DELETE /history', () => {
  it('refuses to clear the history without the API key, or with a wrong one (401), and keeps it', async () => {
    expect((await weather(freshCity())).status).toBe(200);

    const missing = await call('/history', { method: 'DELETE' });
    const wrong = await call('/history', { method: 'DELETE', headers: { 'x-api-key': 'not-the-key' } });

    expect([missing.status, wrong.status]).toEqual([401, 401]);
    expect([missing.body.code, wrong.body.code]).toEqual(['missing_api_key', 'invalid_api_key']);
    expect(((await call('/history')).body as unknown as HistoryPage).items.length).toBeGreaterThan(0);
  });

  it('lists lookups newest first across three pages', async () => {
    expect((await clearHistory()).status).toBe(204);
    const cities = Array.from({ length: 7 }, freshCity);
    for (const city of cities) expect((await weather(city)).status).toBe(200);

    const pages: HistoryPage[] = [];
    let cursor: string | null = null;
    do {
      const { status, body } = await call(`/history?limit=3${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      expect(status).toBe(200);
      pages.push(body as unknown as HistoryPage);
      cursor = pages.at(-1)!.next_cursor;
    } while (cursor);

    expect(pages.map((p) => p.items.length)).toEqual([3, 3, 1]);
    expect(pages.flatMap((p) => p.items.map((i) => i.city))).toEqual([...cities].reverse());
  });

  it('clears 1,000 entries in one request, and refuses a cursor from before the clear', async () => {
    // Prepare: 1,000 entries written straight into the current generation's partition.
    const { Item } = await sandbox.clients.dynamo.send(
      new GetCommand({ TableName: sandbox.tableName(HISTORY_TABLE), Key: { pk: 'meta', sk: 'generation' } }),
    );
    const generation = (Item?.generation as number | undefined) ?? 0;
    const base = Date.now();
    for (let chunk = 0; chunk < 40; chunk++) {
      const items = Array.from({ length: 25 }, (_, i) => {
        const searched_at = new Date(base + chunk * 25 + i).toISOString();
        return {
          PutRequest: {
            Item: {
              pk: `gen#${generation}`,
              sk: `${searched_at}#${randomUUID()}`,
              city: 'Seed',
              temperature_c: 1,
              condition: 'clear',
              humidity: 50,
              observed_at: searched_at,
              source: 'simulated',
              cached: true,
              searched_at,
            },
          },
        };
      });
      await sandbox.clients.dynamo.send(
        new BatchWriteCommand({ RequestItems: { [sandbox.tableName(HISTORY_TABLE)]: items } }),
      );
    }
    const before = await call('/history?limit=100');
    expect((before.body as unknown as HistoryPage).items).toHaveLength(100);
    const oldCursor = (before.body as unknown as HistoryPage).next_cursor!;
    const deletes = () => sandbox.invocations.filter((i) => i.function === 'weather-history-clear').length;
    const deletesBefore = deletes();

    const cleared = await clearHistory();

    expect(cleared.status).toBe(204);
    expect(deletes() - deletesBefore).toBe(1);
    const after = await call('/history');
    expect(after.body).toEqual({ items: [], next_cursor: null });
    expect((await call(`/history?cursor=${encodeURIComponent(oldCursor)}`)).body.code).toBe('invalid_cursor');
    const city = freshCity();
    await weather(city);
    expect(((await call('/history')).body as unknown as HistoryPage).items.map((i) => i.city)).toEqual([city]);
  });
});

describe('api-key routes', () => {
  it.each([
    ['missing', {}, 'missing_api_key'],
    ['wrong', { 'x-api-key': 'not-the-key' }, 'invalid_api_key'],
  ])('answers 401 for a %s key', async (_, headers: Record<string, string>, code) => {
    const imported = await call('/bulk/import', {
      method: 'POST',
      headers: { 'content-type': 'text/csv', ...headers },
      body: 'city\nLisbon\n',
    });
    const job = await call(`/bulk/jobs/${randomUUID()}`, { headers });

    expect(imported.status).toBe(401);
    expect(imported.body.code).toBe(code);
    expect(job.status).toBe(401);
  });
});

describe('GET /healthz and GET /readyz', () => {
  it('reports the process up and its dependencies reachable', async () => {
    expect(await call('/healthz')).toMatchObject({ status: 200, body: { status: 'ok' } });
    expect(await call('/readyz')).toMatchObject({
      status: 200,
      body: { status: 'ready', checks: { dynamodb: 'ok', sqs: 'ok' } },
    });
  });
});
