// The raw batches, as received, for later analysis; pending ones also wait here for their gap to fill.
import { paginateQuery } from '@aws-sdk/lib-dynamodb';
import { batchMessage } from '../domain/messages.ts';
import type { RawStatus } from '../domain/plan.ts';
import type { Batch } from '../domain/session.ts';
import type { TableConfig } from '#shared/dynamodb/table.ts';

/**
 * The raw batch as one Put of the aggregator's transaction; never over an existing copy, so a late
 * batch is counted once however often it is delivered (the second time, this condition fails).
 */
export const rawBatchPut = ({ table }: TableConfig, batch: Batch, status: RawStatus) => ({
  TableName: table,
  Item: { session_id: batch.session_id, seq: batch.seq, events: batch.events, received_at: batch.received_at, status },
  ConditionExpression: 'attribute_not_exists(session_id)',
});

/** A pending batch got applied, as one Update of the aggregator's transaction. */
export const appliedUpdate = ({ table }: TableConfig, sessionId: string, seq: number) => ({
  TableName: table,
  Key: { session_id: sessionId, seq },
  UpdateExpression: 'SET #status = :applied',
  ConditionExpression: '#status = :pending',
  ExpressionAttributeNames: { '#status': 'status' },
  ExpressionAttributeValues: { ':applied': 'applied', ':pending': 'pending' },
});

/** The stored batches among `seqs` (one query over their range, strongly consistent), by seq. */
export const loadBatches = async (
  { db, table }: TableConfig,
  sessionId: string,
  seqs: readonly number[],
): Promise<Map<number, Batch>> => {
  const found = new Map<number, Batch>();
  if (seqs.length === 0) return found;
  const wanted = new Set(seqs);
  const pages = paginateQuery(
    { client: db, pageSize: 100 },
    {
      TableName: table,
      KeyConditionExpression: 'session_id = :s AND seq BETWEEN :from AND :to',
      ExpressionAttributeValues: { ':s': sessionId, ':from': Math.min(...seqs), ':to': Math.max(...seqs) },
      ConsistentRead: true,
    },
  );
  for await (const page of pages) {
    for (const item of page.Items ?? [])
      if (wanted.has(item.seq as number)) found.set(item.seq as number, batchMessage.parse(item));
  }
  return found;
};
