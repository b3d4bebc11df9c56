// events/: one sample per function, each run through its handler in the sandbox (as `sam local invoke
// -e` would run it), with the sandbox's credentials in place of the samples' placeholders.
import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import { PutItemCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FORMULAS_TABLE } from '#functions/formulas/constants.ts';
import { app } from '#app';
import { routeKey } from '#model/derive.ts';
import * as z from '#model/zod.ts';
import type { FunctionDef } from '#model/manifest.ts';
import { startSandbox, type Sandbox } from '#local/index.ts';

/** A function's sample: `events/<service>/<handler file>.json`, unless named here. */
const NAMED: Record<string, string> = {
  'math-calculate': 'math/difference',
  'formulas-relay': 'formulas/relay-insert',
};
const sampleOf = (fn: FunctionDef): string =>
  `events/${NAMED[fn.name] ?? `${basename(dirname(dirname(fn.entry)))}/${basename(fn.entry, '.ts')}`}.json`;
const read = (file: string) => JSON.parse(readFileSync(file, 'utf8'));

// What each sample gets from a fresh sandbox holding one user and the relay sample's formula: an HTTP
// status, or a batch handler's response. The samples' team, palette and job ids exist nowhere, so those
// routes answer 404, and the worker fails its record (retried, then dead-lettered, in AWS).
const EXPECTED: Record<string, number | { batchItemFailures: never[] } | RegExp> = {
  'math-calculate': 200,
  'math-list-requests': 200,
  'mouse-ingest': 202,
  'mouse-aggregate': { batchItemFailures: [] },
  'mouse-gap-check': { batchItemFailures: [] },
  'mouse-stats': 200,
  'mouse-get-session': 200,
  'mouse-list-sessions': 200,
  'palettes-register': 201,
  'palettes-login': 200,
  'palettes-logout': 204,
  'palettes-me': 200,
  'palettes-create-team': 201,
  'palettes-list-teams': 200,
  'palettes-get-team': 404,
  'palettes-update-team': 404,
  'palettes-delete-team': 404,
  'palettes-join-team': 404,
  'palettes-leave-team': 404,
  'palettes-create-palette': 404,
  'palettes-list-palettes': 404,
  'palettes-get-palette': 404,
  'palettes-update-palette': 404,
  'palettes-delete-palette': 404,
  'palettes-copy-palette': 404,
  'formulas-submit': 202,
  'formulas-get': 200,
  'formulas-list': 200,
  'formulas-relay': { batchItemFailures: [] },
  'formulas-process': { batchItemFailures: [] },
  'formulas-redrive': 200,
  'weather-get': 200,
  'weather-history-list': 200,
  'weather-history-clear': 204,
  'weather-healthz': 200,
  'weather-readyz': 200,
  'weather-bulk-import': 202,
  'weather-bulk-upload': 201,
  'weather-job-get': 404,
  'weather-job-results': 404,
  'weather-job-summary': 404,
  'weather-splitter': { batchItemFailures: [] },
  'weather-worker': /All records failed processing/,
  'docs-openapi': 200,
  'gateway-default': 404,
};

let sandbox: Sandbox;
const tokens: string[] = [];
beforeAll(async () => {
  sandbox = await startSandbox({ port: 0 });
  const user = JSON.stringify({ username: 'events_user', password: 'events password 1' });
  const post = (path: string) =>
    fetch(`${sandbox.url}${path}`, { method: 'POST', body: user, headers: { 'content-type': 'application/json' } });
  await post('/auth/register');
  // Two sessions: the logout sample revokes one.
  for (const _ of [1, 2]) tokens.push(((await (await post('/auth/login')).json()) as { token: string }).token);
  // The formula the relay sample announces, stored as the submit handler stores it, for the get and process samples.
  const item = read('events/formulas/relay-insert.json').Records[0].dynamodb.NewImage;
  await sandbox.clients.dynamo.send(new PutItemCommand({ TableName: sandbox.tableName(FORMULAS_TABLE), Item: item }));
});
afterAll(() => sandbox?.stop());

/** The sample with this sandbox's bearer token and API key in place of the placeholders. */
const load = (fn: string, file: string) => {
  const event = read(file);
  if (event.headers?.authorization) event.headers.authorization = `Bearer ${tokens[fn === 'palettes-logout' ? 1 : 0]}`;
  if (event.headers?.['x-api-key']) event.headers['x-api-key'] = sandbox.apiKey;
  return event;
};

describe('events/ samples', () => {
  it('has one sample per function and an expected outcome for each', () => {
    expect(app.functions.filter((f) => !existsSync(sampleOf(f))).map(sampleOf)).toEqual([]);
    expect(Object.keys(EXPECTED).sort()).toEqual(app.functions.map((f) => f.name).sort());
  });

  it.each(app.functions.map((f) => [f.name, sampleOf(f)]))('runs %s with %s', async (fn, file) => {
    const expected = EXPECTED[fn];
    // What earlier samples queued (the ingested mouse batch) is processed first, not raced.
    await sandbox.idle();
    const outcome = await sandbox.invoke(fn, load(fn, file)).then(
      (result) => result as { statusCode?: number; body?: string },
      (error: Error) => error,
    );
    if (expected instanceof RegExp) {
      expect(outcome).toBeInstanceOf(Error);
      expect((outcome as Error).message).toMatch(expected);
    } else if (typeof expected === 'number') {
      expect(outcome, JSON.stringify(outcome)).toMatchObject({ statusCode: expected });
      // Every error answer is the API's {detail, code}.
      const { body } = outcome as { body: string };
      if (expected >= 400) expect(JSON.parse(body)).toEqual({ detail: expect.any(String), code: expect.any(String) });
      // Every success is what the route's contract declares for its status, so the OpenAPI document tells the truth.
      else {
        const { routeKey: key } = load(fn, file) as { routeKey: string };
        const schema = app.routes.find((r) => routeKey(r) === key)?.contract.responses?.[expected];
        if (key !== '$default') expect(schema, `${key} declares ${expected}`).toBeDefined();
        if (schema) z.parse(schema, body === '' ? undefined : JSON.parse(body));
      }
    } else {
      expect(outcome).toEqual(expected);
    }
  });
});
