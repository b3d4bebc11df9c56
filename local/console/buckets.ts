// The buckets panel's API: each bucket's objects a page at a time (key, size, time) and an object's download.
import { GetObjectCommand, ListObjectsV2Command, type S3Client } from '@aws-sdk/client-s3';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { BucketDef } from '#model/manifest.ts';
import { AppError } from '#shared/errors.ts';
import { decodeCursor, encodeCursor, named, pageSize, type Routes } from './http.ts';

export interface BucketDeps {
  readonly buckets: readonly BucketDef[];
  readonly s3: S3Client;
  readonly name: (logical: string) => string;
}

export const bucketRoutes = ({ buckets, s3, name }: BucketDeps): Routes => {
  const bucket = (logical: string | undefined): BucketDef => named(buckets, 'bucket', logical);

  return {
    'GET /buckets': async () => ({
      items: buckets.map((b) => ({ name: b.name, notifications: b.notifications ?? [] })),
    }),

    'GET /buckets/{name}/objects': async ({ params, query }) => {
      const def = bucket(params.name);
      const listed = await s3.send(
        new ListObjectsV2Command({
          Bucket: name(def.name),
          Prefix: query.get('prefix') || undefined,
          MaxKeys: pageSize(query),
          ContinuationToken: decodeCursor<string>(query.get('cursor')),
        }),
      );
      return {
        items: (listed.Contents ?? []).map((o) => ({
          key: o.Key,
          size: o.Size ?? 0,
          lastModified: o.LastModified?.toISOString() ?? null,
        })),
        cursor: encodeCursor(listed.IsTruncated ? listed.NextContinuationToken : undefined),
      };
    },

    'GET /buckets/{name}/download': async ({ params, query, res }) => {
      const def = bucket(params.name);
      const key = query.get('key');
      if (!key) throw new AppError(400, 'validation_error', 'key: required');
      const object = await s3.send(new GetObjectCommand({ Bucket: name(def.name), Key: key }));
      const file = key.split('/').at(-1) || 'object';
      res.writeHead(200, {
        'content-type': object.ContentType ?? 'application/octet-stream',
        ...(object.ContentLength === undefined ? {} : { 'content-length': String(object.ContentLength) }),
        'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(file)}`,
      });
      await pipeline(object.Body as Readable, res);
      return undefined;
    },
  };
};
