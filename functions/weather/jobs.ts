import { NotFoundError } from '#shared/errors.ts';
import { IMPORTS_PREFIX } from './constants.ts';
import { getJob, type JobItem } from './store/jobs.ts';

/** Object key of a job's CSV: the splitter reads the job id back from it. */
export const importKey = (jobId: string): string => `${IMPORTS_PREFIX}${jobId}.csv`;

const KEY_SHAPE = new RegExp(`^${IMPORTS_PREFIX}([0-9a-f-]{36})\\.csv$`);

/** The job id of an object key (already URL-decoded); undefined for any other object. */
export const jobIdOfKey = (key: string): string | undefined => KEY_SHAPE.exec(key)?.[1];

export const requireJob = async (jobId: string): Promise<JobItem> => {
  const job = await getJob(jobId);
  if (!job) throw new NotFoundError(`No bulk job ${jobId}.`, 'job_not_found');
  return job;
};
