import { httpHandler } from '#shared/http/handler.ts';
import { listRequests } from '../app/list-requests.ts';
import { listRequestsContract } from '../contracts.ts';
import { listerDeps } from './deps.ts';

export const handler = httpHandler(listRequestsContract, async ({ params, query }) =>
  listRequests(listerDeps(), params.name, query),
);
