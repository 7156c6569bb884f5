import { describe, expect, it } from 'vitest';
import { checkArn, checkEnum, isValidName, pageSize } from '../../../../local/stepfunctions/validation.ts';

// AWS Step Functions API Reference: StartExecution `name` ("A name must not contain: white space,
// brackets < > { } [ ], wildcard characters ? *, special characters " # % \ ^ | ~ ` $ & , ; : /,
// control characters (U+0000-001F, U+007F-009F, U+FFFE-FFFF), surrogates"; 1-80 characters),
// ListExecutions `maxResults` (0-1000, 0 is the default of 100), Common Errors (InvalidArn).

describe('execution and state machine names', () => {
  it.each(['a', 'with.dot', 'with+plus', 'a@b', 'x=y', "it's", '(paren)', 'ünï-名前', '😀', 'x'.repeat(80)])(
    'accepts %s',
    (name) => expect(isValidName(name)).toBe(true),
  );

  it.each([
    '',
    'a b',
    'a\u00a0b',
    'a/b',
    'a:b',
    'a#b',
    'a%b',
    'a*b',
    'a?b',
    'a~b',
    'a`b',
    'a$b',
    'a&b',
    'a,b',
    'a;b',
    'a"b',
    'a\\b',
    'a^b',
    'a|b',
    '<a>',
    '{a}',
    '[a]',
    'a\u0007',
    'a\u0085',
    'a\ufffe',
    'x'.repeat(81),
  ])('refuses %j', (name) => expect(isValidName(name)).toBe(false));

  it('counts characters, not UTF-16 units: 80 emoji are a valid name', () => {
    expect(isValidName('😀'.repeat(80))).toBe(true);
    expect(isValidName('😀'.repeat(81))).toBe(false);
  });
});

describe('checkArn', () => {
  const execution = 'arn:aws:states:us-east-1:000000000000:execution:tower-local-invoice:invoice-1';

  it('passes an ARN of the kind the action takes', () => {
    expect(checkArn(execution, 'execution')).toBe(execution);
    expect(checkArn('arn:aws:iam::000000000000:role/tower-local', 'role')).toBe(
      'arn:aws:iam::000000000000:role/tower-local',
    );
  });

  it.each([
    ['invalid_execution_arn', 'execution', /Invalid ARN prefix/],
    [undefined, 'execution', /Invalid ARN prefix/],
    [
      'arn:aws:states:us-east-1:000000000000:stateMachine:tower-local-invoice',
      'execution',
      /Resource type not valid/,
    ],
    ['arn:aws:sqs:us-east-1:000000000000:queue', 'stateMachine', /Resource type not valid/],
  ] as const)('answers InvalidArn for %j as %s', (value, kind, message) => {
    expect(() => checkArn(value, kind)).toThrow(
      expect.objectContaining({ type: 'InvalidArn', message: expect.stringMatching(message) }),
    );
  });
});

describe('pageSize and checkEnum', () => {
  it.each([
    [undefined, 100],
    [0, 100],
    [1, 1],
    [1000, 1000],
  ])('reads maxResults %j as %i', (value, size) => expect(pageSize(value)).toBe(size));

  it.each([1001, -1, 2.5])('answers ValidationException for maxResults %j', (value) => {
    expect(() => pageSize(value)).toThrow(expect.objectContaining({ type: 'ValidationException' }));
  });

  it('answers ValidationException, naming the allowed values, for a value outside the enum', () => {
    expect(checkEnum('statusFilter', undefined, ['RUNNING'])).toBeUndefined();
    expect(checkEnum('statusFilter', 'RUNNING', ['RUNNING'])).toBe('RUNNING');
    expect(() => checkEnum('statusFilter', 'running', ['RUNNING', 'FAILED'])).toThrow(
      "1 validation error detected: Value 'running' at 'statusFilter' failed to satisfy constraint: Member must satisfy enum value set: [RUNNING, FAILED]",
    );
  });
});
