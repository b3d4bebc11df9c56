// One id per request, against the sandbox: the `apigw-requestid` a client gets back is the
// correlation id of every line its request causes, downstream through the stream, the queues and the
// bulk job's S3 object, as docs/observability.md's Logs Insights query finds them in AWS.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWeatherProvider, type SimulatedProvider } from '#local/companions/weather-provider.ts';
import { startSandbox, type Sandbox } from '#local/index.ts';

let sandbox: Sandbox;
let provider: SimulatedProvider;

beforeAll(async () => {
  provider = await startWeatherProvider();
  sandbox = await startSandbox({ port: 0, visibilityTimeoutSeconds: 3, env: provider.env });
});

afterAll(async () => {
  await sandbox?.stop();
  await provider?.stop();
});

/** POSTs `body` and answers the request id API Gateway returned. */
const post = async (path: string, body: string, headers: Record<string, string>): Promise<string> => {
  const response = await fetch(`${sandbox.url}${path}`, { method: 'POST', headers, body });
  await response.text();
  expect(response.status).toBeLessThan(300);
  const id = response.headers.get('apigw-requestid');
  expect(id).toBeTruthy();
  return id!;
};

/** The functions' JSON lines under correlation id `id`. */
const storyOf = (id: string) => sandbox.logs.filter((l) => l.json?.correlation_id === id);
const functionsOf = (lines: ReturnType<typeof storyOf>) => [...new Set(lines.map((l) => l.function))].sort();

describe('Correlation: one id per request', () => {
  it('follows a formula from POST to processed across submit, relay and process', async () => {
    // Act
    const body = JSON.stringify({ name: 'Traced', materials: [{ name: `Iris ${randomUUID()}`, concentration: 2 }] });
    const id = await post('/formulas', body, { 'content-type': 'application/json' });
    await sandbox.idle(60_000);

    // Assess
    const story = storyOf(id);
    expect(functionsOf(story)).toEqual(['formulas-process', 'formulas-relay', 'formulas-submit']);
    expect(story.map((l) => l.json?.message)).toEqual(
      expect.arrayContaining(['request', 'formula published', 'formula processed']),
    );
    // The consumers' lines carry the Lambda context, as in AWS.
    expect(story.find((l) => l.function === 'formulas-process')?.json).toHaveProperty('function_request_id');
  });

  it('follows a bulk job across the import, the splitter and a worker', async () => {
    // Act
    const id = await post('/bulk/import', 'city\nLisbon\nOslo\nNairobi\n', {
      'content-type': 'text/csv',
      'x-api-key': sandbox.apiKey,
    });
    await sandbox.idle(60_000);

    // Assess
    const story = storyOf(id);
    expect(functionsOf(story)).toEqual(['weather-bulk-import', 'weather-splitter', 'weather-worker']);
    expect(story.map((l) => l.json?.message)).toEqual(expect.arrayContaining(['split', 'chunk settled']));
  });

  it('names the batch request among the ids of the session the aggregator settled', async () => {
    // Act
    const session = randomUUID();
    const body = JSON.stringify({
      seq: 0,
      events: [
        { x: 1, y: 2, t: 0 },
        { x: 4, y: 6, t: 10 },
      ],
    });
    const id = await post(`/mouse/sessions/${session}/events`, body, { 'content-type': 'application/json' });
    await sandbox.idle(60_000);

    // Assess
    const settled = sandbox.logs.find(
      (l) => l.function === 'mouse-aggregate' && l.json?.session_id === session && l.json.message === 'session settled',
    );
    expect(settled?.json?.correlation_ids).toEqual([id]);
  });

  it('sums the EMF metrics the functions emitted, by metric and dimensions', () => {
    const submitted = sandbox
      .metrics()
      .find((m) => m.name === 'FormulasSubmitted' && m.dimensions.service === 'formulas-submit');
    expect(submitted).toMatchObject({ namespace: 'ServerlessSuite', unit: 'Count', sum: 1 });
  });

  it('marks an environment’s first request cold_start true in its log line, the next one false', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 2; i++) {
      const response = await fetch(`${sandbox.url}/triplet?sum=${12 + i * 12}`);
      await response.text();
      ids.push(response.headers.get('apigw-requestid')!);
    }

    // The functions' output reaches the log a moment after their answer.
    const coldStarts = () => ids.map((id) => storyOf(id).find((l) => l.json?.message === 'request')?.json?.cold_start);
    await expect.poll(coldStarts).toEqual([true, false]);
  });
});
