// The whole app on AWS, built from the manifest, as stacks that deploy in order with one command
// (`npx cdk deploy --all`, docs/deploying.md):
//   <app>-data       stateful: tables, queues, buckets, secrets, the alarm topic (retained by default)
//   <app>-<service>  stateless, one per service: functions, triggers, their alarms
//   <app>-api        the HTTP API, its routes, throttles and user-facing alarms; prints ApiUrl
//   <app>-web        CloudFront and the UI's bucket, last: a refusal leaves the API up; prints WebUrl
// No stack exports anything: names travel by SSM parameters and deterministic function names
// (constructs/parameters.ts), and each stack's order comes from explicit dependencies.
import { fileURLToPath } from 'node:url';
import type { Environment } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { appBudget } from '#model/concurrency.ts';
import type { AppManifest, ResolvedFunctionDef } from '#model/manifest.ts';
import { resolveApp } from '#model/resolve.ts';
import type { DeployOptions } from './context.ts';
import { ApiStack } from './stacks/api-stack.ts';
import type { SuiteStackProps } from './stacks/common.ts';
import { DataStack } from './stacks/data-stack.ts';
import { ServiceStack } from './stacks/service-stack.ts';
import { WebStack } from './stacks/web-stack.ts';

const PROJECT_ROOT = fileURLToPath(new URL('..', import.meta.url));
/** Prefixes every stack (`ServerlessSuite-data`, ...), SSM parameter and function name. */
export const APP_NAME = 'ServerlessSuite';
/** Functions of a manifest that names no service (a test's) deploy in one stack of this name. */
const UNNAMED_SERVICE = 'app';

export interface SuiteProps {
  readonly manifest: AppManifest;
  readonly options: DeployOptions;
  readonly env?: Environment;
}

export interface Suite {
  readonly data: DataStack;
  readonly services: ReadonlyMap<string, ServiceStack>;
  readonly api: ApiStack;
  readonly web: WebStack;
}

export const buildSuite = (scope: Construct, appName: string, props: SuiteProps): Suite => {
  const manifest = resolveApp(props.manifest);
  const budget = appBudget(manifest, props.options.accountConcurrency);
  const common: SuiteStackProps = { manifest, options: props.options, budget, appName, projectRoot: PROJECT_ROOT };
  const stackProps = { ...common, env: props.env };
  const data = new DataStack(scope, `${appName}-data`, {
    ...stackProps,
    description: `${appName}: tables, queues, buckets, secrets and the alarm topic (stateful)`,
  });
  const byService = new Map<string, ResolvedFunctionDef[]>();
  for (const f of manifest.functions) {
    const service = f.service ?? UNNAMED_SERVICE;
    byService.set(service, [...(byService.get(service) ?? []), f]);
  }
  const services = new Map<string, ServiceStack>();
  for (const [service, functions] of byService) {
    const stack = new ServiceStack(scope, `${appName}-${service}`, {
      ...stackProps,
      functions,
      description: `${appName}: the ${service} service's functions and triggers (stateless)`,
    });
    stack.addStackDependency(data, 'reads the names of its tables, queues, buckets and secrets from SSM');
    services.set(service, stack);
  }
  const api = new ApiStack(scope, `${appName}-api`, {
    ...stackProps,
    description: `${appName}: the HTTP API, its routes and throttles (stateless)`,
  });
  for (const stack of services.values()) api.addStackDependency(stack, 'its routes invoke the functions by name');
  const web = new WebStack(scope, `${appName}-web`, {
    ...stackProps,
    description: `${appName}: CloudFront and the UI (stateless; may be refused on a new account)`,
  });
  web.addStackDependency(api, "reads the API's endpoint from SSM");
  return { data, services, api, web };
};
