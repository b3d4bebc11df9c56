// Forwards gap checks, once their delay has passed, into their session's FIFO group (app/ingest.ts).
import { EventType } from '@aws-lambda-powertools/batch';
import type { SQSEvent, SQSHandler, SQSRecord } from 'aws-lambda';
import { correlationOfMessage } from '#shared/correlation.ts';
import { jsonText } from '#shared/json-text.ts';
import { batchConsumer } from '#shared/queue/consumer.ts';
import { forwardGapCheck } from '../app/ingest.ts';
import { gapCheckMessage } from '../domain/messages.ts';
import { eventsDeps } from './deps.ts';

const messageBody = jsonText(gapCheckMessage);

const forward = async (record: SQSRecord): Promise<void> =>
  forwardGapCheck(eventsDeps(), messageBody.parse(record.body));

export const handler: SQSHandler = batchConsumer<SQSRecord, SQSEvent>(EventType.SQS, forward, {
  identify: (record) => ({ correlationId: correlationOfMessage(record), ids: { message_id: record.messageId } }),
});
