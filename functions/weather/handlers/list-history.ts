import { httpHandler } from '#shared/http/handler.ts';
import { listHistoryContract } from '../contracts.ts';
import { historyPagesDeps } from './deps.ts';

export const handler = httpHandler(listHistoryContract, async ({ query }) =>
  historyPagesDeps().history.list(query.limit, query.cursor),
);
