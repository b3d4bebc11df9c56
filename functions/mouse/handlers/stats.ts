import { httpHandler } from '#shared/http/handler.ts';
import { sessionStats } from '../app/reads.ts';
import { statsContract } from '../contracts.ts';
import { statsDeps } from './deps.ts';

export const handler = httpHandler(statsContract, async ({ params, query }) =>
  sessionStats(statsDeps(), params.sessionId, query),
);
