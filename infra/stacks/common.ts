// What every stack of the suite is built from, and what they all acknowledge alike.
import { type Stack, Validations } from 'aws-cdk-lib';
import type { ConcurrencyBudget } from '#model/concurrency.ts';
import type { ResolvedApp, ResolvedFunctionDef } from '#model/manifest.ts';
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

/** Functions of a manifest that names no service (a test's) deploy in one stack of this name. */
const UNNAMED_SERVICE = 'app';

/** The manifest's functions by service, in the manifest's order: one service stack, one dashboard row each. */
export const functionsByService = (manifest: ResolvedApp): Map<string, ResolvedFunctionDef[]> => {
  const byService = new Map<string, ResolvedFunctionDef[]>();
  for (const f of manifest.functions) {
    const service = f.service ?? UNNAMED_SERVICE;
    byService.set(service, [...(byService.get(service) ?? []), f]);
  }
  return byService;
};
