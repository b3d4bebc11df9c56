// The production path of issue 14: the UI behind CloudFront with the API on the same origin, guard
// rails (throttles, alarms that notify, a budget), teardown options, log retention and the outputs.
import { App } from 'aws-cdk-lib';
import { Match, type Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { ACCESS_LOG_FORMAT } from '#infra/constructs/api.ts';
import { deployOptions } from '#infra/context.ts';
import { readdirSync } from 'node:fs';
import { isUiPath, pageRedirects, routeKey, UI_PAGES, UI_PATH_PATTERNS } from '#model/derive.ts';
import { app as manifest } from '#app';
import {
  contentSecurityPolicy,
  HSTS_MAX_AGE_SECONDS,
  REFERRER_POLICY,
  s3UploadOrigin,
} from '#model/security-headers.ts';
import { settings } from '#model/settings.ts';
import { CURSOR_KEY_SECRET } from '#model/constants.ts';
import { secretEnv } from '#model/env.ts';
import { type Built, buildStack, logicalId, ssmParameterOf } from './synth.ts';

// CloudFront's managed policies, by their documented ids.
const CACHING_DISABLED = '4135ea2d-6df8-44a3-9df3-4b5a84be39ad';
const CACHING_OPTIMIZED = '658327ea-f89d-4fab-a63d-7e88639e58f6';
const ALL_VIEWER_EXCEPT_HOST_HEADER = 'b689b0a8-53d0-40ab-baf2-68738e2966ac';

let built: Built;
let template: Template;
let resources: Record<string, { Type: string; Properties: any; DeletionPolicy?: string; DependsOn?: string[] }>;

// Several builds of every stack: slow on a shared machine.
beforeAll(() => {
  built = buildStack(manifest);
  template = built.template;
  resources = template.toJSON().Resources;
}, 60_000);

const ofType = (type: string) => Object.entries(resources).filter(([, r]) => r.Type === type);
const distribution = () => {
  const [cdn] = ofType('AWS::CloudFront::Distribution');
  return cdn![1].Properties.DistributionConfig;
};
const originOf = (config: any, behavior: { TargetOriginId: string }) =>
  config.Origins.find((o: any) => o.Id === behavior.TargetOriginId);

describe('Construct: ServiceStack (UI and API under one CloudFront origin)', () => {
  it('sends every non-UI path to the HTTP API, uncached, with query strings and headers but Host', () => {
    const config = distribution();
    const api = originOf(config, config.DefaultCacheBehavior);

    expect(config.DefaultCacheBehavior).toMatchObject({
      CachePolicyId: CACHING_DISABLED,
      OriginRequestPolicyId: ALL_VIEWER_EXCEPT_HOST_HEADER,
      AllowedMethods: expect.arrayContaining(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']),
    });
    expect(api.CustomOriginConfig.OriginProtocolPolicy).toBe('https-only');
    // The API's endpoint, read from the parameter the API stack writes (no export between the stacks).
    const [endpoint] = JSON.stringify(api.DomainName).match(/(?<="Ref":")[^"]+/) ?? [];
    expect(ssmParameterOf(template, { Ref: endpoint })).toBe('/ServerlessSuite/api/endpoint');
    template.hasResourceProperties('AWS::SSM::Parameter', {
      Name: '/ServerlessSuite/api/endpoint',
      Value: { 'Fn::GetAtt': [logicalId(built.suite.api.httpApi), 'ApiEndpoint'] },
    });
  });

  it('serves the UI paths from the private site bucket through Origin Access Control, cached', () => {
    const config = distribution();
    expect(config.CacheBehaviors.map((b: any) => b.PathPattern).sort()).toEqual([...UI_PATH_PATTERNS].sort());
    for (const behavior of config.CacheBehaviors) {
      const origin = originOf(config, behavior);
      expect(behavior.CachePolicyId, behavior.PathPattern).toBe(CACHING_OPTIMIZED);
      expect(origin.S3OriginConfig, behavior.PathPattern).toBeDefined();
      expect(origin.OriginAccessControlId, behavior.PathPattern).toBeDefined();
    }
    // A page path (`/mouse/`) becomes its index.html at the edge; `/` is sent to /index.html.
    for (const page of UI_PAGES) {
      const behavior = config.CacheBehaviors.find((b: any) => b.PathPattern === `/${page}/`);
      expect(behavior.FunctionAssociations, page).toEqual([expect.objectContaining({ EventType: 'viewer-request' })]);
    }
    expect(config.DefaultCacheBehavior.FunctionAssociations).toEqual([
      expect.objectContaining({ EventType: 'viewer-request' }),
    ]);
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Principal: { Service: 'cloudfront.amazonaws.com' },
            Action: Match.arrayWith(['s3:GetObject']),
          }),
        ]),
      },
    });
    template.resourceCountIs('Custom::CDKBucketDeployment', 1);
  });

  it('redirects `/` to the landing page and a page path without its slash to the page, at the edge', () => {
    const [, fn] = ofType('AWS::CloudFront::Function').find(([, r]) => r.Properties.FunctionCode.includes('PAGES'))!;
    // The viewer function's own code, run as CloudFront runs it: `handler(event)` returns a request or a response.
    const handler = new Function(`${fn.Properties.FunctionCode}; return handler;`)() as (e: unknown) => any;
    const at = (uri: string, method = 'GET') => handler({ request: { uri, method, headers: {} } });

    expect(at('/').headers.location.value).toBe('/index.html');
    for (const path of pageRedirects(manifest.routes)) {
      expect(at(path), path).toMatchObject({ statusCode: 302, headers: { location: { value: `${path}/` } } });
      expect(at(path, 'POST'), path).toEqual({ uri: path, method: 'POST', headers: {} });
    }
    expect(pageRedirects(manifest.routes)).toEqual(expect.arrayContaining(['/docs', '/math']));
    expect(pageRedirects(manifest.routes)).not.toContain('/formulas');
    expect(at('/formulas')).toEqual({ uri: '/formulas', method: 'GET', headers: {} });
  });

  it('keeps every manifest route off the UI paths, and the page paths on them', () => {
    expect(manifest.routes.filter((r) => isUiPath(r.path)).map(routeKey)).toEqual([]);
    for (const page of ['/', '/formulas/', '/palettes/main.js', '/docs/swagger-ui.css'])
      expect(isUiPath(page), page).toBe(true);
    for (const api of ['/formulas', '/formulas/abc', '/openapi.json', '/docs', '/bulk/jobs/'])
      expect(isUiPath(api), api).toBe(false);
    const pages = readdirSync(new URL('../../web/pages', import.meta.url), { withFileTypes: true }).filter((d) =>
      d.isDirectory(),
    );
    expect(pages.map((d) => d.name).sort()).toEqual([...UI_PAGES].sort());
  });

  it('outputs WebUrl, ApiUrl and ApiKeySecretArn', () => {
    template.hasOutput('WebUrl', {
      Value: { 'Fn::Join': ['', ['https://', { 'Fn::GetAtt': [Match.anyValue(), 'DomainName'] }]] },
    });
    template.hasOutput('ApiUrl', { Value: Match.anyValue() });
    template.hasOutput('ApiKeySecretArn', { Value: { Ref: Match.stringLikeRegexp('apikey') } });
  });
});

