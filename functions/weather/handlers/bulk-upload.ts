// `POST /bulk/uploads`: a presigned PUT for a large CSV; the job starts when the upload completes.
import { correlationId } from '#shared/correlation.ts';
import { httpHandler } from '#shared/http/handler.ts';
import { respond } from '#shared/http/response.ts';
import { presignUpload } from '../app/new-job.ts';
import { bulkUploadContract } from '../contracts.ts';
import { uploadDeps } from './deps.ts';

export const handler = httpHandler(bulkUploadContract, async () => {
  const job = await presignUpload(uploadDeps(), correlationId());
  return respond(201, job, { location: `/bulk/jobs/${job.job_id}` });
});
