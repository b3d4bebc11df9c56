// Ready when the dependencies answer: a read of the cache table and the worker queue's attributes.
// A failure surfaces through the pipeline's mapping of unavailable dependencies (503).
import { httpHandler } from '#shared/http/handler.ts';
import { readyzContract } from '../contracts.ts';
import { readinessDeps } from './deps.ts';

export const handler = httpHandler(readyzContract, async () => {
  await readinessDeps().readiness.check();
  return { status: 'ready' as const, checks: { dynamodb: 'ok' as const, sqs: 'ok' as const } };
});
