import { describe, expect, it } from 'vitest';
import {
  InputRejectedError,
  PermanentError,
  TransientError,
} from '../../../../lambdas/platform/shared/errors.ts';
import { mapTextractError } from '../../../../lambdas/platform/textract/textract-errors.ts';

/** An error shaped like the SDK's service exceptions. */
function sdkError(name: string, status = 400): Error {
  return Object.assign(new Error(`${name} happened`), { name, $metadata: { httpStatusCode: status } });
}

describe('mapTextractError', () => {
  it.each([
    ['BadDocumentException', 'corrupt'],
    ['UnsupportedDocumentException', 'unsupported-type'],
    ['DocumentTooLargeException', 'too-large'],
  ])('rejects the input on %s with reason %s', (name, reason) => {
    // Act
    const mapped = mapTextractError(sdkError(name));

    // Assess
    expect(mapped).toBeInstanceOf(InputRejectedError);
    expect(mapped.name).toBe('Tower.InputRejected');
    expect((mapped as InputRejectedError).reason).toBe(reason);
  });

  it.each([
    'ThrottlingException',
    'ProvisionedThroughputExceededException',
    'InternalServerError',
    'LimitExceededException',
  ])('retries %s', (name) => {
    // Act
    const mapped = mapTextractError(sdkError(name));

    // Assess
    expect(mapped).toBeInstanceOf(TransientError);
    expect(mapped.message).toContain(name);
  });

  it.each(['AccessDeniedException', 'InvalidS3ObjectException', 'InvalidParameterException'])(
    'fails at once on %s',
    (name) => {
      // Act
      const mapped = mapTextractError(sdkError(name));

      // Assess
      expect(mapped).toBeInstanceOf(PermanentError);
    },
  );

  it.each([
    [sdkError('ServiceUnavailable', 503), TransientError],
    [sdkError('ValidationException'), PermanentError],
    [Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }), TransientError],
    ['a string', PermanentError],
  ])('classifies anything else generically (%#)', (error, expected) => {
    // Act
    const mapped = mapTextractError(error);

    // Assess
    expect(mapped).toBeInstanceOf(expected);
  });

  it('passes Tower errors through unchanged', () => {
    // Prepare
    const error = new InputRejectedError('encrypted', 'The PDF is encrypted');

    // Act
    const mapped = mapTextractError(error);

    // Assess
    expect(mapped).toBe(error);
  });
});
