import { httpHandler } from '#shared/http/handler.ts';
import { lazy } from '#shared/lazy.ts';
import { respond } from '#shared/http/response.ts';
import { clearHistoryContract } from '../contracts/routes.ts';
import { history } from './deps.ts';

const deps = lazy(() => ({ history: history() }));

export const handler = httpHandler(clearHistoryContract, async () => {
  await deps().history.clear();
  return respond(204, undefined);
});
