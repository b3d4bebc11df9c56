// Reading bulk jobs: a job's view (the contract's schema, derived from the stored item), its results
// and its summary. An unknown job is 404 job_not_found.
import type { ResultStatus } from '../constants.ts';
import type { JobView } from '../contracts.ts';
import { JobNotFoundError } from '../errors.ts';
import type { JobItem, JobReader, ResultsStore } from '../store/index.ts';

interface JobReadDeps {
  readonly jobs: JobReader;
  readonly results: ResultsStore;
}

const requireJob = async (jobs: JobReader, jobId: string): Promise<JobItem> => {
  const job = await jobs.get(jobId);
  if (!job) throw new JobNotFoundError(jobId);
  return job;
};

/** The API's view of a job: absent times and an unknown total are null, internals are left out. */
const jobView = (job: JobItem): JobView => ({
  job_id: job.job_id,
  status: job.status,
  total: job.total ?? null,
  processed: job.processed,
  succeeded: job.succeeded,
  failed: job.failed,
  rejected_rows: job.rejected_rows,
  created_at: job.created_at,
  started_at: job.started_at ?? null,
  finished_at: job.finished_at ?? null,
  ...(job.error ? { error: job.error } : {}),
});

export const getJob = async ({ jobs }: Pick<JobReadDeps, 'jobs'>, jobId: string): Promise<JobView> =>
  jobView(await requireJob(jobs, jobId));

export const listJobResults = async (
  { jobs, results }: JobReadDeps,
  jobId: string,
  { limit, cursor, status }: { limit: number; cursor?: string | undefined; status?: ResultStatus | undefined },
) => {
  await requireJob(jobs, jobId);
  return results.list(jobId, limit, cursor, status);
};

export const jobSummary = async ({ jobs, results }: JobReadDeps, jobId: string, top: number) => {
  const job = await requireJob(jobs, jobId);
  return {
    job: jobView(job),
    recent: await results.recent(jobId, top),
    failures_by_error: job.failures_by_error,
    rejected_examples: job.rejected_examples,
  };
};
