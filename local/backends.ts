// Where the sandbox's AWS services come from. Embedded (the default): DynamoDB Local, fauxqs (its S3 behind
// a front that answers CORS) and a GetSecretValue endpoint, started for this sandbox alone. External: one
// AWS-compatible endpoint that answers DynamoDB (+ Streams), SQS, S3 and Secrets Manager (moto server,
// LocalStack), possibly shared with other sandboxes, so this one's resources get a name prefix of their own.
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { CreateSecretCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { startFauxqs, type FauxqsServer } from 'fauxqs';
import { bucketCorsRules } from '#model/bucket-cors.ts';
import type { BucketDef } from '#model/manifest.ts';
import { startDynamoDbLocal } from './dynamodb-local.ts';
import { startS3Front } from './s3-front.ts';
import { startSecretsEndpoint } from './secrets-endpoint.ts';

export const REGION = 'us-east-1';
export const CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' };

export interface Backend {
  readonly endpoints: {
    readonly dynamodb: string;
    readonly sqs: string;
    readonly s3: string;
    readonly secretsManager: string;
  };
  /** Physical name of a manifest table, queue, bucket or secret. */
  readonly name: (logical: string) => string;
  /** Set when embedded: the sandbox reads queues in place and forwards S3 events through it. */
  readonly fauxqs?: FauxqsServer;
}

export interface BackendOptions {
  /** An external endpoint; absent: start the embedded emulators. */
  readonly endpointUrl?: string;
  /** Embedded only: keep DynamoDB's tables and fauxqs's queues and buckets in this folder. */
  readonly persistDir?: string;
  readonly secrets: Readonly<Record<string, string>>;
  /** The manifest's buckets: the embedded S3 answers CORS by their rules (an external one is given them). */
  readonly buckets: readonly BucketDef[];
}

/** `onStop` receives the stop of each part as soon as it runs, so a failed start still stops the rest. */
const startEmbedded = async (
  options: BackendOptions,
  onStop: (stop: () => Promise<unknown>) => void,
): Promise<Backend> => {
  const { persistDir } = options;
  // fauxqs writes every change through to SQLite: messages (ready, delayed, in flight with their
  // visibility deadline, with their receive counts) and objects survive even a kill -9.
  const fauxqsData = persistDir ? { dataDir: join(persistDir, 'fauxqs') } : {};
  const [ddb, fauxqs, secrets] = await Promise.all([
    startDynamoDbLocal(persistDir ? { persistDir } : {}).then((d) => (onStop(d.stop), d)),
    startFauxqs({ port: 0, host: '127.0.0.1', logger: false, messageSpies: true, ...fauxqsData }).then(
      (f) => (onStop(() => f.stop()), f),
    ),
    startSecretsEndpoint(options.secrets).then((s) => (onStop(s.stop), s)),
  ]);
  const fauxqsUrl = `http://127.0.0.1:${fauxqs.port}`;
  const rules = new Map(options.buckets.map((b) => [b.name, bucketCorsRules(b)]));
  const s3 = await startS3Front(fauxqsUrl, rules);
  onStop(s3.stop);
  return {
    endpoints: { dynamodb: ddb.endpoint, sqs: fauxqsUrl, s3: s3.url, secretsManager: secrets.url },
    name: (logical) => logical,
    fauxqs,
  };
};

const useExternal = async (url: string, secrets: Readonly<Record<string, string>>): Promise<Backend> => {
  // Lowercase letters and digits: valid at the start of a table, queue, bucket and secret name alike.
  const prefix = `sbx${randomBytes(4).toString('hex')}-`;
  const name = (logical: string): string => `${prefix}${logical}`;
  const client = new SecretsManagerClient({ endpoint: url, region: REGION, credentials: CREDENTIALS });
  try {
    for (const [id, value] of Object.entries(secrets))
      await client.send(new CreateSecretCommand({ Name: name(id), SecretString: value }));
  } finally {
    client.destroy();
  }
  return { endpoints: { dynamodb: url, sqs: url, s3: url, secretsManager: url }, name };
};

export const startBackend = (
  options: BackendOptions,
  onStop: (stop: () => Promise<unknown>) => void,
): Promise<Backend> =>
  options.endpointUrl ? useExternal(options.endpointUrl, options.secrets) : startEmbedded(options, onStop);
