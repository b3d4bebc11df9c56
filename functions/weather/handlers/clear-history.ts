import { httpHandler } from '#shared/http/handler.ts';
import { respond } from '#shared/http/response.ts';
import { clearHistoryContract } from '../contracts.ts';
import { historyDeps } from './deps.ts';

export const handler = httpHandler(clearHistoryContract, async () => {
  await historyDeps().history.clear();
  return respond(204, undefined);
});
