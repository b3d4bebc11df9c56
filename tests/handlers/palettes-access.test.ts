// Authorisation of palettes routes: the session resolves the user, membership decides, and whatever
// the user may not see is answered exactly like what does not exist.
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
} from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { hashPassword } from '#functions/palettes/domain/passwords.ts';
import { handler as createPalette } from '#functions/palettes/handlers/create-palette.ts';
import { handler as getPalette } from '#functions/palettes/handlers/get-palette.ts';
import { handler as login } from '#functions/palettes/handlers/login.ts';
import { hashToken } from '#shared/auth/user.ts';
import createPaletteEvent from '../../events/palettes/create-palette.json' with { type: 'json' };
import loginEvent from '../../events/palettes/login.json' with { type: 'json' };
import { apiEvent, lambdaContext, TEST_ENV } from '../helpers/factories.ts';

const dynamo = mockClient(DynamoDBDocumentClient);
type Handler = (event: APIGatewayProxyEventV2, context: Context) => Promise<APIGatewayProxyStructuredResultV2>;

const token = 'Nq3mR4x8K1vYb2ZcL7uT0wE5sD9fG6hJ-aPkQ_iO3lM';
const teamId = '6f1c2a10-0001-4d6e-9a41-93e8deadbeef';
const paletteId = '7a2d3b21-0002-4e7f-8b52-a4f9deadbeef';
const user = { user_id: 'u-bob', username: 'bob' };

const invoke = async (handler: Handler, event: unknown) => {
  const result = await handler(event as APIGatewayProxyEventV2, lambdaContext());
  return {
    status: result.statusCode,
    body: result.body ? (JSON.parse(String(result.body)) as Record<string, unknown>) : undefined,
  };
};

describe('Function: palettes authorisation', () => {
  beforeAll(() => {
    for (const [name, value] of Object.entries(TEST_ENV)) vi.stubEnv(name, value);
    vi.stubEnv('TABLE_PALETTES', 'palettes-test');
    vi.stubEnv('TABLE_PALETTES_SESSIONS', 'sessions-test');
    vi.stubEnv('TABLE_PALETTES_SIGN_IN_FAILURES', 'failures-test');
  });

  beforeEach(() => {
    dynamo.reset();
    // No failed sign-ins counted (palettes-sign-in.test.ts covers the backoff).
    dynamo.on(GetCommand, { TableName: 'failures-test' }).resolves({});
    dynamo.on(GetCommand, { TableName: 'sessions-test' }).resolves({
      Item: {
        token_hash: hashToken(token),
        ...user,
        expires_at: Math.floor(Date.now() / 1000) + 60,
        created_at: '2026-11-23T10:00:00Z',
      },
    });
  });

  it('answers a palette of a team I do not belong to exactly like a missing one', async () => {
    // Prepare
    const event = apiEvent({
      route: '/palettes/{id}',
      pathParameters: { id: paletteId },
      headers: { authorization: `Bearer ${token}` },
    });
    dynamo.on(GetCommand, { TableName: 'palettes-test' }).resolves({});
    dynamo
      .on(QueryCommand)
      .resolvesOnce({ Items: [{ pk: `PALETTE#${paletteId}`, sk: `TEAM#${teamId}`, id: paletteId, team_id: teamId }] })
      .resolves({ Items: [] });

    // Act
    const foreign = await invoke(getPalette, event);
    const missing = await invoke(getPalette, event);

    // Assess
    expect(foreign).toEqual({
      status: 404,
      body: { detail: `No palette '${paletteId}' in your teams.`, code: 'palette_not_found' },
    });
    expect(missing).toEqual(foreign);
    expect(dynamo.commandCalls(GetCommand, { TableName: 'palettes-test' })[0]!.args[0].input).toEqual({
      TableName: 'palettes-test',
      Key: { pk: `TEAM#${teamId}`, sk: 'MEMBER#u-bob' },
      ConsistentRead: true,
    });
  });

  it('answers 401 before any data access when the token is unknown', async () => {
    // Prepare
    dynamo.on(GetCommand, { TableName: 'sessions-test' }).resolves({});

    // Act
    const response = await invoke(
      getPalette,
      apiEvent({
        route: '/palettes/{id}',
        pathParameters: { id: paletteId },
        headers: { authorization: `Bearer ${token}` },
      }),
    );

    // Assess
    expect(response).toMatchObject({ status: 401, body: { code: 'invalid_token' } });
    expect(dynamo.commandCalls(QueryCommand)).toHaveLength(0);
  });

  it('answers 404, not 500, when the membership check in the palette transaction fails (left meanwhile)', async () => {
    // Prepare
    dynamo.on(GetCommand, { TableName: 'palettes-test' }).resolves({ Item: { pk: `TEAM#${teamId}`, id: teamId } });
    dynamo.on(TransactWriteCommand).rejects(
      new TransactionCanceledException({
        message: 'Transaction cancelled',
        $metadata: {},
        CancellationReasons: [{ Code: 'None' }, { Code: 'ConditionalCheckFailed' }],
      }),
    );

    // Act
    const response = await invoke(createPalette, createPaletteEvent);

    // Assess
    expect(response).toMatchObject({ status: 404, body: { code: 'team_not_found' } });
    const [write] = dynamo.commandCalls(TransactWriteCommand);
    expect(write!.args[0].input.TransactItems).toEqual([
      expect.objectContaining({
        Put: expect.objectContaining({
          Item: expect.objectContaining({ colors: ['#aabbcc', '#1e90ff'], team_id: teamId }),
        }),
      }),
      {
        ConditionCheck: {
          TableName: 'palettes-test',
          Key: { pk: `TEAM#${teamId}`, sk: 'MEMBER#u-bob' },
          ConditionExpression: 'attribute_exists(pk)',
        },
      },
    ]);
  });

  it('signs in with a session that stores only the token hash, and answers an unknown user like a wrong password', async () => {
    // Prepare
    const stored = await hashPassword('correct horse battery', { N: 2 ** 10, r: 8, p: 1 });
    const ada = {
      pk: 'LOGIN#ada',
      sk: 'LOGIN#ada',
      type: 'user',
      id: 'u-ada',
      username: 'ada',
      personal_team_id: teamId,
      created_at: '2026-11-23T10:00:00.000Z',
    };
    dynamo
      .on(GetCommand, { TableName: 'palettes-test' })
      .resolvesOnce({ Item: { ...ada, password_hash: stored } })
      .resolvesOnce({ Item: { ...ada, password_hash: stored } })
      .resolves({});
    dynamo.on(PutCommand).resolves({});
    const wrongPassword = { ...loginEvent, body: JSON.stringify({ username: 'ada', password: 'wrong password!' }) };

    // Act
    const ok = await invoke(login, loginEvent);
    const wrong = await invoke(login, wrongPassword);
    const unknown = await invoke(login, loginEvent);

    // Assess
    expect(ok.status).toBe(200);
    const issued = String(ok.body?.token);
    const [put] = dynamo.commandCalls(PutCommand);
    expect(put!.args[0].input).toEqual({
      TableName: 'sessions-test',
      Item: {
        token_hash: hashToken(issued),
        user_id: 'u-ada',
        username: 'ada',
        expires_at: expect.any(Number),
        created_at: expect.any(String),
      },
    });
    expect(JSON.stringify(put!.args[0].input)).not.toContain(issued);
    expect(wrong).toEqual({
      status: 401,
      body: { detail: 'Wrong username or password.', code: 'invalid_credentials' },
    });
    expect(unknown).toEqual(wrong);
    expect(dynamo.commandCalls(PutCommand)).toHaveLength(1);
  });
});
