import { ConditionalCheckFailedException, type AttributeValue } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { readFileSync } from 'node:fs';
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { handler as processor } from '#functions/formulas/handlers/process.ts';
import { lambdaContext, sqsEvent, sqsRecord, TEST_ENV } from '../helpers/factories.ts';

const dynamo = mockClient(DynamoDBDocumentClient);
const sample = JSON.parse(
  readFileSync(new URL('../../events/formulas/process.json', import.meta.url), 'utf8'),
) as SQSEvent;
const message = { id: '0b6c1f3e-3c1d-4a8e-9f3e-2d5b8a7c6e10', fingerprint: 'a'.repeat(64) };
const handler = (event: SQSEvent) => processor(event, lambdaContext(), () => undefined) as Promise<SQSBatchResponse>;

const conditionFailed = (item?: Record<string, AttributeValue>) =>
  new ConditionalCheckFailedException({
    message: 'The conditional request failed',
    $metadata: {},
    ...(item ? { Item: item } : {}),
  });

describe('Function: formulas processor handler', () => {
  beforeAll(() => {
    for (const [name, value] of Object.entries(TEST_ENV)) vi.stubEnv(name, value);
    vi.stubEnv('TABLE_FORMULAS', 'formulas-test');
  });

  beforeEach(() => {
    dynamo.reset();
  });

  it('moves the formula queued -> processed with the delivery count, under a condition', async () => {
    // Prepare
    dynamo.on(UpdateCommand).resolves({});
    const record = sqsRecord(message, { attributes: { ...sqsRecord('').attributes, ApproximateReceiveCount: '3' } });

    // Act
    const result = await handler(sqsEvent([record]));

    // Assess
    expect(result.batchItemFailures).toEqual([]);
    const input = dynamo.commandCalls(UpdateCommand)[0]!.args[0].input;
    expect(input).toMatchObject({
      Key: { fingerprint: message.fingerprint },
      ConditionExpression: 'id = :id AND #status = :queued',
      ExpressionAttributeValues: { ':id': message.id, ':queued': 'queued', ':processed': 'processed', ':count': 3 },
    });
    expect(input.ExpressionAttributeValues?.[':at']).toMatch(/^\d{4}-\d\d-\d\dT/);
  });

  it('processes the sample event', async () => {
    dynamo.on(UpdateCommand).resolves({});
    const result = await handler(sample);
    expect(result.batchItemFailures).toEqual([]);
    expect(dynamo.commandCalls(UpdateCommand)).toHaveLength(1);
  });

  it('acknowledges a redelivered message whose formula is already processed', async () => {
    // Prepare
    dynamo.on(UpdateCommand).rejects(conditionFailed({ id: { S: message.id }, status: { S: 'processed' } }));

    // Act
    const result = await handler(sqsEvent([sqsRecord(message)]));

    // Assess
    expect(result.batchItemFailures).toEqual([]);
    expect(dynamo.commandCalls(UpdateCommand)).toHaveLength(1);
  });

  it('fails only the record whose formula does not exist', async () => {
    // Prepare
    const other = { ...message, fingerprint: 'b'.repeat(64) };
    dynamo.on(UpdateCommand, { Key: { fingerprint: message.fingerprint } }).rejects(conditionFailed());
    dynamo.on(UpdateCommand, { Key: { fingerprint: other.fingerprint } }).resolves({});
    const missing = sqsRecord(message);

    // Act
    const result = await handler(sqsEvent([missing, sqsRecord(other)]));

    // Assess
    expect(result.batchItemFailures).toEqual([{ itemIdentifier: missing.messageId }]);
    expect(dynamo.commandCalls(UpdateCommand)).toHaveLength(2);
  });

  it('fails a malformed message without touching the table for it', async () => {
    // Prepare
    dynamo.on(UpdateCommand).resolves({});
    const poison = sqsRecord({ id: 'not-a-uuid' });

    // Act
    const result = await handler(sqsEvent([poison, sqsRecord(message)]));

    // Assess
    expect(result.batchItemFailures).toEqual([{ itemIdentifier: poison.messageId }]);
    expect(dynamo.commandCalls(UpdateCommand)).toHaveLength(1);
  });

  it('fails the whole invocation when every record fails, so all are retried', async () => {
    await expect(handler(sqsEvent([sqsRecord('not json')]))).rejects.toThrow('All records failed processing');
  });
});
