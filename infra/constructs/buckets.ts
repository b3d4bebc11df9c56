// S3 buckets from the manifest: private, encrypted, TLS only, access-logged, with ObjectCreated
// notifications to the manifest's queues. Every other bucket of the stack (the UI's, CloudFront's
// logs) is made here too, so all share the same protections, removal policy and access-log bucket.
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import {
  BlockPublicAccess,
  Bucket,
  BucketEncryption,
  type CorsRule as CdkCorsRule,
  EventType,
  HttpMethods,
  ObjectOwnership,
  type BucketProps,
} from 'aws-cdk-lib/aws-s3';
import { SqsDestination } from 'aws-cdk-lib/aws-s3-notifications';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { bucketCorsRules, type CorsRule } from '#model/bucket-cors.ts';
import type { AppSettings, BucketDef } from '#model/manifest.ts';
import { lookup } from './lookup.ts';

/** The manifest's rule (model/bucket-cors.ts) as CDK spells it. */
const corsRule = (rule: CorsRule): CdkCorsRule => ({
  allowedMethods: rule.allowedMethods.map((m) => HttpMethods[m]),
  allowedOrigins: [...rule.allowedOrigins],
  allowedHeaders: [...rule.allowedHeaders],
  maxAge: rule.maxAgeSeconds,
});

export interface BucketsProps {
  readonly defs: readonly BucketDef[];
  readonly queues: ReadonlyMap<string, Queue>;
  /** DESTROY also empties a bucket on delete (a personal or dev account); RETAIN keeps bucket and data. */
  readonly removalPolicy: RemovalPolicy;
  readonly retention: AppSettings['retention'];
}

export class Buckets extends Construct {
  readonly byName = new Map<string, Bucket>();
  private readonly accessLogs: Bucket;
  private readonly removal: Pick<BucketProps, 'removalPolicy' | 'autoDeleteObjects'>;

  constructor(scope: Construct, id: string, props: BucketsProps) {
    super(scope, id);
    const destroy = props.removalPolicy === RemovalPolicy.DESTROY;
    this.removal = { removalPolicy: props.removalPolicy, autoDeleteObjects: destroy };
    // Log delivery through a bucket policy for the S3 logging service principal, not the legacy ACL,
    // so the log bucket can keep ACLs disabled like every other bucket here.
    this.node.setContext('@aws-cdk/aws-s3:serverAccessLogsUseBucketPolicy', true);
    this.accessLogs = new Bucket(this, 'access-logs', {
      ...this.secure(),
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      lifecycleRules: [{ expiration: Duration.days(props.retention.accessLogDays) }],
    });
    for (const def of props.defs) {
      // Uploaded files are consumed once by their import; the job keeps its results in DynamoDB.
      const bucket = this.create(this, def.name, {
        lifecycleRules: [{ expiration: Duration.days(props.retention.uploadsDays) }],
        ...(def.browserUploads && { cors: bucketCorsRules(def).map(corsRule) }),
      });
      for (const n of def.notifications ?? []) {
        bucket.addEventNotification(
          EventType.OBJECT_CREATED,
          new SqsDestination(lookup(props.queues, n.queue, 'queue')),
          { prefix: n.prefix },
        );
      }
      this.byName.set(def.name, bucket);
    }
  }

  /** A private, encrypted, TLS-only bucket whose server access logs go to the shared log bucket. */
  create(scope: Construct, id: string, props: BucketProps = {}): Bucket {
    return new Bucket(scope, id, {
      ...this.secure(),
      serverAccessLogsBucket: this.accessLogs,
      serverAccessLogsPrefix: `${id}/`,
      ...props,
    });
  }

  private secure(): BucketProps {
    return {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      ...this.removal,
    };
  }
}
