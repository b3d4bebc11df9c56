// The outbox relay: every formula INSERT on the table's stream becomes one SQS message. A failed send
// fails only its record; Lambda retries from there (records before it are checkpointed), so a stored
// formula is published at least once, and nothing unstored can be, since only stored items reach the stream.
import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import { SendMessageCommand } from '@aws-sdk/client-sqs';
import type { DynamoDBRecord, DynamoDBStreamHandler } from 'aws-lambda';
import { sqsClient } from '#shared/clients/sqs.ts';
import { queueUrl } from '#shared/config.ts';
import { FORMULAS_QUEUE } from '../constants.ts';
import { insertRecord, messageOf } from '../messages.ts';

const sqs = sqsClient();
const queue = queueUrl(FORMULAS_QUEUE);
const processor = new BatchProcessor(EventType.DynamoDBStreams);

const relayRecord = async (record: DynamoDBRecord): Promise<void> => {
  // MODIFY (the processor's status change) and REMOVE are not news for the queue.
  if (record.eventName !== 'INSERT') return;
  const message = messageOf(insertRecord.parse(record));
  await sqs.send(new SendMessageCommand({ QueueUrl: queue, MessageBody: JSON.stringify(message) }));
};

export const handler: DynamoDBStreamHandler = async (event, context) => processPartialResponse(event, relayRecord, processor, { context });
