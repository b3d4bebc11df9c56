// Builds the stack for assertions. Asset bundling is skipped (context `aws:cdk:bundling-stacks` = []):
// the template is what the tests read, and running esbuild for every function takes minutes. CDK's
// built-in CloudFormation schema validation (a WASM linter, ~20 s here) is left to `cdk synth`.
import { App, type CfnElement, Stack } from 'aws-cdk-lib';
import type { Template } from 'aws-cdk-lib/assertions';
import type { IConstruct } from 'constructs';
import type { AppManifest } from '#model/manifest.ts';
import { ServiceStack, type ServiceStackProps } from '#infra/stack.ts';

export const buildStack = (
  manifest: AppManifest,
  props: Omit<ServiceStackProps, 'manifest'> = {},
): { app: App; stack: ServiceStack } => {
  const app = new App({ context: { 'aws:cdk:bundling-stacks': [] }, builtinCloudFormationValidation: false });
  return { app, stack: new ServiceStack(app, 'Test', { manifest, ...props }) };
};

export const logicalId = (c: IConstruct): string => Stack.of(c).getLogicalId(c.node.defaultChild as CfnElement);

type Statement = { Action: string | string[]; Resource: unknown };

/** Every IAM statement attached to the execution role of the function named `fn` in the manifest. */
export const roleStatements = (template: Template, stack: ServiceStack, fn: string): Statement[] => {
  const role = stack.functions.get(fn)?.role;
  if (!role) throw new Error(`no role for function '${fn}'`);
  const roleRef = { Ref: logicalId(role) };
  return Object.values(template.findResources('AWS::IAM::Policy'))
    .filter((p) => JSON.stringify(p.Properties.Roles).includes(JSON.stringify(roleRef)))
    .flatMap((p) => p.Properties.PolicyDocument.Statement as Statement[]);
};

export const actionsOf = (statements: readonly Statement[]): string[] =>
  statements.flatMap((s) => (Array.isArray(s.Action) ? s.Action : [s.Action]));
