// Resource names and limits of the weather service.

/** Current conditions keyed by normalised city (`city_key`), expiring via TTL on `expires_at`. */
export const CACHE_TABLE = 'weather-cache';
/** Lookup history: partition `gen#<generation>`, newest-first sort key; plus the generation counter. */
export const HISTORY_TABLE = 'weather-history';
/** One City per normalised name (`city_key`): the bulk pipeline's idempotent upserts. */
export const CITIES_TABLE = 'weather-cities';
/** Bulk jobs (`sk = job`) and their per-city results (`sk = result#<city_key>`) in one partition. */
export const JOBS_TABLE = 'weather-jobs';
/** The provider quota's state, shared by every caller: one item per class of caller (store/rate-limiter.ts). */
export const QUOTA_TABLE = 'weather-quota';
export const IMPORTS_BUCKET = 'weather-imports';
/** S3 notifications of new imports (object keys under IMPORTS_PREFIX). */
export const IMPORTS_QUEUE = 'weather-imports';
/** Chunks of a job's distinct cities (LIMITS.chunkCities per message), consumed by the workers. */
export const CITIES_QUEUE = 'weather-cities';
export const IMPORTS_PREFIX = 'imports/';

export const INDEXES = {
  /** `job_status = <job_id>#<status>`: a job's results with one status, by city. */
  byStatus: 'by-status',
  /** `job_id`, `refreshed_at`: a job's most recently refreshed cities. */
  byRefreshed: 'by-refreshed',
} as const;

export const JOB_STATUS = { queued: 'queued', running: 'running', done: 'done', failed: 'failed' } as const;
export type JobStatus = (typeof JOB_STATUS)[keyof typeof JOB_STATUS];

/** Why a running job pauses: the provider's quota has no turn for it soon, or the provider is down. */
export const WAITING_FOR = ['provider_quota', 'provider_outage'] as const;
export type WaitingFor = (typeof WAITING_FOR)[number];

export const RESULT_STATUS = { succeeded: 'succeeded', failed: 'failed' } as const;
export type ResultStatus = (typeof RESULT_STATUS)[keyof typeof RESULT_STATUS];

export const LIMITS = {
  cityLength: 100,
  /** Rejected rows kept as examples on a job (all are counted). */
  rejectedExamples: 20,
  /**
   * `POST /bulk/import` bodies; larger files go through a presigned upload. Below MAX_SYNC_BODY_BYTES
   * (model/constants.ts), so that a body too large is answered 413 by the function, not 500 by the gateway.
   */
  importBytes: 4 * 1024 * 1024,
  summaryTop: 100,
  /** SendMessageBatch maximum (entries). */
  sqsBatch: 10,
  /** SendMessageBatch maximum (bytes, all entries together). */
  sqsBatchBytes: 256 * 1024,
  /**
   * Cities per worker message: 100 makes SQS requests per city (send + receive + delete) about 0.01,
   * and one chunk is one Open-Meteo forecast call and two or three transactions.
   */
  chunkCities: 100,
  /** Batches of cities (sqsBatch chunks each) the splitter upserts and sends at once. */
  splitConcurrency: 4,
  /** Coordinates per Open-Meteo forecast request (it takes comma-separated lists). */
  forecastBatch: 100,
  /** Per-city provider calls (geocoding, OpenWeather) in flight per chunk. */
  providerConcurrency: 4,
} as const;

/** DynamoDB's per-request limits. */
export const DYNAMO = { batchGet: 100, batchWrite: 25, transactItems: 100 } as const;

export const CACHE_TTL_SECONDS = 15 * 60;
/** Cleared history generations linger this long before TTL deletes them. */
export const HISTORY_TTL_SECONDS = 30 * 24 * 60 * 60;
export const PRESIGNED_URL_SECONDS = 15 * 60;
/**
 * A city whose provider stays unavailable is settled as failed on this receive rather than retried
 * to the DLQ (maxReceiveCount 5), so every job still reaches `done`.
 */
export const SETTLE_UNAVAILABLE_ON_RECEIVE = 3;

/** Business metrics (shared/metrics.ts); the dashboard graphs them. */
export const METRICS = {
  /** Cities looked up (interactive or bulk); with cacheHits, the cache hit ratio. */
  lookups: 'WeatherLookups',
  cacheHits: 'WeatherCacheHits',
  /** HTTP requests to the provider (each attempt), their latency, and the failed and throttled ones. */
  providerCalls: 'WeatherProviderCalls',
  providerLatency: 'WeatherProviderLatency',
  providerErrors: 'WeatherProviderErrors',
  providerThrottled: 'WeatherProviderThrottled',
  /** Bulk cities settled, by dimension `outcome` (succeeded / failed). */
  bulkCities: 'BulkCitiesProcessed',
  /** Bulk jobs finished, by dimension `outcome` (done / failed). */
  bulkJobs: 'BulkJobsFinished',
} as const;
