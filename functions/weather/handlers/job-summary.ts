import { httpHandler } from '#shared/http/handler.ts';
import { lazy } from '#shared/lazy.ts';
import { jobSummary } from '../app/jobs.ts';
import { jobSummaryContract } from '../contracts/routes.ts';
import { jobReads, results } from './deps.ts';

const deps = lazy(() => ({ jobs: jobReads(), results: results() }));

export const handler = httpHandler(jobSummaryContract, async ({ params, query }) => jobSummary(deps(), params.id, query.top));
