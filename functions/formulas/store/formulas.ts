import { PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import * as z from '#model/zod.ts';
import { CORRELATION_ATTRIBUTE } from '#shared/correlation.ts';
import { isConditionFailure } from '#shared/dynamodb/conditions.ts';
import { newestFirstPage } from '#shared/dynamodb/query-page.ts';
import type { Page } from '#shared/pagination.ts';
import { INDEXES, LIST_PARTITION, STATUS } from '../constants.ts';
import type { FormulaMessage } from '../domain/messages.ts';
import { formula as formulaSchema, type Formula } from '../domain/formula.ts';
import type { TableConfig } from '#shared/dynamodb/table.ts';

const LIST_SCOPE = 'formulas';

/** An item as stored: absent optional attributes read back as null. */
const fromItem = (item: Record<string, unknown>): Formula =>
  formulaSchema.parse({ processed_at: null, delivery_count: null, ...item });

/** The marshalled image a failed condition returns (ReturnValuesOnConditionCheckFailure: ALL_OLD). */
const oldImage = /* @__PURE__ */ z.object({ id: z.object({ S: z.string() }), status: z.object({ S: z.string() }) });

/** The image a refused write returned with its error (absent when the error carries none). */
const imageOf = (error: unknown): unknown => (error as { Item?: unknown }).Item;

export type InsertResult = { readonly created: true } | { readonly created: false; readonly existingId: string };
export type TransitionResult = 'processed' | 'already-processed' | 'missing';

// One store per access pattern, so each function's bundle holds only the commands it sends (listing
// brings the cursor signing and its Secrets Manager client).
export interface FormulaWriter {
  /**
   * The one synchronous write of a submission, and its commit point: a Put keyed by the fingerprint that
   * succeeds only if no formula has this make-up. The table's stream then publishes it (the outbox), so
   * there is no second write that could fail after this one. On a clash the existing item comes back with
   * the error itself, so the 409 names the existing id without another read. The correlation id rides
   * on the item (not in the formula) to the stream record.
   */
  readonly insertFormula: (formula: Formula, correlationId: string | undefined) => Promise<InsertResult>;
}

export interface FormulaReader {
  readonly getFormula: (id: string) => Promise<Formula | undefined>;
}

export interface FormulaLister {
  readonly listFormulas: (limit: number, cursor?: string) => Promise<Page<Formula>>;
}

export interface StatusUpdater {
  /**
   * `queued -> processed`, once: the condition makes a redelivered (or duplicated) message a no-op, and
   * checking the id ties the message to the very item it was published for.
   */
  readonly markProcessed: (
    message: FormulaMessage,
    processedAt: string,
    deliveryCount: number,
  ) => Promise<TransitionResult>;
}

export const formulaWriter = ({ db, table }: TableConfig): FormulaWriter => ({
  insertFormula: async (formula, correlationId) => {
    try {
      await db.send(
        new PutCommand({
          TableName: table,
          Item: { ...formula, kind: LIST_PARTITION, [CORRELATION_ATTRIBUTE]: correlationId },
          ConditionExpression: 'attribute_not_exists(fingerprint)',
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        }),
      );
      return { created: true };
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
      return { created: false, existingId: oldImage.parse(imageOf(error)).id.S };
    }
  },
});

export const formulaReader = ({ db, table }: TableConfig): FormulaReader => ({
  getFormula: async (id) => {
    const { Items } = await db.send(
      new QueryCommand({
        TableName: table,
        IndexName: INDEXES.byId,
        KeyConditionExpression: 'id = :id',
        ExpressionAttributeValues: { ':id': id },
      }),
    );
    const item = Items?.[0];
    return item && fromItem(item);
  },
});

export const formulaLister = ({ db, table }: TableConfig): FormulaLister => ({
  listFormulas: (limit, cursor) =>
    newestFirstPage(
      { db, table, index: INDEXES.byCreated, kind: LIST_PARTITION },
      { limit, cursor, scope: LIST_SCOPE },
      fromItem,
    ),
});

export const statusUpdater = ({ db, table }: TableConfig): StatusUpdater => ({
  markProcessed: async (message, processedAt, deliveryCount) => {
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
      if (!isConditionFailure(error)) throw error;
      const old = oldImage.safeParse(imageOf(error));
      return old.success && old.data.id.S === message.id && old.data.status.S === STATUS.processed
        ? 'already-processed'
        : 'missing';
    }
  },
});
