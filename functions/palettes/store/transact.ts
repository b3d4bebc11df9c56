// TransactWriteItems with the two outcomes a client must never see as a 500: a failed condition
// (the caller's domain answer, e.g. 409 username taken) and a conflict with a concurrent transaction
// on the same item (retried with jittered backoff, then 503 + Retry-After so the client retries).
// A conflict is not mapped to 409: both contenders may have been cancelled, so nobody holds the
// item yet and "already exists" would be a lie; a retry settles it one way or the other.
import { TransactWriteCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { ServiceUnavailableError } from '../../../shared/errors.ts';
import { db } from './table.ts';

export type TransactItems = NonNullable<TransactWriteCommandInput['TransactItems']>;

export const MAX_ATTEMPTS = 6;
/** Cancellation reasons that a later attempt can clear. */
const RETRIABLE = new Set(['TransactionConflict', 'ThrottlingError', 'ProvisionedThroughputExceeded']);
const backoff = (attempt: number): Promise<void> => new Promise((r) => setTimeout(r, Math.random() * 20 * 2 ** attempt));

interface CancellationReason {
  readonly Code?: string;
}

const cancellationCodes = (error: unknown): string[] | undefined => {
  // By name, not instanceof: the error class may come from another copy of the SDK in a bundle.
  if ((error as Error | undefined)?.name !== 'TransactionCanceledException') return undefined;
  const reasons = (error as { CancellationReasons?: CancellationReason[] }).CancellationReasons ?? [];
  return reasons.map((r) => r.Code ?? 'None');
};

/**
 * Writes `items` atomically. When a condition fails, `onConditionFailed` gets the index of the first
 * failed item and returns the error to throw, or null when the failure means "already done".
 */
export const transact = async (items: TransactItems, onConditionFailed: (index: number) => Error | null): Promise<void> => {
  for (let attempt = 1; ; attempt++) {
    try {
      await db.send(new TransactWriteCommand({ TransactItems: items }));
      return;
    } catch (error) {
      const codes = cancellationCodes(error);
      if (!codes) throw error;
      const failed = codes.indexOf('ConditionalCheckFailed');
      if (failed >= 0) {
        const answer = onConditionFailed(failed);
        if (answer) throw answer;
        return;
      }
      if (!codes.some((code) => RETRIABLE.has(code))) throw error;
      if (attempt === MAX_ATTEMPTS) throw new ServiceUnavailableError('Too many concurrent changes; retry shortly.', 'transaction_conflict');
      await backoff(attempt);
    }
  }
};
