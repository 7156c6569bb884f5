/**
 * Textract's errors as the service names them: the `name` travels as the JSON `__type`, which is what
 * the SDK turns back into its exception classes (`UnsupportedDocumentException`, …).
 */

export type TextractErrorName =
  | 'BadDocumentException'
  | 'DocumentTooLargeException'
  | 'InternalServerError'
  | 'InvalidJobIdException'
  | 'InvalidParameterException'
  | 'LimitExceededException'
  | 'ProvisionedThroughputExceededException'
  | 'ThrottlingException'
  | 'InvalidS3ObjectException'
  | 'SerializationException'
  | 'UnknownOperationException'
  | 'UnsupportedDocumentException';

export class TextractServiceError extends Error {
  override readonly name: TextractErrorName;
  /** HTTP status: 400 for the caller's faults, 500 for the service's own. */
  readonly status: number;

  constructor(name: TextractErrorName, message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = name;
    this.status = name === 'InternalServerError' ? 500 : 400;
  }
}

export const badDocument = (message: string, cause?: unknown) =>
  new TextractServiceError('BadDocumentException', message, { cause });

export const unsupportedDocument = (message: string) =>
  new TextractServiceError('UnsupportedDocumentException', message);

export const invalidParameter = (message: string) =>
  new TextractServiceError('InvalidParameterException', message);