describe('Construct: ServiceStack (guard rails)', () => {
  it('logs each request with the id the client got and the Lambda invocation’s own id', () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      AccessLogSettings: { Format: ACCESS_LOG_FORMAT, DestinationArn: Match.anyValue() },
    });
    expect(JSON.parse(ACCESS_LOG_FORMAT)).toMatchObject({
      requestId: '$context.requestId',
      integrationRequestId: '$context.integration.requestId',
    });
  });

  it('throttles the stage and, tighter, the auth routes', () => {
    const throttled = manifest.routes.filter((r) => r.throttle);
    expect(throttled.map(routeKey).sort()).toEqual(['POST /auth/login', 'POST /auth/register']);
    template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      DefaultRouteSettings: {
        ThrottlingRateLimit: settings.stageThrottle.rateLimit,
        ThrottlingBurstLimit: settings.stageThrottle.burstLimit,
      },
      // The manifest's burst of 10, lowered by the concurrency budget to half a quota of 10.
      RouteSettings: Object.fromEntries(
        throttled.map((r) => [
          routeKey(r),
          { ThrottlingRateLimit: r.throttle!.rateLimit, ThrottlingBurstLimit: Math.min(r.throttle!.burstLimit, 5) },
        ]),
      ),
    });
    for (const r of throttled) expect(r.throttle!.rateLimit).toBeLessThan(settings.stageThrottle.rateLimit);
  });

  it('configures no CORS by default: the pages call the API on their own origin', () => {
    const [, api] = ofType('AWS::ApiGatewayV2::Api')[0]!;
    expect(settings.cors.allowOrigins).toEqual([]);
    expect(api.Properties).not.toHaveProperty('CorsConfiguration');
  });

  it('sends the security headers of model/security-headers.ts on every behaviour, the API’s included', () => {
    const policies = ofType('AWS::CloudFront::ResponseHeadersPolicy');
    expect(policies).toHaveLength(1);
    const [policyId, policy] = policies[0]!;
    const { ContentSecurityPolicy: csp, ...others } =
      policy.Properties.ResponseHeadersPolicyConfig.SecurityHeadersConfig;
    // The policy joins in the stack's region: the pages may also PUT to that region's S3 (presigned uploads).
    const [separator, parts] = csp.ContentSecurityPolicy['Fn::Join'];
    const joined = parts.map((p: unknown) => (typeof p === 'string' ? p : 'REGION')).join(separator);
    expect(joined).toBe(contentSecurityPolicy(s3UploadOrigin('REGION')));
    expect(parts).toContainEqual({ Ref: 'AWS::Region' });
    expect({ csp: csp.Override, ...others }).toEqual({
      csp: true,
      StrictTransportSecurity: {
        AccessControlMaxAgeSec: HSTS_MAX_AGE_SECONDS,
        IncludeSubdomains: true,
        Override: true,
      },
      ContentTypeOptions: { Override: true },
      FrameOptions: { FrameOption: 'DENY', Override: true },
      ReferrerPolicy: { ReferrerPolicy: REFERRER_POLICY, Override: true },
    });
    const config = distribution();
    for (const behavior of [config.DefaultCacheBehavior, ...config.CacheBehaviors])
      expect(behavior.ResponseHeadersPolicyId, behavior.PathPattern ?? 'default').toEqual({ Ref: policyId });
  });

  it('points every alarm at the one alarm topic, on alarm and on recovery', () => {
    const [topicId] = ofType('AWS::SNS::Topic').map(([id]) => id);
    const alarms = ofType('AWS::CloudWatch::Alarm');
    expect(alarms.length).toBeGreaterThan(manifest.functions.length);
    // The data stack's own alarms name the topic; the other stacks read its ARN from SSM.
    const isTopic = ([action]: unknown[]) =>
      JSON.stringify(action) === JSON.stringify({ Ref: topicId }) ||
      ssmParameterOf(template, action) === '/ServerlessSuite/alarms/topic-arn';
    for (const [id, alarm] of alarms) {
      expect(isTopic(alarm.Properties.AlarmActions), id).toBe(true);
      expect(isTopic(alarm.Properties.OKActions), id).toBe(true);
      expect(alarm.Properties.AlarmDescription.length, id).toBeGreaterThan(60);
    }
    template.resourceCountIs('AWS::SNS::Subscription', 0);
    template.resourceCountIs('AWS::Budgets::Budget', 0);
  });

  it('alarms on each function, API 5xx, each queue and DLQ, and the relay iterator age', () => {
    const alarms = ofType('AWS::CloudWatch::Alarm').map(([, a]) => JSON.stringify(a.Properties));
    const watching = (text: string) => alarms.filter((a) => a.includes(text)).length;
    for (const name of manifest.functions.map((f) => f.name)) {
      const id = logicalId(built.functions.get(name)!);
      expect(
        alarms.filter((a) => a.includes(`"Value":{"Ref":"${id}"}`) && a.includes('Errors') && a.includes('Throttles')),
        name,
      ).toHaveLength(1);
    }
    expect(watching('"MetricName":"5xx"')).toBe(1);
    expect(watching('ApproximateAgeOfOldestMessage')).toBe(manifest.queues.length);
    // One per DLQ, plus the stream relay's failure queue.
    expect(watching('ApproximateNumberOfMessagesVisible')).toBe(manifest.queues.length + 1);
    expect(watching('IteratorAge')).toBe(1);
  });

  it("bounds the relay's stream retries and record age, with an on-failure queue", () => {
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      FunctionName: { Ref: logicalId(built.functions.get('formulas-relay')!) },
      MaximumRetryAttempts: 10,
      MaximumRecordAgeInSeconds: 3600,
      BisectBatchOnFunctionError: true,
      DestinationConfig: { OnFailure: { Destination: Match.anyValue() } },
    });
  });

  it('subscribes the alarm email, adds a budget that notifies the topic and allows CORS origins when the context asks', () => {
    // Prepare
    const app = new App({
      context: {
        alarmEmail: 'ops@example.com',
        monthlyBudgetUsd: '25',
        corsOrigins: 'https://a.example, https://b.example',
      },
    });
    const withOptions = buildStack(manifest, deployOptions(app.node, settings)).template;

    // Assess
    withOptions.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'email', Endpoint: 'ops@example.com' });
    withOptions.hasResourceProperties('AWS::ApiGatewayV2::Api', {
      CorsConfiguration: {
        AllowOrigins: ['https://a.example', 'https://b.example'],
        AllowHeaders: settings.cors.allowHeaders,
        AllowMethods: settings.cors.allowMethods,
        MaxAge: settings.cors.maxAgeSeconds,
      },
    });
    withOptions.hasResourceProperties('AWS::Budgets::Budget', {
      Budget: { BudgetLimit: { Amount: 25, Unit: 'USD' }, TimeUnit: 'MONTHLY', BudgetType: 'COST' },
      NotificationsWithSubscribers: Match.arrayWith([
        Match.objectLike({ Subscribers: [{ SubscriptionType: 'SNS', Address: Match.anyValue() }] }),
      ]),
    });
    withOptions.hasResourceProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Principal: { Service: 'budgets.amazonaws.com' }, Action: 'sns:Publish' }),
        ]),
      },
    });
    // Budgets checks its permission to publish at create: the policy first.
    const all = withOptions.toJSON().Resources as typeof resources;
    const [policyId] = Object.entries(all).find(([, r]) => r.Type === 'AWS::SNS::TopicPolicy')!;
    const [, budget] = Object.entries(all).find(([, r]) => r.Type === 'AWS::Budgets::Budget')!;
    expect(budget.DependsOn).toContain(policyId);
  });
});

