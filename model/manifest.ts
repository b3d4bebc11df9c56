// The app definition's vocabulary. Plain data: read by the CDK stacks (infra/suite.ts) and by the
// offline sandbox (local/), so a route, queue or trigger is described exactly once.
import type * as z from './zod.ts';

export type AuthMode = 'public' | 'user' | 'api-key';
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
export type KeyType = 'S' | 'N';

export interface KeyDef {
  readonly name: string;
  readonly type: KeyType;
}

export interface TableDef {
  readonly name: string;
  readonly partitionKey: KeyDef;
  readonly sortKey?: KeyDef;
  readonly indexes?: readonly { readonly name: string; readonly partitionKey: KeyDef; readonly sortKey?: KeyDef }[];
  /** Enables a DynamoDB stream with this view type. */
  readonly stream?: 'NEW_IMAGE' | 'OLD_IMAGE' | 'NEW_AND_OLD_IMAGES' | 'KEYS_ONLY';
  /** Attribute holding an epoch-seconds expiry. */
  readonly ttlAttribute?: string;
}

export interface QueueDef {
  readonly name: string;
  readonly fifo?: boolean;
  readonly contentBasedDeduplication?: boolean;
  /** Must be >= the timeout of every function consuming the queue (checked by stack and sandbox). */
  readonly visibilityTimeoutSeconds: number;
  /** Receives before a message moves to the queue's DLQ (`<name>-dlq`). AWS advises >= 5 for Lambda consumers. */
  readonly maxReceiveCount: number;
  /**
   * How old the oldest message gets in normal use (a large import, a burst): the queue's age alarm
   * fires past it. Default: the settings' `oldestMessageAgeSeconds`.
   */
  readonly expectedBacklogSeconds?: number;
}

export interface BucketDef {
  readonly name: string;
  /** S3 event notifications (ObjectCreated) for keys under `prefix` go to `queue`. */
  readonly notifications?: readonly { readonly prefix: string; readonly queue: string }[];
  /**
   * The pages PUT files to presigned URLs of this bucket from the browser: S3 answers their CORS preflight
   * (docs/security.md, "Presigned uploads from the browser").
   */
  readonly browserUploads?: boolean;
}

export type TableAccess = 'read' | 'write' | 'readwrite';
/** `redrive`: send to the queue, read its attributes (to find the DLQ) and consume its DLQ. */
export type QueueAccess = 'send' | 'consume' | 'send-consume' | 'redrive';
export type BucketAccess = 'read' | 'write' | 'readwrite';

export interface FunctionDef {
  readonly name: string;
  /** The service that declares it (set by mergeServices): the stack it deploys in. */
  readonly service?: string;
  /** Path of the handler module from the repository root; it exports `handler`. */
  readonly entry: string;
  readonly timeoutSeconds?: number;
  readonly memoryMb?: number;
  /**
   * Reserved concurrency in AWS (and the worker pool size in the sandbox). Only with a reason: a
   * reservation takes from the account's pool, and Lambda refuses one that leaves fewer than 10
   * unreserved, which is the whole quota of many new accounts. Cap a queue consumer with its
   * trigger's maxConcurrency instead.
   */
  readonly reservedConcurrency?: { readonly executions: number; readonly reason: string };
  readonly tables?: Readonly<Record<string, TableAccess>>;
  readonly queues?: Readonly<Record<string, QueueAccess>>;
  readonly buckets?: Readonly<Record<string, BucketAccess>>;
  /** Names of secrets the function reads (Secrets Manager in AWS, env in the sandbox). */
  readonly secrets?: readonly string[];
  /** Extra plain environment (never secrets). */
  readonly environment?: Readonly<Record<string, string>>;
}

export interface RouteContract {
  /** Who may call the route; the handler's principal type follows from it. */
  readonly auth: AuthMode;
  readonly summary: string;
  readonly tags?: readonly string[];
  readonly query?: z.core.$ZodType;
  readonly params?: z.core.$ZodType;
  readonly body?: z.core.$ZodType;
  /** Success status -> response body schema. */
  readonly responses?: Readonly<Record<number, z.core.$ZodType>>;
}

/** Steady requests per second and the burst a token bucket allows above it (API Gateway throttling). */
export interface Throttle {
  readonly rateLimit: number;
  readonly burstLimit: number;
}

export interface RouteDef {
  readonly method: HttpMethod;
  /** API Gateway path syntax: `/teams/{id}`. */
  readonly path: string;
  readonly function: string;
  readonly contract: RouteContract;
  /** A limit tighter than the stage's (e.g. a public route running an expensive hash). AWS only. */
  readonly throttle?: Throttle;
}

/**
 * The HTTP API's `$default` route: every request no route matches (unknown path, other method, and
 * OPTIONS, preflights included) goes to this function. Public; it is not part of the OpenAPI document.
 */
