// The whole app on AWS, built from the manifest: every table, queue, bucket, secret, function, route
// and trigger there becomes a resource here, and nothing else does.
import { fileURLToPath } from 'node:url';
import { CfnOutput, RemovalPolicy, Stack, type StackProps, Validations } from 'aws-cdk-lib';
import type { Table } from 'aws-cdk-lib/aws-dynamodb';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { API_KEY_SECRET } from '#model/constants.ts';
import type { DeployOptions } from './context.ts';
import { functionSecrets } from '#model/derive.ts';
import type { AppManifest } from '#model/manifest.ts';
import { resolveApp } from '#model/resolve.ts';
import { Api } from './constructs/api.ts';
import { Buckets } from './constructs/buckets.ts';
import { giveEveryFunctionALogGroup } from './constructs/log-groups.ts';
import { Monitoring } from './constructs/monitoring.ts';
import { Queues } from './constructs/queues.ts';
import { Secrets } from './constructs/secrets.ts';
import { ServiceFunction } from './constructs/service-function.ts';
import { Tables } from './constructs/tables.ts';
import { Triggers } from './constructs/triggers.ts';
import { Web } from './constructs/web.ts';

const PROJECT_ROOT = fileURLToPath(new URL('..', import.meta.url));

export interface ServiceStackProps extends StackProps, Partial<DeployOptions> {
  readonly manifest: AppManifest;
  // DeployOptions (infra/context.ts): settings default to the manifest's, `tracing` (X-Ray on every
  // function, off by default: it costs per trace) to false, `removal` to retain.
}

export class ServiceStack extends Stack {
  /** The built resources by manifest name (for tests and for stacks that extend this one). */
  readonly tables: ReadonlyMap<string, Table>;
  readonly queues: ReadonlyMap<string, Queue>;
  readonly functions: ReadonlyMap<string, IFunction>;

  constructor(scope: Construct, id: string, props: ServiceStackProps) {
    super(scope, id, props);
    const manifest = resolveApp(props.manifest);
    const settings = props.settings ?? manifest.settings;
    const logRetention = settings.retention.logDays as RetentionDays;
    const removalPolicy = props.removal === 'destroy' ? RemovalPolicy.DESTROY : RemovalPolicy.RETAIN;
    // Every Lambda role here (ours and CDK's bucket-notification helper) carries this managed policy.
    Validations.of(this).acknowledge({
      id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
      reason:
        'The AWS managed basic execution role only allows writing CloudWatch Logs; it is what a hand-written log policy would grant.',
    });

    const tables = new Tables(this, 'Tables', manifest.tables, removalPolicy).byName;
    const queues = new Queues(this, 'Queues', manifest.queues).byName;
    const buckets = new Buckets(this, 'Buckets', {
      defs: manifest.buckets,
      queues,
      removalPolicy,
      retention: settings.retention,
    });
    const secrets = new Secrets(
      this,
      'Secrets',
      manifest.functions.flatMap((f) => functionSecrets(manifest, f)),
    ).byName;

    const functions = new Map<string, IFunction>();
    for (const def of manifest.functions) {
      const { fn } = new ServiceFunction(this, def.name, {
        app: manifest,
        def,
        resources: { tables, queues, buckets: buckets.byName, secrets },
        projectRoot: PROJECT_ROOT,
        logRetention,
        tracing: props.tracing ?? false,
      });
      functions.set(def.name, fn);
    }

    const { httpApi } = new Api(this, 'Api', {
      routes: manifest.routes,
      defaultRoute: manifest.defaultRoute,
      functions,
      logRetention,
      cors: settings.cors,
      stageThrottle: settings.stageThrottle,
      routeThrottle: props.routeThrottle,
    });
    new Triggers(this, 'Triggers', { triggers: manifest.triggers, functions, queues, tables });
    new Web(this, 'Web', {
      projectRoot: PROJECT_ROOT,
      httpApi,
      routes: manifest.routes,
      buckets,
      logRetention,
      accessLogDays: settings.retention.accessLogDays,
    });
    const monitoring = new Monitoring(this, 'Monitoring', {
      functions,
      queues,
      streamConsumers: manifest.triggers.filter((t) => t.source.type === 'dynamodb-stream').map((t) => t.function),
      httpApi,
      thresholds: settings.alarms,
      alarmEmail: props.alarmEmail,
      monthlyBudgetUsd: props.monthlyBudgetUsd,
    });
    monitoring.notifyEveryAlarm(this);
    giveEveryFunctionALogGroup(this, logRetention);
    const apiKey = secrets.get(API_KEY_SECRET);
    if (apiKey)
      new CfnOutput(this, 'ApiKeySecretArn', {
        value: apiKey.secretArn,
        description: 'Read the API key: aws secretsmanager get-secret-value --secret-id <this>',
      });
    this.tables = tables;
    this.queues = queues;
    this.functions = functions;
  }
}
