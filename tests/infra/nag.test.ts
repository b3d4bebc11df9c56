// cdk-nag v3 is a CDK policy-validation plugin: findings are not annotations (Annotations.fromStack
// sees none) but a report, which `validateScope` returns directly and `cdk synth` fails on.
import { ManagedPolicy } from 'aws-cdk-lib/aws-iam';
import { AwsSolutionsChecks } from 'cdk-nag';
import { describe, expect, it } from 'vitest';
import { app as manifest } from '#app';
import type { AppManifest } from '#model/manifest.ts';
import { buildStack } from './synth.ts';
import { syntheticManifest } from './synthetic-manifest.ts';

const findings = (m: AppManifest, tracing: boolean): string[] => {
  const { app } = buildStack(m, { tracing });
  const report = new AwsSolutionsChecks(app).validateScope(app);
  return report.violations.flatMap((v) =>
    v.violatingResources.map((r) => `${v.severity} ${v.ruleName} at ${r.constructPath}`),
  );
};

describe('Function: AwsSolutionsChecks.validateScope()', () => {
  // The app with X-Ray tracing and every other option: deploy.test.ts.
  it.each([
    ['the app manifest', manifest, false],
    ['the synthetic manifest (bucket notifications, stream trigger, secrets)', syntheticManifest, true],
  ] as const)('reports nothing unacknowledged for %s', (_name, m, tracing) => {
    expect(findings(m, tracing)).toEqual([]);
  });

  it('reports a finding the stack does not acknowledge', () => {
    // Prepare: an over-broad managed policy the stack itself never attaches.
    const { app, functions } = buildStack(syntheticManifest);
    functions.get('reader')?.role?.addManagedPolicy(ManagedPolicy.fromAwsManagedPolicyName('AdministratorAccess'));

    // Act
    const report = new AwsSolutionsChecks(app).validateScope(app);

    // Assess
    expect(report.violations.map((v) => v.ruleName)).toContain(
      'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/AdministratorAccess]',
    );
  });
});
