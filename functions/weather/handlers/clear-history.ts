import { httpHandler } from '#shared/http/handler.ts';
import { respond } from '#shared/http/response.ts';
import { clearHistoryContract } from '../contracts.ts';
import { clearHistory } from '../store/history.ts';

export const handler = httpHandler(clearHistoryContract, async () => {
  await clearHistory();
  return respond(204, undefined);
});
