// Shared by the weather handler tests: mocked AWS clients, the function's environment exactly as the
// stack derives it from the manifest (a handler reading a resource its entry does not grant fails
// here too), and small callers for HTTP and SQS handlers.
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SQSClient } from '@aws-sdk/client-sqs';
import { DynamoDBDocumentClient, GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type {
  APIGatewayProxyEventV2,
  APIGatewayProxyStructuredResultV2,
  SQSBatchResponse,
  SQSEvent,
  SQSHandler,
} from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { vi } from 'vitest';
import { functionEnvironment } from '#model/derive.ts';
import type { AppManifest } from '#model/manifest.ts';
import { weather } from '#functions/weather/manifest.ts';
import { lambdaContext, TEST_ENV } from '../helpers/factories.ts';

export const dynamo = mockClient(DynamoDBDocumentClient);
export const s3 = mockClient(S3Client);
export const sqs = mockClient(SQSClient);
const secrets = mockClient(SecretsManagerClient);
export const API_KEY = 'test-api-key';
export const JOB_ID = '6f1c2a4e-8b3d-4c5e-9f6a-7b8c9d0e1f2a';

const app: AppManifest = {
  tables: weather.tables ?? [],
  queues: weather.queues ?? [],
  buckets: weather.buckets ?? [],
  functions: weather.functions,
  routes: weather.routes ?? [],
  triggers: weather.triggers ?? [],
};

export const queueUrlOf = (queue: string): string => `https://sqs.us-east-1.amazonaws.com/123456789012/${queue}`;

/**
 * Stubs the environment of one weather function, and only it: call before its handler's first
 * invocation, which builds the handler's stores from it (lazy(): importing a handler reads no env).
 */
export const stubFunctionEnv = (name: string, extra: Record<string, string> = {}): void => {
  const fn = app.functions.find((f) => f.name === name);
  if (!fn) throw new Error(`no function ${name} in the weather manifest`);
  const env = functionEnvironment(app, fn, {
    table: (t) => `${t}-test`,
    queueUrl: queueUrlOf,
    bucket: (b) => `${b}-test`,
    secretId: (s) => `${s}-id`,
  });
  vi.unstubAllEnvs();
  for (const [key, value] of Object.entries({ ...TEST_ENV, ...env, ...extra })) vi.stubEnv(key, value);
};

export const resetMocks = (): void => {
  for (const mock of [dynamo, s3, sqs, secrets]) mock.reset();
  secrets.on(GetSecretValueCommand).resolves({ SecretString: API_KEY });
  // The provider's circuit breaker and limiter start with no state: closed, every bucket full.
  dynamo.on(GetCommand, { TableName: QUOTA_TABLE_NAME }).resolves({});
};

export const QUOTA_TABLE_NAME = 'weather-quota-test';

export type HttpHandler = (
  event: APIGatewayProxyEventV2,
  context: ReturnType<typeof lambdaContext>,
) => Promise<unknown>;
export type SqsHandler = (event: SQSEvent) => Promise<SQSBatchResponse>;

export const callHttp = async (handler: HttpHandler, event: APIGatewayProxyEventV2) => {
  const result = (await handler(event, lambdaContext())) as APIGatewayProxyStructuredResultV2;
  return {
    status: result.statusCode,
    headers: result.headers ?? {},
    body: JSON.parse(String(result.body || 'null')) as Record<string, unknown>,
  };
};

/** An SQS handler called as Lambda calls it (with a context and a callback it never uses). */
export const sqsCaller =
  (handler: SQSHandler): SqsHandler =>
  async (event) =>
    (await handler(event, lambdaContext(), () => undefined)) as SQSBatchResponse;

export const updates = () => dynamo.commandCalls(UpdateCommand).map((c) => c.args[0].input);
export const conditionFailed = () =>
  new ConditionalCheckFailedException({ message: 'The conditional request failed', $metadata: {} });
