import { Match, Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { API_KEY_SECRET } from '#model/constants.ts';
import { secretEnv } from '#model/env.ts';
import type { AppManifest } from '#model/manifest.ts';
import { cfnLint } from './cfn-lint.ts';
import { actionsOf, type Built, buildStack, logicalId, roleStatements, ssmParameterOf } from './synth.ts';
import { syntheticManifest } from './synthetic-manifest.ts';

let built: Built;
let template: Template;

beforeAll(() => {
  built = buildStack(syntheticManifest, { tracing: true });
  template = built.template;
});

const fnProps = (name: string) => template.toJSON().Resources[logicalId(built.functions.get(name)!)].Properties;

describe('Function: cfnLint()', () => {
  it('finds nothing beyond the accepted warnings in the synthetic templates', () => {
    expect(cfnLint(...built.stacks.map((s) => Template.fromStack(s).toJSON()))).toEqual([]);
  });

  it('reports what CloudFormation would refuse', () => {
    // Prepare: a runtime Lambda does not have, and a queue whose visibility timeout exceeds SQS's 12 hours.
    const broken = structuredClone(Template.fromStack(built.suite.data).toJSON());
    const resources = Object.values(broken.Resources) as { Type: string; Properties: Record<string, unknown> }[];
    // The data stack's one Lambda function is CDK's bucket-notification helper.
    resources.find((r) => r.Type === 'AWS::Lambda::Function')!.Properties.Runtime = 'nodejs99.x';
    resources.find((r) => r.Type === 'AWS::SQS::Queue')!.Properties.VisibilityTimeout = 43_201;

    // Act
    const findings = cfnLint(broken);

    // Assess
    expect(findings).toHaveLength(2);
    expect(findings).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^E\d+ at Resources\/\w+\/Properties\/Runtime: /),
        expect.stringMatching(/^E\d+ at Resources\/\w+\/Properties\/VisibilityTimeout: /),
      ]),
    );
  });
});

describe('Function: resolveApp() via ServiceStack', () => {
  const slow = (
    queues: AppManifest['functions'][number]['queues'],
    triggers: AppManifest['triggers'],
  ): AppManifest => ({
    ...syntheticManifest,
    functions: [
      ...syntheticManifest.functions,
      { name: 'slow', entry: 'functions/math/handlers/calculate.ts', timeoutSeconds: 31, queues },
    ],
    triggers: [...syntheticManifest.triggers, ...triggers],
  });

  it('throws when a triggered consumer outlives the queue visibility timeout', () => {
    const manifest = slow({}, [
      {
        function: 'slow',
        source: { type: 'sqs', queue: 'uploads-queue' },
        batchSize: 1,
        reportBatchItemFailures: true,
      },
    ]);
    expect(() => buildStack(manifest)).toThrow(/'slow' times out after 31s but queue 'uploads-queue'/);
  });

  it('throws when a function consuming by its access map outlives the visibility timeout', () => {
    expect(() => buildStack(slow({ 'uploads-queue': 'consume' }, []))).toThrow(
      /'slow' times out after 31s but queue 'uploads-queue'/,
    );
  });

  it('accepts a slow function that only sends to the queue', () => {
    expect(() => buildStack(slow({ 'uploads-queue': 'send' }, []))).not.toThrow();
  });

  it('refuses a concurrency reservation without a reason', () => {
    const manifest: AppManifest = {
      ...syntheticManifest,
      functions: [
        ...syntheticManifest.functions,
        {
          name: 'greedy',
          entry: 'functions/math/handlers/calculate.ts',
          reservedConcurrency: { executions: 4, reason: ' ' },
        },
      ],
    };
    expect(() => buildStack(manifest)).toThrow(/'greedy' reserves concurrency without a reason/);
  });
});

