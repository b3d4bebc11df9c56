// The CORS rule of a bucket the manifest marks `browserUploads`. The stack sets it on the bucket
// (infra/constructs/buckets.ts); the sandbox's S3 front answers preflights with it (local/s3-front.ts).
import type { BucketDef } from './manifest.ts';

/** S3's CORSRule; the methods are the ones S3 accepts in one. */
export interface CorsRule {
  readonly allowedMethods: readonly ('GET' | 'PUT' | 'HEAD' | 'POST' | 'DELETE')[];
  /** Each may hold one `*` wildcard; `*` alone: any origin. */
  readonly allowedOrigins: readonly string[];
  /** Request headers a preflight may name (case-insensitive; each may hold one `*`). */
  readonly allowedHeaders: readonly string[];
  readonly maxAgeSeconds: number;
}

/**
 * A page's PUT to a presigned URL is cross-origin (the site is CloudFront's, the URL S3's), so S3 must answer
 * its preflight. Any origin: the signature in the URL is the credential, valid minutes, and any holder can
 * already use it outside a browser; the site's own origin is not known until the web stack deploys, last.
 */
const BROWSER_UPLOADS: CorsRule = {
  allowedMethods: ['PUT'],
  allowedOrigins: ['*'],
  allowedHeaders: ['content-type'],
  maxAgeSeconds: 3600,
};

/** A bucket's CORS rules, as S3 keeps them; none: S3 answers every preflight with 403. */
export const bucketCorsRules = (bucket: BucketDef): readonly CorsRule[] =>
  bucket.browserUploads ? [BROWSER_UPLOADS] : [];
