import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { handler } from '#functions/palettes/handlers/register.ts';
import { apiEvent, lambdaContext, TEST_ENV } from '../helpers/factories.ts';

const dynamo = mockClient(DynamoDBDocumentClient);

const register = async (body: unknown) => {
  const result = (await handler(
    apiEvent({ method: 'POST', route: '/auth/register', body }),
    lambdaContext(),
  )) as APIGatewayProxyStructuredResultV2;
  return {
    status: result.statusCode,
    headers: result.headers ?? {},
    body: JSON.parse(String(result.body)) as Record<string, unknown>,
  };
};

/** What DynamoDB answers when item `index` of a transaction fails with `code` (the others: None). */
const cancelled = (code: string, index = 0, size = 4) =>
  new TransactionCanceledException({
    message: `Transaction cancelled, please refer cancellation reasons for specific reasons [${code}]`,
    $metadata: {},
    CancellationReasons: Array.from({ length: size }, (_, i) => ({ Code: i === index ? code : 'None' })),
  });

describe('Function: POST /auth/register handler', () => {
  beforeAll(() => {
    for (const [name, value] of Object.entries(TEST_ENV)) vi.stubEnv(name, value);
    vi.stubEnv('TABLE_PALETTES', 'palettes-test');
  });

  beforeEach(() => {
    dynamo.reset();
    dynamo.on(GetCommand).resolves({});
  });

  it('creates the user claim, the personal team and its membership in one transaction', async () => {
    // Prepare
    dynamo.on(TransactWriteCommand).resolves({});

    // Act
    const response = await register({ username: 'Ada.L', password: 'correct horse battery' });

    // Assess
    expect(response.status).toBe(201);
    expect(response.body).toEqual({
      id: expect.any(String),
      username: 'Ada.L',
      personal_team_id: expect.any(String),
      created_at: expect.any(String),
    });
    const [call] = dynamo.commandCalls(TransactWriteCommand);
    const items = call!.args[0].input.TransactItems!;
    const team = `TEAM#${String(response.body.personal_team_id)}`;
    expect(items.map((i) => [i.Put?.Item?.pk, i.Put?.Item?.sk, i.Put?.ConditionExpression])).toEqual([
      ['LOGIN#ada.l', 'LOGIN#ada.l', 'attribute_not_exists(pk)'],
      [team, team, 'attribute_not_exists(pk)'],
      [team, `MEMBER#${String(response.body.id)}`, 'attribute_not_exists(pk)'],
    ]);
    expect(items[0]!.Put!.Item).toMatchObject({
      type: 'user',
      password_hash: expect.stringMatching(/^scrypt\$16384\$8\$1\$/),
    });
    expect(JSON.stringify(items)).not.toContain('correct horse battery');
    expect(items[1]!.Put!.Item).toMatchObject({ personal: true, member_count: 1 });
  });

  it('answers 409, not 500, when the transaction is cancelled by the username condition', async () => {
    // Prepare
    dynamo.on(TransactWriteCommand).rejects(cancelled('ConditionalCheckFailed', 0, 3));

    // Act
    const response = await register({ username: 'ada', password: 'correct horse battery' });

    // Assess
    expect(response.status).toBe(409);
    expect(response.body).toEqual({ detail: "The username 'ada' is taken.", code: 'username_taken' });
    expect(dynamo.commandCalls(TransactWriteCommand)).toHaveLength(1);
  });

  it('answers 409 without hashing or writing when the name is already claimed', async () => {
    // Prepare
    dynamo
      .on(GetCommand, { Key: { pk: 'LOGIN#ada', sk: 'LOGIN#ada' } })
      .resolves({ Item: { pk: 'LOGIN#ada', sk: 'LOGIN#ada' } });

    // Act
    const response = await register({ username: 'ADA', password: 'correct horse battery' });

    // Assess
    expect(response.status).toBe(409);
    expect(dynamo.commandCalls(GetCommand)[0]!.args[0].input).toMatchObject({
      TableName: 'palettes-test',
      ConsistentRead: true,
    });
    expect(dynamo.commandCalls(TransactWriteCommand)).toHaveLength(0);
  });

  it('retries a transaction conflict and succeeds when the next attempt goes through', async () => {
    // Prepare
    dynamo.on(TransactWriteCommand).rejectsOnce(cancelled('TransactionConflict')).resolves({});

    // Act
    const response = await register({ username: 'ada', password: 'correct horse battery' });

    // Assess
    expect(response.status).toBe(201);
    expect(dynamo.commandCalls(TransactWriteCommand)).toHaveLength(2);
  });

  it('answers 503 with Retry-After when conflicts persist, never 500 or 409', async () => {
    // Prepare
    dynamo.on(TransactWriteCommand).rejects(cancelled('TransactionConflict'));

    // Act
    const response = await register({ username: 'ada', password: 'correct horse battery' });

    // Assess
    expect(response.status).toBe(503);
    expect(response.headers['retry-after']).toBe('1');
    expect(response.body.code).toBe('transaction_conflict');
    expect(dynamo.commandCalls(TransactWriteCommand)).toHaveLength(6);
  });

  it('answers 400 naming each bad field, before touching the table', async () => {
    // Act
    const response = await register({ username: 'a b', password: 'short' });

    // Assess
    expect(response.status).toBe(400);
    expect(response.body.detail).toContain('body.username');
    expect(response.body.detail).toContain('body.password');
    expect(dynamo.calls()).toHaveLength(0);
  });
});
