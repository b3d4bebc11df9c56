import { httpHandler } from '#shared/http/handler.ts';
import { jobSummary } from '../app/jobs.ts';
import { jobSummaryContract } from '../contracts.ts';
import { jobResultsDeps } from './deps.ts';

export const handler = httpHandler(jobSummaryContract, async ({ params, query }) =>
  jobSummary(jobResultsDeps(), params.id, query.top),
);
