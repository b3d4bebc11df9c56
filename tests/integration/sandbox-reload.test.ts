// Editing a handler while the sandbox runs (npm start's watch mode) reloads that function only,
// keeping table contents.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { PutCommand, GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateManifest } from '#model/validate.ts';
import { startSandbox, type Sandbox } from '#local/index.ts';

const dir = new URL('../fixtures/reload/', import.meta.url);
const handlerFile = new URL('version.ts', dir);
const writeVersion = (version: string): void =>
  writeFileSync(handlerFile, `export const handler = async () => ({ version: '${version}' });\n`);

const app = validateManifest({
  tables: [{ name: 'reload-kept', partitionKey: { name: 'id', type: 'S' } }],
  queues: [],
  buckets: [],
  functions: [{ name: 'reload-version', entry: 'tests/fixtures/reload/version.ts' }],
  routes: [
    { method: 'GET', path: '/version', function: 'reload-version', contract: { auth: 'public', summary: 'version' } },
  ],
  triggers: [],
});

let sandbox: Sandbox;
beforeAll(async () => {
  mkdirSync(dir, { recursive: true });
  writeVersion('one');
  sandbox = await startSandbox({ port: 0, app, watch: true });
});
afterAll(async () => {
  await sandbox?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const version = async (): Promise<string> =>
  ((await (await fetch(`${sandbox.url}/version`)).json()) as { version: string }).version;

describe('Sandbox: watch mode', () => {
  it('serves the new code after a handler is saved, keeping the data', async () => {
    await sandbox.clients.dynamo.send(
      new PutCommand({ TableName: sandbox.tableName('reload-kept'), Item: { id: 'x' } }),
    );
    expect(await version()).toBe('one');
    writeVersion('two');
    const deadline = Date.now() + 10_000;
    while ((await version()) !== 'two' && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(await version()).toBe('two');
    const { Item } = await sandbox.clients.dynamo.send(
      new GetCommand({ TableName: sandbox.tableName('reload-kept'), Key: { id: 'x' } }),
    );
    expect(Item).toEqual({ id: 'x' });
  });
});
