// The HTTP API: one Lambda integration per manifest route. Auth (public, api-key, user) is enforced in
// the handlers by the shared middleware from the same manifest, so routes carry no authorizer.
import { CfnOutput, Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import { CfnStage, CorsHttpMethod, HttpApi, HttpMethod, HttpRoute, HttpRouteKey } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { DefaultRouteDef, RouteDef } from '../manifest-types.ts';
import { lookup } from './lookup.ts';

// One JSON line per request, the fields an on-call person filters by.
const ACCESS_LOG_FORMAT = JSON.stringify({
  requestId: '$context.requestId',
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
}

export class Api extends Construct {
  readonly httpApi: HttpApi;

  constructor(scope: Construct, id: string, props: ApiProps) {
    super(scope, id);
    this.httpApi = new HttpApi(this, 'http', {
      corsPreflight: {
        allowOrigins: ['*'],
        allowMethods: [CorsHttpMethod.ANY],
        allowHeaders: ['content-type', 'authorization', 'x-api-key'],
        maxAge: Duration.hours(1),
      },
    });
    for (const route of props.routes) {
      this.httpApi.addRoutes({
        path: route.path,
        methods: [HttpMethod[route.method]],
        integration: new HttpLambdaIntegration(`${route.function}-integration`, lookup(props.functions, route.function, 'function')),
      });
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
    Validations.of(this.httpApi).acknowledge({
      id: 'AwsSolutions-APIG4',
      reason: "Each route's auth mode (public, api-key, user) is in the manifest and enforced by the shared handler pipeline (shared/http/auth.ts); public routes are public by design.",
    });
    const accessLogs = new LogGroup(this, 'access-logs', { retention: props.logRetention, removalPolicy: RemovalPolicy.DESTROY });
    const stage = this.httpApi.defaultStage?.node.defaultChild as CfnStage;
    stage.accessLogSettings = { destinationArn: accessLogs.logGroupArn, format: ACCESS_LOG_FORMAT };
    new CfnOutput(scope, 'ApiUrl', { value: this.httpApi.apiEndpoint, description: 'Base URL of the HTTP API' });
  }
}
