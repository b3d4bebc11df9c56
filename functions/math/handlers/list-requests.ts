import { httpHandler } from '#shared/http/handler.ts';
import { listRequests } from '../app/list-requests.ts';
import { listRequestsContract } from '../contracts.ts';
import { listing } from './deps.ts';

export const handler = httpHandler(listRequestsContract, async ({ params, query }) => listRequests(listing(), params.name, query));
