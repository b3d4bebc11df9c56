// Ready when the dependencies answer: a read of the cache table and the worker queue's attributes.
// A failure surfaces through the pipeline's mapping of unavailable dependencies (503).
import { httpHandler } from '#shared/http/handler.ts';
import { lazy } from '#shared/lazy.ts';
import { readyzContract } from '../contracts/routes.ts';
import { cache, chunks } from './deps.ts';

const deps = lazy(() => ({ cache: cache(), chunks: chunks() }));

export const handler = httpHandler(readyzContract, async () => {
  await Promise.all([deps().cache.ping(), deps().chunks.ping()]);
  return { status: 'ready' as const, checks: { dynamodb: 'ok' as const, sqs: 'ok' as const } };
});
