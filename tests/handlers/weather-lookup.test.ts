import { GetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import { GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import getWeatherEvent from '../../events/weather/get-weather.json' with { type: 'json' };
import { startWeatherProvider, type SimulatedProvider } from '#local/companions/weather-provider.ts';
import { handler as clearHistory } from '#functions/weather/handlers/clear-history.ts';
import { handler as getWeather } from '#functions/weather/handlers/get-weather.ts';
import { handler as listHistory } from '#functions/weather/handlers/list-history.ts';
import { handler as readyz } from '#functions/weather/handlers/readyz.ts';
import { apiEvent } from '../helpers/factories.ts';
import { API_KEY, callHttp, dynamo, QUOTA_TABLE_NAME, resetMocks, sqs, stubFunctionEnv } from './weather-harness.ts';

let provider: SimulatedProvider;

/** Lisbon's forecast cell (the gazetteer places it at 38.72, -9.13): the key its lookups are cached under. */
const LISBON_CELL = 'cell#38.7,-9.1';
/** A place the simulated geocoder knows and the gazetteer does not. */
const HAMLET = { name: 'Aldeia do Vale Escondido', latitude: 40.12, longitude: -7.93 };

const cacheItem = (expiresInSeconds: number) => ({
  city_key: LISBON_CELL,
  city: 'Lisbon',
  temperature_c: 18.5,
  condition: 'clear',
  humidity: 60,
  observed_at: '2026-11-23T10:00:00.000Z',
  source: 'simulated',
  fetched_at: '2026-11-23T10:00:00.000Z',
  expires_at: Math.floor(Date.now() / 1000) + expiresInSeconds,
});
const lookup = () => callHttp(getWeather, getWeatherEvent as unknown as APIGatewayProxyEventV2);
const lookupOf = (city: string) => callHttp(getWeather, apiEvent({ route: '/weather', query: { city } }));
const cachePuts = () =>
  dynamo
    .commandCalls(PutCommand)
    .map((c) => c.args[0].input)
    .filter((input) => input.TableName === 'weather-cache-test');

beforeAll(async () => {
  provider = await startWeatherProvider();
});

afterAll(() => provider.stop());

beforeEach(() => {
  resetMocks();
  provider.reset();
});

// Each handler with exactly its own function's grants, stubbed before its first invocation (when it
// builds its stores).
describe('Function: GET /weather handler', () => {
  beforeAll(() => stubFunctionEnv('weather-get', { ...provider.env, WEATHER_RETRY_ATTEMPTS: '1' }));

  it('serves a fresh cache item without calling the provider, and records the lookup in the history', async () => {
    dynamo.on(GetCommand, { TableName: 'weather-cache-test' }).resolves({ Item: cacheItem(60) });
    dynamo
      .on(GetCommand, { TableName: 'weather-history-test' })
      .resolves({ Item: { pk: 'meta', sk: 'generation', generation: 4 } });
    dynamo.on(PutCommand).resolves({});

    const { status, body } = await lookup();

    expect(status).toBe(200);
    expect(body).toEqual({
      city: 'Lisbon',
      temperature_c: 18.5,
      condition: 'clear',
      humidity: 60,
      observed_at: '2026-11-23T10:00:00.000Z',
      source: 'simulated',
      cached: true,
    });
    expect(provider.log).toHaveLength(0);
    const puts = dynamo.commandCalls(PutCommand).map((c) => c.args[0].input);
    expect(puts).toEqual([
      expect.objectContaining({
        TableName: 'weather-history-test',
        Item: expect.objectContaining({ pk: 'gen#4', generation: 4, city: 'Lisbon', cached: true }),
      }),
    ]);
    expect(puts[0]!.Item!.sk).toMatch(/^\d{4}-\d\d-\d\dT[\d:.]+Z#[0-9a-f-]{36}$/);
  });

  it('treats an item past its expiry as a miss (TTL deletion lags), asks the provider and rewrites the cache for 15 minutes', async () => {
    dynamo.on(GetCommand, { TableName: 'weather-cache-test' }).resolves({ Item: cacheItem(-1) });
    dynamo.on(GetCommand, { TableName: 'weather-history-test' }).resolves({});
    dynamo.on(PutCommand).resolves({});

    const { body } = await lookup();

    expect(body.cached).toBe(false);
    expect(provider.forecastCalls()).toBe(1);
    const cachePut = cachePuts()[0]!;
    expect(cachePut.Item).toMatchObject({ city_key: LISBON_CELL, source: 'simulated' });
    const ttl = (cachePut.Item!.expires_at as number) - Date.now() / 1000;
    expect(ttl).toBeGreaterThan(898);
    expect(ttl).toBeLessThanOrEqual(900);
  });

  it('places a name the gazetteer knows without geocoding: one forecast call at its cell, cached under the cell', async () => {
    dynamo.on(GetCommand).resolves({});
    dynamo.on(PutCommand).resolves({});

    const { status, body } = await lookupOf('  LISBON ');

    expect(status).toBe(200);
    expect(body).toMatchObject({ city: 'Lisbon', cached: false });
    expect({ geocoding: provider.geocodingCalls(), forecast: provider.forecastCalls() }).toEqual({
      geocoding: 0,
      forecast: 1,
    });
    const gets = dynamo.commandCalls(GetCommand).map((c) => c.args[0].input);
    expect(gets).toContainEqual(
      expect.objectContaining({ TableName: 'weather-cache-test', Key: { city_key: LISBON_CELL } }),
    );
    expect(cachePuts().map((p) => p.Item)).toEqual([
      expect.objectContaining({ city_key: LISBON_CELL, city: 'Lisbon' }),
    ]);
  });

  it("answers from a cell's entry that a bulk import (or another city of the cell) wrote, under the asked city's name", async () => {
    dynamo.on(GetCommand).resolves({});
    dynamo
      .on(GetCommand, { TableName: 'weather-cache-test', Key: { city_key: LISBON_CELL } })
      .resolves({ Item: { ...cacheItem(60), city: 'Amadora' } });
    dynamo.on(PutCommand).resolves({});

    const { body } = await lookup();

    expect(body).toMatchObject({ city: 'Lisbon', temperature_c: 18.5, cached: true });
    expect(provider.log).toHaveLength(0);
  });

  it('geocodes through the provider only a name the gazetteer does not know, and caches it by city', async () => {
    dynamo.on(GetCommand).resolves({});
    dynamo.on(PutCommand).resolves({});
    provider.set({ extraCities: [HAMLET] });

    const { status, body } = await lookupOf(HAMLET.name);
    const missing = await lookupOf('Nowhere Kaloven');

    expect(status).toBe(200);
    expect(body).toMatchObject({ city: HAMLET.name, cached: false });
    expect({ geocoding: provider.geocodingCalls(), forecast: provider.forecastCalls() }).toEqual({
      geocoding: 2,
      forecast: 1,
    });
    expect(cachePuts().map((p) => p.Item)).toEqual([
      expect.objectContaining({ city_key: 'aldeia do vale escondido', city: HAMLET.name }),
    ]);
    expect({ status: missing.status, code: missing.body.code }).toEqual({ status: 404, code: 'city_not_found' });
  });

  it('answers 503 upstream_unavailable and writes nothing when the provider fails, counting the failure in the breaker', async () => {
    dynamo.on(GetCommand).resolves({});
    dynamo.on(UpdateCommand, { TableName: QUOTA_TABLE_NAME }).resolves({ Attributes: { failures: 1 } });
    provider.set({ down: true });

    const { status, headers, body } = await lookup();

    expect(status).toBe(503);
    expect(body.code).toBe('upstream_unavailable');
    expect(headers['retry-after']).toBeDefined();
    expect(dynamo.commandCalls(PutCommand)).toHaveLength(0);
    expect(dynamo.commandCalls(UpdateCommand).map((c) => c.args[0].input)).toEqual([
      expect.objectContaining({ TableName: QUOTA_TABLE_NAME, UpdateExpression: 'ADD failures :one' }),
    ]);
  });

  it('answers 503 upstream_unavailable with Retry-After, and calls no provider, while the circuit is open', async () => {
    dynamo.on(GetCommand).resolves({});
    const circuit = { bucket: 'circuit', failures: 0, open_until: Date.now() + 11_500, opens: 1, probe_until: 0 };
    dynamo.on(GetCommand, { TableName: QUOTA_TABLE_NAME }).resolves({ Item: circuit });

    const { status, headers, body } = await lookup();

    expect(status).toBe(503);
    expect(body).toEqual({ code: 'upstream_unavailable', detail: expect.stringContaining('resume in 12 s') });
    expect(headers['retry-after']).toBe('12');
    expect(provider.log).toHaveLength(0);
  });

  it("answers 503 provider_quota with the provider's Retry-After when its quota is spent", async () => {
    dynamo.on(GetCommand).resolves({});
    provider.failNext(1, 429, 90);

    const { status, headers, body } = await lookup();

    expect(status).toBe(503);
    expect(body).toEqual({ code: 'provider_quota', detail: expect.stringContaining('allows this call in 90 s') });
    expect(headers['retry-after']).toBe('90');
    expect(dynamo.commandCalls(PutCommand)).toHaveLength(0);
  });

  it('answers 503 when the cache table is throttled, without calling the provider', async () => {
    const throttled = Object.assign(new Error('Rate exceeded'), { name: 'ProvisionedThroughputExceededException' });
    dynamo.on(GetCommand).rejects(throttled);

    const { status, body } = await lookup();

    expect(status).toBe(503);
    expect(body.code).toBe('throttled');
    expect(provider.log).toHaveLength(0);
  });
});

describe('Function: GET /history and DELETE /history handlers', () => {
  it('queries the current generation newest first and signs the cursor for it', async () => {
    stubFunctionEnv('weather-history-list');
    dynamo.on(GetCommand).resolves({ Item: { generation: 2 } });
    dynamo.on(QueryCommand).resolves({ Items: [], LastEvaluatedKey: { pk: 'gen#2', sk: 'x' } });

    const { status, body } = await callHttp(listHistory, apiEvent({ route: '/history', query: { limit: '5' } }));

    expect(status).toBe(200);
    expect(dynamo.commandCalls(GetCommand)[0]!.args[0].input).toMatchObject({ ConsistentRead: true });
    expect(dynamo.commandCalls(QueryCommand)[0]!.args[0].input).toMatchObject({
      ExpressionAttributeValues: { ':pk': 'gen#2' },
      ScanIndexForward: false,
      Limit: 5,
    });
    expect(body.next_cursor).toEqual(expect.any(String));
  });

  it('clears with one UpdateItem, whatever the size of the history', async () => {
    stubFunctionEnv('weather-history-clear');
    dynamo.on(UpdateCommand).resolves({ Attributes: { generation: 3 } });

    const { status } = await callHttp(
      clearHistory,
      apiEvent({ method: 'DELETE', route: '/history', headers: { 'x-api-key': API_KEY } }),
    );

    expect(status).toBe(204);
    expect(dynamo.calls()).toHaveLength(1);
    expect(dynamo.commandCalls(UpdateCommand)[0]!.args[0].input).toMatchObject({
      Key: { pk: 'meta', sk: 'generation' },
      UpdateExpression: 'ADD generation :one',
    });
  });

  it('clears nothing without the API key (401)', async () => {
    stubFunctionEnv('weather-history-clear');

    const { status, body } = await callHttp(clearHistory, apiEvent({ method: 'DELETE', route: '/history' }));

    expect({ status, code: body?.code }).toEqual({ status: 401, code: 'missing_api_key' });
    expect(dynamo.calls()).toEqual([]);
  });
});

describe('Function: GET /readyz handler', () => {
  beforeAll(() => stubFunctionEnv('weather-readyz'));

  it('answers 503 when SQS is unreachable', async () => {
    dynamo.on(GetCommand).resolves({});
    sqs
      .on(GetQueueAttributesCommand)
      .rejects(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }));

    const { status, body } = await callHttp(readyz, apiEvent({ route: '/readyz' }));

    expect(status).toBe(503);
    expect(body.code).toBe('dependency_unavailable');
  });

  it('answers ready when both answer', async () => {
    dynamo.on(GetCommand).resolves({});
    sqs.on(GetQueueAttributesCommand).resolves({ Attributes: {} });

    expect(await callHttp(readyz, apiEvent({ route: '/readyz' }))).toMatchObject({
      status: 200,
      body: { status: 'ready' },
    });
  });
});
