// `POST /bulk/import`: stores the CSV under the notified prefix; the bucket notification starts the job.
import { randomUUID } from 'node:crypto';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { s3Client } from '#shared/clients/s3.ts';
import { bucketName } from '#shared/config.ts';
import { httpHandler } from '#shared/http/handler.ts';
import { respond } from '#shared/http/response.ts';
import { IMPORTS_BUCKET, JOB_STATUS } from '../constants.ts';
import { bulkImportContract } from '../contracts.ts';
import { importedCsv } from '../import-body.ts';
import { importKey } from '../jobs.ts';
import { createJob, failJob } from '../store/jobs.ts';

const s3 = s3Client();
const bucket = bucketName(IMPORTS_BUCKET);

export const handler = httpHandler(bulkImportContract, async ({ event }) => {
  const csv = await importedCsv(event);
  const jobId = randomUUID();
  const key = importKey(jobId);
  // The job exists before the object: the notification can reach the splitter at once.
  await createJob(jobId, key, new Date().toISOString());
  try {
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: csv, ContentType: 'text/csv' }));
  } catch (error) {
    await failJob(jobId, 'upload_failed', new Date().toISOString());
    throw error;
  }
  return respond(202, { job_id: jobId, status: JOB_STATUS.queued, object_key: key }, { location: `/bulk/jobs/${jobId}` });
});
