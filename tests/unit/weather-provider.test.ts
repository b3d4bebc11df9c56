// The provider clients against the simulated provider (and a stand-in OpenWeather), in process:
// timeouts, retries, Retry-After, unknown cities and unexpected answers, without the sandbox.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { BadGatewayError, ServiceUnavailableError } from '#shared/errors.ts';
import { ConfigError } from '#shared/config.ts';
import { CityNotFoundError, ProviderOutageError, QuotaWaitError } from '#functions/weather/errors.ts';
import { createProvider, observeCity } from '#functions/weather/store/provider/index.ts';
import { openMeteo } from '#functions/weather/store/provider/open-meteo.ts';
import { openWeather } from '#functions/weather/store/provider/openweather.ts';
import type { ProviderConfig } from '#functions/weather/store/provider/config.ts';
import type { CircuitBreaker } from '#functions/weather/store/circuit-breaker.ts';
import { OPEN_GATE } from '#functions/weather/store/rate-limiter.ts';
import { startWeatherProvider, type SimulatedProvider } from '#local/companions/weather-provider.ts';

let simulated: SimulatedProvider;
/** A breaker that lets every call through and keeps what it was told; `openAfter` failures open it for 7 s. */
const recordingBreaker = (openAfter = Number.POSITIVE_INFINITY) => {
  const reports: ('answered' | 'failed')[] = [];
  const breaker: CircuitBreaker = {
    admit: async () => ({
      succeeded: async () => void reports.push('answered'),
      failed: async () => {
        reports.push('failed');
        return reports.filter((r) => r === 'failed').length >= openAfter ? 7000 : undefined;
      },
    }),
  };
  return { reports, breaker };
};
let { reports, breaker } = recordingBreaker();
const policy = { attempts: 3, baseDelayMs: 10, maxDelayMs: 50, maxRetryAfterMs: 2000 };
const client = () =>
  openMeteo(
    { geocoding: simulated.url, forecast: simulated.url },
    { timeoutMs: 200, policy, gate: OPEN_GATE, breaker },
  );

beforeAll(async () => {
  simulated = await startWeatherProvider();
});
afterAll(() => simulated.stop());
beforeEach(() => {
  simulated.reset();
  ({ reports, breaker } = recordingBreaker());
});

