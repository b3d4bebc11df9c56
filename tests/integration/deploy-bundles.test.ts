// What deploys is what is tested: the sandbox runs every function from the bundle the stack builds
// (build/bundling.ts: bundled SDK, env-only credentials, minified), and one request per service takes
// each kind of path through them: DynamoDB, user tokens, the api-key secret, S3, SQS and streams.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWeatherProvider, type SimulatedProvider } from '#local/companions/weather-provider.ts';
import { startSandbox, type Sandbox } from '#local/index.ts';
import { generateCitiesCsv } from '../../scripts/generate-cities.ts';

let sandbox: Sandbox;
let provider: SimulatedProvider;

const call = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
  const response = await fetch(`${sandbox.url}${path}`, {
    method,
    headers: { ...(typeof body === 'object' ? { 'content-type': 'application/json' } : {}), ...headers },
    ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, json: (text ? JSON.parse(text) : {}) as Record<string, unknown> };
};

// Forty-odd separate builds, each with its SDK clients: slower to start than the split build.
beforeAll(async () => {
  provider = await startWeatherProvider();
  sandbox = await startSandbox({ port: 0, bundles: 'deploy', env: provider.env });
}, 300_000);

afterAll(async () => {
  await sandbox?.stop();
  await provider?.stop();
});

describe('Sandbox on the deploy bundles', () => {
  it('answers GET /difference and counts the request in DynamoDB', async () => {
    await call('GET', '/difference?number=10');

    expect(await call('GET', '/difference?number=10')).toMatchObject({
      status: 200,
      json: { value: 2640, occurrences: 2 },
    });
  });

  it('registers, signs in and answers /me with the token', async () => {
    // Prepare
    const credentials = { username: `user-${randomUUID().slice(0, 8)}`, password: 'correct horse battery' };
    expect((await call('POST', '/auth/register', credentials)).status).toBe(201);

    // Act
    const login = await call('POST', '/auth/login', credentials);
    const me = await call('GET', '/me', undefined, { authorization: `Bearer ${String(login.json.token)}` });

    // Assess
    expect(me).toMatchObject({ status: 200, json: { username: credentials.username } });
  });

  it('processes a formula through the table stream, the relay and the queue', async () => {
    const created = await call('POST', '/formulas', {
      name: 'Bundle',
      materials: [{ name: `Oil ${randomUUID()}`, concentration: 1.5 }],
    });
    await sandbox.idle();

    expect(await call('GET', `/formulas/${String(created.json.id)}`)).toMatchObject({
      status: 200,
      json: { status: 'processed' },
    });
  });

  it('places a city with the gazetteer file beside the weather-get bundle: one forecast call, no geocoding', async () => {
    provider.reset();

    const { status, json } = await call('GET', '/weather?city=Coimbra');

    expect({ status, city: json.city }).toEqual({ status: 200, city: 'Coimbra' });
    expect({ geocoding: provider.geocodingCalls(), forecast: provider.forecastCalls() }).toEqual({
      geocoding: 0,
      forecast: 1,
    });
  });

  it('imports a CSV behind the api key through S3, the splitter and the workers', async () => {
    // Prepare
    const { csv, expected } = generateCitiesCsv({ rows: 40, seed: 15 });
    const headers = { 'x-api-key': sandbox.apiKey, 'content-type': 'text/csv' };

    // Act
    const queued = await call('POST', '/bulk/import', csv, headers);
    await sandbox.idle(120_000);

    // Assess
    expect(queued.status).toBe(202);
    const job = await call('GET', `/bulk/jobs/${String(queued.json.job_id)}`, undefined, headers);
    expect(job.json).toMatchObject({
      status: 'done',
      total: expected.total,
      succeeded: expected.succeeded,
      failed: expected.failed,
    });
  });

  it('serves the OpenAPI document', async () => {
    const { status, json } = await call('GET', '/openapi.json');

    expect(status).toBe(200);
    expect(Object.keys(json.paths as object)).toContain('/difference');
  });
});
