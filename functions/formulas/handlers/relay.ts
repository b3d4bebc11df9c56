// The outbox relay: every formula INSERT on the table's stream becomes one SQS message. A failed send
// fails only its record; Lambda retries from there (records before it are checkpointed), so a stored
// formula is published at least once, and nothing unstored can be, since only stored items reach the stream.
// Records go one after the other, each logged under its submission's correlation id.
import { EventType } from '@aws-lambda-powertools/batch';
import type { DynamoDBRecord, DynamoDBStreamEvent, DynamoDBStreamHandler } from 'aws-lambda';
import { correlationOfStreamRecord } from '#shared/correlation.ts';
import { batchConsumer } from '#shared/queue/consumer.ts';
import { relayRecord } from '../app/relay.ts';
import { relayDeps } from './queue-deps.ts';

export const handler: DynamoDBStreamHandler = batchConsumer<DynamoDBRecord, DynamoDBStreamEvent>(
  EventType.DynamoDBStreams,
  (record) => relayRecord(relayDeps(), record),
  {
    identify: (record) => ({
      correlationId: correlationOfStreamRecord(record),
      ids: { event_id: record.eventID, sequence_number: record.dynamodb?.SequenceNumber },
    }),
  },
);
