import { httpHandler } from '#shared/http/handler.ts';
import { listResultsContract } from '../contracts.ts';
import { requireJob } from '../jobs.ts';
import { listResults } from '../store/results.ts';

export const handler = httpHandler(listResultsContract, async ({ params, query }) => {
  await requireJob(params.id);
  return listResults(params.id, query.limit, query.cursor, query.status);
});
