// Formulas against the sandbox: the real DynamoDB stream (outbox) and SQS queue with its DLQ.
import { randomUUID } from 'node:crypto';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import type { SQSRecord } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fingerprint } from '#functions/formulas/domain/fingerprint.ts';
import { formulaInput } from '#functions/formulas/domain/formula-input.ts';
import { startSandbox, type Sandbox } from '#local/index.ts';

let sandbox: Sandbox;

interface Reply {
  readonly status: number;
  readonly location: string | null;
  readonly text: string;
  readonly json: Record<string, unknown>;
}

const call = async (
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<Reply> => {
  const res = await fetch(`${sandbox.url}${path}`, {
    method,
    headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  return {
    status: res.status,
    location: res.headers.get('location'),
    text,
    json: text ? (JSON.parse(text) as Record<string, unknown>) : {},
  };
};

/** A formula whose make-up no other test uses. */
const uniqueFormula = (name = 'Summer Breeze') => ({
  name,
  materials: [
    { name: `Bergamot Oil ${randomUUID()}`, concentration: 15.5 },
    { name: 'Vanilla', concentration: '3.25' },
  ],
});

/** The fingerprint the service computes, to aim injected faults at one formula's message. */
const fingerprintOf = (body: unknown): string => fingerprint(formulaInput.parse(body).materials);
const isMessageFor =
  (print: string) =>
  (record: unknown): boolean =>
    (JSON.parse((record as SQSRecord).body) as { fingerprint?: string }).fingerprint === print;

/**
 * Every SQS message handed to the processor, by fingerprint: a `partial` fault whose match never
 * matches is consulted for each delivered record and withholds none, so it observes without interfering.
 * Armed first, so it sees every record before any other fault can claim it.
 */
const deliveries = new Map<string, { messageId: string; receiveCount: number }[]>();
const observeDeliveries = (record: unknown): boolean => {
  const { messageId, body, attributes } = record as SQSRecord;
  const print = (JSON.parse(body) as { fingerprint: string }).fingerprint;
  deliveries.set(print, [
    ...(deliveries.get(print) ?? []),
    { messageId, receiveCount: Number(attributes.ApproximateReceiveCount) },
  ]);
  return false;
};
const messagesFor = (print: string): number => new Set(deliveries.get(print)?.map((d) => d.messageId)).size;

/**
 * Starts the sandbox's 10 environments of formulas-submit two at a time (invalid bodies, answered 400
 * without a write), so the burst below measures the service, not ten simultaneous cold starts on a
 * small machine.
 */
const warmSubmit = async (): Promise<void> => {
  for (let n = 2; n <= 10; n += 2) {
    await Promise.all(Array.from({ length: n }, () => call('POST', '/formulas', { name: 'warm-up', materials: [] })));
  }
};

describe('Formulas service (sandbox)', () => {
  beforeAll(async () => {
    // Unthrottled: 100 concurrent identical POSTs go past the stage's burst of 100 with the warm-up.
    sandbox = await startSandbox({ port: 0, visibilityTimeoutSeconds: 2, throttles: false });
    sandbox.inject({ function: 'formulas-process', kind: 'partial', match: observeDeliveries });
  });

  afterAll(async () => {
    await sandbox?.stop();
  });

  it('stores, publishes exactly one message and processes a new formula', async () => {
    // Prepare
    const body = uniqueFormula();

    // Act
    const created = await call('POST', '/formulas', body);
    await sandbox.idle();

    // Assess
    expect(created.status).toBe(202);
    expect(created.json).toMatchObject({ status: 'queued', total: '18.75' });
    expect(created.location).toBe(`/formulas/${String(created.json.id)}`);
    const fetched = await call('GET', created.location!);
    expect(fetched.json).toMatchObject({ id: created.json.id, status: 'processed', delivery_count: 1 });
    expect(fetched.json.processed_at).toEqual(expect.stringMatching(/^\d{4}-\d\d-\d\dT/));
    expect(messagesFor(fingerprintOf(body))).toBe(1);
  });

  it('keeps one formula, one message and one processing for 100 concurrent identical POSTs', async () => {
    // Prepare
    const body = uniqueFormula('Concurrent');
    await warmSubmit();

    // Act
    const replies = await Promise.all(Array.from({ length: 100 }, () => call('POST', '/formulas', body)));
    await sandbox.idle();

    // Assess
    const created = replies.filter((r) => r.status === 202);
    const conflicts = replies.filter((r) => r.status === 409);
    expect(created).toHaveLength(1);
    expect(conflicts).toHaveLength(99);
    const id = created[0]!.json.id;
    expect(new Set(conflicts.map((r) => r.json.id))).toEqual(new Set([id]));
    expect(conflicts[0]!.json.code).toBe('duplicate_formula');
    const { Items = [] } = await sandbox.clients.dynamo.send(
      new ScanCommand({
        TableName: sandbox.tableName('formulas'),
        FilterExpression: 'fingerprint = :f',
        ExpressionAttributeValues: { ':f': fingerprintOf(body) },
      }),
    );
    expect(Items.map((i) => i.id)).toEqual([id]);
    expect(messagesFor(fingerprintOf(body))).toBe(1);
    expect((await call('GET', `/formulas/${String(id)}`)).json).toMatchObject({
      status: 'processed',
      delivery_count: 1,
    });
  });

  it('processes a message on its third delivery, once, after the processor failed twice', async () => {
    // Prepare
    const body = uniqueFormula('Fails twice');
    const print = fingerprintOf(body);
    sandbox.inject({ function: 'formulas-process', kind: 'throw', times: 2, match: isMessageFor(print) });
    const mark = sandbox.invocations.length;

    // Act
    const created = await call('POST', '/formulas', body);
    await sandbox.idle();

    // Assess
    const fetched = await call('GET', `/formulas/${String(created.json.id)}`);
    expect(fetched.json).toMatchObject({ status: 'processed', delivery_count: 3 });
    expect(messagesFor(print)).toBe(1);
    const failures = sandbox.invocations.slice(mark).filter((i) => i.function === 'formulas-process' && i.injected);
    expect(failures.map((i) => i.outcome)).toEqual(['error', 'error']);
    expect(await sandbox.readDlq('formulas')).toEqual([]);
  });

  it('dead-letters a poison message after 5 receives, and the redrive brings it back to be processed', async () => {
    // Prepare
    const body = uniqueFormula('Poison');
    const print = fingerprintOf(body);
    sandbox.inject({ function: 'formulas-process', kind: 'partial', times: 5, match: isMessageFor(print) });

    // Act
    const created = await call('POST', '/formulas', body);
    await sandbox.idle();

    // Assess: five failed deliveries, then the DLQ; the formula stays queued.
    expect(deliveries.get(print)?.map((d) => d.receiveCount)).toEqual([1, 2, 3, 4, 5]);
    const dead = await sandbox.readDlq('formulas');
    expect(dead.map((m) => JSON.parse(m.body) as unknown)).toEqual([{ id: created.json.id, fingerprint: print }]);
    expect(Number(dead[0]!.attributes.ApproximateReceiveCount)).toBeGreaterThanOrEqual(5);
    const path = `/formulas/${String(created.json.id)}`;
    expect((await call('GET', path)).json).toMatchObject({ status: 'queued', processed_at: null });

    // Act: redrive, which needs the API key.
    const refused = await call('POST', '/formulas/dlq/redrive');
    const redriven = await call('POST', '/formulas/dlq/redrive', undefined, { 'x-api-key': sandbox.apiKey });
    await sandbox.idle();

    // Assess
    expect(refused.status).toBe(401);
    expect(redriven.json).toEqual({ moved: 1, failed: 0 });
    expect(await sandbox.readDlq('formulas')).toEqual([]);
    expect((await call('GET', path)).json).toMatchObject({ status: 'processed', delivery_count: 1 });
  });

  it('replays the identical original response for the same Idempotency-Key and body', async () => {
    // Prepare
    const key = randomUUID();
    const body = uniqueFormula('Idempotent');
    // The same request in another spelling: 15.50 as a string, keys in another order.
    const respelled = {
      materials: body.materials.map((m) => ({ concentration: String(m.concentration).padEnd(5, '0'), name: m.name })),
      name: body.name,
    };

    // Act
    const first = await call('POST', '/formulas', body, { 'idempotency-key': key });
    await sandbox.idle();
    const again = await call('POST', '/formulas', body, { 'idempotency-key': key });
    const respelledAgain = await call('POST', '/formulas', respelled, { 'idempotency-key': key });

    // Assess
    expect(first.status).toBe(202);
    for (const reply of [again, respelledAgain]) {
      expect(reply.status).toBe(202);
      expect(reply.text).toBe(first.text);
      expect(reply.location).toBe(first.location);
    }
  });

  it('answers 422 when an Idempotency-Key is reused with a different body', async () => {
    // Prepare
    const key = randomUUID();
    await call('POST', '/formulas', uniqueFormula(), { 'idempotency-key': key });

    // Act
    const reused = await call('POST', '/formulas', uniqueFormula(), { 'idempotency-key': key });

    // Assess
    expect(reused.status).toBe(422);
    expect(reused.json).toMatchObject({ code: 'idempotency_key_reuse' });
  });

  it('replays a 409 under its Idempotency-Key, and refuses the key for another body', async () => {
    // Prepare
    const body = uniqueFormula();
    const original = await call('POST', '/formulas', body);
    const key = randomUUID();

    // Act
    const conflict = await call('POST', '/formulas', body, { 'idempotency-key': key });
    const replay = await call('POST', '/formulas', body, { 'idempotency-key': key });
    const reused = await call('POST', '/formulas', uniqueFormula(), { 'idempotency-key': key });

    // Assess
    expect(conflict.status).toBe(409);
    expect(conflict.json).toMatchObject({ code: 'duplicate_formula', id: original.json.id });
    expect(replay.status).toBe(409);
    expect(replay.text).toBe(conflict.text);
    expect(reused.status).toBe(422);
  });

  it('lists formulas newest first with a cursor', async () => {
    // Prepare
    await sandbox.idle();

    // Act
    const first = await call('GET', '/formulas?limit=2');
    const second = await call('GET', `/formulas?limit=2&cursor=${String(first.json.next_cursor)}`);

    // Assess
    const page = (r: Reply) => r.json.items as { id: string; created_at: string }[];
    const all = [...page(first), ...page(second)];
    expect(all).toHaveLength(4);
    expect(new Set(all.map((f) => f.id)).size).toBe(4);
    expect(all.map((f) => f.created_at)).toEqual(
      all
        .map((f) => f.created_at)
        .sort()
        .reverse(),
    );
  });

  it('answers 404 for an unknown id and 400 for a malformed one', async () => {
    expect((await call('GET', `/formulas/${randomUUID()}`)).json).toMatchObject({ code: 'formula_not_found' });
    expect((await call('GET', '/formulas/not-an-id')).status).toBe(400);
  });
});
