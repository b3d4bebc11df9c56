// The offline sandbox: DynamoDB Local, fauxqs (SQS + S3) or an external AWS-compatible endpoint, the
// manifest's resources, every function in Lambda-like worker environments, the HTTP API, and pollers
// standing in for event source mappings.
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import { S3Client } from '@aws-sdk/client-s3';
import { SQSClient } from '@aws-sdk/client-sqs';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { app as projectApp } from '#app';
import { DEFAULT_MEMORY_MB, DEFAULT_TIMEOUT_SECONDS, dlqName, functionEnvironment } from '#model/derive.ts';
import type { FunctionDef, QueueTrigger, TriggerDef } from '#model/manifest.ts';
import { resolveApp } from '#model/resolve.ts';
import '../scripts/require-node.ts';
import { API_KEY_SECRET } from '#model/constants.ts';
import { CURSOR_KEY_SECRET } from '#model/constants.ts';
import { buildWeb, WEB_DIST } from '../web/build.ts';
import { companions } from './companions.ts';
import { CREDENTIALS, REGION, startBackend } from './backends.ts';
import { Faults } from './faults.ts';
import { createHttpServer, listen } from './http/server.ts';
import { Invoker } from './invoker.ts';
import { SqsPoller } from './pollers/sqs.ts';
import { StreamPoller } from './pollers/stream.ts';
import { fauxqsInspector, sqsInspector } from './queue-inspection.ts';
import { createResources, type Resources } from './resources.ts';
import { bundleFunctions, WORKER_ENTRY } from './runtime/bundler.ts';
import { FunctionPool } from './runtime/function-pool.ts';
import { configureS3Notifications, forwardS3Notifications } from './s3-notifications.ts';
import type { DlqMessage, InvocationRecord, Sandbox, SandboxOptions } from './types.ts';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
/** How long everything must stay quiet before idle() trusts it (covers one stream poll). */
const QUIET_MS = 250;

const isQueueTrigger = (t: TriggerDef): t is QueueTrigger => t.source.type === 'sqs';
const timeoutSeconds = (fn: FunctionDef): number => fn.timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS;

const formatInvocation = (r: InvocationRecord): string =>
  `[${r.source}] ${r.function} ${r.origin} -> ${r.outcome}${r.failedIds?.length ? ` (${r.failedIds.length} failed)` : ''} ${r.durationMs} ms${r.injected ? ' (injected)' : ''}${r.error && !r.injected ? ` ${r.error}` : ''}`;