describe('Construct: ServiceStack (cursor signing key)', () => {
  it('reads the cursor key from a generated secret, in the functions that list and no other', () => {
    const listing = [
      'formulas-list',
      'math-list-requests',
      'mouse-list-sessions',
      'mouse-stats',
      'palettes-list-palettes',
      'palettes-list-teams',
      'weather-history-list',
      'weather-job-results',
    ];
    const holders = manifest.functions
      .filter(
        (f) =>
          resources[logicalId(built.functions.get(f.name)!)]!.Properties.Environment.Variables[
            secretEnv(CURSOR_KEY_SECRET)
          ],
      )
      .map((f) => f.name);
    expect(holders.sort()).toEqual(listing);
    template.hasResourceProperties('AWS::SecretsManager::Secret', {
      Description: Match.stringLikeRegexp(CURSOR_KEY_SECRET),
      GenerateSecretString: Match.objectLike({ PasswordLength: 40 }),
    });
  });
});

describe('Function: deployOptions()', () => {
  const options = (context: Record<string, unknown>) => deployOptions(new App({ context }).node, settings);

  it('keeps the manifest defaults without context', () => {
    expect(options({})).toMatchObject({
      settings,
      routeThrottle: {},
      removal: 'retain',
      tracing: false,
      accountConcurrency: 10,
    });
  });

  it('overrides the stage and auth route limits', () => {
    const o = options({ throttleRate: '10', authThrottleBurst: '2' });
    expect(o.settings.stageThrottle).toEqual({ rateLimit: 10, burstLimit: settings.stageThrottle.burstLimit });
    expect(o.routeThrottle).toEqual({ burstLimit: 2 });
  });

  it.each([
    [{ removal: 'delete' }, /removal/],
    [{ monthlyBudgetUsd: 'ten' }, /monthlyBudgetUsd/],
    [{ throttleRate: '-1' }, /throttleRate/],
    [{ alarmEmail: 'nobody' }, /alarmEmail/],
    [{ accountConcurrency: '10.5' }, /accountConcurrency/],
    [{ accountConcurrency: '0' }, /accountConcurrency/],
    [{ corsOrigins: 'https://a.example/path' }, /corsOrigins/],
    [{ corsOrigins: 'a.example' }, /corsOrigins/],
  ])('refuses %o', (context, message) => {
    expect(() => options(context)).toThrow(message);
  });
});

