// Ready when the dependencies answer: a read of the cache table and the worker queue's attributes.
// A failure surfaces through the pipeline's mapping of unavailable dependencies (503).
import { httpHandler } from '#shared/http/handler.ts';
import { lazy } from '#shared/lazy.ts';
import { readyzContract } from '../contracts.ts';
import { CACHE_TABLE } from '../constants.ts';
import { readiness } from '../store/readiness.ts';
import { citiesQueueConfig, table } from './deps.ts';

const deps = lazy(() => ({ readiness: readiness({ ...table(CACHE_TABLE), ...citiesQueueConfig() }) }));

export const handler = httpHandler(readyzContract, async () => {
  await deps().readiness.check();
  return { status: 'ready' as const, checks: { dynamodb: 'ok' as const, sqs: 'ok' as const } };
});
