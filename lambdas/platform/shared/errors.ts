/**
 * Tower's error classes. Their `name` is what Step Functions sees as the error, so the names are
 * stable strings that the ASL's Retry and Catch match: only `Tower.Transient` is ever retried.
 */
export type ErrorClass = 'transient' | 'permanent';

export abstract class TowerError extends Error {
  abstract readonly errorClass: ErrorClass;
}

/** Worth retrying: throttling, timeouts, a dependency briefly unavailable. */
export class TransientError extends TowerError {
  readonly errorClass = 'transient';
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'Tower.Transient';
  }
}

/** Retrying cannot help: bad configuration, a bug, a refused request. */
export class PermanentError extends TowerError {
  readonly errorClass = 'permanent';
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'Tower.Permanent';
  }
}

export const rejectionReasons = [
  'empty',
  'unsupported-type',
  'corrupt',
  'encrypted',
  'too-large',
  'too-many-pages',
  'active-content',
] as const;
export type RejectionReason = (typeof rejectionReasons)[number];

/**
 * The input itself is unusable: the document is quarantined with this reason, never retried.
 * The reason leads the message (`[encrypted] …`) because only name and message reach Step Functions.
 */
export class InputRejectedError extends TowerError {
  readonly errorClass = 'permanent';
  constructor(
    readonly reason: RejectionReason,
    message: string,
  ) {
    super(`[${reason}] ${message}`);
    this.name = 'Tower.InputRejected';
  }
}

/** The message of a Lambda error as Step Functions reports it in a Catch's `Cause` (JSON), or the raw cause. */
export function causeMessage(cause: string | undefined): string {
  if (!cause) return '';
  try {
    const parsed = JSON.parse(cause) as { errorMessage?: unknown };
    return typeof parsed.errorMessage === 'string' ? parsed.errorMessage : cause;
  } catch {
    return cause;
  }
}

/** The rejection reason carried by an `InputRejectedError` message. */
export function rejectionReasonOf(message: string): RejectionReason | 'unknown' {
  const match = /^\[([a-z-]+)\]/.exec(message)?.[1];
  return rejectionReasons.find((reason) => reason === match) ?? 'unknown';
}

const transientNames = new Set([
  'ThrottlingException',
  'Throttling',
  'ThrottledException',
  'TooManyRequestsException',
  'ProvisionedThroughputExceededException',
  'RequestLimitExceeded',
  'LimitExceededException',
  'SlowDown',
  'ServiceUnavailable',
  'ServiceUnavailableException',
  'InternalServerError',
  'InternalServerException',
  'InternalFailure',
  'InternalError',
  'TimeoutError',
  'RequestTimeout',
  'RequestTimeoutException',
  'TransactionConflictException',
]);
const transientCodes = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

interface SdkErrorShape {
  name?: string;
  code?: string;
  $retryable?: unknown;
  $metadata?: { httpStatusCode?: number };
}

/** Classifies any thrown value, so every failure reaching Step Functions carries a Tower class. */
export function classify(error: unknown): TowerError {
  if (error instanceof TowerError) return error;
  const e = (typeof error === 'object' && error !== null ? error : {}) as SdkErrorShape;
  const message = error instanceof Error ? error.message : String(error);
  const status = e.$metadata?.httpStatusCode ?? 0;
  const transient =
    (e.name !== undefined && transientNames.has(e.name)) ||
    (e.code !== undefined && transientCodes.has(e.code)) ||
    e.$retryable !== undefined ||
    status === 429 ||
    status >= 500;
  const label = e.name ? `${e.name}: ${message}` : message;
  return transient
    ? new TransientError(label, { cause: error })
    : new PermanentError(label, { cause: error });
}

/** The class of an error name as Step Functions reports it in a Catch. */
export function classOfErrorName(name: string): ErrorClass {
  if (name === 'Tower.Transient' || name === 'States.Timeout' || name.startsWith('Lambda.'))
    return 'transient';
  return 'permanent';
}
