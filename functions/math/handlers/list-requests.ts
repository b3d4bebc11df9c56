import { httpHandler } from '#shared/http/handler.ts';
import { lazy } from '#shared/lazy.ts';
import { listRequests } from '../app/list-requests.ts';
import { listRequestsContract } from '../contracts.ts';
import { requestLister } from '../store/index.ts';
import { requestsTable } from './deps.ts';

const deps = lazy(() => ({ store: requestLister(requestsTable()) }));

export const handler = httpHandler(listRequestsContract, async ({ params, query }) =>
  listRequests(deps(), params.name, query),
);
