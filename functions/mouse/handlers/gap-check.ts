// Forwards gap checks, once their delay has passed, into their session's FIFO group: there the check
// is settled after every batch that reached the queue before it, so a batch received within the bound
// is never passed over just because the aggregator was behind.
import { BatchProcessor, EventType, processPartialResponse, type ParsedRecord } from '@aws-lambda-powertools/batch';
import { parser } from '@aws-lambda-powertools/batch/parser';
import type { SQSHandler, SQSRecord } from 'aws-lambda';
import { logger } from '../../../shared/logger.ts';
import { gapCheckMessage, type GapCheckMessage } from '../messages.ts';
import { enqueueGapCheck } from '../queue.ts';

const processor = new BatchProcessor(EventType.SQS, { parser, innerSchema: gapCheckMessage, transformer: 'json', logger });

const forward = async ({ body }: ParsedRecord<SQSRecord, GapCheckMessage>): Promise<void> => enqueueGapCheck(body);

export const handler: SQSHandler = async (event, context) => processPartialResponse(event, forward, processor, { context });
