// The queue consumer: moves a formula queued -> processed exactly once, however often its message is
// delivered. A record that fails is retried alone (partial batch response) and, after the queue's
// maxReceiveCount, lands in the DLQ.
import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { SQSHandler, SQSRecord } from 'aws-lambda';
import { lazy } from '#shared/lazy.ts';
import { jsonText } from '#shared/json-text.ts';
import { processMessage } from '../app/process.ts';
import { formulaMessage } from '../domain/messages.ts';
import { statusUpdater } from '../store/index.ts';
import { formulasTable } from './deps.ts';

const deps = lazy(() => ({ store: statusUpdater(formulasTable()) }));
const processor = new BatchProcessor(EventType.SQS);
const messageBody = jsonText(formulaMessage);

const processRecord = async (record: SQSRecord): Promise<void> =>
  processMessage(deps(), messageBody.parse(record.body), Number(record.attributes.ApproximateReceiveCount));

export const handler: SQSHandler = async (event, context) =>
  processPartialResponse(event, processRecord, processor, { context });
