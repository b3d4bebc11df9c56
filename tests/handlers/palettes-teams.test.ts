// Joining and leaving teams: the conditions that keep member counts, personal teams and the
// last-member delete race-free, and the cancellations that must become 404/409 rather than 500.
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  DeleteCommand,
  DynamoDBDocumentClient,
  GetCommand,
  QueryCommand,
  TransactWriteCommand,
} from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { handler as joinTeam } from '#functions/palettes/handlers/join-team.ts';
import { handler as leaveTeam } from '#functions/palettes/handlers/leave-team.ts';
import { hashToken } from '#shared/auth/user.ts';
import joinEvent from '../../events/palettes/join-team.json' with { type: 'json' };
import { apiEvent, lambdaContext, TEST_ENV } from '../helpers/factories.ts';

const dynamo = mockClient(DynamoDBDocumentClient);
type Handler = (event: APIGatewayProxyEventV2, context: Context) => Promise<APIGatewayProxyStructuredResultV2>;

const token = 'Nq3mR4x8K1vYb2ZcL7uT0wE5sD9fG6hJ-aPkQ_iO3lM';
const teamId = '6f1c2a10-0001-4d6e-9a41-93e8deadbeef';
const teamKey = { pk: `TEAM#${teamId}`, sk: `TEAM#${teamId}` };
const memberKey = { pk: `TEAM#${teamId}`, sk: 'MEMBER#u-bob' };
const team = {
  ...teamKey,
  type: 'team',
  id: teamId,
  name: 'Design',
  personal: false,
  member_count: 1,
  created_at: 't',
  updated_at: 't',
};
const leaveEvent = apiEvent({
  method: 'DELETE',
  route: '/teams/{id}/members/me',
  pathParameters: { id: teamId },
  headers: { authorization: `Bearer ${token}` },
});

const invoke = async (handler: Handler, event: unknown) => {
  const result = await handler(event as APIGatewayProxyEventV2, lambdaContext());
  return {
    status: result.statusCode,
    body: result.body ? (JSON.parse(String(result.body)) as Record<string, unknown>) : undefined,
  };
};

const cancelled = (codes: string[]) =>
  new TransactionCanceledException({
    message: 'Transaction cancelled',
    $metadata: {},
    CancellationReasons: codes.map((Code) => ({ Code })),
  });

describe('Function: team membership handlers', () => {
  beforeAll(() => {
    for (const [name, value] of Object.entries(TEST_ENV)) vi.stubEnv(name, value);
    vi.stubEnv('TABLE_PALETTES', 'palettes-test');
    vi.stubEnv('TABLE_PALETTES_SESSIONS', 'sessions-test');
  });

  beforeEach(() => {
    dynamo.reset();
    dynamo.on(GetCommand, { TableName: 'sessions-test' }).resolves({
      Item: {
        token_hash: hashToken(token),
        user_id: 'u-bob',
        username: 'bob',
        expires_at: Math.floor(Date.now() / 1000) + 60,
        created_at: 't',
      },
    });
  });

  it('joins with one transaction: a new membership, and a count raised only on a live shared team', async () => {
    // Prepare
    dynamo
      .on(GetCommand, { Key: teamKey })
      .resolvesOnce({ Item: team })
      .resolves({ Item: { ...team, member_count: 2 } });
    dynamo.on(GetCommand, { Key: memberKey }).resolvesOnce({}).resolves({ Item: memberKey });
    dynamo.on(TransactWriteCommand).resolves({});

    // Act
    const response = await invoke(joinTeam, joinEvent);

    // Assess
    expect(response).toMatchObject({ status: 200, body: { id: teamId, member_count: 2 } });
    const [write] = dynamo.commandCalls(TransactWriteCommand);
    expect(write!.args[0].input.TransactItems).toEqual([
      {
        Put: {
          TableName: 'palettes-test',
          Item: expect.objectContaining(memberKey),
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
      {
        Update: expect.objectContaining({
          Key: teamKey,
          UpdateExpression: 'ADD member_count :one',
          ConditionExpression: 'attribute_exists(pk) AND personal = :false AND member_count > :zero',
        }),
      },
    ]);
  });

  it('answers 404 when the team condition cancels the join (deleted or emptied meanwhile)', async () => {
    // Prepare
    dynamo.on(GetCommand, { Key: teamKey }).resolves({ Item: team });
    dynamo.on(GetCommand, { Key: memberKey }).resolves({});
    dynamo.on(TransactWriteCommand).rejects(cancelled(['None', 'ConditionalCheckFailed']));

    // Act
    const response = await invoke(joinTeam, joinEvent);

    // Assess
    expect(response).toMatchObject({ status: 404, body: { code: 'team_not_found' } });
  });

  it('answers someone else’s personal team like a missing one, without writing', async () => {
    // Prepare
    dynamo.on(GetCommand, { Key: teamKey }).resolves({ Item: { ...team, personal: true } });
    dynamo.on(GetCommand, { Key: memberKey }).resolves({});

    // Act
    const response = await invoke(joinTeam, joinEvent);

    // Assess
    expect(response).toMatchObject({ status: 404, body: { code: 'team_not_found' } });
    expect(dynamo.commandCalls(TransactWriteCommand)).toHaveLength(0);
  });

  it('refuses to leave a personal team with 409, without writing', async () => {
    // Prepare
    dynamo.on(GetCommand, { Key: teamKey }).resolves({ Item: { ...team, personal: true } });
    dynamo.on(GetCommand, { Key: memberKey }).resolves({ Item: memberKey });

    // Act
    const response = await invoke(leaveTeam, leaveEvent);

    // Assess
    expect(response).toMatchObject({ status: 409, body: { code: 'personal_team' } });
    expect(dynamo.commandCalls(TransactWriteCommand)).toHaveLength(0);
    expect(dynamo.commandCalls(DeleteCommand)).toHaveLength(0);
  });

  it('deletes the team, its memberships and its palettes when the last member leaves', async () => {
    // Prepare
    dynamo.on(GetCommand, { Key: teamKey }).resolves({ Item: team });
    dynamo.on(GetCommand, { Key: memberKey }).resolves({ Item: memberKey });
    dynamo.on(TransactWriteCommand).resolves({});
    dynamo.on(DeleteCommand).resolves({});
    dynamo
      .on(QueryCommand, { IndexName: 'inverted' })
      .resolves({ Items: [{ pk: 'PALETTE#p1', sk: `TEAM#${teamId}` }] });
    dynamo.on(QueryCommand, { ConsistentRead: true }).resolves({ Items: [] });

    // Act
    const response = await invoke(leaveTeam, leaveEvent);

    // Assess
    expect(response.status).toBe(204);
    const deletes = dynamo.commandCalls(DeleteCommand).map((c) => c.args[0].input);
    expect(deletes).toEqual([
      {
        TableName: 'palettes-test',
        Key: teamKey,
        ConditionExpression: 'attribute_exists(pk) AND member_count = :zero',
        ExpressionAttributeValues: { ':zero': 0 },
      },
      { TableName: 'palettes-test', Key: { pk: 'PALETTE#p1', sk: `TEAM#${teamId}` } },
    ]);
  });
});
