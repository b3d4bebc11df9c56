import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import { documentClient } from '#shared/clients/dynamodb.ts';
import { tableName } from '#shared/config.ts';
import { queryPage, type Page } from '#shared/pagination.ts';
import { FORMULAS_TABLE, INDEXES, LIST_PARTITION, STATUS } from './constants.ts';
import { formula as formulaSchema } from './contracts.ts';
import type { Formula } from './domain/formula.ts';

const db = documentClient();
const table = tableName(FORMULAS_TABLE);
const LIST_SCOPE = 'formulas';

/** An item as stored: absent optional attributes read back as null. */
const fromItem = (item: Record<string, unknown>): Formula =>
  formulaSchema.parse({ processed_at: null, delivery_count: null, ...item });

/** The marshalled image a failed condition returns (ReturnValuesOnConditionCheckFailure: ALL_OLD). */
const oldImage = z.object({ id: z.object({ S: z.string() }), status: z.object({ S: z.string() }) });

export type InsertResult = { readonly created: true } | { readonly created: false; readonly existingId: string };

/**
 * The one synchronous write of a submission, and its commit point: a Put keyed by the fingerprint that
 * succeeds only if no formula has this make-up. The table's stream then publishes it (the outbox), so
 * there is no second write that could fail after this one. On a clash the existing item comes back with
 * the error itself, so the 409 names the existing id without another read.
 */
export const insertFormula = async (formula: Formula): Promise<InsertResult> => {
  try {
    await db.send(
      new PutCommand({
        TableName: table,
        Item: { ...formula, kind: LIST_PARTITION },
        ConditionExpression: 'attribute_not_exists(fingerprint)',
        ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
      }),
    );
    return { created: true };
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
    return { created: false, existingId: oldImage.parse(error.Item).id.S };
  }
};

export const getFormula = async (id: string): Promise<Formula | undefined> => {
  const { Items } = await db.send(
    new QueryCommand({ TableName: table, IndexName: INDEXES.byId, KeyConditionExpression: 'id = :id', ExpressionAttributeValues: { ':id': id } }),
  );
  const item = Items?.[0];
  return item && fromItem(item);
};

export const listFormulas = async (limit: number, cursor?: string): Promise<Page<Formula>> => {
  return queryPage(
    db,
    { TableName: table, IndexName: INDEXES.byCreated, KeyConditionExpression: 'kind = :kind', ExpressionAttributeValues: { ':kind': LIST_PARTITION }, ScanIndexForward: false },
    { limit, cursor, scope: LIST_SCOPE },
    fromItem,
  );
};

export type TransitionResult = 'processed' | 'already-processed' | 'missing';

/**
 * `queued -> processed`, once: the condition makes a redelivered (or duplicated) message a no-op, and
 * checking the id ties the message to the very item it was published for.
 */
export const markProcessed = async (
  message: { readonly id: string; readonly fingerprint: string },
  processedAt: string,
  deliveryCount: number,
): Promise<TransitionResult> => {
  try {
    await db.send(
      new UpdateCommand({
        TableName: table,
        Key: { fingerprint: message.fingerprint },
        UpdateExpression: 'SET #status = :processed, processed_at = :at, delivery_count = :count',
        ConditionExpression: 'id = :id AND #status = :queued',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: {
          ':id': message.id,
          ':queued': STATUS.queued,
          ':processed': STATUS.processed,
          ':at': processedAt,
          ':count': deliveryCount,
        },
        ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
      }),
    );
    return 'processed';
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
    const old = oldImage.safeParse(error.Item);
    return old.success && old.data.id.S === message.id && old.data.status.S === STATUS.processed ? 'already-processed' : 'missing';
  }
};
