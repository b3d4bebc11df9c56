import {
  BATCHES_TABLE,
  EVENTS_QUEUE,
  GAP_CHECKS_QUEUE,
  INDEXES,
  LATENESS_BOUND_ENV,
  MOUSE_SESSIONS_TABLE,
  STATS_TABLE,
} from './constants.ts';
import { ingestContract, listSessionsContract, sessionContract, statsContract } from './contracts.ts';
import type { ServiceManifest } from '#model/manifest.ts';

const AGGREGATE_TIMEOUT_SECONDS = 5;
const GAP_CHECK_TIMEOUT_SECONDS = 5;
/**
 * How long (of the batches' `received_at`) a gap in a session's seqs may stay open before it is passed
 * over. Reordering by a client's parallel or retried requests spans a few round trips; waiting longer
 * only holds the batches behind a lost one back from the chart.
 */
const LATENESS_BOUND_MS = 5_000;
const sessionKey = { name: 'session_id', type: 'S' } as const;
const seqKey = { name: 'seq', type: 'N' } as const;

export const mouse: ServiceManifest = {
  service: 'mouse',
  tables: [
    {
      name: MOUSE_SESSIONS_TABLE,
      partitionKey: sessionKey,
      indexes: [
        {
          name: INDEXES.byStarted,
          partitionKey: { name: 'kind', type: 'S' },
          sortKey: { name: 'started_at', type: 'S' },
        },
      ],
    },
    { name: STATS_TABLE, partitionKey: sessionKey, sortKey: seqKey },
    { name: BATCHES_TABLE, partitionKey: sessionKey, sortKey: seqKey },
  ],
  queues: [
    {
      name: EVENTS_QUEUE,
      // One message group per session: its batches are delivered in seq order, one session never
      // waits for another. Deduplication by explicit id (session#seq), not by content.
      fifo: true,
      // Six times the function timeout (AWS's advice for Lambda consumers). A failed batch holds its
      // session (FIFO) for this long before the retry.
      visibilityTimeoutSeconds: 6 * AGGREGATE_TIMEOUT_SECONDS,
      maxReceiveCount: 5,
      // The chart is live: a batch waits at most a failed batch's retries (5 x 30 s) in normal use.
      expectedBacklogSeconds: 5 * 60,
    },
    {
      // Standard, because only a standard queue delays one message: a gap check waits here until due.
      name: GAP_CHECKS_QUEUE,
      visibilityTimeoutSeconds: 6 * GAP_CHECK_TIMEOUT_SECONDS,
      maxReceiveCount: 5,
    },
  ],
  functions: [
    { name: 'mouse-ingest', entry: 'functions/mouse/handlers/ingest.ts', queues: { [EVENTS_QUEUE]: 'send' } },
    {
      name: 'mouse-aggregate',
      entry: 'functions/mouse/handlers/aggregate.ts',
      timeoutSeconds: AGGREGATE_TIMEOUT_SECONDS,
      // Reads the raw copies of pending batches when their gap fills.
      tables: { [MOUSE_SESSIONS_TABLE]: 'readwrite', [STATS_TABLE]: 'write', [BATCHES_TABLE]: 'readwrite' },
      queues: { [EVENTS_QUEUE]: 'consume', [GAP_CHECKS_QUEUE]: 'send' },
      environment: { [LATENESS_BOUND_ENV]: String(LATENESS_BOUND_MS) },
    },
    {
      name: 'mouse-gap-check',
      entry: 'functions/mouse/handlers/gap-check.ts',
      timeoutSeconds: GAP_CHECK_TIMEOUT_SECONDS,
      queues: { [GAP_CHECKS_QUEUE]: 'consume', [EVENTS_QUEUE]: 'send' },
    },
    { name: 'mouse-stats', entry: 'functions/mouse/handlers/stats.ts', tables: { [STATS_TABLE]: 'read' } },
    {
      name: 'mouse-get-session',
      entry: 'functions/mouse/handlers/get-session.ts',
      tables: { [MOUSE_SESSIONS_TABLE]: 'read' },
    },
    {
      name: 'mouse-list-sessions',
      entry: 'functions/mouse/handlers/list-sessions.ts',
      tables: { [MOUSE_SESSIONS_TABLE]: 'read' },
    },
  ],
  routes: [
    { method: 'POST', path: '/mouse/sessions/{sessionId}/events', function: 'mouse-ingest', contract: ingestContract },
    { method: 'GET', path: '/mouse/sessions/{sessionId}/stats', function: 'mouse-stats', contract: statsContract },
    { method: 'GET', path: '/mouse/sessions/{sessionId}', function: 'mouse-get-session', contract: sessionContract },
    { method: 'GET', path: '/mouse/sessions', function: 'mouse-list-sessions', contract: listSessionsContract },
  ],
  triggers: [
    {
      function: 'mouse-aggregate',
      source: { type: 'sqs', queue: EVENTS_QUEUE },
      // The FIFO maximum. No batching window: the chart wants each batch as soon as it is queued.
      batchSize: 10,
      reportBatchItemFailures: true,
    },
    {
      function: 'mouse-gap-check',
      source: { type: 'sqs', queue: GAP_CHECKS_QUEUE },
      batchSize: 10,
      reportBatchItemFailures: true,
    },
  ],
};
