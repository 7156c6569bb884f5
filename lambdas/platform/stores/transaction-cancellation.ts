import type { TransactionCanceledException } from '@aws-sdk/client-dynamodb';

// Typed by the SDK's own exception, so a misspelt name does not compile.
const cancelledName: TransactionCanceledException['name'] = 'TransactionCanceledException';

/**
 * Codes of a cancelled transaction that leave nothing written and say why (API Reference,
 * TransactWriteItems: one CancellationReason per action, in the order of TransactItems; `None` where
 * the action had no error): a condition that failed, or a conflict or throttling worth a retry.
 */
const understood = new Set([
  'None',
  'ConditionalCheckFailed',
  'TransactionConflict',
  'ThrottlingError',
  'ProvisionedThroughputExceeded',
]);

/**
 * The cancellation reason codes of a TransactWriteItems, one per action in order. Anything else is
 * thrown as it came: an error whose outcome is unknown (a timeout, TransactionInProgressException)
 * must not be retried as a new write, and a ValidationError is a bug.
 */
export function cancellationCodes(error: unknown): string[] {
  if (typeof error !== 'object' || error === null || !('name' in error) || error.name !== cancelledName)
    throw error;
  const reasons = (error as Partial<Pick<TransactionCanceledException, 'CancellationReasons'>>)
    .CancellationReasons;
  const codes = (reasons ?? []).map((reason) => reason.Code ?? 'None');
  if (codes.length === 0 || codes.some((code) => !understood.has(code))) throw error;
  return codes;
}
