import { Readable } from 'node:stream';
import { GetObjectCommand, NoSuchKey } from '@aws-sdk/client-s3';
import { SendMessageBatchCommand } from '@aws-sdk/client-sqs';
import { BatchGetCommand, BatchWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { SQSEvent } from 'aws-lambda';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import splitterEvent from '../../events/weather/splitter.json' with { type: 'json' };
import { handler } from '#functions/weather/handlers/splitter.ts';
import { sqsEvent, sqsRecord } from '../helpers/factories.ts';
import {
  conditionFailed,
  dynamo,
  JOB_ID,
  queueUrlOf,
  resetMocks,
  s3,
  sqs,
  sqsCaller,
  stubFunctionEnv,
  updates,
} from './weather-harness.ts';

const splitter = sqsCaller(handler);

beforeAll(() => {
  stubFunctionEnv('weather-splitter');
});

beforeEach(() => {
  resetMocks();
  dynamo.on(BatchGetCommand).resolves({ Responses: {} });
  dynamo.on(BatchWriteCommand).resolves({});
});

const notification = (key: string) => ({
  Records: [{ s3: { bucket: { name: 'weather-imports-test' }, object: { key } } }],
});

describe('Function: splitter handler', () => {
  const body = (csv: string) => ({ Body: Readable.from([csv]) }) as never;

  it('decodes the key, creates the new Cities in batches, sends the distinct cities in chunks of 100, then sets the total', async () => {
    const names = Array.from({ length: 250 }, (_, i) => `Town ${i}`);
    dynamo.on(UpdateCommand).resolves({});
    s3.on(GetObjectCommand).resolves(body(`city\n${names.join('\n')}\ntown 0\n\n`));
    sqs.on(SendMessageBatchCommand).resolves({ Successful: [], Failed: [] });

    const result = await splitter(sqsEvent([sqsRecord(notification(`imports/${JOB_ID}.csv`))]));

    expect(result.batchItemFailures).toEqual([]);
    expect(s3.commandCalls(GetObjectCommand)[0]!.args[0].input).toEqual({
      Bucket: 'weather-imports-test',
      Key: `imports/${JOB_ID}.csv`,
    });
    const batches = sqs.commandCalls(SendMessageBatchCommand).map((c) => c.args[0].input);
    expect(batches).toHaveLength(1);
    expect(batches[0]!.QueueUrl).toBe(queueUrlOf('weather-cities'));
    const chunks = batches[0]!.Entries!.map(
      (e) => JSON.parse(e.MessageBody!) as { job_id: string; cities: { city: string }[] },
    );
    expect(chunks.map((c) => c.cities.length)).toEqual([100, 100, 50]);
    expect(chunks[0]).toMatchObject({ job_id: JOB_ID, cities: expect.arrayContaining([{ city: 'Town 0' }]) });
    expect(dynamo.commandCalls(BatchGetCommand)).toHaveLength(3);
    const created = dynamo
      .commandCalls(BatchWriteCommand)
      .flatMap((c) => c.args[0].input.RequestItems!['weather-cities-test']!);
    expect(created).toHaveLength(250);
    expect(created[0]!.PutRequest!.Item).toMatchObject({
      city_key: 'town 0',
      name: 'Town 0',
      created_at: expect.any(String),
    });
    expect(updates().find((u) => u.UpdateExpression?.startsWith('SET #total'))).toMatchObject({
      ExpressionAttributeValues: {
        ':total': 250,
        ':rejected': 1,
        ':examples': [{ line: 253, reason: 'blank_row', raw: '' }],
      },
    });
  });

  it('rewrites no known City and sends the place it knows with its city', async () => {
    const place = { name: 'Lisbon', latitude: 38.71667, longitude: -9.13333 };
    dynamo.on(UpdateCommand).resolves({});
    dynamo.on(BatchGetCommand).resolves({
      Responses: {
        'weather-cities-test': [{ city_key: 'lisbon', name: 'Lisbon', created_at: '2026-01-01T00:00:00.000Z', place }],
      },
    });
    s3.on(GetObjectCommand).resolves(body('city\nLisbon\nPorto\n'));
    sqs.on(SendMessageBatchCommand).resolves({ Successful: [], Failed: [] });

    await splitter(sqsEvent([sqsRecord(notification(`imports/${JOB_ID}.csv`))]));

    const created = dynamo
      .commandCalls(BatchWriteCommand)
      .flatMap((c) => c.args[0].input.RequestItems!['weather-cities-test']!);
    expect(created.map((r) => r.PutRequest!.Item!.city_key)).toEqual(['porto']);
    const [entry] = sqs.commandCalls(SendMessageBatchCommand)[0]!.args[0].input.Entries!;
    expect(JSON.parse(entry!.MessageBody!).cities).toEqual([{ city: 'Lisbon', place }, { city: 'Porto' }]);
  });

  it('writes again the Cities BatchWriteItem left unprocessed', async () => {
    dynamo.on(UpdateCommand).resolves({});
    dynamo
      .on(BatchWriteCommand)
      .resolvesOnce({
        UnprocessedItems: { 'weather-cities-test': [{ PutRequest: { Item: { city_key: 'beta', name: 'Beta' } } }] },
      })
      .resolves({});
    s3.on(GetObjectCommand).resolves(body('city\nAlpha\nBeta\n'));
    sqs.on(SendMessageBatchCommand).resolves({ Successful: [], Failed: [] });

    await splitter(sqsEvent([sqsRecord(notification(`imports/${JOB_ID}.csv`))]));

    const writes = dynamo
      .commandCalls(BatchWriteCommand)
      .map((c) => c.args[0].input.RequestItems!['weather-cities-test']!.map((r) => r.PutRequest!.Item!.city_key));
    expect(writes).toEqual([['alpha', 'beta'], ['beta']]);
  });

  it('sends again only the entries SendMessageBatch refused', async () => {
    dynamo.on(UpdateCommand).resolves({});
    s3.on(GetObjectCommand).resolves(body(`city\n${Array.from({ length: 300 }, (_, i) => `Town ${i}`).join('\n')}\n`));
    sqs
      .on(SendMessageBatchCommand)
      .resolvesOnce({ Successful: [], Failed: [{ Id: '1', Code: 'InternalError', SenderFault: false }] })
      .resolves({ Successful: [], Failed: [] });

    const result = await splitter(sqsEvent([sqsRecord(notification(`imports/${JOB_ID}.csv`))]));

    expect(result.batchItemFailures).toEqual([]);
    const sent = sqs
      .commandCalls(SendMessageBatchCommand)
      .map((c) => c.args[0].input.Entries!.map((e) => JSON.parse(e.MessageBody!).cities[0].city));
    expect(sent).toEqual([['Town 0', 'Town 100', 'Town 200'], ['Town 100']]);
  });

  it('fails only its record (for redelivery) when SQS keeps refusing', async () => {
    dynamo.on(UpdateCommand).resolves({});
    s3.on(GetObjectCommand).resolves(body('city\nAlpha\n'));
    sqs.on(SendMessageBatchCommand).rejects(new Error('SQS down'));
    const record = sqsRecord(notification(`imports/${JOB_ID}.csv`));

    // Its only record failed: Powertools fails the whole invocation, so the message comes back.
    await expect(splitter(sqsEvent([record]))).rejects.toThrow(/All records failed/);
    expect(updates().some((u) => u.UpdateExpression?.startsWith('SET #total'))).toBe(false);
  });

  it('skips a notification whose job was already split (a redelivery), reading nothing', async () => {
    dynamo.on(UpdateCommand).rejects(conditionFailed());

    const result = await splitter(sqsEvent([sqsRecord(notification(`imports/${JOB_ID}.csv`))]));

    expect(result.batchItemFailures).toEqual([]);
    expect(s3.calls()).toHaveLength(0);
  });

  it('fails the job when the object is gone', async () => {
    dynamo.on(UpdateCommand).resolves({});
    s3.on(GetObjectCommand).rejects(new NoSuchKey({ message: 'The specified key does not exist.', $metadata: {} }));

    const result = await splitter(sqsEvent([sqsRecord(notification(`imports/${JOB_ID}.csv`))]));

    expect(result.batchItemFailures).toEqual([]);
    expect(updates().at(-1)).toMatchObject({
      UpdateExpression: 'SET #status = :failed, finished_at = :now, #error = :error',
    });
  });

  it('ignores objects that are not imports, and reads the job id from the sample event', async () => {
    dynamo.on(UpdateCommand).rejects(conditionFailed());

    await splitter(sqsEvent([sqsRecord(notification('other/file+name.csv'))]));
    expect(dynamo.calls()).toHaveLength(0);

    await splitter(splitterEvent as unknown as SQSEvent);
    expect(dynamo.commandCalls(UpdateCommand)[0]!.args[0].input.Key).toEqual({ job_id: JOB_ID, sk: 'job' });
  });
});
