// The mouse store: three tables (sessions, stats points, raw batches) and two queues, each reached
// through a handle (client and name) that the handlers build once per environment and pass in.
// Plain functions that take the handle, not one object of methods: esbuild then leaves out of each
// function's bundle the operations its route never calls.
export { loadBatches } from './batches.ts';
export { commitSession, type SessionTables } from './commit.ts';
export { enqueueBatch, enqueueGapCheck } from './events-queue.ts';
export { scheduleGapCheck } from './gap-checks.ts';
export type { Queue, Table } from './resources.ts';
export { getSession, listSessions } from './sessions.ts';
export { listStats } from './stats.ts';
