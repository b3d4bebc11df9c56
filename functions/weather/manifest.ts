import {
  CACHE_TABLE,
  CITIES_QUEUE,
  CITIES_TABLE,
  HISTORY_TABLE,
  IMPORTS_BUCKET,
  IMPORTS_PREFIX,
  IMPORTS_QUEUE,
  INDEXES,
  JOBS_TABLE,
  METRICS,
  QUOTA_TABLE,
} from './constants.ts';
import {
  bulkImportContract,
  bulkUploadContract,
  clearHistoryContract,
  getJobContract,
  getWeatherContract,
  healthzContract,
  jobSummaryContract,
  listHistoryContract,
  listResultsContract,
  readyzContract,
} from './contracts.ts';
import type { FunctionDef, RouteDef, ServiceManifest } from '#model/manifest.ts';

// A lookup may wait for the provider: 3 attempts of at most 2.5 s plus backoff (provider/config.ts).
const LOOKUP_TIMEOUT_SECONDS = 15;
// Streams a whole file, upserting and sending cities in batches of 1,000. Lambda's maximum: a 100k-row
// split ran past 300 s against DynamoDB Local on the loaded dev machine (functions/weather/README.md, benchmarks),
// and a split cut short by its timeout waits out the visibility timeout before it is redone.
const SPLITTER_TIMEOUT_SECONDS = 900;
// A batch is up to 5 chunks of 100 cities: 500 cities, provider calls bounded per chunk and retried.
const WORKER_TIMEOUT_SECONDS = 60;

const fn = (name: string, handler: string, rest: Omit<FunctionDef, 'name' | 'entry'> = {}): FunctionDef => ({
  name: `weather-${name}`,
  entry: `functions/weather/handlers/${handler}.ts`,
  ...rest,
});

const route = (method: RouteDef['method'], path: string, name: string, contract: RouteDef['contract']): RouteDef => ({
  method,
  path,
  function: `weather-${name}`,
  contract,
});

