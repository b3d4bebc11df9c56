import { httpHandler } from '#shared/http/handler.ts';
import { listSessionTotals } from '../app/reads.ts';
import { listSessionsContract } from '../contracts.ts';
import { sessionsDeps } from './deps.ts';

export const handler = httpHandler(listSessionsContract, async ({ query }) => listSessionTotals(sessionsDeps(), query));