describe('Function: openMeteo().current()', () => {
  it('resolves a city to the same conditions every time', async () => {
    const first = await observeCity(client(), 'Lisbon');
    const second = await observeCity(client(), 'Lisbon');

    expect(first).toEqual({
      city: 'Lisbon',
      temperature_c: expect.any(Number),
      condition: expect.any(String),
      humidity: expect.any(Number),
      observed_at: expect.stringMatching(/Z$/),
    });
    expect(second).toEqual(first);
    expect(first.humidity).toBeGreaterThanOrEqual(20);
    expect(first.humidity).toBeLessThanOrEqual(100);
  });

  it('throws CityNotFoundError (404 city_not_found) when geocoding finds nothing', async () => {
    simulated.set({ unknownCities: ['atlantis'] });

    const error = await observeCity(client(), 'Atlantis').catch((e: unknown) => e);

    expect(error).toBeInstanceOf(CityNotFoundError);
    expect(error).toMatchObject({ statusCode: 404, code: 'city_not_found' });
    expect(simulated.forecastCalls()).toBe(0);
  });

  it('geocodes against a real gazetteer: real names resolve to their place, invented ones are city_not_found', async () => {
    const [lisbon, mileHouse, invented] = await client().current([
      { city: 'lisbon' },
      { city: '100 Mile House' },
      { city: 'Qzxqzx Nowhere 1764' },
    ]);

    expect(lisbon).toMatchObject({
      ok: true,
      place: { name: 'Lisbon', latitude: expect.closeTo(38.72, 1), longitude: expect.closeTo(-9.13, 1) },
    });
    expect(mileHouse).toMatchObject({ ok: true, place: { name: '100 Mile House' } });
    expect(invented).toMatchObject({ ok: false, error: expect.any(CityNotFoundError) });
  });

  it('asks the forecast for every placed city in one call, and skips geocoding for places given', async () => {
    const cities = ['Lisbon', 'Porto', 'Braga', 'Coimbra', 'Faro'];
    const [madrid] = await client().current([{ city: 'Madrid' }]);
    const place = madrid?.ok ? madrid.place : undefined;
    simulated.reset();

    const answers = await client().current([...cities.map((city) => ({ city })), { city: 'Madrid', place }]);

    expect(answers.map((a) => a.ok && a.observation.city)).toEqual([...cities, 'Madrid']);
    expect(simulated.geocodingCalls()).toBe(cities.length);
    expect(simulated.forecastCalls()).toBe(1);
    // The same coordinates, alone or in a batch, have the same weather.
    expect(answers[5]).toEqual(
      await client()
        .current([{ city: 'Madrid', place }])
        .then(([a]) => a),
    );
  });

  it('fails every city of a forecast call that fails, and only those', async () => {
    const answers = await client().current([{ city: 'Lisbon' }, { city: 'Porto' }]);
    simulated.reset();
    const places = answers.map((a) => (a.ok ? a.place : undefined)!);
    simulated.failNext(1, 400);

    const failed = await client().current(places.map((place) => ({ city: place.name, place })));

    expect(failed.map((a) => a.ok)).toEqual([false, false]);
    expect(failed[0]).toMatchObject({ error: expect.any(BadGatewayError) });
  });

  it('waits out a Retry-After before the next attempt', async () => {
    simulated.failNext(1, 429, 1);

    await observeCity(client(), 'Porto');

    const [throttled, retried] = simulated.log;
    expect(retried!.at - throttled!.at).toBeGreaterThanOrEqual(1000);
  });

  it('gives up at once when Retry-After is longer than the policy waits: the quota is spent, nothing failed', async () => {
    simulated.failNext(1, 429, 60);

    const error = await observeCity(client(), 'Porto').catch((e: unknown) => e);

    expect(error).toBeInstanceOf(QuotaWaitError);
    expect(error).toMatchObject({ statusCode: 503, code: 'provider_quota', headers: { 'retry-after': '60' } });
    expect(simulated.log).toHaveLength(1);
    expect(reports).toEqual([]);
  });

  it('reports each failure and answer to the circuit breaker', async () => {
    simulated.failNext(2, 503);

    await observeCity(client(), 'Porto');

    expect(simulated.log.map((c) => c.status)).toEqual([503, 503, 200, 200]);
    expect(reports).toEqual(['failed', 'failed', 'answered', 'answered']);
  });

  it('stops at once when its failure opens the circuit, and says when calls resume', async () => {
    ({ reports, breaker } = recordingBreaker(1));
    simulated.set({ down: true });

    const error = await observeCity(client(), 'Porto').catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ProviderOutageError);
    expect(error).toMatchObject({ statusCode: 503, code: 'upstream_unavailable', headers: { 'retry-after': '7' } });
    expect(simulated.log).toHaveLength(1);
  });

  it('times out every attempt and stops after the policy attempts', async () => {
    simulated.set({ hang: true });
    const started = Date.now();

    const error = await observeCity(client(), 'Braga').catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ServiceUnavailableError);
    expect((error as Error).message).toContain('no answer within 200 ms');
    // The last attempt's failure travels as the cause, down to the fetch's own timeout.
    expect(((error as Error).cause as Error).cause).toBeInstanceOf(DOMException);
    expect(simulated.log).toHaveLength(3);
    expect(Date.now() - started).toBeLessThan(3 * 200 + 2 * 50 + 500);
  });

  it('does not retry a 4xx and reports it as a bad gateway', async () => {
    simulated.failNext(1, 400);

    const error = await observeCity(client(), 'Faro').catch((e: unknown) => e);

    expect(error).toBeInstanceOf(BadGatewayError);
    expect(simulated.log).toHaveLength(1);
  });
});

