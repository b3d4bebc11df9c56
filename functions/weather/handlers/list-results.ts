import { httpHandler } from '#shared/http/handler.ts';
import { lazy } from '#shared/lazy.ts';
import { listJobResults } from '../app/jobs.ts';
import { listResultsContract } from '../contracts/routes.ts';
import { jobReads, results } from './deps.ts';

const deps = lazy(() => ({ jobs: jobReads(), results: results() }));

export const handler = httpHandler(listResultsContract, async ({ params, query }) => listJobResults(deps(), params.id, query));
