import { ProvisionedThroughputExceededException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { SQSEvent } from 'aws-lambda';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import workerEvent from '../../events/weather/worker.json' with { type: 'json' };
import { startWeatherProvider, type SimulatedProvider } from '../../local/companions/weather-provider.ts';
import { sqsEvent, sqsRecord } from '../helpers/factories.ts';
import { conditionFailed, dynamo, JOB_ID, resetMocks, type SqsHandler, sqsHandler, stubFunctionEnv, updates } from './weather-harness.ts';

let worker: SqsHandler;
let provider: SimulatedProvider;

beforeAll(async () => {
  provider = await startWeatherProvider();
  stubFunctionEnv('weather-worker', { ...provider.env, WEATHER_RETRY_ATTEMPTS: '1' });
  worker = await sqsHandler('../../functions/weather/handlers/worker.ts');
});

afterAll(() => provider.stop());

beforeEach(() => {
  resetMocks();
  provider.reset();
});

describe('Function: worker handler', () => {
  const message = (city: string) => sqsRecord({ job_id: JOB_ID, city_key: city.toLowerCase(), city });

  it('settles the city in one transaction: conditional result, job counters, City record; then tries to finish the job', async () => {
    dynamo.on(GetCommand).resolves({});
    dynamo.on(PutCommand).resolves({});
    dynamo.on(TransactWriteCommand).resolves({});
    dynamo.on(UpdateCommand).rejects(conditionFailed());

    const result = await worker(sqsEvent([message('Lisbon')]));

    expect(result.batchItemFailures).toEqual([]);
    const [put, counters, city] = dynamo.commandCalls(TransactWriteCommand)[0]!.args[0].input.TransactItems!;
    expect(put!.Put).toMatchObject({
      TableName: 'weather-jobs-test',
      Item: { job_id: JOB_ID, sk: 'result#lisbon', status: 'succeeded', job_status: `${JOB_ID}#succeeded`, source: 'simulated', cached: false },
      ConditionExpression: 'attribute_not_exists(sk)',
    });
    expect(counters!.Update).toMatchObject({ Key: { job_id: JOB_ID, sk: 'job' }, UpdateExpression: 'ADD #processed :one, #counter :one' });
    expect(counters!.Update!.ExpressionAttributeNames).toEqual({ '#processed': 'processed', '#counter': 'succeeded' });
    expect(city!.Update).toMatchObject({ TableName: 'weather-cities-test', Key: { city_key: 'lisbon' } });
    expect(updates()).toEqual([expect.objectContaining({ ConditionExpression: '#status = :running AND #processed = #total' })]);
  });

  it('counts nothing for a redelivered city the transaction finds settled, and still tries to finish', async () => {
    dynamo.on(GetCommand).resolves({});
    dynamo.on(PutCommand).resolves({});
    dynamo.on(TransactWriteCommand).rejects(
      new TransactionCanceledException({
        message: 'Transaction cancelled',
        $metadata: {},
        CancellationReasons: [{ Code: 'ConditionalCheckFailed' }, { Code: 'None' }, { Code: 'None' }],
      }),
    );
    dynamo.on(UpdateCommand).resolves({});

    const result = await worker(workerEvent as unknown as SQSEvent);

    expect(result.batchItemFailures).toEqual([]);
    expect(updates()).toHaveLength(1);
  });

  it('settles an unknown city as failed with city_not_found and counts it by error', async () => {
    dynamo.on(GetCommand).resolves({});
    dynamo.on(TransactWriteCommand).resolves({});
    dynamo.on(UpdateCommand).resolves({});

    await worker(sqsEvent([message('Nowhere Town')]));

    const [put, counters] = dynamo.commandCalls(TransactWriteCommand)[0]!.args[0].input.TransactItems!;
    expect(put!.Put!.Item).toMatchObject({ status: 'failed', error: 'city_not_found' });
    expect(counters!.Update!.UpdateExpression).toContain('SET failures_by_error.#code = if_not_exists(failures_by_error.#code, :zero) + :one');
    expect(counters!.Update!.ExpressionAttributeNames).toMatchObject({ '#code': 'city_not_found', '#counter': 'failed' });
  });

  it('fails only the record whose write is throttled', async () => {
    dynamo.on(GetCommand).resolves({});
    dynamo.on(PutCommand).resolves({});
    dynamo.on(UpdateCommand).resolves({});
    dynamo
      .on(TransactWriteCommand)
      .rejectsOnce(new ProvisionedThroughputExceededException({ message: 'slow down', $metadata: {} }))
      .resolves({});
    const [first, second] = [message('Porto'), message('Braga')];

    const result = await worker(sqsEvent([first, second]));

    expect(result.batchItemFailures).toHaveLength(1);
    expect(dynamo.commandCalls(TransactWriteCommand)).toHaveLength(2);
  });

  it('retries a city while the provider is down, then settles it as upstream_unavailable on the third receive', async () => {
    provider.set({ down: true });
    dynamo.on(GetCommand).resolves({});
    dynamo.on(TransactWriteCommand).resolves({});
    dynamo.on(UpdateCommand).resolves({});
    const attempt = (receives: number) =>
      worker(sqsEvent([sqsRecord({ job_id: JOB_ID, city_key: 'faro', city: 'Faro' }, { attributes: { ...sqsRecord('').attributes, ApproximateReceiveCount: String(receives) } })]));

    await expect(attempt(1)).rejects.toThrow(/All records failed/);
    expect(dynamo.commandCalls(TransactWriteCommand)).toHaveLength(0);
    expect((await attempt(3)).batchItemFailures).toEqual([]);
    expect(dynamo.commandCalls(TransactWriteCommand)[0]!.args[0].input.TransactItems![0]!.Put!.Item).toMatchObject({ error: 'upstream_unavailable' });
  });

  it('serves a fresh cached city without calling the provider', async () => {
    const expires_at = Math.floor(Date.now() / 1000) + 60;
    dynamo.on(GetCommand).resolves({ Item: { city_key: 'lisbon', city: 'Lisbon', temperature_c: 20, condition: 'clear', humidity: 50, observed_at: '2026-11-23T10:00:00.000Z', source: 'simulated', expires_at } });
    dynamo.on(TransactWriteCommand).resolves({});
    dynamo.on(UpdateCommand).resolves({});

    await worker(sqsEvent([sqsRecord({ job_id: JOB_ID, city_key: 'lisbon', city: 'Lisbon' })]));

    expect(provider.log).toHaveLength(0);
    expect(dynamo.commandCalls(TransactWriteCommand)[0]!.args[0].input.TransactItems![0]!.Put!.Item).toMatchObject({ cached: true, temperature_c: 20 });
  });

  it('fails a malformed message alone', async () => {
    dynamo.on(GetCommand).resolves({});
    dynamo.on(TransactWriteCommand).resolves({});
    dynamo.on(UpdateCommand).resolves({});
    const bad = sqsRecord({ job_id: 'not-a-uuid', city: '' });

    const result = await worker(sqsEvent([bad, sqsRecord({ job_id: JOB_ID, city_key: 'lisbon', city: 'Lisbon' })]));

    expect(result.batchItemFailures).toEqual([{ itemIdentifier: bad.messageId }]);
    expect(dynamo.commandCalls(TransactWriteCommand)).toHaveLength(1);
  });
});