export interface DefaultRouteDef {
  readonly function: string;
}

interface TriggerCommon {
  readonly function: string;
  readonly batchSize: number;
  readonly maxBatchingWindowSeconds?: number;
  readonly reportBatchItemFailures: boolean;
}

export interface QueueTrigger extends TriggerCommon {
  readonly source: { readonly type: 'sqs'; readonly queue: string };
  /**
   * An upper bound on the event source mapping's maximum concurrency (2..1000 in AWS), e.g. a third
   * party's limit. The deployment's concurrency budget (model/concurrency.ts) may set a lower one.
   */
  readonly maxConcurrency?: number;
}

export interface StreamTrigger extends TriggerCommon {
  readonly source: { readonly type: 'dynamodb-stream'; readonly table: string };
  readonly startingPosition: 'TRIM_HORIZON' | 'LATEST';
  readonly retryAttempts: number;
  readonly bisectBatchOnError?: boolean;
  /** Records older than this go to the on-failure queue unprocessed (AWS only: sandbox records are fresh). */
  readonly maxRecordAgeSeconds?: number;
}

export type TriggerDef = QueueTrigger | StreamTrigger;

/** The business metrics a service publishes (shared/metrics.ts), as the dashboard graphs them. */
export interface ServiceMetrics {
  /** Counted per period: graphed as sums. */
  readonly counts?: readonly string[];
  /** Durations in ms: graphed as p50, p95 and p99. */
  readonly timings?: readonly string[];
}

export interface ServiceManifest {
  readonly service: string;
  readonly tables?: readonly TableDef[];
  readonly queues?: readonly QueueDef[];
  readonly buckets?: readonly BucketDef[];
  readonly functions: readonly FunctionDef[];
  readonly routes?: readonly RouteDef[];
  readonly defaultRoute?: DefaultRouteDef;
  readonly triggers?: readonly TriggerDef[];
  readonly metrics?: ServiceMetrics;
}

/** The app as written: the services' fragments merged (app.ts), or a test's own. */
export interface AppManifest {
  readonly tables: readonly TableDef[];
  readonly queues: readonly QueueDef[];
  readonly buckets: readonly BucketDef[];
  readonly functions: readonly FunctionDef[];
  readonly routes: readonly RouteDef[];
  readonly defaultRoute?: DefaultRouteDef;
  readonly triggers: readonly TriggerDef[];
  /** Each service's business metrics, by service (the dashboard's). */
  readonly metrics?: Readonly<Record<string, ServiceMetrics>>;
  /** App-wide defaults; model/settings.ts when absent. */
  readonly settings?: AppSettings;
}

export interface ResolvedFunctionDef extends FunctionDef {
  readonly timeoutSeconds: number;
  readonly memoryMb: number;
}

/** The app checked once, with every default filled in: what the stack, the sandbox and the OpenAPI document read. */
export interface ResolvedApp extends AppManifest {
  readonly functions: readonly ResolvedFunctionDef[];
  readonly settings: AppSettings;
}

/** Browser access rules of the API, as the stack's CORS configuration and the sandbox's headers. */
export interface CorsSettings {
  readonly allowOrigins: readonly string[];
  readonly allowMethods: readonly (HttpMethod | 'OPTIONS')[];
  readonly allowHeaders: readonly string[];
  readonly maxAgeSeconds: number;
}

/** App-wide defaults of a deployment; the CDK context overrides some (infra/context.ts). */
export interface AppSettings {
  readonly cors: CorsSettings;
  /** Every route's limit unless the route sets a tighter one. */
  readonly stageThrottle: Throttle;
  readonly alarms: {
    /**
     * Every rate alarm looks at this many five-minute periods and fires when `datapointsToAlarm` of
     * them breach: a lasting problem pages, one bad minute does not.
     */
    readonly evaluationPeriods: number;
    readonly datapointsToAlarm: number;
    /** Share of a function's invocations that failed or were throttled, in percent. */
    readonly functionFailurePercent: number;
    /** API responses with a 5xx status tolerated within five minutes. */
    readonly maxApi5xxPerFiveMinutes: number;
    /** The account's concurrent executions, in percent of the quota, above which users start to be throttled. */
    readonly accountConcurrencyPercent: number;
    /** Age of a queue's oldest message unless the queue says its own (`expectedBacklogSeconds`). */
    readonly oldestMessageAgeSeconds: number;
    /** Age of the newest record a stream consumer has read: it is stuck or far behind. */
    readonly streamIteratorAgeSeconds: number;
  };
  readonly retention: {
    readonly logDays: number;
    /** Files uploaded for bulk imports (the job keeps its results in DynamoDB). */
    readonly uploadsDays: number;
    readonly accessLogDays: number;
  };
}
