// What the mouse use cases are given, built once per execution environment on first use. One builder
// per kind of function, because each reads only the tables and queues its manifest entry grants.
import * as z from '#model/zod.ts';
import { documentClient } from '#shared/clients/dynamodb.ts';
import { sqsClient } from '#shared/clients/sqs.ts';
import { intVar, queueUrl, readEnv, tableName } from '#shared/config.ts';
import { lazy } from '#shared/lazy.ts';
import type { AggregateDeps } from '../app/aggregate.ts';
import type { EventsDeps } from '../app/ingest.ts';
import {
  BATCHES_TABLE,
  EVENTS_QUEUE,
  GAP_CHECKS_QUEUE,
  LATENESS_BOUND_ENV,
  LIMITS,
  MOUSE_SESSIONS_TABLE,
  STATS_TABLE,
} from '../constants.ts';
import type { QueueConfig, TableConfig } from '../store/index.ts';

const table = (name: string): TableConfig => ({ db: documentClient(), table: tableName(name) });
const queue = (name: string): QueueConfig => ({ sqs: sqsClient(), url: queueUrl(name) });

/** The aggregator's lateness bound, set in the manifest. */
const latenessBoundMs = (): number => {
  const env = readEnv(z.object({ [LATENESS_BOUND_ENV]: intVar(0, LIMITS.latenessBoundMs) }));
  return env[LATENESS_BOUND_ENV];
};

// Marked pure so that a function's bundle keeps only the builder its handler calls.

export const aggregateDeps = /* @__PURE__ */ lazy(
  (): AggregateDeps => ({
    sessions: table(MOUSE_SESSIONS_TABLE),
    stats: table(STATS_TABLE),
    batches: table(BATCHES_TABLE),
    gapChecks: queue(GAP_CHECKS_QUEUE),
    boundMs: latenessBoundMs(),
  }),
);
export const eventsDeps = /* @__PURE__ */ lazy((): EventsDeps => ({ events: queue(EVENTS_QUEUE) }));
export const sessionsDeps = /* @__PURE__ */ lazy(() => ({ sessions: table(MOUSE_SESSIONS_TABLE) }));
export const statsDeps = /* @__PURE__ */ lazy(() => ({ stats: table(STATS_TABLE) }));
