import { httpHandler } from '#shared/http/handler.ts';
import { lazy } from '#shared/lazy.ts';
import { listJobResults } from '../app/jobs.ts';
import { listResultsContract } from '../contracts.ts';
import { JOBS_TABLE } from '../constants.ts';
import { jobReader } from '../store/jobs.ts';
import { resultsStore } from '../store/results.ts';
import { table } from './deps.ts';

const deps = lazy(() => ({ jobs: jobReader(table(JOBS_TABLE)), results: resultsStore(table(JOBS_TABLE)) }));

export const handler = httpHandler(listResultsContract, async ({ params, query }) =>
  listJobResults(deps(), params.id, query),
);
