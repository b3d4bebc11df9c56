// CDK entry point (cdk.json: `npx tsx infra/app.ts`). `-c tracing=true` turns on X-Ray.
// cdk-nag's AWS Solutions pack runs as a policy validation plugin: an unacknowledged finding fails synth.
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import '../scripts/require-node.ts';
import { app as manifest } from './manifest.ts';
import { ServiceStack } from './stack.ts';

const app = new App();
new ServiceStack(app, 'ServerlessSuite', {
  manifest,
  tracing: String(app.node.tryGetContext('tracing')) === 'true',
  env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION },
});
Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true }));
