import { httpHandler } from '#shared/http/handler.ts';
import { listJobResults } from '../app/jobs.ts';
import { listResultsContract } from '../contracts.ts';
import { jobResultsDeps } from './deps.ts';

export const handler = httpHandler(listResultsContract, async ({ params, query }) =>
  listJobResults(jobResultsDeps(), params.id, query),
);
