import {
  ProvisionedThroughputExceededException,
  ResourceNotFoundException,
  ThrottlingException,
} from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import differenceInvalidEvent from '../../events/math/difference-invalid.json' with { type: 'json' };
import differenceEvent from '../../events/math/difference.json' with { type: 'json' };
import listRequestsEvent from '../../events/math/list-requests.json' with { type: 'json' };
import tripletCheckEvent from '../../events/math/triplet-check.json' with { type: 'json' };
import tripletSumEvent from '../../events/math/triplet-sum.json' with { type: 'json' };
import { MATH_REQUESTS_TABLE } from '#functions/math/constants.ts';
import { handler as calculate } from '#functions/math/handlers/calculate.ts';
import { handler as listRequests } from '#functions/math/handlers/list-requests.ts';
import { tableEnv } from '#model/env.ts';
import { stubCursorKey } from '../helpers/cursor-key.ts';
import { apiEvent, lambdaContext, TEST_ENV } from '../helpers/factories.ts';

const dynamo = mockClient(DynamoDBDocumentClient);
type Handler = (event: APIGatewayProxyEventV2, context: ReturnType<typeof lambdaContext>) => Promise<unknown>;

const call = async (handler: Handler, event: APIGatewayProxyEventV2) => {
  const result = (await handler(event, lambdaContext())) as APIGatewayProxyStructuredResultV2;
  return {
    status: result.statusCode,
    headers: result.headers ?? {},
    body: JSON.parse(String(result.body)) as Record<string, unknown>,
  };
};
const difference = (query?: Record<string, string>) =>
  call(calculate, apiEvent({ route: '/difference', ...(query ? { query } : {}) }));
const list = (name: string, query: Record<string, string> = {}) =>
  call(listRequests, apiEvent({ route: '/calculations/{name}/requests', pathParameters: { name }, query }));
const updates = () => dynamo.commandCalls(UpdateCommand).map((c) => c.args[0].input);
const queries = () => dynamo.commandCalls(QueryCommand).map((c) => c.args[0].input);

beforeAll(() => {
  // The variables the stack derives from the manifest: the table's name (read on the first request).
  for (const [name, value] of Object.entries(TEST_ENV)) vi.stubEnv(name, value);
  vi.stubEnv(tableEnv(MATH_REQUESTS_TABLE), 'math-requests-test');
  stubCursorKey();
});

beforeEach(() => {
  dynamo.reset();
});

