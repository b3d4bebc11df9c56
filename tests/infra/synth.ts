// Builds the suite's stacks for assertions. Asset bundling is skipped (context `aws:cdk:bundling-stacks`
// = []): the templates are what the tests read, and running esbuild for every function takes minutes.
// CDK's built-in CloudFormation schema validation (a WASM linter, ~20 s here) is left to `cdk synth`.
import { App, type CfnElement, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import type { IConstruct } from 'constructs';
import { type DeployOptions, deployOptions } from '#infra/context.ts';
import { APP_NAME, buildSuite, type Suite } from '#infra/suite.ts';
import type { AppManifest } from '#model/manifest.ts';
import { settings } from '#model/settings.ts';

export interface Built {
  readonly app: App;
  readonly suite: Suite;
  /** Every stack of the suite. */
  readonly stacks: readonly Stack[];
  /** Every stack's resources, outputs and parameters in one template (logical ids are unique across them). */
  readonly template: Template;
  /** The manifest's functions, from every service stack. */
  readonly functions: ReadonlyMap<string, IFunction>;
}

/** The options a deploy without context gets, overridden by `options`. */
export const optionsWith = (options: Partial<DeployOptions> = {}): DeployOptions => ({
  ...deployOptions(new App().node, settings),
  ...options,
});

export const buildStack = (manifest: AppManifest, options: Partial<DeployOptions> = {}): Built => {
  const app = new App({ context: { 'aws:cdk:bundling-stacks': [] }, builtinCloudFormationValidation: false });
  const suite = buildSuite(app, APP_NAME, { manifest, options: optionsWith(options) });
  const stacks = [suite.data, ...suite.services.values(), suite.api, suite.web];
  return {
    app,
    suite,
    stacks,
    template: mergedTemplate(stacks),
    functions: new Map([...suite.services.values()].flatMap((s) => [...s.functions])),
  };
};

const mergedTemplate = (stacks: readonly Stack[]): Template => {
  const merged: Record<string, Record<string, unknown>> = { Resources: {}, Outputs: {}, Parameters: {} };
  for (const stack of stacks) {
    const json = Template.fromStack(stack).toJSON();
    for (const section of Object.keys(merged)) {
      for (const [id, value] of Object.entries((json[section] ?? {}) as Record<string, unknown>)) {
        const seen = merged[section]![id];
        // CDK's singleton providers (Custom::S3AutoDeleteObjects) have one id in every stack; the first stands for all.
        if (seen !== undefined && id.startsWith('Custom')) continue;
        if (seen !== undefined && JSON.stringify(seen) !== JSON.stringify(value))
          throw new Error(`${section}/${id} differs between stacks: give one of them another construct id`);
        merged[section]![id] = value;
      }
    }
  }
  return Template.fromJSON(merged);
};

export const logicalId = (c: IConstruct): string => Stack.of(c).getLogicalId(c.node.defaultChild as CfnElement);

type Statement = { Action: string | string[]; Resource: unknown };

/** Every IAM statement attached to the execution role of the function named `fn` in the manifest. */
export const roleStatements = (built: Built, fn: string): Statement[] => {
  const role = built.functions.get(fn)?.role;
  if (!role) throw new Error(`no role for function '${fn}'`);
  const roleRef = { Ref: logicalId(role) };
  return Object.values(built.template.findResources('AWS::IAM::Policy'))
    .filter((p) => JSON.stringify(p.Properties.Roles).includes(JSON.stringify(roleRef)))
    .flatMap((p) => p.Properties.PolicyDocument.Statement as Statement[]);
};

export const actionsOf = (statements: readonly Statement[]): string[] =>
  statements.flatMap((s) => (Array.isArray(s.Action) ? s.Action : [s.Action]));

/** The SSM parameter a CloudFormation parameter reads (`{Ref: <parameter>}` in a template). */
export const ssmParameterOf = (template: Template, ref: unknown): string | undefined => {
  const id = (ref as { Ref?: string }).Ref;
  const parameters = (template.toJSON().Parameters ?? {}) as Record<string, { Default?: string }>;
  return id === undefined ? undefined : parameters[id]?.Default;
};
