// One construct owns every function's defaults (runtime, architecture, bundling, logs, tracing) and
// pairs each environment variable the manifest derives with the least grant its access mode allows.
import { join } from 'node:path';
import { ArnFormat, Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { Architecture, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { flattenCfnReference } from 'cdk-nag/lib/utils/flatten-cfn-reference.js';
import { Construct } from 'constructs';
import {
  DEFAULT_MEMORY_MB,
  DEFAULT_TIMEOUT_SECONDS,
  functionEnvironment,
  functionSecrets,
  functionTables,
  type ResourceNames,
} from '#model/derive.ts';
import type { AppManifest, BucketAccess, FunctionDef, QueueAccess, TableAccess } from '#model/manifest.ts';
import { functionBundling } from '#build/bundling.ts';
import type { Resources } from './data-references.ts';

export interface ServiceFunctionProps {
  readonly app: AppManifest;
  readonly def: FunctionDef;
  readonly resources: Resources;
  /** Repository root: entries are relative to it and it holds package-lock.json. */
  readonly projectRoot: string;
  readonly logRetention: RetentionDays;
  readonly tracing: boolean;
  /** Prefixes the function's name (`<app>-<function>`): the API stack finds it by that name. */
  readonly appName: string;
}

/**
 * The function's physical name. Deterministic, so the API stack's integrations name their function
 * without a CloudFormation export (infra/constructs/parameters.ts says why). Lambda names are per
 * region, at most 64 characters.
 */
export const functionName = (appName: string, fn: string): string => {
  const name = `${appName}-${fn}`;
  if (name.length > 64) throw new Error(`Function name '${name}' is longer than Lambda's 64 characters`);
  return name;
};

/** The ARN of the function named `fn` of this app, in the stack's account and region. */
export const functionArn = (scope: Construct, appName: string, fn: string): string =>
  Stack.of(scope).formatArn({
    service: 'lambda',
    resource: 'function',
    resourceName: functionName(appName, fn),
    arnFormat: ArnFormat.COLON_RESOURCE_NAME,
  });

const tableGrants: Record<TableAccess, (t: ITable, fn: NodejsFunction) => void> = {
  read: (t, fn) => t.grantReadData(fn),
  write: (t, fn) => t.grantWriteData(fn),
  readwrite: (t, fn) => t.grantReadWriteData(fn),
};
const queueGrants: Record<QueueAccess, (q: IQueue, fn: NodejsFunction, dlq: () => IQueue) => void> = {
  send: (q, fn) => q.grantSendMessages(fn),
  consume: (q, fn) => q.grantConsumeMessages(fn),
  'send-consume': (q, fn) => {
    q.grantSendMessages(fn);
    q.grantConsumeMessages(fn);
  },
  redrive: (q, fn, dlq) => {
    q.grantSendMessages(fn);
    q.grant(fn, 'sqs:GetQueueAttributes');
    dlq().grantConsumeMessages(fn);
  },
};
// Narrower than Bucket.grantRead/grantPut (no GetBucket*, List*, Abort*, tagging or legal holds):
// read is GetObject plus ListBucket (so a missing key is a 404, not a 403); write is PutObject, which
// also covers presigned uploads. Nothing in the manifest deletes objects.
const bucketActions: Record<BucketAccess, { objects: string[]; bucket: string[] }> = {
  read: { objects: ['s3:GetObject'], bucket: ['s3:ListBucket'] },
  write: { objects: ['s3:PutObject'], bucket: [] },
  readwrite: { objects: ['s3:GetObject', 's3:PutObject'], bucket: ['s3:ListBucket'] },
};
/** How cdk-nag writes an ARN in a finding id (`<Logical.Arn>`, `<SsmParameterValue...>`). */
const nagArn = (scope: Construct, arn: string): string => flattenCfnReference(Stack.of(scope).resolve(arn));

export class ServiceFunction extends Construct {
  readonly fn: NodejsFunction;

  constructor(scope: Construct, id: string, props: ServiceFunctionProps) {
    super(scope, id);
    const { app, def, resources } = props;
    const names: ResourceNames = {
      table: (n) => resources.table(n).tableName,
      queueUrl: (n) => resources.queue(n).queueUrl,
      bucket: (n) => resources.bucket(n).bucketName,
      secretId: (n) => resources.secret(n).secretArn,
    };
    this.fn = new NodejsFunction(this, 'handler', {
      functionName: functionName(props.appName, def.name),
      entry: join(props.projectRoot, def.entry),
      handler: 'handler',
      projectRoot: props.projectRoot,
      depsLockFilePath: join(props.projectRoot, 'package-lock.json'),
      runtime: Runtime.NODEJS_22_X,
      architecture: Architecture.ARM_64,
      timeout: Duration.seconds(def.timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS),
      memorySize: def.memoryMb ?? DEFAULT_MEMORY_MB,
      reservedConcurrentExecutions: def.reservedConcurrency?.executions,
      environment: functionEnvironment(app, def, names),
      logGroup: new LogGroup(this, 'logs', { retention: props.logRetention, removalPolicy: RemovalPolicy.DESTROY }),
      tracing: props.tracing ? Tracing.ACTIVE : Tracing.DISABLED,
      bundling: functionBundling(app, def),
    });
    for (const [name, access] of Object.entries(functionTables(app, def)))
      this.grantTable(app, name, access, resources);
    for (const [name, access] of Object.entries(def.queues ?? {}))
      queueGrants[access](resources.queue(name), this.fn, () => resources.dlq(name));
    for (const [name, access] of Object.entries(def.buckets ?? {})) this.grantBucket(resources.bucket(name), access);
    for (const name of functionSecrets(app, def)) resources.secret(name).grantRead(this.fn);
    this.acknowledgeDefaults(props.tracing);
  }

  private grantTable(app: AppManifest, name: string, access: TableAccess, resources: Resources): void {
    const table = resources.table(name);
    tableGrants[access](table, this.fn);
    if (app.tables.find((t) => t.name === name)?.indexes?.length) {
      Validations.of(this).acknowledge({
        id: `AwsSolutions-IAM5[Resource::${nagArn(this, table.tableArn)}/index/*]`,
        reason: `Table.grant* adds '<table>/index/*' so queries reach the GSIs of '${name}'; the wildcard cannot match another table.`,
      });
    }
  }

  private grantBucket(bucket: IBucket, access: BucketAccess): void {
    const { objects, bucket: bucketLevel } = bucketActions[access];
    this.fn.addToRolePolicy(new PolicyStatement({ actions: objects, resources: [bucket.arnForObjects('*')] }));
    if (bucketLevel.length > 0)
      this.fn.addToRolePolicy(new PolicyStatement({ actions: bucketLevel, resources: [bucket.bucketArn] }));
    Validations.of(this).acknowledge({
      id: `AwsSolutions-IAM5[Resource::${nagArn(this, bucket.bucketArn)}/*]`,
      reason: 'Object keys are data (uploads named at runtime): the grant covers the objects of this one bucket.',
    });
  }

  private acknowledgeDefaults(tracing: boolean): void {
    Validations.of(this).acknowledge({
      id: 'AwsSolutions-L1',
      reason:
        'nodejs22.x is the runtime this project targets and tests against (docs/architecture.md); moving to nodejs24.x is a deliberate upgrade.',
    });
    if (tracing) {
      Validations.of(this).acknowledge({
        id: 'AwsSolutions-IAM5[Resource::*]',
        reason: 'xray:PutTraceSegments and xray:PutTelemetryRecords support no resource-level permissions.',
      });
    }
  }
}
