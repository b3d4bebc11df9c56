// The outbox relay: every formula INSERT on the table's stream becomes one SQS message. A failed send
// fails only its record; Lambda retries from there (records before it are checkpointed), so a stored
// formula is published at least once, and nothing unstored can be, since only stored items reach the stream.
import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { DynamoDBRecord, DynamoDBStreamHandler } from 'aws-lambda';
import { sqsClient } from '#shared/clients/sqs.ts';
import { queueUrl } from '#shared/config.ts';
import { lazy } from '#shared/lazy.ts';
import { relayRecord } from '../app/relay.ts';
import { FORMULAS_QUEUE } from '../constants.ts';
import { formulaQueue } from '../store/queue.ts';

const deps = lazy(() => ({ queue: formulaQueue({ sqs: sqsClient(), url: queueUrl(FORMULAS_QUEUE) }) }));

const processor = new BatchProcessor(EventType.DynamoDBStreams);

export const handler: DynamoDBStreamHandler = async (event, context) =>
  processPartialResponse(event, (record: DynamoDBRecord) => relayRecord(deps(), record), processor, { context });
