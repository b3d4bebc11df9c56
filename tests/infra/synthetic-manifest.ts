// A tiny app exercising what the real services may not (yet): a bucket with notifications, a FIFO
// queue, a stream trigger with an on-failure queue, secrets and every access mode.
import type { AppManifest } from '#model/manifest.ts';

const ENTRY = 'functions/math/handlers/calculate.ts';

export const syntheticManifest: AppManifest = {
  tables: [
    {
      name: 'orders',
      partitionKey: { name: 'pk', type: 'S' },
      sortKey: { name: 'sk', type: 'N' },
      indexes: [{ name: 'by-status', partitionKey: { name: 'status', type: 'S' } }],
      stream: 'NEW_AND_OLD_IMAGES',
      ttlAttribute: 'expires_at',
    },
  ],
  queues: [
    { name: 'uploads-queue', visibilityTimeoutSeconds: 30, maxReceiveCount: 3 },
    {
      name: 'ordered.fifo',
      fifo: true,
      contentBasedDeduplication: true,
      visibilityTimeoutSeconds: 60,
      maxReceiveCount: 5,
    },
  ],
  buckets: [
    { name: 'uploads', notifications: [{ prefix: 'incoming/', queue: 'uploads-queue' }], browserUploads: true },
  ],
  functions: [
    {
      name: 'reader',
      entry: ENTRY,
      tables: { orders: 'read' },
      buckets: { uploads: 'read' },
      secrets: ['provider-key'],
    },
    {
      name: 'writer',
      entry: ENTRY,
      tables: { orders: 'write' },
      buckets: { uploads: 'write' },
      queues: { 'ordered.fifo': 'send' },
    },
    {
      name: 'worker',
      entry: ENTRY,
      timeoutSeconds: 30,
      memoryMb: 1024,
      reservedConcurrency: { executions: 5, reason: 'exercises a reservation' },
      queues: { 'uploads-queue': 'consume' },
    },
    { name: 'relay', entry: ENTRY, queues: { 'ordered.fifo': 'send-consume' } },
  ],
  routes: [
    {
      method: 'POST',
      path: '/orders/{id}',
      function: 'writer',
      contract: { auth: 'api-key', summary: 'Write an order' },
    },
  ],
  triggers: [
    {
      function: 'worker',
      source: { type: 'sqs', queue: 'uploads-queue' },
      batchSize: 5,
      maxBatchingWindowSeconds: 2,
      reportBatchItemFailures: true,
      maxConcurrency: 2,
    },
    {
      function: 'relay',
      source: { type: 'dynamodb-stream', table: 'orders' },
      batchSize: 50,
      reportBatchItemFailures: true,
      startingPosition: 'TRIM_HORIZON',
      retryAttempts: 3,
      bisectBatchOnError: true,
    },
  ],
};
