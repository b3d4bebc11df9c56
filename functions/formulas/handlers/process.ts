// The queue consumer: moves a formula queued -> processed exactly once, however often its message is
// delivered. A record that fails is retried alone (partial batch response) and, after the queue's
// maxReceiveCount, lands in the DLQ.
import { BatchProcessor, EventType, processPartialResponse, type ParsedRecord } from '@aws-lambda-powertools/batch';
import { parser } from '@aws-lambda-powertools/batch/parser';
import type { SQSHandler, SQSRecord } from 'aws-lambda';
import type { z } from 'zod';
import { logger } from '../../../shared/logger.ts';
import { formulaMessage } from '../messages.ts';
import { markProcessed } from '../store.ts';

const processor = new BatchProcessor(EventType.SQS, { parser, innerSchema: formulaMessage, transformer: 'json', logger });

const processRecord = async ({ body, attributes }: ParsedRecord<SQSRecord, z.infer<typeof formulaMessage>>): Promise<void> => {
  const outcome = await markProcessed(body, new Date().toISOString(), Number(attributes.ApproximateReceiveCount));
  // A message for no such formula cannot succeed later either: failing it sends it to the DLQ to inspect.
  if (outcome === 'missing') throw new Error(`No queued formula ${body.id} with fingerprint ${body.fingerprint}.`);
  if (outcome === 'already-processed') logger.info('duplicate delivery ignored', { id: body.id });
};

export const handler: SQSHandler = async (event, context) => processPartialResponse(event, processRecord, processor, { context });
