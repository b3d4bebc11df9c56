// The HTTP API: one Lambda integration per manifest route. Auth (public, api-key, user) is enforced in
// the handlers by the shared middleware from the same manifest, so routes carry no authorizer. The
// stage throttles every route, and a route the manifest throttles tighter gets its own limit.
import { CfnOutput, Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import {
  type CfnStage,
  CorsHttpMethod,
  HttpApi,
  HttpMethod,
  HttpRoute,
  HttpRouteKey,
} from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { budgetedRouteThrottle } from '#model/concurrency.ts';
import { corsEnabled, routeKey } from '#model/derive.ts';
import type { CorsSettings, DefaultRouteDef, RouteDef, Throttle } from '#model/manifest.ts';
import { lookup } from './lookup.ts';

// One JSON line per request, the fields an on-call person filters by.
// requestId is the `apigw-requestid` header the client gets and every log line's correlation_id;
// integrationRequestId is the Lambda invocation's request id (the function's REPORT line names it).
export const ACCESS_LOG_FORMAT = JSON.stringify({
  requestId: '$context.requestId',
  integrationRequestId: '$context.integration.requestId',
  integrationStatus: '$context.integration.status',
  integrationLatencyMs: '$context.integration.latency',
  routeKey: '$context.routeKey',
  status: '$context.status',
  latencyMs: '$context.responseLatency',
  integrationError: '$context.integrationErrorMessage',
  ip: '$context.identity.sourceIp',
  time: '$context.requestTime',
});

export interface ApiProps {
  readonly routes: readonly RouteDef[];
  readonly defaultRoute?: DefaultRouteDef | undefined;
  readonly functions: ReadonlyMap<string, IFunction>;
  readonly logRetention: RetentionDays;
  readonly cors: CorsSettings;
  readonly stageThrottle: Throttle;
  /** Replaces the given limits of every route the manifest throttles. */
  readonly routeThrottle?: Partial<Throttle> | undefined;
  /**
   * The concurrency budget's bound on a throttled route's burst (model/concurrency.ts): the manifest's
   * burst is lowered to it; a burst given in the context is taken as given.
   */
  readonly routeBurstCeiling: number;
}

export class Api extends Construct {
  readonly httpApi: HttpApi;

  constructor(scope: Construct, id: string, props: ApiProps) {
    super(scope, id);
    this.httpApi = new HttpApi(this, 'http', {
      // Same-origin by default (model/settings.ts): no CORS configuration at all.
      ...(corsEnabled(props.cors) && {
        corsPreflight: {
          allowOrigins: [...props.cors.allowOrigins],
          allowMethods: props.cors.allowMethods.map((m) => CorsHttpMethod[m]),
          allowHeaders: [...props.cors.allowHeaders],
          maxAge: Duration.seconds(props.cors.maxAgeSeconds),
        },
      }),
    });
    const stage = this.httpApi.defaultStage?.node.defaultChild as CfnStage;
    // A JSON map in CloudFormation: CDK does not capitalise its keys as it does for typed properties.
    const routeSettings: Record<string, { ThrottlingRateLimit: number; ThrottlingBurstLimit: number }> = {};
    for (const route of props.routes) {
      const [created] = this.httpApi.addRoutes({
        path: route.path,
        methods: [HttpMethod[route.method]],
        integration: new HttpLambdaIntegration(
          `${route.function}-integration`,
          lookup(props.functions, route.function, 'function'),
        ),
      });
      if (route.throttle) {
        const { rateLimit, burstLimit } = budgetedRouteThrottle(
          route.throttle,
          { routeBurstCeiling: props.routeBurstCeiling },
          props.routeThrottle,
        );
        routeSettings[routeKey(route)] = { ThrottlingRateLimit: rateLimit, ThrottlingBurstLimit: burstLimit };
        // Route settings name an existing route: the stage must come after it.
        stage.node.addDependency(created!);
      }
    }
    if (props.defaultRoute) {
      // What no route matches gets the API's {detail, code} errors instead of the gateway's {"message"}.
      const fn = props.defaultRoute.function;
      // Under the API, as addRoutes() puts the others, so the APIG4 acknowledgement below covers it too.
      new HttpRoute(this.httpApi, 'default-route', {
        httpApi: this.httpApi,
        routeKey: HttpRouteKey.DEFAULT,
        integration: new HttpLambdaIntegration(`${fn}-integration`, lookup(props.functions, fn, 'function')),
      });
    }
    stage.defaultRouteSettings = {
      throttlingRateLimit: props.stageThrottle.rateLimit,
      throttlingBurstLimit: props.stageThrottle.burstLimit,
    };
    stage.routeSettings = routeSettings;
    Validations.of(this.httpApi).acknowledge({
      id: 'AwsSolutions-APIG4',
      reason:
        "Each route's auth mode (public, api-key, user) is in the manifest and enforced by the shared handler pipeline (shared/http/auth.ts); public routes are public by design.",
    });
    const accessLogs = new LogGroup(this, 'access-logs', {
      retention: props.logRetention,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    stage.accessLogSettings = { destinationArn: accessLogs.logGroupArn, format: ACCESS_LOG_FORMAT };
    new CfnOutput(scope, 'ApiUrl', { value: this.httpApi.apiEndpoint, description: 'Base URL of the HTTP API' });
  }
}
