// Start-up step: the AWS services (embedded emulators or an external endpoint), the companions standing
// in for third-party services, and SDK clients on the AWS services.
import { randomBytes } from 'node:crypto';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import { S3Client } from '@aws-sdk/client-s3';
import { SQSClient } from '@aws-sdk/client-sqs';
import { API_KEY_SECRET, CURSOR_KEY_SECRET } from '#model/constants.ts';
import type { BucketDef } from '#model/manifest.ts';
import { CREDENTIALS, REGION, startBackend, type Backend } from './backends.ts';
import { companions } from './companions.ts';
import type { OnStop } from './stop-list.ts';
import type { SandboxOptions } from './types.ts';

const DATA_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '.data');

/** Where `persist` keeps the sandbox's state; undefined: in memory. */
export const persistDir = ({ persist }: SandboxOptions): string | undefined =>
  typeof persist === 'string' ? persist : persist ? DATA_DIR : undefined;

export interface Clients {
  readonly dynamo: DynamoDBClient;
  readonly sqs: SQSClient;
  readonly s3: S3Client;
  readonly streams: DynamoDBStreamsClient;
}

export interface Backends extends Backend {
  readonly clients: Clients;
  /** What every function needs to reach them: region, credentials, endpoints, companions' settings. */
  readonly env: Readonly<Record<string, string>>;
}

const connect = ({ endpoints }: Backend): Clients => {
  const config = { region: REGION, credentials: CREDENTIALS };
  return {
    dynamo: new DynamoDBClient({ ...config, endpoint: endpoints.dynamodb }),
    sqs: new SQSClient({ ...config, endpoint: endpoints.sqs }),
    s3: new S3Client({ ...config, endpoint: endpoints.s3, forcePathStyle: true }),
    streams: new DynamoDBStreamsClient({
      ...config,
      endpoint: endpoints.dynamodb,
      requestHandler: { requestTimeout: 3000 },
    }),
  };
};

/** `onStop` receives the stop of each part as soon as it runs, so a failed start still stops the rest. */
export const startBackends = async (
  options: SandboxOptions,
  { apiKey, buckets }: { apiKey: string; buckets: readonly BucketDef[] },
  onStop: OnStop,
): Promise<Backends> => {
  const [backend, started] = await Promise.all([
    startBackend(
      {
        endpointUrl: options.endpointUrl ?? process.env.SANDBOX_ENDPOINT_URL,
        persistDir: persistDir(options),
        // The cursor key is new each start, as a fresh deployment's is: old cursors fail with 400.
        secrets: { [API_KEY_SECRET]: apiKey, [CURSOR_KEY_SECRET]: randomBytes(32).toString('base64url') },
        buckets,
      },
      onStop,
    ),
    Promise.all(companions.map((start) => start().then((c) => (onStop(c.stop), c)))),
  ]);
  const clients = connect(backend);
  onStop(async () => {
    for (const client of Object.values(clients)) client.destroy();
  });
  const { endpoints } = backend;
  const env = {
    AWS_REGION: REGION,
    AWS_DEFAULT_REGION: REGION,
    AWS_ACCESS_KEY_ID: CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: CREDENTIALS.secretAccessKey,
    AWS_ENDPOINT_URL_DYNAMODB: endpoints.dynamodb,
    AWS_ENDPOINT_URL_SQS: endpoints.sqs,
    AWS_ENDPOINT_URL_S3: endpoints.s3,
    AWS_ENDPOINT_URL_SECRETS_MANAGER: endpoints.secretsManager,
    ...Object.assign({}, ...started.map((c) => c.env)),
  };
  return { ...backend, clients, env };
};
