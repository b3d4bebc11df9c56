import { randomUUID } from 'node:crypto';
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import sample from '../../events/mouse/aggregate.json' with { type: 'json' };
import {
  BATCHES_TABLE,
  GAP_CHECKS_QUEUE,
  LATENESS_BOUND_ENV,
  MOUSE_SESSIONS_TABLE,
  STATS_TABLE,
} from '#functions/mouse/constants.ts';
import { handler as aggregate } from '#functions/mouse/handlers/aggregate.ts';
import { queueUrlEnv, tableEnv } from '#model/env.ts';
import { lambdaContext, sqsEvent, sqsRecord, TEST_ENV } from '../helpers/factories.ts';

const dynamo = mockClient(DynamoDBDocumentClient);
const sqs = mockClient(SQSClient);
const TABLES = { sessions: 'sessions-test', stats: 'stats-test', batches: 'batches-test' };
const GAP_CHECKS_URL = 'http://sqs.local/000000000000/gap-checks-test';
const BOUND_MS = 3_000;
const RECEIVED = '2026-11-23T10:00:00.000Z';
const EVENTS = [
  { x: 0, y: 0, t: 1_000 },
  { x: 3, y: 4, t: 1_010 },
];
const handler = (event: SQSEvent) => aggregate(event, lambdaContext(), () => undefined) as Promise<SQSBatchResponse>;
// The handler remembers the sessions it committed (module state): each test uses fresh session ids.
let s1: string;
let s2: string;

/** An SQS FIFO record in the session's group, like the ingest API (or the gap-check forwarder) sends it. */
const groupRecord = (session: string, body: unknown): SQSRecord => {
  const base = sqsRecord(body);
  return { ...base, attributes: { ...base.attributes, MessageGroupId: session, MessageDeduplicationId: randomUUID() } };
};
const batchRecord = (session: string, seq: number, events = EVENTS, received_at = RECEIVED): SQSRecord =>
  groupRecord(session, { session_id: session, seq, events, received_at });

const state = (session: string, lastSeq: number, extra: Record<string, unknown> = {}) => ({
  session_id: session,
  kind: 'session',
  started_at: '2026-11-23T09:59:00.000Z',
  updated_at: '2026-11-23T09:59:30.000Z',
  version: 7,
  last_seq: lastSeq,
  last_point: { x: 0, y: 0, t: 990 },
  t_first: 0,
  distance: 100,
  events: 40,
  batches: lastSeq + 1,
  skipped_batches: 0,
  late_batches: 0,
  max_velocity: 2_000,
  pending: [],
  ...extra,
});

/** A transaction cancelled because the items at `failed` did not meet their condition. */
const cancelled = (size: number, ...failed: number[]) =>
  new TransactionCanceledException({
    message: 'cancelled',
    $metadata: {},
    CancellationReasons: Array.from({ length: size }, (_, i) => ({
      Code: failed.includes(i) ? 'ConditionalCheckFailed' : 'None',
    })),
  });
const transactions = () => dynamo.commandCalls(TransactWriteCommand).map((c) => c.args[0].input.TransactItems ?? []);
const committedSessions = () => transactions().map((items) => items[0]!.Put?.Item?.session_id);
const failures = (result: SQSBatchResponse) => result.batchItemFailures.map((f) => f.itemIdentifier);
const gapChecks = () => sqs.commandCalls(SendMessageCommand).map((c) => c.args[0].input);

