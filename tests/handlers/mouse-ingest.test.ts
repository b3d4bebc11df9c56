import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import ingestEvent from '../../events/mouse/ingest.json' with { type: 'json' };
import { EVENTS_QUEUE, LIMITS } from '#functions/mouse/constants.ts';
import { handler } from '#functions/mouse/handlers/ingest.ts';
import { queueUrlEnv } from '#model/env.ts';
import { apiEvent, lambdaContext, TEST_ENV } from '../helpers/factories.ts';

const sqs = mockClient(SQSClient);
const QUEUE_URL = 'http://sqs.local/000000000000/mouse-events-test.fifo';
const SESSION = 'f1b2c3d4-0000-4000-8000-000000000001';

const post = async (body: unknown, sessionId = SESSION) => {
  const headers = { 'content-type': 'application/json' };
  const event = apiEvent({
    method: 'POST',
    route: '/mouse/sessions/{sessionId}/events',
    pathParameters: { sessionId },
    body,
    headers,
  });
  const result = (await handler(event, lambdaContext())) as APIGatewayProxyStructuredResultV2;
  return { status: result.statusCode, body: JSON.parse(String(result.body)) as Record<string, unknown> };
};
const sent = () => sqs.commandCalls(SendMessageCommand).map((c) => c.args[0].input);

beforeAll(() => {
  for (const [name, value] of Object.entries(TEST_ENV)) vi.stubEnv(name, value);
  vi.stubEnv(queueUrlEnv(EVENTS_QUEUE), QUEUE_URL);
});

beforeEach(() => {
  sqs.reset();
  sqs.on(SendMessageCommand).resolves({ MessageId: 'm-1' });
});

describe('Function: POST /mouse/sessions/{sessionId}/events handler', () => {
  it('queues the batch in the session’s group with session#seq as dedup id and answers 202', async () => {
    // Prepare
    const events = [
      { x: 1, y: 2, t: 1_795_428_000_000 },
      { x: 4, y: 6, t: 1_795_428_000_016.5 },
    ];

    // Act
    const { status, body } = await post({ seq: 7, events });

    // Assess
    expect(status).toBe(202);
    expect(body).toEqual({ accepted: 2, seq: 7 });
    const [input] = sent();
    expect(input).toMatchObject({
      QueueUrl: QUEUE_URL,
      MessageGroupId: SESSION,
      MessageDeduplicationId: `${SESSION}#7`,
    });
    expect(JSON.parse(input!.MessageBody!)).toEqual({
      session_id: SESSION,
      seq: 7,
      events,
      received_at: expect.stringMatching(/Z$/),
    });
  });

  it('accepts the sample event', async () => {
    const result = (await handler(
      ingestEvent as APIGatewayProxyEventV2,
      lambdaContext(),
    )) as APIGatewayProxyStructuredResultV2;

    expect(result.statusCode).toBe(202);
    expect(sent()).toHaveLength(1);
  });

  it('answers 400 naming the event whose t goes backwards, and queues nothing', async () => {
    const { status, body } = await post({
      seq: 0,
      events: [
        { x: 0, y: 0, t: 10 },
        { x: 1, y: 1, t: 9 },
      ],
    });

    expect(status).toBe(400);
    expect(body).toEqual({ code: 'validation_error', detail: expect.stringContaining('body.events.1.t') });
    expect(sent()).toHaveLength(0);
  });

  it('answers 400 for a non-finite coordinate (1e999 parses to Infinity)', async () => {
    const { status, body } = await post('{"seq":0,"events":[{"x":1e999,"y":0,"t":1}]}');

    expect(status).toBe(400);
    expect(body.detail).toContain('body.events.0.x');
    expect(sent()).toHaveLength(0);
  });

  it('answers 413 for a body over the limit before parsing it', async () => {
    const padded = { seq: 0, events: [{ x: 0, y: 0, t: 1 }], padding: ' '.repeat(LIMITS.maxBodyBytes) };

    const { status, body } = await post(padded);

    expect(status).toBe(413);
    expect(body.code).toBe('payload_too_large');
    expect(sent()).toHaveLength(0);
  });

  it('answers 400 for a session id with characters outside the allowed set', async () => {
    const { status, body } = await post({ seq: 0, events: [{ x: 0, y: 0, t: 1 }] }, 'a b');

    expect(status).toBe(400);
    expect(body.detail).toMatch(/^path\.sessionId: /);
  });

  it('answers 503 with retry-after when SQS throttles, so the page retries', async () => {
    sqs.on(SendMessageCommand).rejects(Object.assign(new Error('slow down'), { name: 'ThrottlingException' }));

    const { status, body } = await post({ seq: 0, events: [{ x: 0, y: 0, t: 1 }] });

    expect(status).toBe(503);
    expect(body.code).toBe('throttled');
  });
});
