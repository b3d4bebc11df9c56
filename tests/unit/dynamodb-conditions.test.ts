import { ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { describe, expect, it } from 'vitest';
import { cancellationCodes, failedConditions, isConditionFailure } from '#shared/dynamodb/conditions.ts';

const cancelled = (...codes: string[]) =>
  new TransactionCanceledException({
    $metadata: {},
    message: 'cancelled',
    CancellationReasons: codes.map((Code) => ({ Code })),
  });

describe('Function: isConditionFailure()', () => {
  it('recognises a failed condition of a single write', () => {
    expect(isConditionFailure(new ConditionalCheckFailedException({ $metadata: {}, message: 'no' }))).toBe(true);
  });

  it('recognises a transaction cancelled by any item’s condition, not only the first', () => {
    expect(isConditionFailure(cancelled('None', 'None', 'ConditionalCheckFailed'))).toBe(true);
    expect(failedConditions(cancelled('None', 'ConditionalCheckFailed', 'ConditionalCheckFailed'))).toEqual([1, 2]);
  });

  it('does not mistake a transaction cancelled for another reason, or any other error, for a condition failure', () => {
    expect(isConditionFailure(cancelled('None', 'TransactionConflict'))).toBe(false);
    expect(cancellationCodes(cancelled('TransactionConflict'))).toEqual(['TransactionConflict']);
    expect(isConditionFailure(new Error('ConditionalCheckFailed'))).toBe(false);
    expect(isConditionFailure(undefined)).toBe(false);
  });
});