describe('Function: mouse aggregator handler', () => {
  beforeAll(() => {
    for (const [name, value] of Object.entries(TEST_ENV)) vi.stubEnv(name, value);
    vi.stubEnv(tableEnv(MOUSE_SESSIONS_TABLE), TABLES.sessions);
    vi.stubEnv(tableEnv(STATS_TABLE), TABLES.stats);
    vi.stubEnv(tableEnv(BATCHES_TABLE), TABLES.batches);
    vi.stubEnv(queueUrlEnv(GAP_CHECKS_QUEUE), GAP_CHECKS_URL);
    vi.stubEnv(LATENESS_BOUND_ENV, String(BOUND_MS));
  });

  beforeEach(() => {
    [s1, s2] = [randomUUID(), randomUUID()];
    dynamo.reset();
    sqs.reset();
    dynamo.on(GetCommand).resolves({});
    dynamo.on(QueryCommand).resolves({ Items: [] });
    dynamo.on(TransactWriteCommand).resolves({});
    sqs.on(SendMessageCommand).resolves({});
  });

  it('creates the session with its raw batch and first point in one conditional transaction', async () => {
    // Act
    const result = await handler(sqsEvent([batchRecord(s1, 0)]));

    // Assess
    expect(failures(result)).toEqual([]);
    expect(dynamo.commandCalls(GetCommand)[0]!.args[0].input).toEqual({
      TableName: TABLES.sessions,
      Key: { session_id: s1 },
      ConsistentRead: true,
    });
    const [session, raw, point] = transactions()[0]!;
    expect(session!.Put).toMatchObject({
      TableName: TABLES.sessions,
      ConditionExpression: 'attribute_not_exists(version)',
      Item: {
        session_id: s1,
        kind: 'session',
        version: 1,
        last_seq: 0,
        distance: 5,
        events: 2,
        batches: 1,
        pending: [],
        last_point: { x: 3, y: 4, t: 1_010 },
      },
    });
    expect(raw!.Put).toEqual({
      TableName: TABLES.batches,
      Item: { session_id: s1, seq: 0, events: EVENTS, received_at: RECEIVED, status: 'applied' },
      ConditionExpression: 'attribute_not_exists(session_id)',
    });
    expect(point!.Put).toMatchObject({
      TableName: TABLES.stats,
      ConditionExpression: 'attribute_not_exists(session_id)',
      Item: {
        session_id: s1,
        seq: 0,
        distance: 5,
        cumulative_distance: 5,
        avg_velocity: 500,
        max_velocity: 500,
        t_start: 1_000,
        t_end: 1_010,
      },
    });
    expect(gapChecks()).toEqual([]);
  });

  it('advances a stored session under a condition on the version it read', async () => {
    dynamo.on(GetCommand).resolves({ Item: state(s1, 4) });

    const result = await handler(sqsEvent([batchRecord(s1, 5, [{ x: 30, y: 40, t: 1_000 }])]));

    expect(failures(result)).toEqual([]);
    const [session, , point] = transactions()[0]!;
    expect(session!.Put).toMatchObject({
      ConditionExpression: 'version = :read',
      ExpressionAttributeValues: { ':read': 7 },
      Item: { version: 8, last_seq: 5, distance: 150, events: 41, batches: 6, started_at: '2026-11-23T09:59:00.000Z' },
    });
    // The first event joins the stored last point: 50 px in 10 ms.
    expect(point!.Put?.Item).toMatchObject({ seq: 5, distance: 50, cumulative_distance: 150, max_velocity: 5_000 });
  });

  it('settles a session’s records of one event in one transaction, and other sessions in their own', async () => {
    const result = await handler(
      sqsEvent([
        batchRecord(s1, 0),
        batchRecord(s2, 0),
        batchRecord(s1, 1, [{ x: 6, y: 8, t: 1_020 }]),
        batchRecord(s1, 2, [{ x: 9, y: 12, t: 1_030 }]),
      ]),
    );

    expect(failures(result)).toEqual([]);
    expect(committedSessions().sort()).toEqual([s1, s2].sort());
    const mine = transactions().find((items) => items[0]!.Put?.Item?.session_id === s1)!;
    expect(mine).toHaveLength(1 + 3 * 2);
    expect(mine[0]!.Put?.Item).toMatchObject({ version: 1, last_seq: 2, batches: 3, distance: 15 });
  });

  it('applies the next batch from the state it committed, without reading it again', async () => {
    await handler(sqsEvent([batchRecord(s1, 0)]));

    await handler(sqsEvent([batchRecord(s1, 1, [{ x: 6, y: 8, t: 1_020 }])]));

    expect(dynamo.commandCalls(GetCommand)).toHaveLength(1);
    expect(transactions()[1]![0]!.Put).toMatchObject({
      ExpressionAttributeValues: { ':read': 1 },
      Item: { last_seq: 1, distance: 10 },
    });
  });

  it('reads the table and retries when the remembered state went stale', async () => {
    // Prepare: this environment committed version 1; another one has since applied up to seq 3.
    await handler(sqsEvent([batchRecord(s1, 0)]));
    dynamo
      .on(TransactWriteCommand)
      .callsFake((input: { TransactItems: { Put?: { ExpressionAttributeValues?: Record<string, unknown> } }[] }) => {
        if (input.TransactItems[0]!.Put?.ExpressionAttributeValues?.[':read'] === 1) throw cancelled(3, 0);
        return {};
      });
    dynamo.on(GetCommand).resolves({ Item: state(s1, 3) });

    // Act
    const result = await handler(sqsEvent([batchRecord(s1, 4, [{ x: 0, y: 0, t: 1_000 }])]));

    // Assess
    expect(failures(result)).toEqual([]);
    const attempts = transactions()
      .slice(1)
      .map((items) => items[0]!.Put?.ExpressionAttributeValues?.[':read']);
    expect(attempts).toEqual([1, 7]);
  });

  it('holds a batch that arrives ahead of a gap, stored raw as pending, and schedules its gap check', async () => {
    dynamo.on(GetCommand).resolves({ Item: state(s1, 4) });

    const result = await handler(sqsEvent([batchRecord(s1, 6)]));

    expect(failures(result)).toEqual([]);
    const [session, raw, ...rest] = transactions()[0]!;
    expect(session!.Put?.Item).toMatchObject({ last_seq: 4, batches: 5, pending: [{ seq: 6, received_at: RECEIVED }] });
    expect(raw!.Put?.Item).toMatchObject({ seq: 6, status: 'pending' });
    expect(rest).toEqual([]);
    // Due just after the bound, counted from when the batch was received (long past here: no delay).
    expect(gapChecks()).toEqual([
      {
        QueueUrl: GAP_CHECKS_URL,
        DelaySeconds: 0,
        MessageBody: JSON.stringify({ kind: 'gap-check', session_id: s1, at: '2026-11-23T10:00:03.001Z' }),
      },
    ]);
  });

  it('applies the batch that fills a gap together with the stored batches waiting behind it', async () => {
    // Prepare: seqs 6 and 7 wait behind 5.
    const pending = [6, 7].map((seq) => ({ seq, received_at: RECEIVED }));
    dynamo.on(GetCommand).resolves({ Item: state(s1, 4, { pending }) });
    dynamo.on(QueryCommand).resolves({
      Items: [6, 7].map((seq) => ({
        session_id: s1,
        seq,
        events: [{ x: seq, y: 0, t: 2_000 + seq }],
        received_at: RECEIVED,
        status: 'pending',
      })),
    });

    // Act
    const result = await handler(
      sqsEvent([batchRecord(s1, 5, [{ x: 5, y: 0, t: 2_005 }], '2026-11-23T10:00:01.000Z')]),
    );

    // Assess: one transaction: the session, seq 5 (raw + point), then 6 and 7 (marked applied + point).
    expect(failures(result)).toEqual([]);
    expect(dynamo.commandCalls(QueryCommand)[0]!.args[0].input).toMatchObject({
      TableName: TABLES.batches,
      ExpressionAttributeValues: { ':s': s1, ':from': 6, ':to': 7 },
      ConsistentRead: true,
    });
    const items = transactions()[0]!;
    expect(items[0]!.Put?.Item).toMatchObject({ last_seq: 7, batches: 8, skipped_batches: 0, pending: [] });
    expect(items.slice(1).map((i) => i.Put?.Item?.seq ?? `applied ${i.Update?.Key?.seq}`)).toEqual([
      5,
      5,
      'applied 6',
      6,
      'applied 7',
      7,
    ]);
    expect(items[3]!.Update).toMatchObject({ TableName: TABLES.batches, ConditionExpression: '#status = :pending' });
    expect(gapChecks()).toEqual([]);
  });

  it('passes an overdue gap on a gap check and applies what waited behind it', async () => {
    dynamo.on(GetCommand).resolves({ Item: state(s1, 4, { pending: [{ seq: 7, received_at: RECEIVED }] }) });
    dynamo.on(QueryCommand).resolves({
      Items: [{ session_id: s1, seq: 7, events: [{ x: 0, y: 0, t: 2_000 }], received_at: RECEIVED, status: 'pending' }],
    });

    const result = await handler(
      sqsEvent([groupRecord(s1, { kind: 'gap-check', session_id: s1, at: '2026-11-23T10:00:03.001Z' })]),
    );

    expect(failures(result)).toEqual([]);
    expect(transactions()[0]![0]!.Put?.Item).toMatchObject({
      last_seq: 7,
      batches: 6,
      skipped_batches: 2,
      late_batches: 0,
      pending: [],
    });
  });

  it('passes an overdue gap on a gap check that comes to an environment whose remembered state went stale', async () => {
    // Prepare: this environment committed seq 0 (version 1, nothing pending); another one has since
    // held seq 7 behind a gap (version 7). From the remembered state the check finds nothing overdue.
    await handler(sqsEvent([batchRecord(s1, 0)]));
    dynamo.on(GetCommand).resolves({ Item: state(s1, 4, { pending: [{ seq: 7, received_at: RECEIVED }] }) });
    dynamo.on(QueryCommand).resolves({
      Items: [{ session_id: s1, seq: 7, events: [{ x: 0, y: 0, t: 2_000 }], received_at: RECEIVED, status: 'pending' }],
    });

    // Act
    const check = { kind: 'gap-check', session_id: s1, at: '2026-11-23T10:00:03.001Z' };
    const result = await handler(sqsEvent([groupRecord(s1, check)]));

    // Assess: the check is not spent on the stale state; the gap is passed from the stored one.
    expect(failures(result)).toEqual([]);
    expect(transactions()).toHaveLength(2);
    expect(transactions()[1]![0]!.Put).toMatchObject({
      ExpressionAttributeValues: { ':read': 7 },
      Item: { last_seq: 7, skipped_batches: 2, pending: [] },
    });
  });

  it('does nothing on a gap check that is not due yet', async () => {
    dynamo.on(GetCommand).resolves({ Item: state(s1, 4, { pending: [{ seq: 7, received_at: RECEIVED }] }) });

    const result = await handler(
      sqsEvent([groupRecord(s1, { kind: 'gap-check', session_id: s1, at: '2026-11-23T10:00:02.000Z' })]),
    );

    expect(failures(result)).toEqual([]);
    expect(transactions()).toEqual([]);
  });

  it('counts a batch whose seq was passed over as late, storing it raw', async () => {
    dynamo.on(GetCommand).resolves({ Item: state(s1, 4, { skipped_batches: 1 }) });

    const result = await handler(sqsEvent([batchRecord(s1, 3)]));

    expect(failures(result)).toEqual([]);
    const [session, raw] = transactions()[0]!;
    expect(session!.Put?.Item).toMatchObject({ last_seq: 4, batches: 5, late_batches: 1 });
    expect(raw!.Put).toMatchObject({
      Item: { seq: 3, status: 'late' },
      ConditionExpression: 'attribute_not_exists(session_id)',
    });
  });

  it.each([3, 4])('acknowledges an already stored seq %i without counting it', async (seq) => {
    // Its raw copy exists: the late put's condition fails, and the plan without it has nothing to do.
    dynamo.on(GetCommand).resolves({ Item: state(s1, 4) });
    dynamo.on(TransactWriteCommand).rejects(cancelled(2, 1));

    const result = await handler(sqsEvent([batchRecord(s1, seq)]));

    expect(failures(result)).toEqual([]);
    expect(transactions()).toHaveLength(1);
  });

  it('acknowledges a re-post of a pending batch and schedules its gap check again', async () => {
    dynamo.on(GetCommand).resolves({ Item: state(s1, 4, { pending: [{ seq: 6, received_at: RECEIVED }] }) });

    const result = await handler(sqsEvent([batchRecord(s1, 6, EVENTS, '2026-11-23T10:00:01.000Z')]));

    expect(failures(result)).toEqual([]);
    expect(transactions()).toEqual([]);
    expect(gapChecks().map((c) => JSON.parse(c.MessageBody!).at)).toEqual(['2026-11-23T10:00:03.001Z']);
  });

  it('fails the session’s records when it changed since it was read, so the retry sees it', async () => {
    dynamo.on(TransactWriteCommand).rejectsOnce(cancelled(3, 0)).resolves({});
    const record = batchRecord(s1, 0);

    const result = await handler(sqsEvent([record, batchRecord(s2, 0)]));

    expect(failures(result)).toEqual([record.messageId]);
  });

  it('reports every record failed when DynamoDB is down, so all are retried', async () => {
    dynamo.on(GetCommand).rejects(new Error('DynamoDB is down'));
    const records = [batchRecord(s1, 0), batchRecord(s2, 0)];

    expect(failures(await handler(sqsEvent(records)))).toEqual(records.map((r) => r.messageId));
  });

  it('fails an unreadable record with the rest of its session, after settling the records before it', async () => {
    // Prepare
    const first = batchRecord(s1, 0);
    const poison = groupRecord(s1, { session_id: s1, seq: 1, events: [] });
    const after = batchRecord(s1, 2);
    const other = batchRecord(s2, 0);

    // Act
    const result = await handler(sqsEvent([first, poison, other, after]));

    // Assess
    expect(failures(result)).toEqual([poison.messageId, after.messageId]);
    expect(committedSessions().sort()).toEqual([s1, s2].sort());
  });

  it('processes the sample event', async () => {
    const result = await handler(sample as SQSEvent);

    expect(failures(result)).toEqual([]);
    expect(transactions()[0]![2]!.Put?.Item).toMatchObject({ seq: 0, distance: 10, avg_velocity: 500 });
  });
});
