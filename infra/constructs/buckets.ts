// S3 buckets from the manifest: private, encrypted, TLS only, access-logged, with ObjectCreated
// notifications to the manifest's queues.
import { BlockPublicAccess, Bucket, BucketEncryption, EventType, ObjectOwnership, type BucketProps } from 'aws-cdk-lib/aws-s3';
import { SqsDestination } from 'aws-cdk-lib/aws-s3-notifications';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { BucketDef } from '../manifest-types.ts';
import { lookup } from './lookup.ts';

const secure: BucketProps = {
  blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
  encryption: BucketEncryption.S3_MANAGED,
  enforceSSL: true,
};

export class Buckets extends Construct {
  readonly byName = new Map<string, Bucket>();

  constructor(scope: Construct, id: string, defs: readonly BucketDef[], queues: ReadonlyMap<string, Queue>) {
    super(scope, id);
    if (defs.length === 0) return;
    // Log delivery through a bucket policy for the S3 logging service principal, not the legacy ACL,
    // so the log bucket can keep ACLs disabled like every other bucket here.
    this.node.setContext('@aws-cdk/aws-s3:serverAccessLogsUseBucketPolicy', true);
    const accessLogs = new Bucket(this, 'access-logs', { ...secure, objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED });
    for (const def of defs) {
      const bucket = new Bucket(this, def.name, { ...secure, serverAccessLogsBucket: accessLogs, serverAccessLogsPrefix: `${def.name}/` });
      for (const n of def.notifications ?? []) {
        bucket.addEventNotification(EventType.OBJECT_CREATED, new SqsDestination(lookup(queues, n.queue, 'queue')), { prefix: n.prefix });
      }
      this.byName.set(def.name, bucket);
    }
  }
}
