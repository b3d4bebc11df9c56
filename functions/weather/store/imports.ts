// The imports bucket: a job's CSV under IMPORTS_PREFIX (domain/import-key.ts), whose ObjectCreated
// notification starts the split. Presigning is its own factory: only bulk-upload bundles the presigner.
import type { Readable } from 'node:stream';
import { GetObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';

interface BucketConfig {
  readonly s3: S3Client;
  readonly bucket: string;
}

export interface ImportsBucket {
  put(key: string, csv: Uint8Array): Promise<void>;
  /** The object's body as a stream (never the whole file in memory); NoSuchKey when it is gone. */
  read(key: string): Promise<Readable>;
}

export interface ImportUploads {
  /** A presigned PUT of `key`, valid for `seconds`. It points at the S3 endpoint itself. */
  url(key: string, seconds: number): Promise<string>;
}

export const importsBucket = ({ s3, bucket }: BucketConfig): ImportsBucket => ({
  put: async (key, csv) => {
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: csv, ContentType: 'text/csv' }));
  },
  read: async (key) => {
    const { Body } = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
    return Body as Readable;
  },
});

export const importUploads = ({ s3, bucket }: BucketConfig): ImportUploads => ({
  url: (key, seconds) => getSignedUrl(s3, new PutObjectCommand({ Bucket: bucket, Key: key }), { expiresIn: seconds }),
});
