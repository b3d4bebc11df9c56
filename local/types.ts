// The sandbox's harness API, used by `npm start` and by the integration test suites.
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { S3Client } from '@aws-sdk/client-s3';
import type { SQSClient } from '@aws-sdk/client-sqs';
import type { AppManifest } from '#model/manifest.ts';
import type { FunctionLogLine, MetricSummary } from './function-logs.ts';

export interface SandboxOptions {
  /** HTTP port; 0 picks a free one (tests). Default 3000, or PORT. */
  readonly port?: number;
  /**
   * Keep everything the sandbox holds between runs (tables, streams' positions, queues, objects): `true`
   * under `.data/`, a string in that folder. Embedded backends only (docs/sandbox.md).
   */
  readonly persist?: boolean | string;
  /** Print one line per invocation (npm start); tests keep it off. */
  readonly verbose?: boolean;
  /** Rebuild and reload a function when its source changes (npm start). */
  readonly watch?: boolean;
  /**
   * `split` (default): one fast build with shared chunks, as watch mode needs. `deploy`: each function
   * bundled alone with the stack's options (build/bundling.ts), so the tests run the bytes that deploy.
   */
  readonly bundles?: 'split' | 'deploy';
  /** Test-speed knob: overrides every queue's visibility timeout (seconds). */
  readonly visibilityTimeoutSeconds?: number;
  /** Extra environment for every function (e.g. a provider URL). */
  readonly env?: Readonly<Record<string, string>>;
  /** API key for api-key routes; generated when absent (API_KEY env var wins). */
  readonly apiKey?: string;
  /**
   * API Gateway's throttling from the manifest (the stage's limit per route, tighter route limits), on by
   * default as in AWS. `false` lifts it, for tests and benchmarks that burst past it on purpose (each says why).
   */
  readonly throttles?: boolean;
  /** Another app definition (the conformance suite's fixtures); default: the project's manifest. */
  readonly app?: AppManifest;
  /** Forward the functions' own log output to this process's stdout (default: with `verbose`). */
  readonly functionLogs?: boolean;
  /**
   * One AWS-compatible endpoint answering DynamoDB (+ Streams), SQS, S3 and Secrets Manager (e.g. moto
   * server), used instead of starting DynamoDB Local and fauxqs; resource names then get a prefix unique
   * to this sandbox. Default: SANDBOX_ENDPOINT_URL; unset starts the embedded emulators.
   */
  readonly endpointUrl?: string;
  /** How many function environments initialise at once, across all functions. Default: one per CPU core. */
  readonly initConcurrency?: number;
  /** An environment idle this long is retired, as Lambda reclaims idle ones. Default 5 minutes. */
  readonly idleEnvironmentMs?: number;
}

export type EventSourceKind = 'http' | 'sqs' | 'dynamodb-stream';
export type InvocationOutcome = 'success' | 'error' | 'timeout' | 'partial-failure';

export interface InvocationRecord {
  readonly function: string;
  readonly source: EventSourceKind;
  /** Queue or table name for triggers, route key for HTTP. */
  readonly origin: string;
  readonly outcome: InvocationOutcome;
  /** Epoch ms when the invocation started. */
  readonly startedAt: number;
  /** From arrival to the end, including any wait for an environment. */
  readonly durationMs: number;
  readonly requestId: string;
  /**
   * How long it queued for an environment (none was idle: one was initialising, the function was at its
   * concurrency, or every init slot was taken), when it did.
   */
  readonly waitedMs?: number;
  /** Set on a cold start: how long the environment that served it took to initialise. */
  readonly initMs?: number;
  /** HTTP: API Gateway's request id (`apigw-requestid`), the correlation id of the functions' lines. */
  readonly correlationId?: string;
  /** Records in the batch (triggers) and the ids reported or treated as failed. */
  readonly batchSize?: number;
  readonly failedIds?: readonly string[];
  readonly error?: string;
  /** True when the outcome was forced by an injected fault. */
  readonly injected?: boolean;
}

export interface Fault {
  readonly function: string;
  /**
   * throw: the invocation fails before the handler runs; throw-after: the handler runs (its side effects
   * happen), then the invocation fails anyway, as a crash after a commit would; timeout: the invocation
   * runs out its timeout; partial: matching records are withheld from the handler and reported failed.
   */
  readonly kind: 'throw' | 'throw-after' | 'timeout' | 'partial';
  /** How many invocations (throw/timeout) or record deliveries (partial) it applies to. Default 1. */
  readonly times?: number;
  /** Only events/records for which this returns true (the SQS record, stream record, or HTTP event). */
  readonly match?: (recordOrEvent: unknown) => boolean;
}

export interface DlqMessage {
  readonly messageId: string;
  readonly body: string;
  readonly attributes: Readonly<Record<string, string>>;
}

export interface Sandbox {
  /** Base URL of the HTTP API, e.g. http://127.0.0.1:3000 */
  readonly url: string;
  readonly apiKey: string;
  /** The folder the UI is served from: this sandbox's own build, removed at stop (none without pages). */
  readonly webRoot: string | undefined;
  /** Resolves once no queue holds a message, no stream has unread records and nothing is running. */
  idle(timeoutMs?: number): Promise<void>;
  /** Every invocation so far, oldest first. */
  readonly invocations: readonly InvocationRecord[];
  /** What the functions printed, line by line, oldest first (a request's lines share its correlation_id). */
  readonly logs: readonly FunctionLogLine[];
  /** The EMF metrics the functions emitted so far, summed per metric and dimensions. */
  metrics(): MetricSummary[];
  inject(fault: Fault): void;
  /** Runs one event through a function as `sam local invoke -e` would (no gateway, no trigger): result or error. */
  invoke(fn: string, event: unknown): Promise<unknown>;
  /** The messages now in the DLQ of a manifest queue (left in place). */
  readDlq(queue: string): Promise<DlqMessage[]>;
  readonly clients: { readonly dynamo: DynamoDBDocumentClient; readonly sqs: SQSClient; readonly s3: S3Client };
  tableName(table: string): string;
  queueUrl(queue: string): string;
  bucketName(bucket: string): string;
  stop(): Promise<void>;
}
