// What every stack of the suite is built from, and what they all acknowledge alike.
import { type Stack, Validations } from 'aws-cdk-lib';
import type { ConcurrencyBudget } from '#model/concurrency.ts';
import type { ResolvedApp } from '#model/manifest.ts';
import type { DeployOptions } from '../context.ts';

export interface SuiteStackProps {
  readonly manifest: ResolvedApp;
  readonly options: DeployOptions;
  readonly budget: ConcurrencyBudget;
  /** Names the stacks, SSM parameters and functions of this deployment (`ServerlessSuite`). */
  readonly appName: string;
  /** Repository root: function entries and the UI's sources are relative to it. */
  readonly projectRoot: string;
}

/** Every Lambda role here (ours and CDK's helpers) carries the managed basic execution policy. */
export const acknowledgeBasicExecutionRole = (stack: Stack): void => {
  Validations.of(stack).acknowledge({
    id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
    reason:
      'The AWS managed basic execution role only allows writing CloudWatch Logs; it is what a hand-written log policy would grant.',
  });
};
