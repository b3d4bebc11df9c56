// Sign-in backoff: failed sign-ins are counted per account and per source address; past the free
// ones, every attempt gets the same 429 with Retry-After, known user or not, before any password work.
import { DeleteCommand, DynamoDBDocumentClient, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { hashPassword } from '#functions/palettes/domain/passwords.ts';
import { handler as login } from '#functions/palettes/handlers/login.ts';
import { apiEvent, lambdaContext, TEST_ENV } from '../helpers/factories.ts';

const dynamo = mockClient(DynamoDBDocumentClient);
const FAILURES = 'failures-test';
const password = 'correct horse battery';

const attempt = async (username: string, pw: string, sourceIp = '203.0.113.7') => {
  const event = apiEvent({ method: 'POST', route: '/auth/login', body: { username, password: pw } });
  const withIp: APIGatewayProxyEventV2 = {
    ...event,
    requestContext: { ...event.requestContext, http: { ...event.requestContext.http, sourceIp } },
  };
  const result = await login(withIp, lambdaContext());
  return {
    status: result.statusCode,
    retryAfter: result.headers?.['retry-after'],
    body: JSON.parse(String(result.body)) as Record<string, unknown>,
  };
};

/** Stores `failures` for a key, the last one `ago` ms before now. */
const counted = (key: string, failures: number, ago = 1_000) =>
  dynamo.on(GetCommand, { TableName: FAILURES, Key: { key } }).resolves({
    Item: {
      key,
      failures,
      last_failed_at: Date.now() - ago,
      expires_at: Math.floor(Date.now() / 1000) + 3600,
    },
  });

const userLookups = () => dynamo.commandCalls(GetCommand).filter((c) => c.args[0].input.TableName === 'palettes-test');

describe('Function: palettes sign-in backoff', () => {
  let stored = '';

  beforeAll(async () => {
    for (const [name, value] of Object.entries(TEST_ENV)) vi.stubEnv(name, value);
    vi.stubEnv('TABLE_PALETTES', 'palettes-test');
    vi.stubEnv('TABLE_PALETTES_SESSIONS', 'sessions-test');
    vi.stubEnv('TABLE_PALETTES_SIGN_IN_FAILURES', FAILURES);
    stored = await hashPassword(password, { N: 2 ** 10, r: 8, p: 1 });
  });

  beforeEach(() => {
    dynamo.reset();
    dynamo.on(GetCommand, { TableName: FAILURES }).resolves({});
    dynamo.on(GetCommand, { TableName: 'palettes-test' }).resolves({});
    dynamo.on(GetCommand, { TableName: 'palettes-test', Key: { pk: 'LOGIN#ada', sk: 'LOGIN#ada' } }).resolves({
      Item: {
        pk: 'LOGIN#ada',
        sk: 'LOGIN#ada',
        type: 'user',
        id: 'u-ada',
        username: 'ada',
        personal_team_id: 't-ada',
        created_at: '2026-11-23T10:00:00.000Z',
        password_hash: stored,
      },
    });
  });

  it('counts a wrong password against the account and the source, remembered for a day', async () => {
    // Act
    const reply = await attempt('Ada', 'wrong password!');

    // Assess
    expect(reply.status).toBe(401);
    const updates = dynamo.commandCalls(UpdateCommand).map((c) => c.args[0].input);
    expect(updates.map((u) => u.Key)).toEqual([{ key: 'account#ada' }, { key: 'source#203.0.113.7' }]);
    for (const u of updates) {
      expect(u).toMatchObject({ TableName: FAILURES, UpdateExpression: expect.stringContaining('ADD failures :one') });
      const expires = u.ExpressionAttributeValues?.[':expires'] as number;
      expect(expires - Date.now() / 1000).toBeGreaterThan(24 * 3600 - 60);
    }
  });

  it('answers 429 with Retry-After once the account has failed past its free attempts, before any password work', async () => {
    // Prepare: the sixth failure 1 s ago closed the account for 30 s.
    counted('account#ada', 6, 1_000);

    // Act: even the right password waits.
    const reply = await attempt('ada', password);

    // Assess
    expect(reply).toEqual({
      status: 429,
      retryAfter: '29',
      body: { detail: 'Too many failed sign-ins; try again in 29 s.', code: 'sign_in_backoff' },
    });
    expect(userLookups()).toEqual([]);
    expect(dynamo.commandCalls(UpdateCommand)).toEqual([]);
  });

  it('answers an unknown username with the same 429 as a known one (no enumeration)', async () => {
    // Prepare
    counted('account#ada', 6, 1_000);
    counted('account#nobody', 6, 1_000);

    // Act
    const known = await attempt('ada', 'guess-1-guess');
    const unknown = await attempt('nobody', 'guess-1-guess');

    // Assess
    expect(unknown).toEqual(known);
    expect(known.status).toBe(429);
  });

  it('closes every account to a source that has failed past its free attempts', async () => {
    // Prepare: the 22nd failure from this address, just now: 2 s.
    counted('source#203.0.113.7', 22, 0);

    // Act
    const here = await attempt('ada', password);
    const elsewhere = await attempt('ada', password, '198.51.100.1');

    // Assess
    expect(here).toMatchObject({ status: 429, retryAfter: '2' });
    expect(elsewhere.status).toBe(200);
  });

  it('lets a sign-in through once the wait has passed, and a success clears the account’s count only', async () => {
    // Prepare: six failures, the last 31 s ago; the source has failures too.
    counted('account#ada', 6, 31_000);
    counted('source#203.0.113.7', 3, 31_000);
    dynamo.on(PutCommand).resolves({});

    // Act
    const reply = await attempt('ADA', password);

    // Assess
    expect(reply.status).toBe(200);
    expect(dynamo.commandCalls(DeleteCommand).map((c) => c.args[0].input)).toEqual([
      { TableName: FAILURES, Key: { key: 'account#ada' } },
    ]);
  });

  it('ignores a count whose TTL has passed though DynamoDB has not yet deleted it', async () => {
    // Prepare
    dynamo.on(GetCommand, { TableName: FAILURES, Key: { key: 'account#ada' } }).resolves({
      Item: {
        key: 'account#ada',
        failures: 50,
        last_failed_at: Date.now(),
        expires_at: Math.floor(Date.now() / 1000) - 1,
      },
    });
    dynamo.on(PutCommand).resolves({});

    // Act
    const reply = await attempt('ada', password);

    // Assess
    expect(reply.status).toBe(200);
  });
});
