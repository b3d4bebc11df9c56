// Built once per execution environment (see dynamodb.ts).
import { S3Client } from '@aws-sdk/client-s3';

let s3: S3Client | undefined;

// Emulators serve buckets by path; AWS prefers virtual-hosted style. The variable is the standard one.
export const s3Client = (): S3Client =>
  (s3 ??= new S3Client({ forcePathStyle: process.env.AWS_ENDPOINT_URL_S3 !== undefined }));
