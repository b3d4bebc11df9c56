// One CloudWatch dashboard for the whole app: the account's concurrency against its quota at the top,
// then one section per service (its routes, functions, queues and business metrics). Its URL is the
// API stack's `DashboardUrl` output; docs/observability.md reads it widget by widget.
import { Aws, CfnOutput, Stack } from 'aws-cdk-lib';
import { Dashboard as CloudWatchDashboard, type IWidget, Row, TextWidget } from 'aws-cdk-lib/aws-cloudwatch';
import type { ILogGroup } from 'aws-cdk-lib/aws-logs';
import { type IQueue, Queue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { DEFAULT_ROUTE_KEY, routeKey } from '#model/derive.ts';
import type { ResolvedApp, ResolvedFunctionDef } from '#model/manifest.ts';
import {
  accountConcurrencyWidget,
  businessWidgets,
  functionWidgets,
  queueWidgets,
  type QueueView,
  routeWidgets,
} from './dashboard-widgets.ts';
import { PARAMETERS, read } from './parameters.ts';
import { functionName } from './service-function.ts';

export interface DashboardProps {
  readonly manifest: ResolvedApp;
  /** The manifest's functions by service: one section each, in this order. */
  readonly services: ReadonlyMap<string, readonly ResolvedFunctionDef[]>;
  readonly appName: string;
  /** The account's concurrency quota the deployment was budgeted for, and the level its alarm fires at. */
  readonly quota: number;
  readonly alarmLevel: number;
  readonly accessLogs: ILogGroup;
}

const ROW_WIDGETS = 3;

export class Dashboard extends Construct {
  readonly dashboard: CloudWatchDashboard;
  private readonly queues = new Map<string, IQueue>();

  constructor(scope: Construct, id: string, props: DashboardProps) {
    super(scope, id);
    this.dashboard = new CloudWatchDashboard(this, 'dashboard', {
      // Dashboard names are account-wide: the region keeps a second region's deployment apart.
      dashboardName: `${props.appName}-${Stack.of(this).region}`,
    });
    this.dashboard.addWidgets(accountConcurrencyWidget(props.quota, props.alarmLevel));
    for (const [service, functions] of props.services) {
      this.dashboard.addWidgets(new TextWidget({ markdown: `## ${service}`, width: 24, height: 1 }));
      const widgets = this.serviceWidgets(props, service, functions);
      for (let i = 0; i < widgets.length; i += ROW_WIDGETS)
        this.dashboard.addWidgets(new Row(...widgets.slice(i, i + ROW_WIDGETS)));
    }
    new CfnOutput(scope, 'DashboardUrl', {
      value: `https://console.aws.amazon.com/cloudwatch/home?region=${Aws.REGION}#dashboards:name=${this.dashboard.dashboardName}`,
      description: "The app's CloudWatch dashboard (docs/observability.md)",
    });
  }

  private serviceWidgets(props: DashboardProps, service: string, functions: readonly ResolvedFunctionDef[]): IWidget[] {
    const { manifest, appName } = props;
    const names = new Set(functions.map((f) => f.name));
    const routeKeys = manifest.routes.filter((r) => names.has(r.function)).map(routeKey);
    if (manifest.defaultRoute && names.has(manifest.defaultRoute.function)) routeKeys.push(DEFAULT_ROUTE_KEY);
    const triggers = manifest.triggers.filter((t) => names.has(t.function));
    const queueNames = new Set([
      ...functions.flatMap((f) => Object.keys(f.queues ?? {})),
      ...triggers.flatMap((t) => (t.source.type === 'sqs' ? [t.source.queue] : [])),
    ]);
    const queues: QueueView[] = [
      ...[...queueNames].map((name) => ({
        name,
        queue: this.queue(appName, PARAMETERS.queueArn(name)),
        dlq: this.queue(appName, PARAMETERS.dlqArn(name)),
      })),
      ...triggers
        .filter((t) => t.source.type === 'dynamodb-stream')
        .map((t) => ({
          name: `${t.function} stream failures`,
          dlq: this.queue(appName, PARAMETERS.streamFailuresArn(t.function)),
        })),
    ];
    return [
      ...(routeKeys.length ? routeWidgets(props.accessLogs, routeKeys) : []),
      ...functionWidgets(functions.map((f) => [f.name, functionName(appName, f.name)])),
      ...(queues.length ? queueWidgets(queues) : []),
      ...businessWidgets(manifest.metrics?.[service] ?? {}, [...new Set(triggers.map((t) => t.function))]),
    ];
  }

  /** A queue of another stack, by the ARN it published (read at this stack's deploy). */
  private queue(appName: string, parameter: readonly string[]): IQueue {
    const id = parameter.join('-');
    let queue = this.queues.get(id);
    if (!queue) {
      queue = Queue.fromQueueArn(this, id, read(this, appName, parameter));
      this.queues.set(id, queue);
    }
    return queue;
  }
}