export const startSandbox = async (options: SandboxOptions = {}): Promise<Sandbox> => {
  const app = options.app ?? projectApp;
  // Refuses what AWS would refuse (e.g. a function timeout longer than its queue's visibility timeout).
  resolveApp(app);
  const apiKey = options.apiKey ?? process.env.API_KEY ?? randomBytes(24).toString('base64url');
  const stops: (() => Promise<unknown>)[] = [];
  const stopAll = async (): Promise<void> => {
    for (const stop of stops.reverse()) await stop().catch(() => undefined);
  };
  try {
    const bundleDir = await mkdtemp(join(tmpdir(), 'sandbox-'));
    stops.push(() => rm(bundleDir, { recursive: true, force: true }));
    const endpointUrl = options.endpointUrl ?? process.env.SANDBOX_ENDPOINT_URL;
    // The slow parts start together: the JVM, the bundles, the UI build.
    const [backend, bundles, companionList] = await Promise.all([
      startBackend(
        {
          endpointUrl,
          persistDir: options.persist ? join(ROOT, '.data') : undefined,
          // The cursor key is new each start, as a fresh deployment's is: old cursors fail with 400.
          secrets: { [API_KEY_SECRET]: apiKey, [CURSOR_KEY_SECRET]: randomBytes(32).toString('base64url') },
        },
        (stop) => stops.push(stop),
      ),
      bundleFunctions(ROOT, bundleDir, app, { deploy: options.bundles === 'deploy' }).then((b) => (stops.push(b.dispose), b)),
      Promise.all(companions.map((start) => start().then((c) => (stops.push(c.stop), c)))),
      // A broken page must not take the API down with it.
      options.app ? Promise.resolve() : buildWeb().catch((e: Error) => console.error(`[sandbox] web build failed: ${e.message}`)),
    ]);

    const { endpoints, name, fauxqs } = backend;
    const clientConfig = { region: REGION, credentials: CREDENTIALS };
    const dynamo = new DynamoDBClient({ ...clientConfig, endpoint: endpoints.dynamodb });
    const sqs = new SQSClient({ ...clientConfig, endpoint: endpoints.sqs });
    const s3 = new S3Client({ ...clientConfig, endpoint: endpoints.s3, forcePathStyle: true });
    const streams = new DynamoDBStreamsClient({ ...clientConfig, endpoint: endpoints.dynamodb, requestHandler: { requestTimeout: 3000 } });
    stops.push(async () => [dynamo, sqs, s3, streams].forEach((c) => c.destroy()));

    const resources: Resources = await createResources(app, { dynamo, sqs, s3 }, name, options.visibilityTimeoutSeconds);
    const names = {
      table: name,
      queueUrl: (q: string) => resources.queues.get(q)!.url,
      bucket: name,
      secretId: name,
    };
    const baseEnv: Record<string, string> = {
      AWS_REGION: REGION,
      AWS_DEFAULT_REGION: REGION,
      AWS_ACCESS_KEY_ID: CREDENTIALS.accessKeyId,
      AWS_SECRET_ACCESS_KEY: CREDENTIALS.secretAccessKey,
      AWS_ENDPOINT_URL_DYNAMODB: endpoints.dynamodb,
      AWS_ENDPOINT_URL_SQS: endpoints.sqs,
      AWS_ENDPOINT_URL_S3: endpoints.s3,
      AWS_ENDPOINT_URL_SECRETS_MANAGER: endpoints.secretsManager,
      TZ: 'UTC',
      ...Object.assign({}, ...companionList.map((c) => c.env)),
      ...options.env,
    };
    const showLogs = options.functionLogs ?? options.verbose ?? false;
    const pools = new Map(
      app.functions.map((fn) => [
        fn.name,
        new FunctionPool(
          {
            functionName: fn.name,
            workerScript: bundles.path(WORKER_ENTRY),
            timeoutMs: timeoutSeconds(fn) * 1000,
            memoryMb: fn.memoryMb ?? DEFAULT_MEMORY_MB,
            // Unreserved functions share the account's concurrency in AWS; a handful of environments suffices here.
            maxConcurrency: fn.reservedConcurrency?.executions ?? 10,
            env: {
              ...baseEnv,
              AWS_LAMBDA_FUNCTION_NAME: fn.name,
              AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(fn.memoryMb ?? DEFAULT_MEMORY_MB),
              ...functionEnvironment(app, fn, names),
            },
            output: showLogs ? (chunk) => process.stdout.write(chunk) : () => undefined,
          },
          bundles.path(fn.name),
        ),
      ]),
    );
    // Stops run in reverse: the pollers are halted, then the environments end (failing what still
    // runs), then the pollers' loops are awaited.
    const pollers: (SqsPoller | StreamPoller)[] = [];
    stops.push(() => Promise.all(pollers.map((p) => p.stop())));
    stops.push(() => Promise.all([...pools.values()].map((p) => p.stop())));

    const faults = new Faults();
    const invoker = new Invoker(
      pools,
      faults,
      options.verbose ? (r) => console.log(formatInvocation(r)) : () => undefined,
    );

    const sqsPollers: SqsPoller[] = [];
    const streamPollers: StreamPoller[] = [];
    for (const trigger of app.triggers) {
      if (isQueueTrigger(trigger)) {
        sqsPollers.push(new SqsPoller(trigger, resources.queues.get(trigger.source.queue)!, sqs, invoker, REGION));
      } else {
        const arn = resources.tables.get(trigger.source.table)?.streamArn;
        if (!arn) throw new Error(`Table ${trigger.source.table} has no stream for ${trigger.function}.`);
        streamPollers.push(new StreamPoller(trigger, arn, streams, invoker, REGION));
      }
    }
    await Promise.all(streamPollers.map((p) => p.start()));
    sqsPollers.forEach((p) => p.start());
    pollers.push(...sqsPollers, ...streamPollers);
    stops.push(async () => pollers.forEach((p) => p.halt()));
    const notifications = fauxqs
      ? forwardS3Notifications({ fauxqs, buckets: app.buckets, queues: resources.queues, s3, sqs, region: REGION })
      : await configureS3Notifications(s3, app.buckets, resources.queues, name).then(() => ({ pending: () => 0 }));

    const server = createHttpServer({ routes: app.routes, defaultRoute: app.defaultRoute, invoker, webRoot: WEB_DIST });
    const port = await listen(server, options.port ?? Number(process.env.PORT ?? 3000));
    stops.push(
      () =>
        new Promise<void>((resolve) => {
          server.closeAllConnections();
          server.close(() => resolve());
        }),
    );

    if (options.watch) {
      // The top folders holding the handlers (functions/, or a test's fixtures) and the shared code.
      const watched = new Set(['shared', ...app.functions.map((f) => f.entry.split('/')[0]!)]);
      bundles.watch([...watched], (changed) => {
        for (const name of changed) pools.get(name)?.reload(bundles.path(name));
        console.log(`[sandbox] reloaded ${changed.join(', ')}`);
      });
    }

    const inspector = fauxqs ? fauxqsInspector(fauxqs) : sqsInspector(sqs);
    const queueDepth = async (): Promise<number> => {
      const depths = await Promise.all([...resources.queues.values()].map((q) => inspector.depth(name(q.def.name), q.url)));
      return depths.reduce((a, b) => a + b, 0);
    };
    // The queues are asked last, and only when everything else is quiet.
    const quiet = async (): Promise<boolean> =>
      invoker.inFlight === 0 &&
      notifications.pending() === 0 &&
      sqsPollers.every((p) => !p.busy) &&
      streamPollers.every((p) => !p.busy) &&
      (await queueDepth()) === 0;

    const idle = async (timeoutMs = 30_000): Promise<void> => {
      const deadline = Date.now() + timeoutMs;
      let quietSince: number | undefined;
      let seen = invoker.log.length;
      let marks: Map<string, number>[] = [];
      while (Date.now() < deadline) {
        if ((await quiet()) && invoker.log.length === seen) {
          if (quietSince === undefined) {
            quietSince = Date.now();
            marks = streamPollers.map((p) => p.progress());
          }
          // Quiet long enough, and every stream has since been read at least once more from start to end.
          const streamsRead = streamPollers.every((p, i) =>
            [...p.progress()].every(([key, count]) => count >= (marks[i]!.get(key) ?? 0) + 2),
          );
          if (Date.now() - quietSince >= QUIET_MS && streamsRead) return;
        } else {
          quietSince = undefined;
          seen = invoker.log.length;
        }
        await new Promise((r) => setTimeout(r, 25));
      }
      throw new Error(`sandbox not idle after ${timeoutMs} ms (queued messages: ${await queueDepth()}, running: ${invoker.inFlight})`);
    };

    const readDlq = async (queue: string): Promise<DlqMessage[]> => {
      const info = resources.queues.get(queue);
      if (!info) throw new Error(`unknown queue ${queue}`);
      return inspector.peek(name(dlqName(info.def)), info.dlqUrl);
    };

    return {
      url: `http://127.0.0.1:${port}`,
      apiKey,
      idle,
      invocations: invoker.log,
      inject: (fault) => faults.add(fault),
      invoke: (fn, event) => {
        const pool = pools.get(fn);
        if (!pool) throw new Error(`unknown function ${fn}`);
        return pool.invoke(event, randomUUID());
      },
      readDlq,
      clients: { dynamo: DynamoDBDocumentClient.from(dynamo), sqs, s3 },
      tableName: names.table,
      queueUrl: names.queueUrl,
      bucketName: names.bucket,
      stop: stopAll,
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
};
