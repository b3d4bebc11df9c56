import { httpHandler } from '#shared/http/handler.ts';
import { lazy } from '#shared/lazy.ts';
import { listHistoryContract } from '../contracts/routes.ts';
import { historyList } from './deps.ts';

const deps = lazy(() => ({ history: historyList() }));

export const handler = httpHandler(listHistoryContract, async ({ query }) => deps().history.list(query.limit, query.cursor));
