import {
  DeleteMessageBatchCommand,
  GetQueueAttributesCommand,
  GetQueueUrlCommand,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { handler } from '#functions/formulas/handlers/redrive.ts';
import { apiEvent, lambdaContext, TEST_ENV } from '../helpers/factories.ts';

// The route is api-key: its secret, without Secrets Manager.
vi.mock('#shared/secrets.ts', () => ({ getSecret: async () => 'secret' }));

const sqs = mockClient(SQSClient);
const SOURCE = 'https://sqs.us-east-1.amazonaws.com/123456789012/Stack-Formulas-1A2B';
const DLQ = 'https://sqs.us-east-1.amazonaws.com/123456789012/Stack-FormulasDlq-3C4D';

const dead = (n: number) => ({ MessageId: `m${n}`, ReceiptHandle: `r${n}`, Body: `{"n":${n}}` });

const redrive = async (query: Record<string, string> = {}) => {
  const event = apiEvent({ method: 'POST', route: '/formulas/dlq/redrive', query, headers: { 'x-api-key': 'secret' } });
  const result = (await handler(event, lambdaContext())) as APIGatewayProxyStructuredResultV2;
  return { status: result.statusCode, body: JSON.parse(String(result.body)) as unknown };
};

describe('Function: POST /formulas/dlq/redrive handler', () => {
  beforeAll(() => {
    for (const [name, value] of Object.entries(TEST_ENV)) vi.stubEnv(name, value);
    vi.stubEnv('QUEUE_URL_FORMULAS', SOURCE);
    vi.stubEnv('SECRET_API_KEY', 'api-key-secret-id');
  });

  beforeEach(() => {
    sqs.reset();
    sqs.on(GetQueueAttributesCommand).resolves({
      Attributes: {
        RedrivePolicy: JSON.stringify({
          deadLetterTargetArn: 'arn:aws:sqs:us-east-1:123456789012:Stack-FormulasDlq-3C4D',
          maxReceiveCount: 5,
        }),
      },
    });
    sqs
      .on(GetQueueUrlCommand, { QueueName: 'Stack-FormulasDlq-3C4D', QueueOwnerAWSAccountId: '123456789012' })
      .resolves({ QueueUrl: DLQ });
    sqs.on(DeleteMessageBatchCommand).resolves({});
  });

  it('sends each dead message back to the queue and deletes from the DLQ only what was sent', async () => {
    // Prepare
    sqs
      .on(ReceiveMessageCommand)
      .resolvesOnce({ Messages: [dead(1), dead(2)] })
      .resolves({ Messages: [] });
    sqs.on(SendMessageBatchCommand).resolves({
      Successful: [{ Id: '0', MessageId: 'x', MD5OfMessageBody: '' }],
      Failed: [{ Id: '1', Code: 'Oops', SenderFault: false }],
    });

    // Act
    const response = await redrive();

    // Assess
    expect(response).toEqual({ status: 200, body: { moved: 1, failed: 1 } });
    expect(sqs.commandCalls(ReceiveMessageCommand)[0]!.args[0].input.QueueUrl).toBe(DLQ);
    const sent = sqs.commandCalls(SendMessageBatchCommand)[0]!.args[0].input;
    expect(sent.QueueUrl).toBe(SOURCE);
    expect(sent.Entries?.map((e) => e.MessageBody)).toEqual(['{"n":1}', '{"n":2}']);
    const deleted = sqs.commandCalls(DeleteMessageBatchCommand)[0]!.args[0].input;
    expect(deleted).toEqual({ QueueUrl: DLQ, Entries: [{ Id: '0', ReceiptHandle: 'r1' }] });
  });

  it('stops at max even while the DLQ still holds messages', async () => {
    // Prepare
    sqs.on(ReceiveMessageCommand).callsFake((input: { MaxNumberOfMessages: number }) => ({
      Messages: Array.from({ length: input.MaxNumberOfMessages }, (_, i) => dead(i)),
    }));
    sqs.on(SendMessageBatchCommand).callsFake((input: { Entries: { Id: string }[] }) => ({
      Successful: input.Entries.map((e) => ({ Id: e.Id, MessageId: 'x', MD5OfMessageBody: '' })),
    }));

    // Act
    const response = await redrive({ max: '25' });

    // Assess
    expect(response.body).toEqual({ moved: 25, failed: 0 });
    expect(sqs.commandCalls(ReceiveMessageCommand).map((c) => c.args[0].input.MaxNumberOfMessages)).toEqual([
      10, 10, 5,
    ]);
  });
});
