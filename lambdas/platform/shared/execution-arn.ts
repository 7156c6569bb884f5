/**
 * An execution's ARN from its state machine's and its name: `arn:…:stateMachine:<machine>` and
 * `<name>` → `arn:…:execution:<machine>:<name>`. Pure, so handlers, the CDK app (with `*` for a grant)
 * and the local runtime derive it the same way.
 *
 * @example
 * executionArnOf('arn:aws:states:eu-west-1:123456789012:stateMachine:tower-invoice', 'invoice-abc')
 * // 'arn:aws:states:eu-west-1:123456789012:execution:tower-invoice:invoice-abc'
 */
export function executionArnOf(stateMachineArn: string, executionName: string): string {
  return `${stateMachineArn.replace(':stateMachine:', ':execution:')}:${executionName}`;
}
