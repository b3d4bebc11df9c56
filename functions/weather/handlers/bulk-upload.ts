// `POST /bulk/uploads`: a presigned PUT for a large CSV. The URL points at the S3 endpoint itself; the
// job waits as `queued` until the upload's notification reaches the splitter.
import { randomUUID } from 'node:crypto';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { s3Client } from '#shared/clients/s3.ts';
import { bucketName } from '#shared/config.ts';
import { httpHandler } from '#shared/http/handler.ts';
import { respond } from '#shared/http/response.ts';
import { IMPORTS_BUCKET, JOB_STATUS, PRESIGNED_URL_SECONDS } from '../constants.ts';
import { bulkUploadContract } from '../contracts.ts';
import { importKey } from '../jobs.ts';
import { createJob } from '../store/jobs.ts';

const s3 = s3Client();
const bucket = bucketName(IMPORTS_BUCKET);

export const handler = httpHandler(bulkUploadContract, async () => {
  const jobId = randomUUID();
  const key = importKey(jobId);
  await createJob(jobId, key, new Date().toISOString());
  const url = await getSignedUrl(s3, new PutObjectCommand({ Bucket: bucket, Key: key }), { expiresIn: PRESIGNED_URL_SECONDS });
  return respond(
    201,
    { job_id: jobId, status: JOB_STATUS.queued, object_key: key, upload_url: url, method: 'PUT' as const, expires_in: PRESIGNED_URL_SECONDS },
    { location: `/bulk/jobs/${jobId}` },
  );
});
