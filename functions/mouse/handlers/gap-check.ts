// Forwards gap checks, once their delay has passed, into their session's FIFO group (app/ingest.ts).
import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { SQSHandler, SQSRecord } from 'aws-lambda';
import { jsonText } from '#shared/json-text.ts';
import { forwardGapCheck } from '../app/ingest.ts';
import { gapCheckMessage } from '../domain/messages.ts';
import { eventsDeps } from './deps.ts';

const processor = new BatchProcessor(EventType.SQS);
const messageBody = jsonText(gapCheckMessage);

const forward = async (record: SQSRecord): Promise<void> =>
  forwardGapCheck(eventsDeps(), messageBody.parse(record.body));

export const handler: SQSHandler = async (event, context) =>
  processPartialResponse(event, forward, processor, { context });
