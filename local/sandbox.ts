// The offline sandbox: DynamoDB Local, fauxqs (SQS + S3) or an external AWS-compatible endpoint, the
// manifest's resources, every function in Lambda-like worker environments, the HTTP API, and event
// sources standing in for event source mappings and S3 notifications.
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { app as projectApp } from '#app';
import { resolveApp } from '#model/resolve.ts';
import '../scripts/require-node.ts';
import { buildWeb } from '#web/build.ts';
import { REGION } from './backends.ts';
import { createConsole } from './console/index.ts';
import { startEventSources } from './event-sources/index.ts';
import { takeOverPersisted } from './persisted-state.ts';
import { createResources } from './resources.ts';
import { sandboxHandle } from './sandbox-handle.ts';
import { persistDir, startBackends } from './start-backends.ts';
import { bundle, reloadOnChange, startFunctions } from './start-functions.ts';
import { startHttpApi } from './start-http-api.ts';
import { type OnStop, StopList } from './stop-list.ts';
import type { Sandbox, SandboxOptions } from './types.ts';

/**
 * The project's UI, built into a folder of this sandbox's own, so that no other build (a second sandbox,
 * `cdk synth`, `npm run build:web`) can change what it serves; a broken page must not take the API down.
 */
const buildUi = async (onStop: OnStop): Promise<string> => {
  const dir = await mkdtemp(join(tmpdir(), 'sandbox-web-'));
  onStop(() => rm(dir, { recursive: true, force: true }));
  await buildWeb(dir).catch((e: Error) => console.error(`[sandbox] web build failed: ${e.message}`));
  return dir;
};

export const startSandbox = async (options: SandboxOptions = {}): Promise<Sandbox> => {
  // Refuses what AWS would refuse (e.g. a function timeout longer than its queue's visibility timeout).
  const app = resolveApp(options.app ?? projectApp);
  const apiKey = options.apiKey ?? process.env.API_KEY ?? randomBytes(24).toString('base64url');
  const stops = new StopList();
  try {
    // The slow parts start together: the JVM, the bundles, the UI build (not for another app's fixtures).
    const [backends, bundles, webRoot] = await Promise.all([
      startBackends(options, { apiKey, buckets: app.buckets }, stops.add),
      bundle(app, options, stops.add),
      options.app ? undefined : buildUi(stops.add),
    ]);
    const { clients, name, fauxqs } = backends;
    const resources = await createResources(app, clients, name, {
      visibilityOverride: options.visibilityTimeoutSeconds,
      // fauxqs's front applies the buckets' CORS rules itself; an external S3 is given them.
      putBucketCors: !fauxqs,
    });
    const env = { ...backends.env, ...options.env };
    const functions = startFunctions(app, { bundles, env, names: resources.names, options }, stops.add);
    const { invoker } = functions;
    const persisted = await takeOverPersisted({
      dataDir: persistDir(options),
      fauxqs,
      sqs: clients.sqs,
      queues: resources.queues,
    });
    const deps = {
      resources,
      clients,
      invoker,
      name,
      region: REGION,
      fauxqs,
      ...persisted,
      stopFunctions: functions.stop,
    };
    const sources = await startEventSources(app, deps, stops.add);
    const port = options.port ?? Number(process.env.PORT ?? 3000);
    const http = { invoker, webRoot, throttled: options.throttles !== false, s3Endpoint: backends.endpoints.s3 };
    const sandboxConsole = createConsole({ app, functions, resources, backends, env });
    const url = await startHttpApi(app, { ...http, console: sandboxConsole }, port, stops.add);
    if (options.watch) reloadOnChange(app, bundles, functions);
    return sandboxHandle({ url, apiKey, webRoot, backends, resources, functions, sources, stop: stops.run });
  } catch (error) {
    await stops.run();
    throw error;
  }
};
