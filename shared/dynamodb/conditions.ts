// How DynamoDB says "a condition did not hold", read in one place. A single write throws
// ConditionalCheckFailedException; a transaction throws TransactionCanceledException, whose
// CancellationReasons (one per item, in request order) say which items' conditions failed.
// Errors are recognised by name, so any copy of the SDK (or a test's mock) is read the same way.
const named = (error: unknown, name: string): boolean => (error as Error | undefined)?.name === name;

/** Each item's code in a cancelled transaction (`None` where it was fine); undefined for any other error. */
export const cancellationCodes = (error: unknown): string[] | undefined =>
  named(error, 'TransactionCanceledException')
    ? ((error as { CancellationReasons?: { Code?: string }[] }).CancellationReasons ?? []).map((r) => r.Code ?? 'None')
    : undefined;

/** Indexes of the transaction items whose condition failed (empty for any other error). */
export const failedConditions = (error: unknown): number[] =>
  (cancellationCodes(error) ?? []).flatMap((code, i) => (code === 'ConditionalCheckFailed' ? [i] : []));

/** True when a write or transaction was refused because a condition did not hold. */
export const isConditionFailure = (error: unknown): boolean =>
  named(error, 'ConditionalCheckFailedException') || failedConditions(error).length > 0;
