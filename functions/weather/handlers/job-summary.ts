import { httpHandler } from '#shared/http/handler.ts';
import { jobSummary } from '../app/jobs.ts';
import { jobSummaryContract } from '../contracts.ts';
import { jobSummaryDeps } from './quota-deps.ts';

export const handler = httpHandler(jobSummaryContract, async ({ params, query }) =>
  jobSummary(jobSummaryDeps(), params.id, query.top),
);
