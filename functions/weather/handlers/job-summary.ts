import { httpHandler } from '#shared/http/handler.ts';
import { lazy } from '#shared/lazy.ts';
import { jobSummary } from '../app/jobs.ts';
import { jobSummaryContract } from '../contracts.ts';
import { JOBS_TABLE } from '../constants.ts';
import { jobReader } from '../store/jobs.ts';
import { resultsStore } from '../store/results.ts';
import { table } from './deps.ts';
import { quotaDeps } from './quota.ts';

const deps = lazy(() => ({
  jobs: jobReader(table(JOBS_TABLE)),
  results: resultsStore(table(JOBS_TABLE)),
  ...quotaDeps(),
}));

export const handler = httpHandler(jobSummaryContract, async ({ params, query }) =>
  jobSummary(deps(), params.id, query.top),
);
