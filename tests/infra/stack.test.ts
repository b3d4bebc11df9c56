import { Match, Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { app as manifest } from '#app';
import { DEFAULT_ROUTE_KEY, routeKey } from '#model/derive.ts';
import { API_KEY_SECRET } from '#model/constants.ts';
import { USER_SESSIONS_TABLE } from '#model/constants.ts';
import { API_ROUTES_ENV, secretEnv, tableEnv } from '#model/env.ts';
import { cfnLint } from './cfn-lint.ts';
import { actionsOf, type Built, buildStack, logicalId, roleStatements, ssmParameterOf } from './synth.ts';

const TABLE_WRITES = ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem'];
const TABLE_READS = ['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:Scan', 'dynamodb:BatchGetItem'];

let built: Built;
let template: Template;

// One synthesis for the whole file: building every function's construct is the slow part.
beforeAll(() => {
  built = buildStack(manifest);
  template = built.template;
});

/** The SSM parameters (`/ServerlessSuite/...`) the statements' resources are read from. */
const parametersIn = (statements: readonly { Resource: unknown }[]): string[] =>
  [...JSON.stringify(statements.map((s) => s.Resource)).matchAll(/"Ref":"([^"]+)"/g)].flatMap(
    ([, id]) => ssmParameterOf(template, { Ref: id }) ?? [],
  );

const functionResource = (name: string) => {
  const fn = built.functions.get(name);
  if (!fn) throw new Error(`no function '${name}'`);
  const id = logicalId(fn);
  return { id, props: template.toJSON().Resources[id].Properties };
};

describe('Function: cfnLint()', () => {
  it('finds nothing beyond the accepted warnings in any stack of the app', () => {
    expect(cfnLint(...built.stacks.map((s) => Template.fromStack(s).toJSON()))).toEqual([]);
  });
});

describe('Construct: ServiceStack (HTTP API)', () => {
  it('has exactly one route per manifest route, and the $default route', () => {
    template.resourceCountIs('AWS::ApiGatewayV2::Route', manifest.routes.length + 1);
  });

  it.each([
    ...manifest.routes.map((r) => [routeKey(r), r.function]),
    [DEFAULT_ROUTE_KEY, manifest.defaultRoute!.function],
  ])('routes %s to the Lambda of %s', (key, fnName) => {
    // Prepare
    const routes = template.findResources('AWS::ApiGatewayV2::Route', { Properties: { RouteKey: key } });
    const [route] = Object.values(routes);
    const integrationId = JSON.stringify(route?.Properties.Target).match(/"Ref":"([^"]+)"/)?.[1] ?? '';

    // Assess
    expect(Object.keys(routes)).toHaveLength(1);
    // By name, in another stack: the function's deterministic name, not an export of its ARN.
    const integration = template.toJSON().Resources[integrationId].Properties;
    expect(integration).toMatchObject({ IntegrationType: 'AWS_PROXY', PayloadFormatVersion: '2.0' });
    expect(JSON.stringify(integration.IntegrationUri)).toContain(`:function:ServerlessSuite-${fnName}"`);
    expect(functionResource(fnName).props.FunctionName).toBe(`ServerlessSuite-${fnName}`);
  });

  // CORS: none by default (the pages share the API's origin), production.test.ts.
  it('is an HTTP API and outputs the API URL', () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Api', { ProtocolType: 'HTTP' });
    template.hasOutput('ApiUrl', { Value: Match.anyValue() });
  });
});

