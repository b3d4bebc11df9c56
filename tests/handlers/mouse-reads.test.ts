import { DynamoDBDocumentClient, GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import getSessionEvent from '../../events/mouse/get-session.json' with { type: 'json' };
import listSessionsEvent from '../../events/mouse/list-sessions.json' with { type: 'json' };
import statsEvent from '../../events/mouse/stats.json' with { type: 'json' };
import { MOUSE_SESSIONS_TABLE, STATS_TABLE } from '#functions/mouse/constants.ts';
import { handler as getSessionHandler } from '#functions/mouse/handlers/get-session.ts';
import { handler as listSessionsHandler } from '#functions/mouse/handlers/list-sessions.ts';
import { handler as statsHandler } from '#functions/mouse/handlers/stats.ts';
import { tableEnv } from '#model/env.ts';
import { stubCursorKey } from '../helpers/cursor-key.ts';
import { apiEvent, lambdaContext, TEST_ENV } from '../helpers/factories.ts';

const dynamo = mockClient(DynamoDBDocumentClient);
type Handler = (event: APIGatewayProxyEventV2, context: ReturnType<typeof lambdaContext>) => Promise<unknown>;

const call = async (handler: Handler, event: APIGatewayProxyEventV2) => {
  const result = (await handler(event, lambdaContext())) as APIGatewayProxyStructuredResultV2;
  return { status: result.statusCode, body: JSON.parse(String(result.body)) as Record<string, unknown> };
};
const queries = () => dynamo.commandCalls(QueryCommand).map((c) => c.args[0].input);

const stateItem = {
  session_id: 's1',
  kind: 'session',
  started_at: '2026-11-23T10:00:00.000Z',
  updated_at: '2026-11-23T10:00:02.000Z',
  last_seq: 9,
  last_point: { x: 10, y: 10, t: 3_000 },
  t_first: 1_000,
  distance: 400,
  events: 120,
  batches: 10,
  skipped_batches: 0,
  max_velocity: 900,
};
const point = {
  seq: 3,
  t_start: 1_000,
  t_end: 1_100,
  events: 10,
  distance: 50,
  cumulative_distance: 200,
  avg_velocity: 500,
  max_velocity: 600,
};

beforeAll(() => {
  for (const [name, value] of Object.entries(TEST_ENV)) vi.stubEnv(name, value);
  stubCursorKey();
  vi.stubEnv(tableEnv(MOUSE_SESSIONS_TABLE), 'sessions-test');
  vi.stubEnv(tableEnv(STATS_TABLE), 'stats-test');
});

beforeEach(() => {
  dynamo.reset();
});

describe('Function: GET /mouse/sessions/{sessionId}/stats handler', () => {
  const stats = (query: Record<string, string>) =>
    call(
      statsHandler,
      apiEvent({ route: '/mouse/sessions/{sessionId}/stats', pathParameters: { sessionId: 's1' }, query }),
    );

  it('queries the points after a seq, ascending, and pages with a cursor bound to the listing', async () => {
    // Prepare
    dynamo
      .on(QueryCommand)
      .resolvesOnce({ Items: [{ session_id: 's1', ...point }], LastEvaluatedKey: { session_id: 's1', seq: 3 } })
      .resolves({ Items: [] });

    // Act
    const first = await stats({ after: '2', limit: '1' });
    const second = await stats({ after: '2', limit: '1', cursor: String(first.body.next_cursor) });
    const elsewhere = await stats({ after: '5', limit: '1', cursor: String(first.body.next_cursor) });

    // Assess
    expect(first).toEqual({ status: 200, body: { items: [point], next_cursor: expect.any(String) } });
    expect(queries()[0]).toEqual({
      TableName: 'stats-test',
      KeyConditionExpression: 'session_id = :s AND seq > :after',
      ExpressionAttributeValues: { ':s': 's1', ':after': 2 },
      Limit: 1,
      ExclusiveStartKey: undefined,
    });
    expect(second.body).toEqual({ items: [], next_cursor: null });
    expect(queries()[1]!.ExclusiveStartKey).toEqual({ session_id: 's1', seq: 3 });
    expect(elsewhere).toMatchObject({ status: 400, body: { code: 'invalid_cursor' } });
  });

  it('starts from the first point without `after`', async () => {
    dynamo.on(QueryCommand).resolves({ Items: [] });

    const { status } = await stats({});

    expect(status).toBe(200);
    expect(queries()[0]).toMatchObject({ ExpressionAttributeValues: { ':after': -1 }, Limit: 20 });
  });

  it.each([
    ['after=x', { after: 'x' }],
    ['limit=0', { limit: '0' }],
    ['limit=101', { limit: '101' }],
  ])('answers 400 for %s', async (_, query) => {
    const { status, body } = await stats(query);

    expect(status).toBe(400);
    expect(body.code).toBe('validation_error');
    expect(queries()).toHaveLength(0);
  });

  it('serves the sample event', async () => {
    dynamo.on(QueryCommand).resolves({ Items: [] });
    expect((await call(statsHandler, statsEvent as APIGatewayProxyEventV2)).status).toBe(200);
  });
});

describe('Function: GET /mouse/sessions/{sessionId} handler', () => {
  it('answers the totals with duration and average velocity (an item from before pending batches too)', async () => {
    dynamo.on(GetCommand).resolves({ Item: stateItem });

    const { status, body } = await call(getSessionHandler, getSessionEvent as APIGatewayProxyEventV2);

    expect(status).toBe(200);
    expect(body).toEqual({
      session_id: 's1',
      started_at: '2026-11-23T10:00:00.000Z',
      updated_at: '2026-11-23T10:00:02.000Z',
      last_seq: 9,
      distance: 400,
      events: 120,
      batches: 10,
      skipped_batches: 0,
      late_batches: 0,
      pending_batches: 0,
      duration_ms: 2_000,
      avg_velocity: 200,
      max_velocity: 900,
    });
  });

  it('answers the late and pending batches beside the totals', async () => {
    const pending = [{ seq: 12, received_at: '2026-11-23T10:00:02.500Z' }];
    dynamo
      .on(GetCommand)
      .resolves({ Item: { ...stateItem, version: 12, skipped_batches: 1, late_batches: 2, pending } });

    const { body } = await call(getSessionHandler, getSessionEvent as APIGatewayProxyEventV2);

    expect(body).toMatchObject({ skipped_batches: 1, late_batches: 2, pending_batches: 1 });
  });

  it('answers 404 for a session nothing has been aggregated for', async () => {
    dynamo.on(GetCommand).resolves({});

    const { status, body } = await call(getSessionHandler, getSessionEvent as APIGatewayProxyEventV2);

    expect(status).toBe(404);
    expect(body.code).toBe('session_not_found');
  });
});

describe('Function: GET /mouse/sessions handler', () => {
  it('lists sessions newest first from the by-started index', async () => {
    dynamo.on(QueryCommand).resolves({ Items: [stateItem] });

    const { status, body } = await call(listSessionsHandler, listSessionsEvent as APIGatewayProxyEventV2);

    expect(status).toBe(200);
    expect(body).toEqual({
      items: [expect.objectContaining({ session_id: 's1', distance: 400, duration_ms: 2_000 })],
      next_cursor: null,
    });
    expect(queries()[0]).toMatchObject({
      TableName: 'sessions-test',
      IndexName: 'by-started',
      KeyConditionExpression: 'kind = :kind',
      ExpressionAttributeValues: { ':kind': 'session' },
      ScanIndexForward: false,
      Limit: 20,
    });
  });
});
