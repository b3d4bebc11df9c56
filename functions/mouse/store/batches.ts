// The raw batches, as received, for later analysis.
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient } from '../../../shared/clients/dynamodb.ts';
import { tableName } from '../../../shared/config.ts';
import { BATCHES_TABLE } from '../constants.ts';
import type { BatchMessage } from '../messages.ts';

const db = documentClient();
const table = tableName(BATCHES_TABLE);

/** The raw batch as one Put of the aggregator's transaction. */
export const rawBatchPut = (batch: BatchMessage) => ({ TableName: table, Item: batch });

/** Stores the batch as received. A redelivery finds it already there, which is fine: same key, same batch. */
export const saveRawBatch = async (batch: BatchMessage): Promise<void> => {
  try {
    await db.send(new PutCommand({ TableName: table, Item: batch, ConditionExpression: 'attribute_not_exists(session_id)' }));
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
  }
};
