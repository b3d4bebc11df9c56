// CDK entry point (cdk.json: `npx tsx infra/app.ts`). Options come from the context (infra/context.ts):
// `-c alarmEmail=... -c monthlyBudgetUsd=... -c removal=destroy -c accountConcurrency=...`, and more.
// cdk-nag's AWS Solutions pack runs as a policy validation plugin: an unacknowledged finding fails synth.
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import '../scripts/require-node.ts';
import { deployOptions } from './context.ts';
import { app as manifest } from '#app';
import { APP_NAME, buildSuite } from './suite.ts';

const app = new App();
buildSuite(app, APP_NAME, {
  manifest,
  options: deployOptions(app.node, manifest.settings),
  env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION },
});
Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true }));