describe('Construct: ServiceStack (functions)', () => {
  it('builds one Lambda per manifest function', () => {
    const ours = Object.values(template.findResources('AWS::Lambda::Function')).filter(
      (f) => f.Properties.Environment?.Variables?.POWERTOOLS_SERVICE_NAME,
    );
    expect(ours.map((f) => f.Properties.Environment.Variables.POWERTOOLS_SERVICE_NAME).sort()).toEqual(
      manifest.functions.map((f) => f.name).sort(),
    );
  });

  // No NODE_OPTIONS=--enable-source-maps: the bundle maps its own stacks, on the first one printed
  // (shared/stack-traces.ts; tests/infra/bundles.test.ts checks the mapping).
  it.each(manifest.functions.map((f) => [f.name, f]))('runs %s on arm64 nodejs22.x', (name, def) => {
    const props = functionResource(name).props;
    expect(props).toMatchObject({
      Runtime: 'nodejs22.x',
      Architectures: ['arm64'],
      Handler: 'index.handler',
      Timeout: def.timeoutSeconds ?? 10,
      MemorySize: def.memoryMb ?? 512,
    });
    expect(props.Environment.Variables).not.toHaveProperty('NODE_OPTIONS');
  });

  it('reserves concurrency for no function (a new account cannot spare any), since no manifest entry asks for it', () => {
    expect(manifest.functions.filter((f) => f.reservedConcurrency)).toEqual([]);
    template.resourcePropertiesCountIs('AWS::Lambda::Function', { ReservedConcurrentExecutions: Match.anyValue() }, 0);
  });

  it('gives math-list-requests read but not write access to its table', () => {
    // Prepare
    const actions = actionsOf(roleStatements(built, 'math-list-requests'));
    const variable = functionResource('math-list-requests').props.Environment.Variables[tableEnv('math-requests')];

    // Assess
    expect(actions).toEqual(expect.arrayContaining(TABLE_READS));
    for (const write of TABLE_WRITES) expect(actions).not.toContain(write);
    expect(ssmParameterOf(template, variable)).toBe('/ServerlessSuite/table/math-requests/name');
  });

  it('gives math-calculate the UpdateItem its readwrite access allows', () => {
    expect(actionsOf(roleStatements(built, 'math-calculate'))).toEqual(
      expect.arrayContaining(['dynamodb:UpdateItem', 'dynamodb:GetItem']),
    );
  });

  it('lets formulas-redrive consume the DLQ of the queue it sends to, and nothing more of the queue', () => {
    const statements = roleStatements(built, 'formulas-redrive');
    const on = (parameter: string) => actionsOf(statements.filter((s) => parametersIn([s]).includes(parameter)));
    expect(on('/ServerlessSuite/queue/formulas/dlq-arn')).toEqual(
      expect.arrayContaining(['sqs:ReceiveMessage', 'sqs:DeleteMessage']),
    );
    const queueActions = on('/ServerlessSuite/queue/formulas/arn');
    expect(queueActions).toEqual(expect.arrayContaining(['sqs:SendMessage', 'sqs:GetQueueAttributes']));
    expect(queueActions).not.toContain('sqs:ReceiveMessage');
  });

  it('gives api-key routes the API key secret and user routes read of the sessions table', () => {
    const serving = (auth: string) => [
      ...new Set(manifest.routes.filter((r) => r.contract.auth === auth).map((r) => r.function)),
    ];
    const variable = (fn: string, name: string) => functionResource(fn).props.Environment.Variables[name];
    for (const fn of serving('api-key')) {
      expect(ssmParameterOf(template, variable(fn, secretEnv(API_KEY_SECRET))), fn).toBe(
        `/ServerlessSuite/secret/${API_KEY_SECRET}/arn`,
      );
      expect(actionsOf(roleStatements(built, fn)), fn).toContain('secretsmanager:GetSecretValue');
    }
    for (const fn of serving('user')) {
      expect(ssmParameterOf(template, variable(fn, tableEnv(USER_SESSIONS_TABLE))), fn).toBe(
        `/ServerlessSuite/table/${USER_SESSIONS_TABLE}/name`,
      );
      expect(actionsOf(roleStatements(built, fn)), fn).toContain('dynamodb:GetItem');
    }
  });

  it('gives the $default function the route keys and no data access', () => {
    const fn = manifest.defaultRoute!.function;
    const variables = functionResource(fn).props.Environment.Variables;
    expect(JSON.parse(variables[API_ROUTES_ENV])).toEqual(manifest.routes.map(routeKey));
    expect(actionsOf(roleStatements(built, fn)).filter((a) => /^(dynamodb|sqs|s3|secretsmanager):/.test(a))).toEqual(
      [],
    );
  });

  it('grants no wildcard action to any role', () => {
    const actions = Object.values(template.findResources('AWS::IAM::Policy')).flatMap((p) =>
      actionsOf(p.Properties.PolicyDocument.Statement),
    );
    expect(actions.filter((a) => a === '*' || a.endsWith(':*'))).toEqual([]);
  });
});

describe('Construct: ServiceStack (data and messaging)', () => {
  it('creates every table on demand with point-in-time recovery', () => {
    template.resourceCountIs('AWS::DynamoDB::Table', manifest.tables.length);
    for (const def of manifest.tables) {
      expect(template.toJSON().Resources[logicalId(built.suite.data.tables.get(def.name)!)].Properties).toMatchObject({
        BillingMode: 'PAY_PER_REQUEST',
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
        KeySchema: expect.arrayContaining([{ AttributeName: def.partitionKey.name, KeyType: 'HASH' }]),
      });
    }
  });

  it.each(manifest.queues.map((q) => [q.name, q]))(
    'gives queue %s an encrypted, TLS-only DLQ with an alarm',
    (name, def) => {
      // Prepare
      const queue = built.suite.data.queues.get(name)!;
      const dlq = queue.deadLetterQueue!.queue;
      const resources = template.toJSON().Resources;

      // Assess
      expect(resources[logicalId(queue)].Properties).toMatchObject({
        VisibilityTimeout: def.visibilityTimeoutSeconds,
        SqsManagedSseEnabled: true,
        RedrivePolicy: {
          deadLetterTargetArn: { 'Fn::GetAtt': [logicalId(dlq), 'Arn'] },
          maxReceiveCount: def.maxReceiveCount,
        },
      });
      expect(resources[logicalId(dlq)].Properties).toMatchObject({
        SqsManagedSseEnabled: true,
        ...(def.fifo ? { FifoQueue: true } : {}),
      });
      template.hasResourceProperties('AWS::CloudWatch::Alarm', {
        MetricName: 'ApproximateNumberOfMessagesVisible',
        Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [logicalId(dlq), 'QueueName'] } }],
        Threshold: 0,
        ComparisonOperator: 'GreaterThanThreshold',
      });
      for (const q of [queue, dlq]) {
        template.hasResourceProperties('AWS::SQS::QueuePolicy', {
          Queues: [{ Ref: logicalId(q) }],
          PolicyDocument: {
            Statement: Match.arrayWith([
              Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
            ]),
          },
        });
      }
    },
  );

  it('maps every trigger to an event source with partial batch responses', () => {
    const mappings = Object.values(template.findResources('AWS::Lambda::EventSourceMapping')).map((m) => m.Properties);
    expect(mappings).toHaveLength(manifest.triggers.length);
    for (const trigger of manifest.triggers) {
      expect(mappings).toContainEqual(
        expect.objectContaining({
          FunctionName: { Ref: functionResource(trigger.function).id },
          BatchSize: trigger.batchSize,
          ...(trigger.reportBatchItemFailures ? { FunctionResponseTypes: ['ReportBatchItemFailures'] } : {}),
        }),
      );
    }
  });
});
