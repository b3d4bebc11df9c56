import { httpHandler } from '#shared/http/handler.ts';
import { lazy } from '#shared/lazy.ts';
import { respond } from '#shared/http/response.ts';
import { clearHistoryContract } from '../contracts.ts';
import { HISTORY_TABLE } from '../constants.ts';
import { historyStore } from '../store/history.ts';
import { table } from './deps.ts';

const deps = lazy(() => ({ history: historyStore(table(HISTORY_TABLE)) }));

export const handler = httpHandler(clearHistoryContract, async () => {
  await deps().history.clear();
  return respond(204, undefined);
});
