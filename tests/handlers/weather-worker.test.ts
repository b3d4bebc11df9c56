import { ProvisionedThroughputExceededException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { SendMessageCommand } from '@aws-sdk/client-sqs';
import {
  BatchGetCommand,
  BatchWriteCommand,
  GetCommand,
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import type { SQSEvent } from 'aws-lambda';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import workerEvent from '../../events/weather/worker.json' with { type: 'json' };
import { startWeatherProvider, type SimulatedProvider } from '#local/companions/weather-provider.ts';
import { handler } from '#functions/weather/handlers/worker.ts';
import { sqsEvent, sqsRecord } from '../helpers/factories.ts';
import {
  dynamo,
  JOB_ID,
  QUOTA_TABLE_NAME,
  queueUrlOf,
  resetMocks,
  sqs,
  sqsCaller,
  stubFunctionEnv,
  updates,
} from './weather-harness.ts';

const worker = sqsCaller(handler);
/** A place the simulated geocoder knows and the workers' gazetteer does not. */
const HAMLET = { name: 'Aldeia do Vale Escondido', latitude: 40.12, longitude: -7.93 };
let provider: SimulatedProvider;

beforeAll(async () => {
  provider = await startWeatherProvider();
  stubFunctionEnv('weather-worker', { ...provider.env, WEATHER_RETRY_ATTEMPTS: '1' });
});

afterAll(() => provider.stop());

beforeEach(() => {
  resetMocks();
  provider.reset();
  dynamo.on(BatchGetCommand).resolves({ Responses: {} });
  dynamo.on(BatchWriteCommand).resolves({});
  dynamo.on(TransactWriteCommand).resolves({});
  dynamo.on(UpdateCommand).resolves({});
});

const chunk = (cities: (string | { city: string; place: object })[], receives = 1) =>
  sqsRecord(
    { job_id: JOB_ID, cities: cities.map((c) => (typeof c === 'string' ? { city: c } : c)) },
    { attributes: { ...sqsRecord('').attributes, ApproximateReceiveCount: String(receives) } },
  );
const transactions = () => dynamo.commandCalls(TransactWriteCommand).map((c) => c.args[0].input.TransactItems!);
const cancelled = (codes: string[]) =>
  new TransactionCanceledException({
    message: 'Transaction cancelled',
    $metadata: {},
    CancellationReasons: codes.map((Code) => ({ Code })),
  });

describe('Function: worker handler', () => {
  it('settles a chunk in one transaction: counters for exactly its cities, conditional results, new places on the Cities', async () => {
    // Lisbon and Porto are in the gazetteer; the hamlet only the provider's geocoder knows.
    provider.set({ extraCities: [HAMLET] });

    const result = await worker(sqsEvent([chunk(['Lisbon', 'Porto', HAMLET.name])]));

    expect(result.batchItemFailures).toEqual([]);
    expect(provider.geocodingCalls()).toBe(1);
    expect(provider.forecastCalls()).toBe(1);
    const [items] = transactions();
    const [counters, ...rest] = items!;
    expect(counters!.Update).toMatchObject({
      Key: { job_id: JOB_ID, sk: 'job' },
      UpdateExpression: 'ADD #processed :processed, #succeeded :succeeded, #failed :failed',
      ExpressionAttributeValues: { ':processed': 3, ':succeeded': 3, ':failed': 0 },
    });
    const puts = rest.filter((i) => i.Put).map((i) => i.Put!);
    expect(puts.map((p) => p.Item!.sk)).toEqual(['result#lisbon', 'result#porto', 'result#aldeia do vale escondido']);
    expect(puts[0]).toMatchObject({
      TableName: 'weather-jobs-test',
      Item: {
        city: 'Lisbon',
        status: 'succeeded',
        job_status: `${JOB_ID}#succeeded`,
        source: 'simulated',
        cached: false,
      },
      ConditionExpression: 'attribute_not_exists(sk)',
    });
    // Only the provider's answer is cached on its City: the gazetteer's is found again next time.
    const places = rest.filter((i) => i.Update).map((i) => i.Update!);
    expect(places.map((u) => [u.TableName, u.Key])).toEqual([
      ['weather-cities-test', { city_key: 'aldeia do vale escondido' }],
    ]);
    expect(places[0]!.ExpressionAttributeValues![':place']).toEqual(HAMLET);
    const cached = dynamo.commandCalls(BatchWriteCommand)[0]!.args[0].input.RequestItems!['weather-cache-test']!;
    expect(cached.map((r) => r.PutRequest!.Item!.city_key)).toEqual([
      'cell#38.7,-9.1',
      'cell#41.1,-8.6',
      'cell#40.1,-7.9',
    ]);
    expect(updates()).toEqual([
      expect.objectContaining({ ConditionExpression: '#status = :running AND #processed = #total' }),
    ]);
  });

  it('asks one location per forecast cell: cities sharing a cell share its answer', async () => {
    const near = (city: string, latitude: number) => ({ city, place: { name: city, latitude, longitude: -9.14 } });

    await worker(sqsEvent([chunk([near('Here', 38.71), near('There', 38.73), near('Far', 41.1)])]));

    expect(provider.log.map((c) => c.path)).toEqual(['/v1/forecast']);
    expect(provider.log[0]!.weight).toBe(2);
    const puts = transactions()[0]!
      .filter((i) => i.Put)
      .map((i) => i.Put!.Item!);
    expect(puts.map((p) => p.city)).toEqual(['Here', 'There', 'Far']);
    expect(puts[0]!.temperature_c).toBe(puts[1]!.temperature_c);
  });

  it('asks no geocoding for a city whose place the message carries, and leaves its City alone', async () => {
    await worker(workerEvent as unknown as SQSEvent);

    expect(provider.geocodingCalls()).toBe(0);
    expect(provider.forecastCalls()).toBe(1);
    expect(transactions()[0]!.filter((i) => i.Update?.TableName === 'weather-cities-test')).toEqual([]);
  });

  it('splits a chunk into transactions of at most 100 items, each counting its own cities', async () => {
    // 30 cities to geocode (a result and a City place each) and 70 placed ones (a result each).
    const hamlets = Array.from({ length: 30 }, (_, i) => ({ ...HAMLET, name: `${HAMLET.name} ${i}` }));
    provider.set({ extraCities: hamlets });
    const unplaced = hamlets.map((p) => p.name);
    const placed = Array.from({ length: 70 }, (_, i) => ({
      city: `Placed ${i}`,
      place: { name: 'Lisbon', latitude: 38.7, longitude: -9.1 },
    }));

    await worker(sqsEvent([chunk([...unplaced, ...placed])]));

    expect(transactions().map((t) => t.length)).toEqual([100, 32]);
    expect(transactions().map((t) => t[0]!.Update!.ExpressionAttributeValues![':processed'])).toEqual([69, 31]);
    expect(provider.forecastCalls()).toBe(1);
  });

  it('counts only the cities no earlier delivery settled when redelivered after a partial commit', async () => {
    // Lisbon was settled by the first delivery: read back, it costs no provider call. Porto turns out
    // settled too (a concurrent delivery): its condition cancels the transaction, which is retried without it.
    dynamo
      .on(BatchGetCommand)
      .callsFake((input: { RequestItems: Record<string, unknown> }) =>
        'weather-jobs-test' in input.RequestItems
          ? { Responses: { 'weather-jobs-test': [{ job_id: JOB_ID, sk: 'result#lisbon', city_key: 'lisbon' }] } }
          : { Responses: {} },
      );
    dynamo
      .on(TransactWriteCommand)
      .rejectsOnce(cancelled(['None', 'ConditionalCheckFailed', 'None', 'None', 'None']))
      .resolves({});

    const result = await worker(sqsEvent([chunk(['Lisbon', 'Porto', 'Braga'], 2)]));

    expect(result.batchItemFailures).toEqual([]);
    expect(provider.forecastCalls()).toBe(1);
    expect(provider.log[0]!.weight).toBe(2);
    const [first, retried] = transactions();
    expect(first![0]!.Update!.ExpressionAttributeValues).toMatchObject({ ':processed': 2 });
    expect(retried![0]!.Update!.ExpressionAttributeValues).toMatchObject({ ':processed': 1, ':succeeded': 1 });
    expect(retried!.filter((i) => i.Put).map((i) => i.Put!.Item!.sk)).toEqual(['result#braga']);
  });

  it('settles an unknown place as failed with city_not_found, counted by error, with no City place', async () => {
    await worker(sqsEvent([chunk(['Qzxqzx Nowhere', 'Lisbon'])]));

    const [counters, ...rest] = transactions()[0]!;
    expect(counters!.Update!.UpdateExpression).toContain(
      'SET failures_by_error.#e0 = if_not_exists(failures_by_error.#e0, :zero) + :e0',
    );
    expect(counters!.Update!.ExpressionAttributeNames).toMatchObject({ '#e0': 'city_not_found' });
    expect(counters!.Update!.ExpressionAttributeValues).toMatchObject({
      ':processed': 2,
      ':succeeded': 1,
      ':failed': 1,
      ':e0': 1,
    });
    expect(rest.find((i) => i.Put?.Item?.city === 'Qzxqzx Nowhere')!.Put!.Item).toMatchObject({
      status: 'failed',
      error: 'city_not_found',
    });
    expect(rest.filter((i) => i.Update)).toEqual([]);
  });

  it('tries a transaction again when it conflicts with another on the job item', async () => {
    dynamo
      .on(TransactWriteCommand)
      .rejectsOnce(cancelled(['TransactionConflict', 'None', 'None']))
      .resolves({});

    const result = await worker(sqsEvent([chunk(['Lisbon'])]));

    expect(result.batchItemFailures).toEqual([]);
    expect(transactions()).toHaveLength(2);
    expect(transactions()[1]![0]!.Update!.ExpressionAttributeValues).toMatchObject({ ':processed': 1 });
  });

  it('fails only the chunk whose write is throttled', async () => {
    dynamo
      .on(TransactWriteCommand)
      .rejectsOnce(new ProvisionedThroughputExceededException({ message: 'slow down', $metadata: {} }))
      .resolves({});
    const [first, second] = [chunk(['Porto']), chunk(['Braga'])];

    const result = await worker(sqsEvent([first, second]));

    expect(result.batchItemFailures).toHaveLength(1);
    expect(transactions()).toHaveLength(2);
  });

  it('sends cities back on the queue, delayed, when the provider fails every attempt, counting the pause', async () => {
    provider.set({ down: true });

    const result = await worker(sqsEvent([chunk(['Faro', 'Porto'])]));

    expect(result.batchItemFailures).toEqual([]);
    expect(transactions()).toHaveLength(0);
    const [again] = sqs.commandCalls(SendMessageCommand).map((c) => c.args[0].input);
    expect(again!.DelaySeconds).toBe(5);
    expect(JSON.parse(again!.MessageBody!)).toEqual({
      job_id: JOB_ID,
      cities: [{ city: 'Faro' }, { city: 'Porto' }],
      paused_ms: 5000,
    });
  });

  it('past its patience, leaves cities unsettled while the provider is down, then settles them as upstream_unavailable on the third receive', async () => {
    provider.set({ down: true });
    const patient = (receives: number) =>
      sqsRecord(
        { job_id: JOB_ID, cities: [{ city: 'Faro' }, { city: 'Porto' }], paused_ms: 30 * 60_000 },
        { attributes: { ...sqsRecord('').attributes, ApproximateReceiveCount: String(receives) } },
      );

    await expect(worker(sqsEvent([patient(1)]))).rejects.toThrow(/All records failed/);
    expect(transactions()).toHaveLength(0);
    expect((await worker(sqsEvent([patient(3)]))).batchItemFailures).toEqual([]);
    expect(
      transactions()[0]!
        .filter((i) => i.Put)
        .map((i) => i.Put!.Item!.error),
    ).toEqual(['upstream_unavailable', 'upstream_unavailable']);
    expect(sqs.commandCalls(SendMessageCommand)).toHaveLength(0);
  });

  it('sends a chunk back on the queue, delayed until the circuit half-opens, while it is open: nothing settled', async () => {
    const circuit = { bucket: 'circuit', failures: 0, open_until: Date.now() + 29_500, opens: 2, probe_until: 0 };
    dynamo.on(GetCommand, { TableName: QUOTA_TABLE_NAME }).resolves({ Item: circuit });
    const here = { city: 'Here', place: { name: 'Here', latitude: 38.7, longitude: -9.1 } };

    const result = await worker(sqsEvent([chunk(['Faro', here], 4)]));

    expect(result.batchItemFailures).toEqual([]);
    expect(provider.log).toHaveLength(0);
    expect(transactions()).toHaveLength(0);
    const [again] = sqs.commandCalls(SendMessageCommand).map((c) => c.args[0].input);
    expect(again).toMatchObject({ QueueUrl: queueUrlOf('weather-cities'), DelaySeconds: 30 });
    // As it came, and how long it has waited so far: a fresh message, so waiting never brings it nearer the DLQ.
    expect(JSON.parse(again!.MessageBody!)).toEqual({
      job_id: JOB_ID,
      cities: [{ city: 'Faro' }, here],
      paused_ms: expect.closeTo(29_500, -3),
    });
  });

  it('settles its cities as upstream_unavailable once a chunk has waited out outages past its patience', async () => {
    const circuit = { bucket: 'circuit', failures: 0, open_until: Date.now() + 20_000, opens: 5, probe_until: 0 };
    dynamo.on(GetCommand, { TableName: QUOTA_TABLE_NAME }).resolves({ Item: circuit });
    const body = { job_id: JOB_ID, cities: [{ city: 'Faro' }], paused_ms: 30 * 60_000 };

    const result = await worker(sqsEvent([sqsRecord(body)]));

    expect(result.batchItemFailures).toEqual([]);
    expect(sqs.commandCalls(SendMessageCommand)).toHaveLength(0);
    expect(
      transactions()[0]!
        .filter((i) => i.Put)
        .map((i) => i.Put!.Item!.error),
    ).toEqual(['upstream_unavailable']);
  });

  it("sends a chunk back on the queue for as long as the provider's Retry-After asks, when its quota is spent", async () => {
    provider.failNext(1, 429, 120);

    const result = await worker(sqsEvent([chunk(['Lisbon', 'Porto'])]));

    expect(result.batchItemFailures).toEqual([]);
    expect(transactions()).toHaveLength(0);
    expect(sqs.commandCalls(SendMessageCommand).map((c) => c.args[0].input.DelaySeconds)).toEqual([120]);
  });

  it("reads a placed city's weather under its forecast cell, and a name's own entry only where a lookup writes it", async () => {
    // Lisbon from the gazetteer, a place the provider geocoded earlier (on its City), a name nothing placed.
    await worker(sqsEvent([chunk(['Lisbon', { city: HAMLET.name, place: HAMLET }, 'Nowhere Special'])]));

    const keys = dynamo.commandCalls(BatchGetCommand)[0]!.args[0].input.RequestItems!['weather-cache-test']!.Keys!;
    expect(keys.map((k) => k.city_key).sort()).toEqual([
      'aldeia do vale escondido',
      'cell#38.7,-9.1',
      'cell#40.1,-7.9',
      'nowhere special',
    ]);
  });

  it('serves fresh cached cities without calling the provider', async () => {
    const expires_at = Math.floor(Date.now() / 1000) + 60;
    const item = {
      // Where a lookup or an earlier import of Lisbon wrote it: its forecast cell.
      city_key: 'cell#38.7,-9.1',
      city: 'Lisbon',
      temperature_c: 20,
      condition: 'clear',
      humidity: 50,
      observed_at: '2026-11-23T10:00:00.000Z',
      source: 'simulated',
      expires_at,
    };
    dynamo.on(BatchGetCommand).resolves({ Responses: { 'weather-cache-test': [item] } });

    await worker(sqsEvent([chunk(['Lisbon'])]));

    expect(provider.log).toHaveLength(0);
    expect(transactions()[0]![1]!.Put!.Item).toMatchObject({ cached: true, temperature_c: 20 });
    expect(dynamo.commandCalls(BatchWriteCommand)).toHaveLength(0);
  });

  it('fails a malformed message alone', async () => {
    const bad = sqsRecord({ job_id: JOB_ID, cities: [] });

    const result = await worker(sqsEvent([bad, chunk(['Lisbon'])]));

    expect(result.batchItemFailures).toEqual([{ itemIdentifier: bad.messageId }]);
    expect(transactions()).toHaveLength(1);
  });
});
