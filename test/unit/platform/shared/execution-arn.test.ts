import { describe, expect, it } from 'vitest';
import { executionArnOf } from '../../../../lambdas/platform/shared/execution-arn.ts';

// Step Functions' resource types (Service Authorization Reference): a state machine is
// arn:${Partition}:states:${Region}:${Account}:stateMachine:${StateMachineName}, an execution
// arn:${Partition}:states:${Region}:${Account}:execution:${StateMachineName}:${ExecutionId}.
// https://docs.aws.amazon.com/service-authorization/latest/reference/list_awsstepfunctions.html

describe('executionArnOf', () => {
  it.each([
    [
      'arn:aws:states:eu-west-1:123456789012:stateMachine:tower-invoice',
      'invoice-abc',
      'arn:aws:states:eu-west-1:123456789012:execution:tower-invoice:invoice-abc',
    ],
    [
      'arn:aws-cn:states:cn-north-1:123456789012:stateMachine:tower-prod-invoice',
      'invoice-abc-r2',
      'arn:aws-cn:states:cn-north-1:123456789012:execution:tower-prod-invoice:invoice-abc-r2',
    ],
    // The CDK app grants DescribeExecution on every execution of a machine.
    [
      'arn:aws:states:us-east-1:123456789012:stateMachine:tower-dev-invoice',
      '*',
      'arn:aws:states:us-east-1:123456789012:execution:tower-dev-invoice:*',
    ],
  ])('%s with %s → %s', (stateMachineArn, name, expected) => {
    // Act
    const arn = executionArnOf(stateMachineArn, name);

    // Assess
    expect(arn).toBe(expected);
  });
});
