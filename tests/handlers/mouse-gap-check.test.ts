import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import sample from '../../events/mouse/gap-check.json' with { type: 'json' };
import { EVENTS_QUEUE } from '#functions/mouse/constants.ts';
import { handler as forward } from '#functions/mouse/handlers/gap-check.ts';
import { queueUrlEnv } from '#model/env.ts';
import { lambdaContext, sqsEvent, sqsRecord, TEST_ENV } from '../helpers/factories.ts';

const sqs = mockClient(SQSClient);
const QUEUE_URL = 'http://sqs.local/000000000000/mouse-events-test.fifo';
const SESSION = '3b241101-e2bb-4255-8caf-4136c566a962';
const handler = (event: SQSEvent) => forward(event, lambdaContext(), () => undefined) as Promise<SQSBatchResponse>;

describe('Function: mouse gap-check forwarder', () => {
  beforeAll(() => {
    for (const [name, value] of Object.entries(TEST_ENV)) vi.stubEnv(name, value);
    vi.stubEnv(queueUrlEnv(EVENTS_QUEUE), QUEUE_URL);
  });

  beforeEach(() => {
    sqs.reset();
    sqs.on(SendMessageCommand).resolves({});
  });

  it('forwards a due check into its session’s group, deduplicated by session and due time', async () => {
    const result = await handler(sample as SQSEvent);

    expect(result.batchItemFailures).toEqual([]);
    expect(sqs.commandCalls(SendMessageCommand).map((c) => c.args[0].input)).toEqual([
      {
        QueueUrl: QUEUE_URL,
        MessageGroupId: SESSION,
        MessageDeduplicationId: `${SESSION}#check#2026-11-23T10:00:03.001Z`,
        MessageBody: JSON.stringify({ kind: 'gap-check', session_id: SESSION, at: '2026-11-23T10:00:03.001Z' }),
      },
    ]);
  });

  it('fails a record that is not a gap check, and one whose forwarding failed, forwarding the rest', async () => {
    const bad = sqsRecord({ kind: 'gap-check', session_id: SESSION });
    const unlucky = sqsRecord({ kind: 'gap-check', session_id: 'other', at: '2026-11-23T10:00:03.001Z' });
    sqs.on(SendMessageCommand, { MessageGroupId: 'other' }).rejects(new Error('throttled'));

    const result = await handler(sqsEvent([bad, unlucky, ...(sample as SQSEvent).Records]));

    expect(result.batchItemFailures.map((f) => f.itemIdentifier)).toEqual([bad.messageId, unlucky.messageId]);
    expect(sqs.commandCalls(SendMessageCommand)).toHaveLength(2);
  });
});
