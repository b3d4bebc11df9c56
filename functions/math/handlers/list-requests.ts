import { NotFoundError } from '#shared/errors.ts';
import { httpHandler } from '#shared/http/handler.ts';
import { calculationByName } from '../calculations/index.ts';
import { listRequestsContract } from '../contracts.ts';
import { listRequests } from '../store.ts';

export const handler = httpHandler(listRequestsContract, async ({ params, query }) => {
  if (!calculationByName(params.name)) {
    throw new NotFoundError(`No calculation named '${params.name}'.`, 'unknown_calculation');
  }
  return listRequests(params.name, query.limit, query.cursor);
});
