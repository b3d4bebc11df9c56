// The queue consumer: moves a formula queued -> processed exactly once, however often its message is
// delivered. A record that fails is retried alone (partial batch response) and, after the queue's
// maxReceiveCount, lands in the DLQ.
import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { SQSHandler, SQSRecord } from 'aws-lambda';
import { logger } from '#shared/logger.ts';
import { jsonBody } from '#shared/queue/json-body.ts';
import { formulaMessage } from '../messages.ts';
import { markProcessed } from '../store.ts';

const processor = new BatchProcessor(EventType.SQS);
const messageBody = jsonBody(formulaMessage);

const processRecord = async (record: SQSRecord): Promise<void> => {
  const body = messageBody.parse(record.body);
  const outcome = await markProcessed(body, new Date().toISOString(), Number(record.attributes.ApproximateReceiveCount));
  // A message for no such formula cannot succeed later either: failing it sends it to the DLQ to inspect.
  if (outcome === 'missing') throw new Error(`No queued formula ${body.id} with fingerprint ${body.fingerprint}.`);
  if (outcome === 'already-processed') logger.info('duplicate delivery ignored', { id: body.id });
};

export const handler: SQSHandler = async (event, context) => processPartialResponse(event, processRecord, processor, { context });
