// The queue consumer: moves a formula queued -> processed exactly once, however often its message is
// delivered. A record that fails is retried alone (partial batch response) and, after the queue's
// maxReceiveCount, lands in the DLQ.
import { EventType } from '@aws-lambda-powertools/batch';
import type { SQSEvent, SQSHandler, SQSRecord } from 'aws-lambda';
import { correlationOfMessage } from '#shared/correlation.ts';
import { jsonText } from '#shared/json-text.ts';
import { batchConsumer } from '#shared/queue/consumer.ts';
import { processMessage } from '../app/process.ts';
import { formulaMessage } from '../domain/messages.ts';
import { processDeps } from './deps.ts';

const messageBody = jsonText(formulaMessage);

const processRecord = async (record: SQSRecord): Promise<void> =>
  processMessage(processDeps(), messageBody.parse(record.body), Number(record.attributes.ApproximateReceiveCount));

export const handler: SQSHandler = batchConsumer<SQSRecord, SQSEvent>(EventType.SQS, processRecord, {
  identify: (record) => ({ correlationId: correlationOfMessage(record), ids: { message_id: record.messageId } }),
});
