// Lambda creates `/aws/lambda/<name>` on first write, kept forever, for any function not pointed at a
// log group: CDK's own helpers (bucket notifications, auto-delete of buckets) included. This gives
// each such function a log group with the stack's retention, removed with the stack.
import { CfnResource, RemovalPolicy, type Stack } from 'aws-cdk-lib';
import { CfnFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';

export const giveEveryFunctionALogGroup = (stack: Stack, retention: RetentionDays): void => {
  for (const c of stack.node.findAll()) {
    if (!(c instanceof CfnResource) || c.cfnResourceType !== 'AWS::Lambda::Function') continue;
    if (c instanceof CfnFunction && c.loggingConfig !== undefined) continue;
    const logs = new LogGroup(c.node.scope!, `${c.node.id}-logs`, { retention, removalPolicy: RemovalPolicy.DESTROY });
    // CDK's helpers are raw CfnResources (no typed loggingConfig): an override works for both kinds.
    c.addPropertyOverride('LoggingConfig', { LogGroup: logs.logGroupName });
  }
};