describe('Function: openWeather().current()', () => {
  let server: Server;
  let base: string;
  const requests: URL[] = [];

  beforeAll(async () => {
    // OpenWeather's shapes: 404 {cod, message} for an unknown name, else current conditions.
    server = createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://openweather');
      requests.push(url);
      const known = url.searchParams.get('q') === 'Lisbon' || url.searchParams.has('lat');
      res.writeHead(known ? 200 : 404, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify(
          known
            ? {
                name: 'Lisbon',
                coord: { lat: 38.71667, lon: -9.13333 },
                dt: 1795428000,
                main: { temp: 17.3, humidity: 71 },
                weather: [{ main: 'Clouds', description: 'Broken Clouds' }],
              }
            : { cod: '404', message: 'city not found' },
        ),
      );
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('asks by name in metric units with the key, and maps the answer', async () => {
    const observation = await observeCity(
      openWeather('secret-key', { timeoutMs: 200, policy, gate: OPEN_GATE, breaker }, base),
      'Lisbon',
    );

    expect(observation).toEqual({
      city: 'Lisbon',
      temperature_c: 17.3,
      condition: 'broken clouds',
      humidity: 71,
      observed_at: '2026-11-23T10:00:00.000Z',
    });
    expect(Object.fromEntries(requests.at(-1)!.searchParams)).toEqual({
      q: 'Lisbon',
      appid: 'secret-key',
      units: 'metric',
    });
  });

  it('asks a placed city by its coordinates and keeps the place', async () => {
    const place = { name: 'Lisbon', latitude: 38.71667, longitude: -9.13333 };

    const [answer] = await openWeather('k', { timeoutMs: 200, policy, gate: OPEN_GATE, breaker }, base).current([
      { city: 'lisboa', place },
    ]);

    expect(answer).toMatchObject({ ok: true, place, observation: { city: 'Lisbon', temperature_c: 17.3 } });
    expect(Object.fromEntries(requests.at(-1)!.searchParams)).toEqual({
      lat: '38.71667',
      lon: '-9.13333',
      appid: 'k',
      units: 'metric',
    });
  });

  it('throws CityNotFoundError on its 404', async () => {
    await expect(
      observeCity(openWeather('k', { timeoutMs: 200, policy, gate: OPEN_GATE, breaker }, base), 'Atlantis'),
    ).rejects.toBeInstanceOf(CityNotFoundError);
  });
});

describe('Function: createProvider()', () => {
  const config = (overrides: Partial<ProviderConfig>): ProviderConfig => ({
    WEATHER_TIMEOUT_MS: 100,
    WEATHER_RETRY_ATTEMPTS: 1,
    WEATHER_RETRY_BASE_MS: 0,
    WEATHER_RETRY_MAX_MS: 0,
    WEATHER_RETRY_AFTER_MAX_MS: 0,
    WEATHER_INTERACTIVE_SHARE_PERCENT: 20,
    WEATHER_BULK_WAIT_MS: 0,
    WEATHER_CIRCUIT_FAILURES: 5,
    WEATHER_CIRCUIT_OPEN_MS: 0,
    WEATHER_CIRCUIT_MAX_OPEN_MS: 0,
    WEATHER_OUTAGE_PATIENCE_MS: 0,
    ...overrides,
  });

  it.each([
    ['open-meteo without a key', {}, 'open-meteo'],
    ['openweather with a key', { OPENWEATHER_API_KEY: 'k' }, 'openweather'],
    [
      'an explicit choice over the key',
      { OPENWEATHER_API_KEY: 'k', WEATHER_PROVIDER: 'open-meteo' as const },
      'open-meteo',
    ],
    [
      'simulated with its URL',
      { WEATHER_PROVIDER: 'simulated' as const, WEATHER_PROVIDER_URL: 'http://127.0.0.1:1' },
      'simulated',
    ],
  ])('picks %s', (_, overrides, name) => {
    expect(createProvider(config(overrides), OPEN_GATE, breaker).name).toBe(name);
  });

  it('refuses openweather without a key', () => {
    expect(() => createProvider(config({ WEATHER_PROVIDER: 'openweather' }), OPEN_GATE, breaker)).toThrow(ConfigError);
  });
});
