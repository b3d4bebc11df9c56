// TransactWriteItems with the two outcomes a client must never see as a 500: a failed condition
// (the caller's domain answer, e.g. 409 username taken) and a conflict with a concurrent transaction
// on the same item (retried with jittered backoff by p-retry, then 503 + Retry-After so the client retries).
// A conflict is not mapped to 409: both contenders may have been cancelled, so nobody holds the
// item yet and "already exists" would be a lie; a retry settles it one way or the other.
import { TransactWriteCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import pRetry from 'p-retry';
import { cancellationCodes, failedConditions } from '#shared/dynamodb/conditions.ts';
import { ServiceUnavailableError } from '#shared/errors.ts';
import type { TableConfig } from '#shared/dynamodb/table.ts';

export type TransactItems = NonNullable<TransactWriteCommandInput['TransactItems']>;

const MAX_ATTEMPTS = 6;
/** Cancellation reasons that a later attempt can clear. */
const RETRIABLE = new Set(['TransactionConflict', 'ThrottlingError', 'ProvisionedThroughputExceeded']);

/** Only a cancellation without a failed condition, for a reason a later attempt can clear. */
const retriable = (error: unknown): boolean => {
  const codes = cancellationCodes(error);
  return codes !== undefined && failedConditions(error).length === 0 && codes.some((code) => RETRIABLE.has(code));
};

/**
 * Writes `items` atomically. When a condition fails, `onConditionFailed` gets the index of the first
 * failed item and returns the error to throw, or null when the failure means "already done".
 */
export const transact = async (
  { db }: TableConfig,
  items: TransactItems,
  onConditionFailed: (index: number) => Error | null,
): Promise<void> => {
  try {
    await pRetry(() => db.send(new TransactWriteCommand({ TransactItems: items })), {
      retries: MAX_ATTEMPTS - 1,
      minTimeout: 20,
      randomize: true,
      shouldRetry: ({ error }) => retriable(error),
    });
  } catch (error) {
    const [failed] = failedConditions(error);
    if (failed !== undefined) {
      const answer = onConditionFailed(failed);
      if (answer) throw answer;
      return;
    }
    if (retriable(error))
      throw new ServiceUnavailableError('Too many concurrent changes; retry shortly.', 'transaction_conflict', 1, {
        cause: error,
      });
    throw error;
  }
};
