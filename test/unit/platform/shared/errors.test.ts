import { describe, expect, it } from 'vitest';
import {
  causeMessage,
  classify,
  classOfErrorName,
  InputRejectedError,
  PermanentError,
  rejectionReasonOf,
  TransientError,
} from '../../../../lambdas/platform/shared/errors.ts';
import { sdkError } from './support/fakes.ts';

/** An error shaped like an AWS SDK v3 service exception. */
function serviceError(name: string, status?: number, extra: Record<string, unknown> = {}): Error {
  return Object.assign(sdkError(name, `${name} happened`), {
    $metadata: status === undefined ? {} : { httpStatusCode: status },
    ...extra,
  });
}

describe('classify', () => {
  it.each([
    'ThrottlingException',
    'TooManyRequestsException',
    'ProvisionedThroughputExceededException',
    'SlowDown',
    'ServiceUnavailable',
    'InternalServerError',
    'TimeoutError',
    'TransactionConflictException',
  ])('treats %s as transient', (name) => {
    // Act
    const classified = classify(serviceError(name, 400));

    // Assess
    expect(classified).toBeInstanceOf(TransientError);
    expect(classified.name).toBe('Tower.Transient');
    expect(classified.message).toBe(`${name}: ${name} happened`);
  });

  it.each([
    ['a 500', serviceError('UnknownError', 500)],
    ['a 503', serviceError('UnknownError', 503)],
    ['a 429', serviceError('UnknownError', 429)],
    [
      'an error the SDK marks retryable',
      serviceError('UnknownError', 400, { $retryable: { throttling: false } }),
    ],
    ['a reset connection', Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' })],
    ['a refused connection', Object.assign(new Error('connect failed'), { code: 'ECONNREFUSED' })],
    ['a DNS failure', Object.assign(new Error('getaddrinfo'), { code: 'EAI_AGAIN' })],
  ])('treats %s as transient', (_name, error) => {
    expect(classify(error)).toBeInstanceOf(TransientError);
  });

  it.each([
    ['a validation error', serviceError('ValidationException', 400)],
    ['an access denial', serviceError('AccessDeniedException', 403)],
    ['a missing resource', serviceError('ResourceNotFoundException', 404)],
    ['a plain bug', new TypeError('x is undefined')],
    ['a thrown string', 'something odd'],
    ['a thrown null', null],
  ])('treats %s as permanent', (_name, error) => {
    expect(classify(error)).toBeInstanceOf(PermanentError);
  });

  it('keeps the original error as the cause and the message of a non-error', () => {
    // Prepare
    const original = serviceError('ThrottlingException', 400);

    // Act
    const classified = classify(original);
    const fromString = classify('disk on fire');

    // Assess
    expect(classified.cause).toBe(original);
    expect(fromString.message).toBe('disk on fire');
  });

  it.each([
    new TransientError('slow'),
    new PermanentError('broken'),
    new InputRejectedError('encrypted', 'PDF is password protected'),
  ])('returns a Tower error unchanged (%s)', (error) => {
    expect(classify(error)).toBe(error);
  });
});

describe('Tower errors', () => {
  it.each([
    [new TransientError('x'), 'Tower.Transient', 'transient'],
    [new PermanentError('x'), 'Tower.Permanent', 'permanent'],
    [new InputRejectedError('empty', 'x'), 'Tower.InputRejected', 'permanent'],
  ])('%s carries the name Step Functions matches and its class', (error, name, errorClass) => {
    expect(error.name).toBe(name);
    expect(error.errorClass).toBe(errorClass);
  });

  it('leads an input rejection message with its reason', () => {
    expect(new InputRejectedError('too-many-pages', 'the PDF has 40 pages').message).toBe(
      '[too-many-pages] the PDF has 40 pages',
    );
  });
});

describe('classOfErrorName', () => {
  it.each([
    ['Tower.Transient', 'transient'],
    ['States.Timeout', 'transient'],
    ['Lambda.ServiceException', 'transient'],
    ['Lambda.TooManyRequestsException', 'transient'],
    ['Tower.Permanent', 'permanent'],
    ['Tower.InputRejected', 'permanent'],
    ['States.TaskFailed', 'permanent'],
    ['States.Runtime', 'permanent'],
    ['Approval.Rejected', 'permanent'],
    ['', 'permanent'],
  ])('%s is %s', (name, expected) => {
    expect(classOfErrorName(name)).toBe(expected);
  });
});

describe('causeMessage', () => {
  it.each([
    ['no cause', undefined, ''],
    ['an empty cause', '', ''],
    [
      'a Lambda error',
      JSON.stringify({ errorType: 'Tower.Permanent', errorMessage: 'bad config' }),
      'bad config',
    ],
    ['JSON without a message', '{"errorType":"X"}', '{"errorType":"X"}'],
    ['a non-string message', '{"errorMessage":42}', '{"errorMessage":42}'],
    ['plain text', 'the task timed out', 'the task timed out'],
  ])('reads %s', (_name, cause, expected) => {
    expect(causeMessage(cause)).toBe(expected);
  });
});

describe('rejectionReasonOf', () => {
  it.each([
    ['[encrypted] PDF is password protected', 'encrypted'],
    ['[too-many-pages] 101 pages', 'too-many-pages'],
    ['[made-up] not one of the reasons', 'unknown'],
    [new InputRejectedError('unsupported-type', 'image/gif').message, 'unsupported-type'],
    ['no reason given', 'unknown'],
    ['', 'unknown'],
    ['see [encrypted] later in the text', 'unknown'],
    ['[Encrypted] capitalised', 'unknown'],
  ])('reads %j as %s', (message, expected) => {
    expect(rejectionReasonOf(message)).toBe(expected);
  });
});
