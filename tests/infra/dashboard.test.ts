// Issue 31: one dashboard, its URL an output of the API stack. Its body is read back as the console
// would (the tokens CloudFormation fills in shown as <Ref:id>), widget by widget.
import { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { app as manifest } from '#app';
import { METRICS as FORMULAS } from '#functions/formulas/constants.ts';
import { METRICS as MATH } from '#functions/math/constants.ts';
import { METRICS as MOUSE } from '#functions/mouse/constants.ts';
import { METRICS as PALETTES } from '#functions/palettes/constants.ts';
import { METRICS as WEATHER } from '#functions/weather/constants.ts';
import { METRICS_NAMESPACE } from '#model/constants.ts';
import { DEFAULT_ROUTE_KEY, routeKey } from '#model/derive.ts';
import { RECORDS_FAILED_METRIC } from '#shared/metrics.ts';
import { type Built, buildStack } from './synth.ts';

interface Widget {
  readonly type: string;
  readonly properties: {
    readonly title?: string;
    readonly query?: string;
    readonly metrics?: readonly unknown[][];
    readonly annotations?: { horizontal?: { value: number; label: string }[] };
  };
}

let defaults: Built;
let largeAccount: Built;

beforeAll(() => {
  defaults = buildStack(manifest);
  largeAccount = buildStack(manifest, { accountConcurrency: 1000 });
}, 120_000);

const apiTemplate = (built: Built) => Template.fromStack(built.suite.api).toJSON();

const dashboardOf = (built: Built) => {
  const template = apiTemplate(built);
  const [id, ...others] = Object.keys(template.Resources).filter(
    (key) => template.Resources[key].Type === 'AWS::CloudWatch::Dashboard',
  );
  expect(others).toEqual([]);
  const parts = template.Resources[id!].Properties.DashboardBody['Fn::Join'][1] as unknown[];
  // A queue's name is a part of its ARN (Fn::Select of Fn::Split of the parameter's Ref).
  const token = (p: unknown) => `<Ref:${/"Ref":"([^"]+)"/.exec(JSON.stringify(p))![1]}>`;
  const body = parts.map((p) => (typeof p === 'string' ? p : token(p))).join('');
  return { id: id!, template, body, widgets: (JSON.parse(body) as { widgets: Widget[] }).widgets };
};

/** The SSM parameter names a body's <Ref:id> tokens are read from. */
const parametersReferenced = (built: Built): string[] => {
  const { template, body } = dashboardOf(built);
  const parameters = template.Parameters as Record<string, { Default?: string }>;
  return [...new Set([...body.matchAll(/<Ref:([^>]+)>/g)].flatMap(([, ref]) => parameters[ref!]?.Default ?? []))];
};

describe('Dashboard', () => {
  it('is one dashboard, in the API stack alone, its URL the DashboardUrl output', () => {
    const { id, template } = dashboardOf(defaults);
    for (const stack of defaults.stacks.filter((s) => s !== defaults.suite.api))
      Template.fromStack(stack).resourceCountIs('AWS::CloudWatch::Dashboard', 0);
    const url = JSON.stringify(template.Outputs.DashboardUrl.Value);
    expect(url).toContain('console.aws.amazon.com/cloudwatch/home?region=');
    expect(url).toContain('#dashboards:name=');
    expect(url).toContain(`{"Ref":"${id}"}`);
  });

  it('starts with the account concurrency, its quota from -c accountConcurrency drawn across', () => {
    for (const [built, quota] of [
      [defaults, 10],
      [largeAccount, 1000],
    ] as const) {
      const [first] = dashboardOf(built).widgets;
      expect(first!.properties.metrics![0]!.slice(0, 2)).toEqual(['AWS/Lambda', 'ConcurrentExecutions']);
      // No dimension: the region's total.
      expect(typeof first!.properties.metrics![0]![2]).toBe('object');
      const annotations = first!.properties.annotations!.horizontal!;
      expect(annotations.find((a) => a.value === quota)?.label).toContain('accountConcurrency');
      // The account alarm's level (80% by default) below it.
      expect(annotations.map((a) => a.value)).toContain(Math.floor(quota * 0.8));
    }
  });

  it("graphs every function's errors, throttles, duration and concurrency by its deployed name", () => {
    const { widgets } = dashboardOf(defaults);
    for (const metricName of ['Errors', 'Throttles', 'Duration', 'ConcurrentExecutions']) {
      const graphed = widgets
        .flatMap((w) => w.properties.metrics ?? [])
        .filter((m) => m[0] === 'AWS/Lambda' && m[1] === metricName && m[2] === 'FunctionName')
        .map((m) => m[3]);
      expect(graphed.sort(), metricName).toEqual(manifest.functions.map((f) => `ServerlessSuite-${f.name}`).sort());
    }
  });

  it('reads every queue, its DLQ and every stream failure queue by the ARN their stack published', () => {
    const referenced = parametersReferenced(defaults);
    const expected = [
      ...manifest.queues.flatMap((q) => [
        `/ServerlessSuite/queue/${q.name}/arn`,
        `/ServerlessSuite/queue/${q.name}/dlq-arn`,
      ]),
      ...manifest.triggers
        .filter((t) => t.source.type === 'dynamodb-stream')
        .map((t) => `/ServerlessSuite/function/${t.function}/stream-failures-arn`),
    ];
    expect(referenced.filter((p) => p !== '/ServerlessSuite/api/endpoint').sort()).toEqual(expected.sort());
    const published = defaults.stacks.flatMap((s) =>
      Object.values(Template.fromStack(s).findResources('AWS::SSM::Parameter')).map((r) => r.Properties.Name),
    );
    for (const name of expected) expect(published, name).toContain(name);
    const { body } = dashboardOf(defaults);
    for (const q of manifest.queues) expect(body, q.name).toContain(`"label":"${q.name} DLQ"`);
  });

  it('queries latency percentiles and 4xx/5xx per route from the access log', () => {
    const { widgets, template } = dashboardOf(defaults);
    const accessLog = Object.keys(template.Resources).find((k) => template.Resources[k].Type === 'AWS::Logs::LogGroup');
    const queries = widgets.filter((w) => w.type === 'log').map((w) => w.properties.query!);
    for (const query of queries) expect(query).toContain(`SOURCE '<Ref:${accessLog}>'`);
    const latency = queries.filter((q) => q.includes('pct(latencyMs, 99)')).join('\n');
    const errors = queries.filter((q) => q.includes('floor(status / 100)')).join('\n');
    for (const key of [...manifest.routes.map(routeKey), DEFAULT_ROUTE_KEY]) {
      expect(latency, key).toContain(JSON.stringify(key));
      expect(errors, key).toContain(JSON.stringify(key));
    }
  });

  it("searches the namespace for every service's business metrics, and the consumers' failed records", () => {
    const declared = Object.values(manifest.metrics ?? {}).flatMap((m) => [...(m.counts ?? []), ...(m.timings ?? [])]);
    const all = [FORMULAS, MATH, MOUSE, PALETTES, WEATHER].flatMap((m) => Object.values(m) as string[]);
    expect(declared.sort()).toEqual(all.sort());
    const searches = dashboardOf(defaults)
      .widgets.flatMap((w) => w.properties.metrics ?? [])
      .map((m) => (m[0] as { expression?: string }).expression)
      .filter((e) => e?.startsWith('SEARCH('));
    for (const name of [...all, RECORDS_FAILED_METRIC])
      expect(searches.join('\n'), name).toContain(`Namespace="${METRICS_NAMESPACE}" MetricName="${name}"`);
    for (const t of manifest.triggers) expect(searches.join('\n'), t.function).toContain(`service="${t.function}"`);
  });
});
