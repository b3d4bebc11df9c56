import { randomUUID } from 'node:crypto';
import { ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import sample from '../../events/mouse/aggregate.json' with { type: 'json' };
import { BATCHES_TABLE, SESSIONS_TABLE, STATS_TABLE } from '../../functions/mouse/constants.ts';
import { tableEnv } from '../../shared/resource-env.ts';
import { lambdaContext, sqsEvent, sqsRecord, TEST_ENV } from '../helpers/factories.ts';

const dynamo = mockClient(DynamoDBDocumentClient);
const TABLES = { sessions: 'sessions-test', stats: 'stats-test', batches: 'batches-test' };
const EVENTS = [
  { x: 0, y: 0, t: 1_000 },
  { x: 3, y: 4, t: 1_010 },
];
let handler: (event: SQSEvent) => Promise<SQSBatchResponse>;
// The handler remembers the sessions it committed (module state): each test uses fresh session ids.
let s1: string;
let s2: string;

/** An SQS FIFO record of one batch: grouped by session, like the ingest API sends it. */
const batchRecord = (session: string, seq: number, events = EVENTS): SQSRecord => {
  const base = sqsRecord({ session_id: session, seq, events, received_at: '2026-11-23T10:00:00.000Z' });
  return { ...base, attributes: { ...base.attributes, MessageGroupId: session, MessageDeduplicationId: `${session}#${seq}` } };
};

const state = (session: string, lastSeq: number) => ({
  session_id: session,
  kind: 'session',
  started_at: '2026-11-23T09:59:00.000Z',
  updated_at: '2026-11-23T09:59:30.000Z',
  last_seq: lastSeq,
  last_point: { x: 0, y: 0, t: 990 },
  t_first: 0,
  distance: 100,
  events: 40,
  batches: lastSeq + 1,
  skipped_batches: 0,
  max_velocity: 2_000,
});

const conditionFailed = () =>
  new TransactionCanceledException({
    message: 'cancelled',
    $metadata: {},
    CancellationReasons: [{ Code: 'None' }, { Code: 'ConditionalCheckFailed' }, { Code: 'None' }],
  });
const transactions = () => dynamo.commandCalls(TransactWriteCommand).map((c) => c.args[0].input.TransactItems ?? []);
const committedSessions = () => transactions().map((items) => items[1]!.Put?.Item?.session_id);
const failures = (result: SQSBatchResponse) => result.batchItemFailures.map((f) => f.itemIdentifier);

describe('Function: mouse aggregator handler', () => {
  beforeAll(async () => {
    for (const [name, value] of Object.entries(TEST_ENV)) vi.stubEnv(name, value);
    vi.stubEnv(tableEnv(SESSIONS_TABLE), TABLES.sessions);
    vi.stubEnv(tableEnv(STATS_TABLE), TABLES.stats);
    vi.stubEnv(tableEnv(BATCHES_TABLE), TABLES.batches);
    const mod = await import('../../functions/mouse/handlers/aggregate.ts');
    handler = (event) => mod.handler(event, lambdaContext(), () => undefined) as Promise<SQSBatchResponse>;
  });

  beforeEach(() => {
    [s1, s2] = [randomUUID(), randomUUID()];
    dynamo.reset();
    dynamo.on(PutCommand).resolves({});
    dynamo.on(GetCommand).resolves({});
    dynamo.on(TransactWriteCommand).resolves({});
  });

  it('creates the session with its raw batch and first point in one conditional transaction', async () => {
    // Act
    const result = await handler(sqsEvent([batchRecord(s1, 0)]));

    // Assess
    expect(failures(result)).toEqual([]);
    expect(dynamo.commandCalls(GetCommand)[0]!.args[0].input).toEqual({ TableName: TABLES.sessions, Key: { session_id: s1 }, ConsistentRead: true });
    const [raw, session, point] = transactions()[0]!;
    expect(raw!.Put).toEqual({ TableName: TABLES.batches, Item: { session_id: s1, seq: 0, events: EVENTS, received_at: '2026-11-23T10:00:00.000Z' } });
    expect(session!.Put).toMatchObject({
      TableName: TABLES.sessions,
      ConditionExpression: 'attribute_not_exists(session_id)',
      Item: { session_id: s1, kind: 'session', last_seq: 0, distance: 5, events: 2, batches: 1, last_point: { x: 3, y: 4, t: 1_010 } },
    });
    expect(point!.Put).toMatchObject({
      TableName: TABLES.stats,
      ConditionExpression: 'attribute_not_exists(session_id)',
      Item: { session_id: s1, seq: 0, distance: 5, cumulative_distance: 5, avg_velocity: 500, max_velocity: 500, t_start: 1_000, t_end: 1_010 },
    });
    expect(dynamo.commandCalls(PutCommand)).toHaveLength(0);
  });

  it('advances a stored session under a condition on the last_seq it read', async () => {
    dynamo.on(GetCommand).resolves({ Item: state(s1, 4) });

    const result = await handler(sqsEvent([batchRecord(s1, 5, [{ x: 30, y: 40, t: 1_000 }])]));

    expect(failures(result)).toEqual([]);
    const [, session, point] = transactions()[0]!;
    expect(session!.Put).toMatchObject({
      ConditionExpression: 'last_seq = :read',
      ExpressionAttributeValues: { ':read': 4 },
      Item: { last_seq: 5, distance: 150, events: 41, batches: 6, started_at: '2026-11-23T09:59:00.000Z' },
    });
    // The first event joins the stored last point: 50 px in 10 ms.
    expect(point!.Put?.Item).toMatchObject({ seq: 5, distance: 50, cumulative_distance: 150, max_velocity: 5_000 });
  });

  it('applies the next batch from the state it committed, without reading it again', async () => {
    await handler(sqsEvent([batchRecord(s1, 0)]));

    await handler(sqsEvent([batchRecord(s1, 1, [{ x: 6, y: 8, t: 1_020 }])]));

    expect(dynamo.commandCalls(GetCommand)).toHaveLength(1);
    expect(transactions()[1]![1]!.Put).toMatchObject({ ExpressionAttributeValues: { ':read': 0 }, Item: { last_seq: 1, distance: 10 } });
  });

  it('reads the table and retries when the remembered state went stale', async () => {
    // Prepare: this environment committed seq 0; another one has since applied up to seq 3.
    await handler(sqsEvent([batchRecord(s1, 0)]));
    dynamo.on(TransactWriteCommand).callsFake((input: { TransactItems: { Put: { ExpressionAttributeValues?: Record<string, unknown> } }[] }) => {
      if (input.TransactItems[1]!.Put.ExpressionAttributeValues?.[':read'] === 0) throw conditionFailed();
      return {};
    });
    dynamo.on(GetCommand).resolves({ Item: state(s1, 3) });

    // Act
    const result = await handler(sqsEvent([batchRecord(s1, 4, [{ x: 0, y: 0, t: 1_000 }])]));

    // Assess
    expect(failures(result)).toEqual([]);
    const attempts = transactions().slice(1).map((items) => items[1]!.Put?.ExpressionAttributeValues?.[':read']);
    expect(attempts).toEqual([0, 3]);
  });

  it.each([3, 4])('acknowledges an already applied seq %i without counting it again', async (seq) => {
    dynamo.on(GetCommand).resolves({ Item: state(s1, 4) });

    const result = await handler(sqsEvent([batchRecord(s1, seq)]));

    expect(failures(result)).toEqual([]);
    expect(transactions()).toHaveLength(0);
    // Its raw copy is kept if missing (a redriven batch), never overwritten.
    expect(dynamo.commandCalls(PutCommand)[0]!.args[0].input).toMatchObject({ TableName: TABLES.batches, ConditionExpression: 'attribute_not_exists(session_id)' });
  });

  it('acknowledges a duplicate whose raw copy is already stored', async () => {
    dynamo.on(GetCommand).resolves({ Item: state(s1, 4) });
    dynamo.on(PutCommand).rejects(new ConditionalCheckFailedException({ message: 'exists', $metadata: {} }));

    expect(failures(await handler(sqsEvent([batchRecord(s1, 4)])))).toEqual([]);
  });

  it('fails the record when the session changed since it was read, so the retry sees it', async () => {
    dynamo.on(TransactWriteCommand).rejectsOnce(conditionFailed()).resolves({});
    const record = batchRecord(s1, 0);

    const result = await handler(sqsEvent([record, batchRecord(s2, 0)]));

    expect(failures(result)).toEqual([record.messageId]);
    expect(committedSessions()).toEqual([s1, s2]);
  });

  it('rejects the invocation when every record fails, so Lambda retries the whole batch', async () => {
    dynamo.on(GetCommand).rejects(new Error('DynamoDB is down'));

    await expect(handler(sqsEvent([batchRecord(s1, 0)]))).rejects.toThrow('All records failed processing');
  });

  it('fails the rest of a session’s records after one fails, and still processes other sessions', async () => {
    // Prepare
    dynamo.on(GetCommand, { Key: { session_id: s1 } }).rejects(Object.assign(new Error('throttled'), { name: 'ThrottlingException' }));
    const first = batchRecord(s1, 0);
    const other = batchRecord(s2, 0);
    const second = batchRecord(s1, 1);

    // Act
    const result = await handler(sqsEvent([first, other, second]));

    // Assess
    expect(failures(result)).toEqual([first.messageId, second.messageId]);
    expect(committedSessions()).toEqual([s2]);
  });

  it('fails a record whose body is not a batch (it ends in the DLQ)', async () => {
    const poison = sqsRecord({ session_id: s1, seq: 0, events: [] });

    const result = await handler(sqsEvent([poison, batchRecord(s2, 0)]));

    expect(failures(result)).toEqual([poison.messageId]);
    expect(committedSessions()).toEqual([s2]);
  });

  it('processes the sample event', async () => {
    const result = await handler(sample as SQSEvent);

    expect(failures(result)).toEqual([]);
    expect(transactions()[0]![2]!.Put?.Item).toMatchObject({ seq: 0, distance: 10, avg_velocity: 500 });
  });
});
