import { httpHandler } from '#shared/http/handler.ts';
import { jobSummaryContract } from '../contracts.ts';
import { requireJob } from '../jobs.ts';
import { jobView } from '../store/jobs.ts';
import { recentResults } from '../store/results.ts';

export const handler = httpHandler(jobSummaryContract, async ({ params, query }) => {
  const job = await requireJob(params.id);
  return {
    job: jobView(job),
    recent: await recentResults(params.id, query.top),
    failures_by_error: job.failures_by_error,
    rejected_examples: job.rejected_examples,
  };
});