export const weather: ServiceManifest = {
  service: 'weather',
  tables: [
    { name: CACHE_TABLE, partitionKey: { name: 'city_key', type: 'S' }, ttlAttribute: 'expires_at' },
    // pk `gen#<n>` (+ the `meta` counter item), sk `<searched_at>#<uuid>`: newest first per generation.
    {
      name: HISTORY_TABLE,
      partitionKey: { name: 'pk', type: 'S' },
      sortKey: { name: 'sk', type: 'S' },
      ttlAttribute: 'expires_at',
    },
    { name: CITIES_TABLE, partitionKey: { name: 'city_key', type: 'S' } },
    { name: QUOTA_TABLE, partitionKey: { name: 'bucket', type: 'S' } },
    {
      name: JOBS_TABLE,
      partitionKey: { name: 'job_id', type: 'S' },
      sortKey: { name: 'sk', type: 'S' },
      indexes: [
        { name: INDEXES.byStatus, partitionKey: { name: 'job_status', type: 'S' }, sortKey: { name: 'sk', type: 'S' } },
        {
          name: INDEXES.byRefreshed,
          partitionKey: { name: 'job_id', type: 'S' },
          sortKey: { name: 'refreshed_at', type: 'S' },
        },
      ],
    },
  ],
  queues: [
    // Six times the consumer's timeout (AWS's advice), so a running batch never reappears; five
    // receives (AWS's advice for Lambda consumers: a throttled receive counts as one).
    {
      name: IMPORTS_QUEUE,
      visibilityTimeoutSeconds: 6 * SPLITTER_TIMEOUT_SECONDS,
      maxReceiveCount: 5,
      // A file may wait behind two others of the splitter's longest run.
      expectedBacklogSeconds: 2 * SPLITTER_TIMEOUT_SECONDS,
    },
    // maxReceiveCount above SETTLE_UNAVAILABLE_ON_RECEIVE: a city is settled as failed before it could reach the DLQ.
    {
      name: CITIES_QUEUE,
      visibilityTimeoutSeconds: 6 * WORKER_TIMEOUT_SECONDS,
      maxReceiveCount: 5,
      // A large import queues all its chunks at once: 1M rows are ~240 worker runs of ~5 s, half an
      // hour at the smallest budget (two workers) once AWS's latencies are counted.
      expectedBacklogSeconds: 30 * 60,
    },
  ],
  buckets: [
    {
      name: IMPORTS_BUCKET,
      notifications: [{ prefix: IMPORTS_PREFIX, queue: IMPORTS_QUEUE }],
      // The bulk page PUTs files over 4 MB to a presigned URL (POST /bulk/uploads).
      browserUploads: true,
    },
  ],
  functions: [
    fn('get', 'get-weather', {
      timeoutSeconds: LOOKUP_TIMEOUT_SECONDS,
      tables: { [CACHE_TABLE]: 'readwrite', [HISTORY_TABLE]: 'readwrite', [QUOTA_TABLE]: 'readwrite' },
    }),
    fn('history-list', 'list-history', { tables: { [HISTORY_TABLE]: 'read' } }),
    fn('history-clear', 'clear-history', { tables: { [HISTORY_TABLE]: 'readwrite' } }),
    fn('healthz', 'healthz'),
    fn('readyz', 'readyz', { tables: { [CACHE_TABLE]: 'read' }, queues: { [CITIES_QUEUE]: 'send' } }),
    fn('bulk-import', 'bulk-import', { tables: { [JOBS_TABLE]: 'readwrite' }, buckets: { [IMPORTS_BUCKET]: 'write' } }),
    fn('bulk-upload', 'bulk-upload', { tables: { [JOBS_TABLE]: 'write' }, buckets: { [IMPORTS_BUCKET]: 'write' } }),
    // A running job's view reads the provider quota's state (when it waits, when it should finish).
    fn('job-get', 'get-job', { tables: { [JOBS_TABLE]: 'read', [QUOTA_TABLE]: 'read' } }),
    fn('job-results', 'list-results', { tables: { [JOBS_TABLE]: 'read' } }),
    fn('job-summary', 'job-summary', { tables: { [JOBS_TABLE]: 'read', [QUOTA_TABLE]: 'read' } }),
    fn('splitter', 'splitter', {
      timeoutSeconds: SPLITTER_TIMEOUT_SECONDS,
      tables: { [JOBS_TABLE]: 'readwrite', [CITIES_TABLE]: 'readwrite' },
      buckets: { [IMPORTS_BUCKET]: 'read' },
      queues: { [IMPORTS_QUEUE]: 'consume', [CITIES_QUEUE]: 'send' },
    }),
    fn('worker', 'worker', {
      timeoutSeconds: WORKER_TIMEOUT_SECONDS,
      tables: {
        [CACHE_TABLE]: 'readwrite',
        [JOBS_TABLE]: 'readwrite',
        [CITIES_TABLE]: 'readwrite',
        [QUOTA_TABLE]: 'readwrite',
      },
      // send: a chunk the quota has no turn for soon goes back on the queue, delayed until it has.
      queues: { [CITIES_QUEUE]: 'send-consume' },
    }),
  ],
  routes: [
    route('GET', '/weather', 'get', getWeatherContract),
    route('GET', '/history', 'history-list', listHistoryContract),
    route('DELETE', '/history', 'history-clear', clearHistoryContract),
    route('GET', '/healthz', 'healthz', healthzContract),
    route('GET', '/readyz', 'readyz', readyzContract),
    route('POST', '/bulk/import', 'bulk-import', bulkImportContract),
    route('POST', '/bulk/uploads', 'bulk-upload', bulkUploadContract),
    route('GET', '/bulk/jobs/{id}', 'job-get', getJobContract),
    route('GET', '/bulk/jobs/{id}/results', 'job-results', listResultsContract),
    route('GET', '/bulk/jobs/{id}/summary', 'job-summary', jobSummaryContract),
  ],
  triggers: [
    {
      function: 'weather-splitter',
      source: { type: 'sqs', queue: IMPORTS_QUEUE },
      // One file per invocation: a long split never holds another file's notification back.
      batchSize: 1,
      reportBatchItemFailures: true,
    },
    {
      function: 'weather-worker',
      source: { type: 'sqs', queue: CITIES_QUEUE },
      // 5 chunks of 100 cities: one receive and one delete per 500 cities.
      batchSize: 5,
      reportBatchItemFailures: true,
      // Fills batches under load instead of invoking per message.
      maxBatchingWindowSeconds: 1,
      // With the batch size and LIMITS.providerConcurrency per chunk, caps the per-city provider calls in
      // flight at 4 x 5 x 4 = 80 (no reserved concurrency needed).
      maxConcurrency: 4,
    },
  ],
  metrics: {
    counts: Object.values(METRICS).filter((name) => name !== METRICS.providerLatency),
    timings: [METRICS.providerLatency],
  },
};
