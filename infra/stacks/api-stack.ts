// The HTTP API: every route, its integration and the permission to invoke its function, the stage's
// throttles and access log, and the alarms on what users see (5xx, the account's concurrency). The
// functions live in the service stacks under deterministic names, so a route names its function
// without an export: moving a route to another function, or deleting one, is one `cdk deploy --all`.
import { Stack, type StackProps } from 'aws-cdk-lib';
import { Function as LambdaFunction, type IFunction } from 'aws-cdk-lib/aws-lambda';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Topic } from 'aws-cdk-lib/aws-sns';
import type { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import type { Construct } from 'constructs';
import { notifyEveryAlarm } from '../constructs/alarm-topic.ts';
import { AccountAlarms, FIVE_MINUTES, sustainedAlarm } from '../constructs/alarms.ts';
import { Api } from '../constructs/api.ts';
import { PARAMETERS, publish, read } from '../constructs/parameters.ts';
import { functionArn } from '../constructs/service-function.ts';
import type { SuiteStackProps } from './common.ts';

export class ApiStack extends Stack {
  readonly httpApi: HttpApi;

  constructor(scope: Construct, id: string, props: StackProps & SuiteStackProps) {
    super(scope, id, props);
    const { manifest, options, appName, budget } = props;
    const settings = options.settings;
    const functions = new Map<string, IFunction>();
    for (const def of manifest.functions) {
      functions.set(
        def.name,
        LambdaFunction.fromFunctionAttributes(this, `function-${def.name}`, {
          functionArn: functionArn(this, appName, def.name),
          // Same account and region: the integrations add their invoke permissions here.
          sameEnvironment: true,
        }),
      );
    }
    const { httpApi } = new Api(this, 'Api', {
      routes: manifest.routes,
      defaultRoute: manifest.defaultRoute,
      functions,
      logRetention: settings.retention.logDays as RetentionDays,
      cors: settings.cors,
      stageThrottle: settings.stageThrottle,
      routeThrottle: options.routeThrottle,
      routeBurstCeiling: budget.routeBurstCeiling,
    });
    const t = settings.alarms;
    sustainedAlarm(this, 'api-5xx', {
      metric: httpApi.metricServerError({ period: FIVE_MINUTES, statistic: 'Sum' }),
      threshold: t.maxApi5xxPerFiveMinutes,
      thresholds: t,
      description:
        `The HTTP API answered more than ${t.maxApi5xxPerFiveMinutes} 5xx in ${t.datapointsToAlarm} of ` +
        `${t.evaluationPeriods} five-minute periods. The access log (integrationError, routeKey) says which ` +
        "route; that function's failures alarm and log group say why.",
    });
    new AccountAlarms(this, 'Account', { quota: budget.quota, thresholds: t });
    notifyEveryAlarm(this, Topic.fromTopicArn(this, 'alarm-topic', read(this, appName, PARAMETERS.alarmTopicArn())));
    publish(this, appName, PARAMETERS.apiEndpoint(), httpApi.apiEndpoint);
    this.httpApi = httpApi;
  }
}