describe('Function: GET /<calculation> handler', () => {
  it('answers the first request with occurrences 1 and last_datetime null, from one UpdateItem', async () => {
    // Prepare
    dynamo.on(UpdateCommand).resolves({});

    // Act
    const response = await call(calculate, differenceEvent);

    // Assess
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      datetime: expect.any(String),
      value: 2640,
      number: 10,
      occurrences: 1,
      last_datetime: null,
    });
    expect(new Date(String(response.body.datetime)).toISOString()).toBe(response.body.datetime);
    expect(dynamo.calls()).toHaveLength(1);
    expect(updates()).toEqual([
      expect.objectContaining({
        TableName: 'math-requests-test',
        Key: { calculation: 'difference', input_key: '010' },
        UpdateExpression: expect.stringMatching(/^ADD occurrences :one SET last_datetime = :now, /),
        ReturnValues: 'ALL_OLD',
      }),
    ]);
    expect(updates()[0]!.ExpressionAttributeValues).toMatchObject({
      ':one': 1,
      ':now': response.body.datetime,
      ':input': { number: 10 },
      ':value': 2640,
    });
  });

  it('counts on from the replaced item and returns its time as last_datetime', async () => {
    // Prepare
    dynamo.on(UpdateCommand).resolves({ Attributes: { occurrences: 41, last_datetime: '2026-11-23T09:59:59.000Z' } });

    // Act
    const response = await difference({ number: '10' });

    // Assess
    expect(response.body).toMatchObject({ occurrences: 42, last_datetime: '2026-11-23T09:59:59.000Z' });
  });

  it('tracks a triplet check under its own key and answers in a < b < c order', async () => {
    dynamo.on(UpdateCommand).resolves({});

    const response = await call(calculate, { ...tripletCheckEvent, queryStringParameters: { a: '5', b: '3', c: '4' } });

    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      a: 5,
      b: 3,
      c: 4,
      value: { is_triplet: true, triplet: [3, 4, 5], product: 60 },
      occurrences: 1,
    });
    expect(updates()).toEqual([
      expect.objectContaining({ Key: { calculation: 'triplet', input_key: 'abc=0005,0003,0004' } }),
    ]);
  });

  it('finds the triplet for sum 1000 and tracks the sum', async () => {
    dynamo.on(UpdateCommand).resolves({});

    const response = await call(calculate, tripletSumEvent);

    expect(response.body).toMatchObject({
      sum: 1000,
      value: { triplet: [200, 375, 425], product: 31875000 },
      occurrences: 1,
    });
    expect(updates()).toEqual([expect.objectContaining({ Key: { calculation: 'triplet', input_key: 'sum=1000' } })]);
  });

  it.each([
    [
      'ProvisionedThroughputExceededException',
      new ProvisionedThroughputExceededException({ message: 'slow down', $metadata: {} }),
    ],
    ['ThrottlingException', new ThrottlingException({ message: 'Rate exceeded', $metadata: {} })],
  ])('answers 503 with a code when DynamoDB throws %s', async (_, error) => {
    // Prepare
    dynamo.on(UpdateCommand).rejects(error);

    // Act
    const response = await difference({ number: '10' });

    // Assess
    expect(response.status).toBe(503);
    expect(response.headers['retry-after']).toBe('1');
    expect(response.body).toEqual({ detail: expect.any(String), code: 'throttled' });
  });

  it('answers 500 with a generic detail that does not leak the SDK message', async () => {
    // Prepare
    dynamo.on(UpdateCommand).rejects(
      new ResourceNotFoundException({
        message: 'Requested resource not found: Table: math-requests-test',
        $metadata: {},
      }),
    );

    // Act
    const response = await difference({ number: '10' });

    // Assess
    expect(response.status).toBe(500);
    expect(response.body).toEqual({ detail: 'Internal server error', code: 'internal_error' });
    expect(JSON.stringify(response.body)).not.toMatch(/math-requests|Requested resource/);
  });

  it.each([['abc'], ['0'], ['101'], ['1.5'], [' 10'], ['']])(
    'answers 400 naming the field for number=%j, without writing',
    async (number) => {
      const response = await difference({ number });

      expect(response.status).toBe(400);
      expect(response.body).toEqual({ code: 'validation_error', detail: expect.stringMatching(/^query\.number: /) });
      expect(dynamo.calls()).toHaveLength(0);
    },
  );

  it('answers the invalid sample event (number=1e2) with 400 and writes nothing', async () => {
    const response = await call(calculate, differenceInvalidEvent);

    expect(response).toMatchObject({
      status: 400,
      body: { code: 'validation_error', detail: 'query.number: must be an integer' },
    });
    expect(dynamo.calls()).toHaveLength(0);
  });

  it('answers 400 naming the field when number is missing', async () => {
    const response = await difference();

    expect(response.status).toBe(400);
    expect(response.body).toEqual({ code: 'validation_error', detail: expect.stringMatching(/^query\.number: /) });
    expect(dynamo.calls()).toHaveLength(0);
  });

  it('answers 400 naming the fields for a triplet query that is neither form', async () => {
    const response = await call(calculate, { ...tripletCheckEvent, queryStringParameters: { a: '3', b: '4' } });

    expect(response.status).toBe(400);
    expect(response.body).toEqual({ code: 'validation_error', detail: 'query: expected either a, b and c, or sum' });
    expect(dynamo.calls()).toHaveLength(0);
  });
});

