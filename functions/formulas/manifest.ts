import { FORMULAS_QUEUE, FORMULAS_TABLE, FORMULAS_IDEMPOTENCY_TABLE, INDEXES, METRICS } from './constants.ts';
import { getContract, listContract, redriveContract, submitContract } from './contracts.ts';
import type { ServiceManifest } from '#model/manifest.ts';

const PROCESS_TIMEOUT_SECONDS = 10;

export const formulas: ServiceManifest = {
  service: 'formulas',
  tables: [
    {
      name: FORMULAS_TABLE,
      // Keyed by the fingerprint: the uniqueness of a make-up is the key itself, one conditional Put.
      partitionKey: { name: 'fingerprint', type: 'S' },
      indexes: [
        { name: INDEXES.byId, partitionKey: { name: 'id', type: 'S' } },
        {
          name: INDEXES.byCreated,
          partitionKey: { name: 'kind', type: 'S' },
          sortKey: { name: 'created_at', type: 'S' },
        },
      ],
      // The outbox: the relay publishes what this stream shows was stored.
      stream: 'NEW_IMAGE',
    },
    { name: FORMULAS_IDEMPOTENCY_TABLE, partitionKey: { name: 'id', type: 'S' }, ttlAttribute: 'expiration' },
  ],
  queues: [
    {
      name: FORMULAS_QUEUE,
      // AWS's advice for Lambda consumers: six times the function timeout, so a slow batch and its
      // retries by the poller do not make a message visible again while it is being processed.
      visibilityTimeoutSeconds: 6 * PROCESS_TIMEOUT_SECONDS,
      maxReceiveCount: 5,
    },
  ],
  functions: [
    {
      name: 'formulas-submit',
      entry: 'functions/formulas/handlers/submit.ts',
      tables: { [FORMULAS_TABLE]: 'write', [FORMULAS_IDEMPOTENCY_TABLE]: 'readwrite' },
    },
    { name: 'formulas-get', entry: 'functions/formulas/handlers/get.ts', tables: { [FORMULAS_TABLE]: 'read' } },
    { name: 'formulas-list', entry: 'functions/formulas/handlers/list.ts', tables: { [FORMULAS_TABLE]: 'read' } },
    { name: 'formulas-relay', entry: 'functions/formulas/handlers/relay.ts', queues: { [FORMULAS_QUEUE]: 'send' } },
    {
      name: 'formulas-process',
      entry: 'functions/formulas/handlers/process.ts',
      timeoutSeconds: PROCESS_TIMEOUT_SECONDS,
      tables: { [FORMULAS_TABLE]: 'write' },
      queues: { [FORMULAS_QUEUE]: 'consume' },
    },
    {
      name: 'formulas-redrive',
      entry: 'functions/formulas/handlers/redrive.ts',
      // Finds the DLQ from the queue's redrive policy, moves its messages back to the queue.
      queues: { [FORMULAS_QUEUE]: 'redrive' },
    },
  ],
  routes: [
    { method: 'POST', path: '/formulas', function: 'formulas-submit', contract: submitContract },
    { method: 'GET', path: '/formulas', function: 'formulas-list', contract: listContract },
    { method: 'GET', path: '/formulas/{id}', function: 'formulas-get', contract: getContract },
    { method: 'POST', path: '/formulas/dlq/redrive', function: 'formulas-redrive', contract: redriveContract },
  ],
  triggers: [
    {
      function: 'formulas-relay',
      source: { type: 'dynamodb-stream', table: FORMULAS_TABLE },
      batchSize: 100,
      reportBatchItemFailures: true,
      // From the oldest record: a formula stored before the mapping was enabled is still published.
      startingPosition: 'TRIM_HORIZON',
      // Bounded (ten retries or an hour, whichever comes first) so one poison record cannot hold the
      // shard for the stream's 24 h. The record's shard and sequence numbers then go to the alarmed
      // failure queue; the formula stays stored, unpublished, until someone relays it by hand.
      retryAttempts: 10,
      maxRecordAgeSeconds: 60 * 60,
      // A failing batch is split so one bad record cannot hold back the others' retries.
      bisectBatchOnError: true,
    },
    {
      function: 'formulas-process',
      source: { type: 'sqs', queue: FORMULAS_QUEUE },
      batchSize: 10,
      reportBatchItemFailures: true,
    },
  ],
  metrics: { counts: Object.values(METRICS) },
};
