// Reading bulk jobs: a job's view (the contract's schema, derived from the stored item and, while it runs,
// the provider quota's state: domain/job-outlook.ts), its results and its summary. An unknown job is 404
// job_not_found.
import { JOB_STATUS, type ResultStatus } from '../constants.ts';
import type { JobView } from '../contracts.ts';
import { type BulkQuota, estimatedFinish, quotaWarning, waitingFor } from '../domain/job-outlook.ts';
import { JobNotFoundError } from '../errors.ts';
import type { JobItem, JobReader, QuotaStateReader, ResultsStore } from '../store/index.ts';

/** The bulk share of the provider's limits, and where their shared state is read. */
export interface QuotaDeps {
  readonly quota: BulkQuota;
  readonly quotaState: QuotaStateReader;
}

interface JobReadDeps extends QuotaDeps {
  readonly jobs: JobReader;
  readonly results: ResultsStore;
}

const requireJob = async (jobs: JobReader, jobId: string): Promise<JobItem> => {
  const job = await jobs.get(jobId);
  if (!job) throw new JobNotFoundError(jobId);
  return job;
};

type Outlook = Pick<JobView, 'waiting_for' | 'estimated_finish_at' | 'quota_warning'>;

const NO_OUTLOOK: Outlook = { waiting_for: null, estimated_finish_at: null };

/** A running job's pauses, estimate and warning; a queued or finished job has none. */
const outlook = async ({ quota, quotaState }: QuotaDeps, job: JobItem): Promise<Outlook> => {
  if (job.status !== JOB_STATUS.running) return NO_OUTLOOK;
  const state = await quotaState.read();
  const now = Date.now();
  const remaining = job.total === undefined ? undefined : job.total - job.processed;
  const progress = { processed: job.processed, startedAt: Date.parse(job.started_at ?? job.created_at) };
  const finish = remaining === undefined ? undefined : estimatedFinish({ ...progress, remaining }, quota, state, now);
  const warning = remaining === undefined ? undefined : quotaWarning(remaining, quota);
  return {
    waiting_for: waitingFor(quota, state, now) ?? null,
    estimated_finish_at: finish === undefined ? null : new Date(finish).toISOString(),
    ...(warning ? { quota_warning: warning } : {}),
  };
};

/** The API's view of a job: absent times and an unknown total are null, internals are left out. */
const jobView = (job: JobItem, seen: Outlook): JobView => ({
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
  ...seen,
});

export const getJob = async (deps: Omit<JobReadDeps, 'results'>, jobId: string): Promise<JobView> => {
  const job = await requireJob(deps.jobs, jobId);
  return jobView(job, await outlook(deps, job));
};

export const listJobResults = async (
  { jobs, results }: Pick<JobReadDeps, 'jobs' | 'results'>,
  jobId: string,
  { limit, cursor, status }: { limit: number; cursor?: string | undefined; status?: ResultStatus | undefined },
) => {
  await requireJob(jobs, jobId);
  return results.list(jobId, limit, cursor, status);
};

export const jobSummary = async (deps: JobReadDeps, jobId: string, top: number) => {
  const job = await requireJob(deps.jobs, jobId);
  const [seen, recent] = await Promise.all([outlook(deps, job), deps.results.recent(jobId, top)]);
  return {
    job: jobView(job, seen),
    recent,
    failures_by_error: job.failures_by_error,
    rejected_examples: job.rejected_examples,
  };
};
