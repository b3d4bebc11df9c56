// Starting a bulk job: the job item exists before its CSV, so the bucket's notification can reach the
// splitter at once. Either the API puts the CSV itself or the client PUTs it to a presigned URL; the
// job waits as `queued` until the object's notification arrives.
import { randomUUID } from 'node:crypto';
import { JOB_STATUS, PRESIGNED_URL_SECONDS } from '../constants.ts';
import { importKey } from '../domain/import-key.ts';
import { type BulkQuota, csvRowsAtMost, quotaWarning } from '../domain/job-outlook.ts';
import type { ImportsBucket, ImportUploads, JobIntake } from '../store/index.ts';

/** `correlationId`: the creating request's, stored on the job so the splitter and workers log under it. */
const createJob = async (jobs: JobIntake, correlationId: string | undefined) => {
  const jobId = randomUUID();
  const key = importKey(jobId);
  await jobs.create(jobId, key, new Date().toISOString(), correlationId);
  return { job_id: jobId, status: JOB_STATUS.queued, object_key: key };
};

/**
 * `POST /bulk/import`: stores the CSV under the notified prefix; a failed upload fails the job. A CSV with more
 * rows than a day of the provider's quota can refresh is taken, with a warning.
 */
export const importCsv = async (
  { jobs, imports, quota }: { jobs: JobIntake; imports: ImportsBucket; quota: BulkQuota },
  csv: Uint8Array,
  correlationId: string | undefined,
) => {
  const job = await createJob(jobs, correlationId);
  try {
    await imports.put(job.object_key, csv);
  } catch (error) {
    await jobs.fail(job.job_id, 'upload_failed', new Date().toISOString());
    throw error;
  }
  const warning = quotaWarning(csvRowsAtMost(csv), quota);
  return { ...job, ...(warning ? { quota_warning: warning } : {}) };
};

/** `POST /bulk/uploads`: a presigned PUT for a large CSV. */
export const presignUpload = async (
  { jobs, uploads }: { jobs: JobIntake; uploads: ImportUploads },
  correlationId: string | undefined,
) => {
  const job = await createJob(jobs, correlationId);
  const url = await uploads.url(job.object_key, PRESIGNED_URL_SECONDS);
  return { ...job, upload_url: url, method: 'PUT' as const, expires_in: PRESIGNED_URL_SECONDS };
};
