import { ConditionalCheckFailedException, ProvisionedThroughputExceededException } from '@aws-sdk/client-dynamodb';
import { SQSClient } from '@aws-sdk/client-sqs';
import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { handler } from '#functions/formulas/handlers/submit.ts';
import { apiEvent, lambdaContext, TEST_ENV } from '../helpers/factories.ts';

const dynamo = mockClient(DynamoDBDocumentClient);
const sqs = mockClient(SQSClient);

const body = {
  name: 'Summer Breeze',
  materials: [
    { name: 'Bergamot Oil', concentration: 15.5 },
    { name: 'Vanilla', concentration: '3.25' },
  ],
};

const post = async (payload: unknown, headers: Record<string, string> = {}) => {
  const result = (await handler(
    apiEvent({ method: 'POST', route: '/formulas', body: payload, headers }),
    lambdaContext(),
  )) as APIGatewayProxyStructuredResultV2;
  return {
    status: result.statusCode,
    headers: result.headers ?? {},
    body: JSON.parse(String(result.body)) as Record<string, unknown>,
  };
};

describe('Function: POST /formulas handler', () => {
  beforeAll(() => {
    for (const [name, value] of Object.entries(TEST_ENV)) vi.stubEnv(name, value);
    vi.stubEnv('TABLE_FORMULAS', 'formulas-test');
    vi.stubEnv('TABLE_FORMULAS_IDEMPOTENCY', 'formulas-idempotency-test');
  });

  beforeEach(() => {
    dynamo.reset();
    sqs.reset();
  });

  it('stores the formula with one conditional Put and answers 202 with a Location', async () => {
    // Prepare
    dynamo.on(PutCommand).resolves({});

    // Act
    const response = await post(body);

    // Assess
    expect(response.status).toBe(202);
    expect(response.body).toMatchObject({
      status: 'queued',
      name: 'Summer Breeze',
      total: '18.75',
      processed_at: null,
    });
    expect(response.headers.location).toBe(`/formulas/${String(response.body.id)}`);
    const puts = dynamo.commandCalls(PutCommand);
    expect(puts).toHaveLength(1);
    expect(puts[0]!.args[0].input).toMatchObject({
      TableName: 'formulas-test',
      ConditionExpression: 'attribute_not_exists(fingerprint)',
      Item: {
        id: response.body.id,
        fingerprint: response.body.fingerprint,
        kind: 'formula',
        materials: [
          { name: 'Bergamot Oil', concentration: '15.5' },
          { name: 'Vanilla', concentration: '3.25' },
        ],
      },
    });
    expect(dynamo.calls()).toHaveLength(1);
    expect(sqs.calls()).toHaveLength(0);
  });

  it('answers 503 and publishes nothing when the Put is throttled', async () => {
    // Prepare
    dynamo.on(PutCommand).rejects(new ProvisionedThroughputExceededException({ message: 'slow down', $metadata: {} }));

    // Act
    const response = await post(body);

    // Assess
    expect(response.status).toBe(503);
    expect(response.headers['retry-after']).toBe('1');
    expect(response.body).toMatchObject({ code: 'throttled' });
    expect(dynamo.commandCalls(PutCommand)).toHaveLength(1);
    expect(sqs.calls()).toHaveLength(0);
  });

  it('answers 409 with the id of the formula that already has this make-up', async () => {
    // Prepare
    const existing = '0b6c1f3e-3c1d-4a8e-9f3e-2d5b8a7c6e10';
    dynamo.on(PutCommand).rejects(
      new ConditionalCheckFailedException({
        message: 'The conditional request failed',
        $metadata: {},
        Item: { id: { S: existing }, status: { S: 'processed' } },
      }),
    );

    // Act
    const response = await post(body);

    // Assess
    expect(response.status).toBe(409);
    expect(response.body).toEqual({
      detail: 'A formula with the same materials and concentrations already exists.',
      code: 'duplicate_formula',
      id: existing,
    });
    expect(dynamo.commandCalls(PutCommand)[0]!.args[0].input.ReturnValuesOnConditionCheckFailure).toBe('ALL_OLD');
    expect(sqs.calls()).toHaveLength(0);
  });

  it('answers 400 with the field path and writes nothing for an invalid body', async () => {
    // Act
    const response = await post({ ...body, materials: [{ name: 'Bergamot Oil', concentration: 15.12345 }] });

    // Assess
    expect(response.status).toBe(400);
    expect(response.body).toEqual({
      detail: 'body.materials.0.concentration: must have at most 4 decimal places',
      code: 'validation_error',
    });
    expect(dynamo.calls()).toHaveLength(0);
  });

  it('answers 400 for a blank Idempotency-Key', async () => {
    const response = await post(body, { 'idempotency-key': '   ' });
    expect(response.status).toBe(400);
    expect(String(response.body.detail)).toMatch(/^header\.Idempotency-Key: /);
    expect(dynamo.calls()).toHaveLength(0);
  });
});
