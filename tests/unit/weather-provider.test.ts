// The provider clients against the simulated provider (and a stand-in OpenWeather), in process:
// timeouts, retries, Retry-After, unknown cities and unexpected answers, without the sandbox.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { BadGatewayError, ServiceUnavailableError } from '../../shared/errors.ts';
import { ConfigError } from '../../shared/config.ts';
import { CityNotFoundError, UpstreamUnavailableError } from '../../functions/weather/errors.ts';
import { createProvider } from '../../functions/weather/provider/index.ts';
import { openMeteo } from '../../functions/weather/provider/open-meteo.ts';
import { openWeather } from '../../functions/weather/provider/openweather.ts';
import type { ProviderConfig } from '../../functions/weather/provider/config.ts';
import { startWeatherProvider, type SimulatedProvider } from '../../local/companions/weather-provider.ts';

let simulated: SimulatedProvider;
const policy = { attempts: 3, baseDelayMs: 10, maxDelayMs: 50, maxRetryAfterMs: 2000 };
const client = () => openMeteo({ geocoding: simulated.url, forecast: simulated.url }, { timeoutMs: 200, policy });

beforeAll(async () => {
  simulated = await startWeatherProvider();
});
afterAll(() => simulated.stop());
beforeEach(() => simulated.reset());

describe('Function: openMeteo().current()', () => {
  it('resolves a city to the same conditions every time', async () => {
    const first = await client().current('Lisbon');
    const second = await client().current('Lisbon');

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

    const error = await client().current('Atlantis').catch((e: unknown) => e);

    expect(error).toBeInstanceOf(CityNotFoundError);
    expect(error).toMatchObject({ statusCode: 404, code: 'city_not_found' });
    expect(simulated.forecastCalls()).toBe(0);
  });

  it('waits out a Retry-After before the next attempt', async () => {
    simulated.failNext(1, 429, 1);

    await client().current('Porto');

    const [throttled, retried] = simulated.log;
    expect(retried!.at - throttled!.at).toBeGreaterThanOrEqual(1000);
  });

  it('gives up at once when Retry-After is longer than the policy waits', async () => {
    simulated.failNext(1, 429, 60);

    const error = await client().current('Porto').catch((e: unknown) => e);

    expect(error).toBeInstanceOf(UpstreamUnavailableError);
    expect(error).toMatchObject({ statusCode: 503, code: 'upstream_unavailable', headers: { 'retry-after': '60' } });
    expect(simulated.log).toHaveLength(1);
  });

  it('times out every attempt and stops after the policy attempts', async () => {
    simulated.set({ hang: true });
    const started = Date.now();

    const error = await client().current('Braga').catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ServiceUnavailableError);
    expect((error as Error).message).toContain('no answer within 200 ms');
    expect(simulated.log).toHaveLength(3);
    expect(Date.now() - started).toBeLessThan(3 * 200 + 2 * 50 + 500);
  });

  it('does not retry a 4xx and reports it as a bad gateway', async () => {
    simulated.failNext(1, 400);

    const error = await client().current('Faro').catch((e: unknown) => e);

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
      const known = url.searchParams.get('q') === 'Lisbon';
      res.writeHead(known ? 200 : 404, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify(
          known
            ? { name: 'Lisbon', dt: 1795428000, main: { temp: 17.3, humidity: 71 }, weather: [{ main: 'Clouds', description: 'Broken Clouds' }] }
            : { cod: '404', message: 'city not found' },
        ),
      );
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('asks by name in metric units with the key, and maps the answer', async () => {
    const observation = await openWeather('secret-key', { timeoutMs: 200, policy }, base).current('Lisbon');

    expect(observation).toEqual({ city: 'Lisbon', temperature_c: 17.3, condition: 'broken clouds', humidity: 71, observed_at: '2026-11-23T10:00:00.000Z' });
    expect(Object.fromEntries(requests.at(-1)!.searchParams)).toEqual({ q: 'Lisbon', appid: 'secret-key', units: 'metric' });
  });

  it('throws CityNotFoundError on its 404', async () => {
    await expect(openWeather('k', { timeoutMs: 200, policy }, base).current('Atlantis')).rejects.toBeInstanceOf(CityNotFoundError);
  });
});

describe('Function: createProvider()', () => {
  const config = (overrides: Partial<ProviderConfig>): ProviderConfig => ({
    WEATHER_TIMEOUT_MS: 100,
    WEATHER_RETRY_ATTEMPTS: 1,
    WEATHER_RETRY_BASE_MS: 0,
    WEATHER_RETRY_MAX_MS: 0,
    WEATHER_RETRY_AFTER_MAX_MS: 0,
    ...overrides,
  });

  it.each([
    ['open-meteo without a key', {}, 'open-meteo'],
    ['openweather with a key', { OPENWEATHER_API_KEY: 'k' }, 'openweather'],
    ['an explicit choice over the key', { OPENWEATHER_API_KEY: 'k', WEATHER_PROVIDER: 'open-meteo' as const }, 'open-meteo'],
    ['simulated with its URL', { WEATHER_PROVIDER: 'simulated' as const, WEATHER_PROVIDER_URL: 'http://127.0.0.1:1' }, 'simulated'],
  ])('picks %s', (_, overrides, name) => {
    expect(createProvider(config(overrides)).name).toBe(name);
  });

  it('refuses openweather without a key', () => {
    expect(() => createProvider(config({ WEATHER_PROVIDER: 'openweather' }))).toThrow(ConfigError);
  });
});
