import { httpHandler } from '#shared/http/handler.ts';
import { lazy } from '#shared/lazy.ts';
import { listHistoryContract } from '../contracts.ts';
import { HISTORY_TABLE } from '../constants.ts';
import { historyPages } from '../store/history.ts';
import { table } from './deps.ts';

const deps = lazy(() => ({ history: historyPages(table(HISTORY_TABLE)) }));

export const handler = httpHandler(listHistoryContract, async ({ query }) =>
  deps().history.list(query.limit, query.cursor),
);
