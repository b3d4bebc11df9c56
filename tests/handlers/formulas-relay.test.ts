import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { readFileSync } from 'node:fs';
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { handler as relay } from '#functions/formulas/handlers/relay.ts';
import { lambdaContext, TEST_ENV } from '../helpers/factories.ts';

const sqs = mockClient(SQSClient);
const sample = JSON.parse(
  readFileSync(new URL('../../events/formulas/relay-insert.json', import.meta.url), 'utf8'),
) as DynamoDBStreamEvent;
const insert = sample.Records[0]!;
const image = insert.dynamodb!.NewImage!;
const handler = (event: DynamoDBStreamEvent) =>
  relay(event, lambdaContext(), () => undefined) as Promise<DynamoDBBatchResponse>;

const withSequence = (
  record: DynamoDBRecord,
  sequence: string,
  changes: Partial<DynamoDBRecord> = {},
): DynamoDBRecord => ({
  ...record,
  ...changes,
  dynamodb: { ...record.dynamodb, SequenceNumber: sequence },
});

describe('Function: formulas relay handler', () => {
  beforeAll(() => {
    for (const [name, value] of Object.entries(TEST_ENV)) vi.stubEnv(name, value);
    vi.stubEnv('QUEUE_URL_FORMULAS', 'https://sqs.us-east-1.amazonaws.com/123456789012/formulas');
  });

  beforeEach(() => {
    sqs.reset();
  });

  it('publishes one message with the keys of each inserted formula', async () => {
    // Prepare
    sqs.on(SendMessageCommand).resolves({ MessageId: 'm-1' });

    // Act
    const result = await handler(sample);

    // Assess
    expect(result.batchItemFailures).toEqual([]);
    const sends = sqs.commandCalls(SendMessageCommand);
    expect(sends).toHaveLength(1);
    expect(sends[0]!.args[0].input.QueueUrl).toBe('https://sqs.us-east-1.amazonaws.com/123456789012/formulas');
    expect(JSON.parse(sends[0]!.args[0].input.MessageBody!)).toEqual({
      id: image.id!.S,
      fingerprint: image.fingerprint!.S,
    });
  });

  it('ignores the MODIFY that processing a formula causes', async () => {
    const modify = withSequence(insert, '2', { eventName: 'MODIFY' });
    const result = await handler({ Records: [modify] });
    expect(result.batchItemFailures).toEqual([]);
    expect(sqs.calls()).toHaveLength(0);
  });

  it('reports the record whose send failed so Lambda retries from it', async () => {
    // Prepare
    sqs.on(SendMessageCommand).rejectsOnce(new Error('SQS unavailable')).resolves({ MessageId: 'm-2' });
    const records = [withSequence(insert, '1'), withSequence(insert, '2')];

    // Act
    const result = await handler({ Records: records });

    // Assess
    expect(result.batchItemFailures).toHaveLength(1);
    expect(['1', '2']).toContain(result.batchItemFailures[0]!.itemIdentifier);
    expect(sqs.commandCalls(SendMessageCommand)).toHaveLength(2);
  });
});
