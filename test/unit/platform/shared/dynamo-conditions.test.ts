import {
  ConditionalCheckFailedException,
  ResourceNotFoundException,
  TransactionCanceledException,
} from '@aws-sdk/client-dynamodb';
import { describe, expect, it } from 'vitest';
import { isConditionalCheckFailed } from '../../../../lambdas/platform/stores/dynamo-conditions.ts';
import { sdkError } from './support/fakes.ts';

// A single-item write whose condition is false fails with ConditionalCheckFailedException and writes
// nothing: https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_PutItem.html (Errors) and
// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Expressions.ConditionExpressions.html
// A transaction refused by a condition fails with TransactionCanceledException instead (its reasons
// carry the code ConditionalCheckFailed), which is not a refused single write.

const metadata = { $metadata: {} };

describe('isConditionalCheckFailed', () => {
  it.each<[string, unknown, boolean]>([
    [
      "the SDK's exception",
      new ConditionalCheckFailedException({ message: 'The conditional request failed', ...metadata }),
      true,
    ],
    ['an error carrying its name (as the fakes throw it)', sdkError('ConditionalCheckFailedException'), true],
    ['another DynamoDB error', new ResourceNotFoundException({ message: 'no table', ...metadata }), false],
    [
      'a cancelled transaction',
      new TransactionCanceledException({ message: 'cancelled', ...metadata }),
      false,
    ],
    ['a plain error', new Error('ConditionalCheckFailedException'), false],
    ['a string', 'ConditionalCheckFailedException', false],
    ['undefined', undefined, false],
    ['null', null, false],
  ])('%s → %s', (_, error, expected) => {
    // Act
    const refused = isConditionalCheckFailed(error);

    // Assess
    expect(refused).toBe(expected);
  });
});
