import type { DynamoDBRecord } from 'aws-lambda';
import { insertRecord } from '../domain/messages.ts';
import type { FormulaQueue } from '../store/queue.ts';

/** Publishes the keys of the formula a stream record inserted. */
export const relayRecord = async ({ queue }: { queue: FormulaQueue }, record: DynamoDBRecord): Promise<void> => {
  // MODIFY (the processor's status change) and REMOVE are not news for the queue.
  if (record.eventName !== 'INSERT') return;
  await queue.publish(insertRecord.parse(record));
};
