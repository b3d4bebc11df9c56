// Forwards gap checks, once their delay has passed, into their session's FIFO group: there the check
// is settled after every batch that reached the queue before it, so a batch received within the bound
// is never passed over just because the aggregator was behind.
import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { SQSHandler, SQSRecord } from 'aws-lambda';
import { jsonBody } from '#shared/queue/json-body.ts';
import { gapCheckMessage } from '../messages.ts';
import { enqueueGapCheck } from '../queue.ts';

const processor = new BatchProcessor(EventType.SQS);
const messageBody = jsonBody(gapCheckMessage);

const forward = async (record: SQSRecord): Promise<void> => enqueueGapCheck(messageBody.parse(record.body));

export const handler: SQSHandler = async (event, context) => processPartialResponse(event, forward, processor, { context });
