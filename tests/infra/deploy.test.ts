// Issue 27: what a fresh personal account needs from the stacks. Room to grow (resource counts per
// stack), no export between stacks, the CDN alone, the concurrency budget, and a deploy rehearsal: the
// app under every documented context option at once, cdk-nag and cfn-lint clean (the default options
// are checked by stack.test.ts and nag.test.ts).
import { Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { beforeAll, describe, expect, it } from 'vitest';
import { app as manifest } from '#app';
import { appBudget, DEFAULT_ACCOUNT_CONCURRENCY } from '#model/concurrency.ts';
import { cfnLint } from './cfn-lint.ts';
import { type Built, buildStack, logicalId } from './synth.ts';

/** Half of CloudFormation's 500 resources per stack. */
const RESOURCE_CEILING = 250;
/** What one more route costs in the API stack: its route, integration and invoke permission. */
const PER_ROUTE = 3;
/** What one more function costs in its service stack: function, role, policy, log group, alarm. */
const PER_FUNCTION = 5;

const EVERY_OPTION = {
  alarmEmail: 'ops@example.com',
  monthlyBudgetUsd: 20,
  removal: 'destroy',
  tracing: true,
  accountConcurrency: 1000,
} as const;

let defaults: Built;
let everything: Built;
const json = (built: Built) => new Map(built.stacks.map((s) => [s.stackName, Template.fromStack(s).toJSON()]));
const count = (template: Record<string, any>) => Object.keys(template.Resources).length;

beforeAll(() => {
  defaults = buildStack(manifest);
  everything = buildStack(manifest, EVERY_OPTION);
}, 120_000);

describe('Stacks: layout', () => {
  it('splits into data, one stack per service, api and web, in that deploy order', () => {
    const names = defaults.stacks.map((s) => s.stackName);
    const serviceNames = [...new Set(manifest.functions.map((f) => `ServerlessSuite-${f.service}`))];
    expect(names).toEqual(['ServerlessSuite-data', ...serviceNames, 'ServerlessSuite-api', 'ServerlessSuite-web']);
    const dependencies = (name: string) =>
      defaults.stacks.find((s) => s.stackName === name)!.dependencies.map((d) => d.stackName);
    for (const service of serviceNames) expect(dependencies(service), service).toEqual(['ServerlessSuite-data']);
    expect(dependencies('ServerlessSuite-api').sort()).toEqual([...serviceNames].sort());
    expect(dependencies('ServerlessSuite-web')).toEqual(['ServerlessSuite-api']);
  });

  it.each([
    ['default options', () => defaults],
    ['every option', () => everything],
  ])('keeps every stack within half the resource limit, with room for 20 routes more (%s)', (_name, built) => {
    for (const [name, template] of json(built())) {
      const headroom = name.endsWith('-api') ? 20 * PER_ROUTE : name.endsWith('-data') ? 0 : 20 * PER_FUNCTION;
      expect(count(template) + headroom, name).toBeLessThanOrEqual(RESOURCE_CEILING);
    }
  });

  it('counts what a route and a function cost, as the headroom above assumes', () => {
    const templates = json(defaults);
    const apiRoutes = manifest.routes.length + 1;
    // The API, its stage, access log group and three alarms, then three resources per route.
    expect(count(templates.get('ServerlessSuite-api')!)).toBeLessThanOrEqual(apiRoutes * PER_ROUTE + 10);
    const math = templates.get('ServerlessSuite-math')!;
    expect(count(math)).toBe(manifest.functions.filter((f) => f.service === 'math').length * PER_FUNCTION);
  });

  it('exports nothing and imports nothing: names travel by SSM parameters and function names', () => {
    for (const [name, template] of json(defaults)) {
      expect(JSON.stringify(template), name).not.toContain('Fn::ImportValue');
      for (const output of Object.values((template.Outputs ?? {}) as Record<string, { Export?: unknown }>))
        expect(output.Export, name).toBeUndefined();
    }
  });

  it('keeps what holds data in the data stack, and CloudFront in the web stack alone', () => {
    const stateful = ['AWS::DynamoDB::Table', 'AWS::SecretsManager::Secret', 'AWS::SNS::Topic'];
    const cdn = ['AWS::CloudFront::Distribution', 'AWS::CloudFront::OriginAccessControl', 'AWS::CloudFront::Function'];
    for (const [name, template] of json(defaults)) {
      const types = Object.values(template.Resources as Record<string, { Type: string }>).map((r) => r.Type);
      if (!name.endsWith('-data'))
        expect(
          types.filter((t) => stateful.includes(t)),
          name,
        ).toEqual([]);
      if (!name.endsWith('-web'))
        expect(
          types.filter((t) => cdn.includes(t)),
          name,
        ).toEqual([]);
    }
    // Every manifest queue is the data stack's; a stream consumer's failure queue stays with its mapping.
    const dataQueues = Object.values(json(defaults).get('ServerlessSuite-data')!.Resources).filter(
      (r: any) => r.Type === 'AWS::SQS::Queue',
    );
    expect(dataQueues).toHaveLength(manifest.queues.length * 2);
  });

  it('prints the API URL from the API stack and the web URL from the web stack', () => {
    const outputs = (name: string) => Object.keys(json(defaults).get(name)!.Outputs ?? {});
    expect(outputs('ServerlessSuite-api')).toEqual(['ApiUrl']);
    expect(outputs('ServerlessSuite-web')).toEqual(['WebUrl']);
    expect(outputs('ServerlessSuite-data')).toEqual(['ApiKeySecretArn']);
  });

  it('names the origin access control and the viewer functions per region (CloudFront names are account-wide)', () => {
    const web = json(defaults).get('ServerlessSuite-web')!;
    const [oac] = Object.values(web.Resources as Record<string, any>).filter(
      (r) => r.Type === 'AWS::CloudFront::OriginAccessControl',
    );
    expect(JSON.stringify(oac.Properties.OriginAccessControlConfig.Name)).toContain('{"Ref":"AWS::Region"}');
    // CloudFront Functions' names are account-wide too; CDK's generated names start with the region.
    const functions = Object.values(web.Resources as Record<string, any>).filter(
      (r) => r.Type === 'AWS::CloudFront::Function',
    );
    expect(functions.length).toBeGreaterThan(0);
    for (const fn of functions) expect(JSON.stringify(fn.Properties.Name)).toContain('{"Ref":"AWS::Region"}');
  });

  it('redrives every Lambda-consumed queue after at least 5 receives (AWS advice)', () => {
    const consumed = new Set(manifest.triggers.flatMap((t) => (t.source.type === 'sqs' ? [t.source.queue] : [])));
    for (const q of manifest.queues.filter((q) => consumed.has(q.name)))
      expect(q.maxReceiveCount, q.name).toBeGreaterThanOrEqual(5);
  });
});

describe('Stacks: the concurrency budget', () => {
  const mappings = (built: Built) =>
    Object.values(built.template.findResources('AWS::Lambda::EventSourceMapping')).map((m) => m.Properties);
  const ceilingIn = (built: Built, fn: string) => {
    const id = logicalId(built.functions.get(fn)!);
    const mapping = mappings(built).find((m) => m.FunctionName.Ref === id)!;
    return mapping.ScalingConfig?.MaximumConcurrency ?? mapping.ParallelizationFactor;
  };

  it.each([
    [DEFAULT_ACCOUNT_CONCURRENCY, () => defaults],
    [EVERY_OPTION.accountConcurrency, () => everything],
  ])('gives every asynchronous consumer the ceiling of a quota of %i', (quota, built) => {
    const budget = appBudget(manifest, quota);
    expect(mappings(built())).toHaveLength(manifest.triggers.length);
    for (const consumer of budget.consumers)
      expect(ceilingIn(built(), consumer.function), consumer.function).toBe(consumer.ceiling);
  });

  it('at 10 (a new account) leaves the API more than half while any one service is backlogged', () => {
    const budget = appBudget(manifest, 10);
    expect(budget.consumers.filter((c) => c.kind === 'sqs').map((c) => c.ceiling)).toEqual([2, 2, 2, 2, 2]);
    expect(budget.apiKeepsWhenOneServiceIsBusy).toBe(6);
    // The SQS floors (2 per mapping) exceed half of 10: with all five queues backlogged at once the
    // consumers could take 11 (docs/deploying.md says so and what to do).
    expect(budget.consumersWorstCase).toBe(11);
  });

  it('at 1,000 leaves the API at least half even with every consumer backlogged, the workers held to the provider limit', () => {
    const budget = appBudget(manifest, 1000);
    expect(budget.apiKeepsWhenAllAreBusy).toBeGreaterThanOrEqual(500);
    expect(budget.consumers.find((c) => c.function === 'weather-worker')!.ceiling).toBe(4);
  });

  it('lowers the auth routes burst to the API share of a quota of 10, and keeps the manifest one at 1,000', () => {
    const burst = (built: Built) =>
      Object.values(built.template.findResources('AWS::ApiGatewayV2::Stage'))[0]!.Properties.RouteSettings[
        'POST /auth/login'
      ].ThrottlingBurstLimit;
    expect(burst(defaults)).toBe(5);
    expect(burst(everything)).toBe(10);
  });

  it('alarms on the account concurrency at 80% of the quota and on any throttling across the account', () => {
    const alarms = Object.values(everything.template.findResources('AWS::CloudWatch::Alarm')).map((a) => a.Properties);
    const account = alarms.filter((a) => a.Namespace === 'AWS/Lambda' && a.Dimensions === undefined);
    expect(account.map((a) => [a.MetricName, a.Threshold]).sort()).toEqual([
      ['ConcurrentExecutions', 799],
      ['Throttles', 0],
    ]);
    for (const a of account) expect(a).toMatchObject({ EvaluationPeriods: 3, DatapointsToAlarm: 2 });
  });
});

describe('Stacks: deploy rehearsal with every documented option', () => {
  it('reports no unacknowledged cdk-nag finding', () => {
    const report = new AwsSolutionsChecks(everything.app).validateScope(everything.app);
    expect(
      report.violations.flatMap((v) => v.violatingResources.map((r) => `${v.ruleName} at ${r.constructPath}`)),
    ).toEqual([]);
  });

  it('passes cfn-lint in every stack', () => {
    expect(cfnLint(...json(everything).values())).toEqual([]);
  });
});
