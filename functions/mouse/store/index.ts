// The mouse store: three tables (sessions, stats points, raw batches) and two queues, each reached
// through a `TableConfig` or `QueueConfig` (client and name) that the handlers build once per environment
// (deps.ts) and pass in. Plain functions that take it, as in palettes: a function's bundle then holds
// only the operations its handler calls.
export { loadBatches } from './batches.ts';
export { commitSession, type SessionTables } from './commit.ts';
export { enqueueBatch, enqueueGapCheck } from './events-queue.ts';
export { scheduleGapCheck } from './gap-checks.ts';
export type { TableConfig } from '#shared/dynamodb/table.ts';
export type { QueueConfig } from '#shared/queue/config.ts';
export { getSession, listSessions } from './sessions.ts';
export { listStats } from './stats.ts';