describe('Construct: ServiceStack (synthetic manifest)', () => {
  it('creates the table with its GSI, stream and TTL', () => {
    template.hasResourceProperties('AWS::DynamoDB::Table', {
      GlobalSecondaryIndexes: [Match.objectLike({ IndexName: 'by-status' })],
      StreamSpecification: { StreamViewType: 'NEW_AND_OLD_IMAGES' },
      TimeToLiveSpecification: { AttributeName: 'expires_at', Enabled: true },
    });
  });

  it('creates a FIFO queue with content-based deduplication and a FIFO DLQ', () => {
    template.hasResourceProperties('AWS::SQS::Queue', {
      FifoQueue: true,
      ContentBasedDeduplication: true,
      VisibilityTimeout: 60,
    });
    expect(built.suite.data.queues.get('ordered.fifo')?.deadLetterQueue?.queue.fifo).toBe(true);
  });

  it('makes the bucket private, encrypted and TLS only, and notifies the queue of new objects', () => {
    template.hasResourceProperties('AWS::S3::Bucket', {
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
      },
      LoggingConfiguration: Match.objectLike({ LogFilePrefix: 'uploads/' }),
    });
    // The pages PUT to its presigned URLs from another origin: S3 answers the preflight for PUT only.
    template.hasResourceProperties('AWS::S3::Bucket', {
      LoggingConfiguration: Match.objectLike({ LogFilePrefix: 'uploads/' }),
      CorsConfiguration: {
        CorsRules: [{ AllowedMethods: ['PUT'], AllowedOrigins: ['*'], AllowedHeaders: ['content-type'], MaxAge: 3600 }],
      },
    });
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]),
      },
    });
    template.hasResourceProperties('Custom::S3BucketNotifications', {
      NotificationConfiguration: {
        QueueConfigurations: [
          {
            Events: ['s3:ObjectCreated:*'],
            Filter: { Key: { FilterRules: [{ Name: 'prefix', Value: 'incoming/' }] } },
            QueueArn: { 'Fn::GetAtt': [logicalId(built.suite.data.queues.get('uploads-queue')!), 'Arn'] },
          },
        ],
      },
    });
  });

  it('grants bucket reads and writes separately', () => {
    const reader = actionsOf(roleStatements(built, 'reader'));
    const writer = actionsOf(roleStatements(built, 'writer'));
    expect(reader).toEqual(expect.arrayContaining(['s3:GetObject', 's3:ListBucket']));
    expect(reader).not.toContain('s3:PutObject');
    expect(writer).toContain('s3:PutObject');
    expect(writer).not.toContain('s3:GetObject');
    expect(writer.filter((a) => a.startsWith('s3:Delete'))).toEqual([]);
  });

  it('gives a write-only table function no read actions', () => {
    const actions = actionsOf(roleStatements(built, 'writer'));
    expect(actions).toEqual(expect.arrayContaining(['dynamodb:PutItem', 'dynamodb:UpdateItem']));
    expect(actions).not.toContain('dynamodb:GetItem');
    expect(actions).not.toContain('dynamodb:Query');
  });

  it('generates one secret per name, passes its ARN in SECRET_<NAME> and grants read to its readers only', () => {
    template.resourceCountIs('AWS::SecretsManager::Secret', 2);
    template.allResourcesProperties('AWS::SecretsManager::Secret', {
      GenerateSecretString: Match.objectLike({ ExcludePunctuation: true }),
      SecretString: Match.absent(),
    });
    expect(ssmParameterOf(template, fnProps('reader').Environment.Variables[secretEnv('provider-key')])).toBe(
      '/ServerlessSuite/secret/provider-key/arn',
    );
    expect(ssmParameterOf(template, fnProps('writer').Environment.Variables[secretEnv(API_KEY_SECRET)])).toBe(
      `/ServerlessSuite/secret/${API_KEY_SECRET}/arn`,
    );
    template.hasResourceProperties('AWS::SSM::Parameter', {
      Name: '/ServerlessSuite/secret/provider-key/arn',
      Value: { Ref: Match.stringLikeRegexp('providerkey') },
    });
    expect(actionsOf(roleStatements(built, 'reader'))).toContain('secretsmanager:GetSecretValue');
    expect(actionsOf(roleStatements(built, 'worker'))).not.toContain('secretsmanager:GetSecretValue');
  });

  it('applies timeout, memory, reserved concurrency and tracing from the manifest', () => {
    expect(fnProps('worker')).toMatchObject({
      Timeout: 30,
      MemorySize: 1024,
      ReservedConcurrentExecutions: 5,
      TracingConfig: { Mode: 'Active' },
    });
  });

  it('maps the SQS trigger with its batching window and the concurrency budget', () => {
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      FunctionName: { Ref: logicalId(built.functions.get('worker')!) },
      BatchSize: 5,
      MaximumBatchingWindowInSeconds: 2,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      ScalingConfig: { MaximumConcurrency: 2 },
    });
  });

  it('maps the stream trigger with retries, bisection and an alarmed on-failure queue', () => {
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      FunctionName: { Ref: logicalId(built.functions.get('relay')!) },
      // Half a quota of 10 in two shares (model/concurrency.ts): two batches per shard at once.
      ParallelizationFactor: 2,
      StartingPosition: 'TRIM_HORIZON',
      MaximumRetryAttempts: 3,
      BisectBatchOnFunctionError: true,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      DestinationConfig: {
        OnFailure: { Destination: { 'Fn::GetAtt': [Match.stringLikeRegexp('relaystreamfailures'), 'Arn'] } },
      },
    });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Dimensions: [
        { Name: 'QueueName', Value: { 'Fn::GetAtt': [Match.stringLikeRegexp('relaystreamfailures'), 'QueueName'] } },
      ],
    });
  });
});