describe('Function: GET /calculations/{name}/requests handler', () => {
  const row = {
    calculation: 'difference',
    input_key: '010',
    input: { number: 10 },
    value: 2640,
    occurrences: 3,
    last_datetime: '2026-11-23T10:00:00.000Z',
  };

  it('lists the rows of one calculation with one Query and no cursor on the last page', async () => {
    // Prepare
    dynamo.on(QueryCommand).resolves({ Items: [row] });

    // Act
    const response = await call(listRequests, listRequestsEvent);

    // Assess
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      items: [{ input: { number: 10 }, value: 2640, occurrences: 3, last_datetime: '2026-11-23T10:00:00.000Z' }],
      next_cursor: null,
    });
    expect(queries()).toEqual([
      expect.objectContaining({
        TableName: 'math-requests-test',
        KeyConditionExpression: 'calculation = :c',
        ExpressionAttributeValues: { ':c': 'difference' },
        Limit: 20,
        ExclusiveStartKey: undefined,
      }),
    ]);
  });

  it('hands out a cursor that resumes the Query where the page ended', async () => {
    // Prepare
    const lastKey = { calculation: 'difference', input_key: '010' };
    dynamo
      .on(QueryCommand)
      .resolvesOnce({ Items: [row], LastEvaluatedKey: lastKey })
      .resolvesOnce({ Items: [] });

    // Act
    const first = await list('difference', { limit: '1' });
    const second = await list('difference', { limit: '1', cursor: String(first.body.next_cursor) });

    // Assess
    expect(first.body.next_cursor).toEqual(expect.any(String));
    expect(second.status).toBe(200);
    expect(second.body).toEqual({ items: [], next_cursor: null });
    expect(queries().map((q) => [q.Limit, q.ExclusiveStartKey])).toEqual([
      [1, undefined],
      [1, lastKey],
    ]);
  });

  it.each([
    [
      'edited',
      (cursor: string) =>
        `${Buffer.from(JSON.stringify({ calculation: 'difference', input_key: '099' })).toString('base64url')}.${cursor.split('.')[1]}`,
    ],
    ['truncated', (cursor: string) => cursor.slice(0, -2)],
    ['garbage', () => 'not-a-cursor'],
  ])('answers 400 for a %s cursor without querying', async (_, tamper) => {
    // Prepare
    dynamo
      .on(QueryCommand)
      .resolves({ Items: [row], LastEvaluatedKey: { calculation: 'difference', input_key: '010' } });
    const cursor = String((await list('difference', { limit: '1' })).body.next_cursor);
    dynamo.resetHistory();

    // Act
    const response = await list('difference', { cursor: tamper(cursor) });

    // Assess
    expect(response.status).toBe(400);
    expect(response.body).toEqual({ code: 'invalid_cursor', detail: expect.stringContaining('cursor') });
    expect(dynamo.calls()).toHaveLength(0);
  });

  it("answers 400 for another calculation's cursor", async () => {
    dynamo
      .on(QueryCommand)
      .resolves({ Items: [], LastEvaluatedKey: { calculation: 'triplet', input_key: 'sum=0012' } });
    const cursor = String((await list('triplet', { limit: '1' })).body.next_cursor);

    const response = await list('difference', { cursor });

    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ code: 'invalid_cursor' });
  });

  it.each([['0'], ['101'], ['abc']])('answers 400 naming the field for limit=%s', async (limit) => {
    const response = await list('difference', { limit });

    expect(response.status).toBe(400);
    expect(response.body).toEqual({ code: 'validation_error', detail: expect.stringMatching(/^query\.limit: /) });
    expect(dynamo.calls()).toHaveLength(0);
  });

  it('answers 404 for a calculation that is not registered', async () => {
    const response = await list('factorial');

    expect(response.status).toBe(404);
    expect(response.body).toEqual({ code: 'unknown_calculation', detail: expect.stringContaining('factorial') });
    expect(dynamo.calls()).toHaveLength(0);
  });

  it('answers 503 when the Query is throttled', async () => {
    dynamo
      .on(QueryCommand)
      .rejects(new ProvisionedThroughputExceededException({ message: 'slow down', $metadata: {} }));

    const response = await list('difference');

    expect(response.status).toBe(503);
    expect(response.body).toMatchObject({ code: 'throttled' });
  });
});
