// `POST /bulk/uploads`: a presigned PUT for a large CSV; the job starts when the upload completes.
import { correlationId } from '#shared/correlation.ts';
import { httpHandler } from '#shared/http/handler.ts';
import { lazy } from '#shared/lazy.ts';
import { respond } from '#shared/http/response.ts';
import { presignUpload } from '../app/new-job.ts';
import { bulkUploadContract } from '../contracts.ts';
import { JOBS_TABLE } from '../constants.ts';
import { importUploads } from '../store/imports.ts';
import { jobIntake } from '../store/jobs.ts';
import { importsBucketConfig, table } from './deps.ts';

const deps = lazy(() => ({ jobs: jobIntake(table(JOBS_TABLE)), uploads: importUploads(importsBucketConfig()) }));

export const handler = httpHandler(bulkUploadContract, async () => {
  const job = await presignUpload(deps(), correlationId());
  return respond(201, job, { location: `/bulk/jobs/${job.job_id}` });
});
