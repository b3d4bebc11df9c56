// The stacks hand each other names through SSM parameters, not CloudFormation exports. An export
// cannot change or go while another stack imports it, and `cdk deploy --all` updates the exporting
// stack first, so moving a route or deleting a function would need two deploys (CDK's "deadly
// embrace"). A parameter is read when the reading stack deploys: the writer is free to change, and
// `cdk deploy --all` redeploys the readers after it (docs/deploying.md).
import { StringParameter } from 'aws-cdk-lib/aws-ssm';
import type { Construct } from 'constructs';

/** Every name one stack publishes for another, under `/<app>/` in the region's parameter store. */
export const PARAMETERS = {
  tableName: (table: string) => ['table', table, 'name'],
  tableStreamArn: (table: string) => ['table', table, 'stream-arn'],
  queueArn: (queue: string) => ['queue', queue, 'arn'],
  dlqArn: (queue: string) => ['queue', queue, 'dlq-arn'],
  bucketName: (bucket: string) => ['bucket', bucket, 'name'],
  secretArn: (secret: string) => ['secret', secret, 'arn'],
  alarmTopicArn: () => ['alarms', 'topic-arn'],
  apiEndpoint: () => ['api', 'endpoint'],
} as const;

export const parameterName = (app: string, path: readonly string[]): string => `/${app}/${path.join('/')}`;

export const publish = (scope: Construct, app: string, path: readonly string[], value: string): void => {
  new StringParameter(scope, `parameter-${path.join('-')}`, {
    parameterName: parameterName(app, path),
    stringValue: value,
    description: `Published by ${app} for its other stacks (read at their deploy).`,
  });
};

/** A CloudFormation parameter of the reading stack, resolved from SSM at each of its deploys. */
export const read = (scope: Construct, app: string, path: readonly string[]): string =>
  StringParameter.valueForStringParameter(scope, parameterName(app, path));
