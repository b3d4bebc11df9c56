import { httpHandler } from '#shared/http/handler.ts';
import { sessionTotals } from '../app/reads.ts';
import { sessionContract } from '../contracts.ts';
import { sessionsDeps } from './deps.ts';

export const handler = httpHandler(sessionContract, async ({ params }) =>
  sessionTotals(sessionsDeps(), params.sessionId),
);