describe('Construct: ServiceStack (teardown and retention)', () => {
  const stateful = () => [...ofType('AWS::DynamoDB::Table'), ...ofType('AWS::S3::Bucket')];

  it('retains every table and bucket by default, except when the deploy creating it fails', () => {
    for (const [id, r] of stateful()) {
      expect(r.DeletionPolicy, id).toBe('RetainExceptOnCreate');
      expect((r as { UpdateReplacePolicy?: string }).UpdateReplacePolicy, id).toBe('Retain');
    }
    template.resourceCountIs('Custom::S3AutoDeleteObjects', 0);
  });

  it('makes every table and bucket deletable, buckets emptied first, with removal=destroy', () => {
    // Prepare
    const destroyed = buildStack(manifest, { removal: 'destroy' }).template;
    const all = destroyed.toJSON().Resources as typeof resources;
    const kinds = Object.entries(all).filter(
      ([, r]) => r.Type === 'AWS::DynamoDB::Table' || r.Type === 'AWS::S3::Bucket',
    );

    // Assess
    for (const [id, r] of kinds) expect(r.DeletionPolicy, id).toBe('Delete');
    const buckets = kinds.filter(([, r]) => r.Type === 'AWS::S3::Bucket');
    expect(Object.values(all).filter((r) => r.Type === 'Custom::S3AutoDeleteObjects')).toHaveLength(buckets.length);
  });

  it('expires uploaded files and access logs', () => {
    const expiries = (bucket: { Properties: any }) =>
      (bucket.Properties.LifecycleConfiguration?.Rules ?? []).map((r: any) => r.ExpirationInDays);
    const buckets = built.suite.data.node.findChild('Buckets');
    const uploads = resources[logicalId(buckets.node.findChild('weather-imports'))]!;
    const logs = resources[logicalId(buckets.node.findChild('access-logs'))]!;
    expect(expiries(uploads)).toEqual([settings.retention.uploadsDays]);
    expect(expiries(logs)).toEqual([settings.retention.accessLogDays]);
  });

  it('gives every function, CDK helpers included, a log group with a retention', () => {
    const functions = ofType('AWS::Lambda::Function');
    expect(functions.length).toBeGreaterThan(manifest.functions.length);
    for (const [id, fn] of functions) {
      const group = fn.Properties.LoggingConfig?.LogGroup?.Ref;
      expect(resources[group]?.Type, id).toBe('AWS::Logs::LogGroup');
      expect(resources[group]!.Properties.RetentionInDays, id).toBe(settings.retention.logDays);
    }
    for (const [id, group] of ofType('AWS::Logs::LogGroup'))
      expect(group.Properties.RetentionInDays, id).toBeGreaterThan(0);
  });
});
