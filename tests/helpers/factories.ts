// Event and context factories for handler tests. Shapes follow the samples in events/.
import { randomUUID } from 'node:crypto';
import type { APIGatewayProxyEventV2, Context, SQSEvent, SQSRecord } from 'aws-lambda';

export const lambdaContext = (overrides: Partial<Context> = {}): Context => ({
  callbackWaitsForEmptyEventLoop: false,
  functionName: 'test-function',
  functionVersion: '$LATEST',
  invokedFunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:test-function',
  memoryLimitInMB: '512',
  awsRequestId: randomUUID(),
  logGroupName: '/aws/lambda/test-function',
  logStreamName: '2026/11/23/[$LATEST]test',
  getRemainingTimeInMillis: () => 10_000,
  done: () => undefined,
  fail: () => undefined,
  succeed: () => undefined,
  ...overrides,
});

export interface ApiEventInit {
  readonly method?: string;
  /** Route path with {params}, e.g. `/teams/{id}`. */
  readonly route: string;
  readonly pathParameters?: Record<string, string>;
  readonly query?: Record<string, string>;
  readonly headers?: Record<string, string>;
  readonly body?: unknown;
}

/** An HTTP API payload 2.0 event; a non-string body is sent as JSON with a JSON content type. */
export const apiEvent = (init: ApiEventInit): APIGatewayProxyEventV2 => {
  const method = init.method ?? 'GET';
  const rawPath = init.route.replace(/\{(\w+)\+?\}/g, (_, name: string) => init.pathParameters?.[name] ?? name);
  const rawQueryString = new URLSearchParams(init.query ?? {}).toString();
  const json = init.body !== undefined && typeof init.body !== 'string';
  return {
    version: '2.0',
    routeKey: `${method} ${init.route}`,
    rawPath,
    rawQueryString,
    headers: { ...(json ? { 'content-type': 'application/json' } : {}), ...init.headers },
    ...(init.query ? { queryStringParameters: init.query } : {}),
    ...(init.pathParameters ? { pathParameters: init.pathParameters } : {}),
    ...(init.body !== undefined ? { body: json ? JSON.stringify(init.body) : (init.body as string) } : {}),
    isBase64Encoded: false,
    requestContext: {
      accountId: '123456789012',
      apiId: 'api',
      domainName: 'api.example.com',
      domainPrefix: 'api',
      http: { method, path: rawPath, protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'vitest' },
      requestId: randomUUID(),
      routeKey: `${method} ${init.route}`,
      stage: '$default',
      time: new Date().toUTCString(),
      timeEpoch: Date.now(),
    },
  };
};

export const sqsRecord = (body: unknown, overrides: Partial<SQSRecord> = {}): SQSRecord => ({
  messageId: randomUUID(),
  receiptHandle: randomUUID(),
  body: typeof body === 'string' ? body : JSON.stringify(body),
  attributes: {
    ApproximateReceiveCount: '1',
    SentTimestamp: String(Date.now()),
    SenderId: 'AIDAIENQZJOLO23YVJ4VO',
    ApproximateFirstReceiveTimestamp: String(Date.now()),
  },
  messageAttributes: {},
  md5OfBody: '',
  eventSource: 'aws:sqs',
  eventSourceARN: 'arn:aws:sqs:us-east-1:123456789012:queue',
  awsRegion: 'us-east-1',
  ...overrides,
});

export const sqsEvent = (records: SQSRecord[]): SQSEvent => ({ Records: records });

/** Sets the variables a handler module reads at import, for handler tests. */
export const TEST_ENV = { AWS_REGION: 'us-east-1', AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test' } as const;
