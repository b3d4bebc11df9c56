import { Readable } from 'node:stream';
import { GetObjectCommand, NoSuchKey } from '@aws-sdk/client-s3';
import { SendMessageBatchCommand } from '@aws-sdk/client-sqs';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { SQSEvent } from 'aws-lambda';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import splitterEvent from '../../events/weather/splitter.json' with { type: 'json' };
import { sqsEvent, sqsRecord } from '../helpers/factories.ts';
import { conditionFailed, dynamo, JOB_ID, queueUrlOf, resetMocks, s3, sqs, type SqsHandler, sqsHandler, stubFunctionEnv, updates } from './weather-harness.ts';

let splitter: SqsHandler;

beforeAll(async () => {
  stubFunctionEnv('weather-splitter');
  splitter = await sqsHandler('../../functions/weather/handlers/splitter.ts');
});

beforeEach(() => {
  resetMocks();
});

const notification = (key: string) => ({ Records: [{ s3: { bucket: { name: 'weather-imports-test' }, object: { key } } }] });

describe('Function: splitter handler', () => {
  const body = (csv: string) => ({ Body: Readable.from([csv]) }) as never;

  it('decodes the key, upserts each distinct city, sends them in batches of 10, then sets the total', async () => {
    dynamo.on(UpdateCommand).resolves({});
    s3.on(GetObjectCommand).resolves(body(`city\n${Array.from({ length: 12 }, (_, i) => `Town${'abcdefghijkl'[i]}`).join('\n')}\ntowna\n\n`));
    sqs.on(SendMessageBatchCommand).resolves({ Successful: [], Failed: [] });

    const result = await splitter(sqsEvent([sqsRecord(notification(`imports/${JOB_ID}.csv`))]));

    expect(result.batchItemFailures).toEqual([]);
    expect(s3.commandCalls(GetObjectCommand)[0]!.args[0].input).toEqual({ Bucket: 'weather-imports-test', Key: `imports/${JOB_ID}.csv` });
    const batches = sqs.commandCalls(SendMessageBatchCommand).map((c) => c.args[0].input);
    expect(batches.map((b) => b.Entries?.length)).toEqual([10, 2]);
    expect(batches[0]!.QueueUrl).toBe(queueUrlOf('weather-cities'));
    expect(JSON.parse(batches[0]!.Entries![0]!.MessageBody!)).toEqual({ job_id: JOB_ID, city_key: 'towna', city: 'Towna' });
    const cityUpserts = updates().filter((u) => u.TableName === 'weather-cities-test');
    expect(cityUpserts).toHaveLength(12);
    expect(updates().find((u) => u.UpdateExpression?.startsWith('SET #total'))).toMatchObject({
      ExpressionAttributeValues: { ':total': 12, ':rejected': 1, ':examples': [{ line: 15, reason: 'blank_row', raw: '' }] },
    });
  });

  it('sends again only the entries SendMessageBatch refused', async () => {
    dynamo.on(UpdateCommand).resolves({});
    s3.on(GetObjectCommand).resolves(body('city\nAlpha\nBeta\nGamma\n'));
    sqs
      .on(SendMessageBatchCommand)
      .resolvesOnce({ Successful: [], Failed: [{ Id: '1', Code: 'InternalError', SenderFault: false }] })
      .resolves({ Successful: [], Failed: [] });

    const result = await splitter(sqsEvent([sqsRecord(notification(`imports/${JOB_ID}.csv`))]));

    expect(result.batchItemFailures).toEqual([]);
    const sent = sqs.commandCalls(SendMessageBatchCommand).map((c) => c.args[0].input.Entries!.map((e) => JSON.parse(e.MessageBody!).city));
    expect(sent).toEqual([['Alpha', 'Beta', 'Gamma'], ['Beta']]);
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
    expect(updates().at(-1)).toMatchObject({ UpdateExpression: 'SET #status = :failed, finished_at = :now, #error = :error' });
  });

  it('ignores objects that are not imports, and reads the job id from the sample event', async () => {
    dynamo.on(UpdateCommand).rejects(conditionFailed());

    await splitter(sqsEvent([sqsRecord(notification('other/file+name.csv'))]));
    expect(dynamo.calls()).toHaveLength(0);

    await splitter(splitterEvent as unknown as SQSEvent);
    expect(dynamo.commandCalls(UpdateCommand)[0]!.args[0].input.Key).toEqual({ job_id: JOB_ID, sk: 'job' });
  });
});

