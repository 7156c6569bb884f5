import {
  classify,
  InputRejectedError,
  PermanentError,
  type RejectionReason,
  TowerError,
  TransientError,
} from '../shared/errors.ts';

/**
 * Textract's errors in Tower's classes: a document Textract cannot read is quarantined, capacity
 * errors are retried, and configuration errors fail at once. Anything else is classified generically.
 */

const rejections: Readonly<Record<string, RejectionReason>> = {
  BadDocumentException: 'corrupt',
  UnsupportedDocumentException: 'unsupported-type',
  DocumentTooLargeException: 'too-large',
};

const transient = new Set([
  'ThrottlingException',
  'ProvisionedThroughputExceededException',
  'InternalServerError',
  'LimitExceededException',
  'LimitExceeded',
]);

const permanent = new Set([
  'AccessDeniedException',
  'AccessDenied',
  'InvalidS3ObjectException',
  'InvalidParameterException',
]);

export function mapTextractError(error: unknown): TowerError {
  if (error instanceof TowerError) return error;
  const name = errorName(error);
  const label = `Textract ${name}: ${error instanceof Error ? error.message : String(error)}`;
  const reason = rejections[name];
  if (reason !== undefined) return new InputRejectedError(reason, label);
  if (transient.has(name)) return new TransientError(label, { cause: error });
  if (permanent.has(name)) return new PermanentError(label, { cause: error });
  return classify(error);
}

function errorName(error: unknown): string {
  const name = typeof error === 'object' && error !== null ? (error as { name?: unknown }).name : undefined;
  return typeof name === 'string' ? name : 'Error';
}
