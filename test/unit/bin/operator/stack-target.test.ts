import { describe, expect, it } from 'vitest';
import { namesFromOutputs, stackOutputKeys } from '../../../../bin/operator/stack-target.ts';

// No network: how `--stack` turns CloudFormation outputs into the target's names (the contract with lib/).
describe('operator CLI: a stack target from its outputs', () => {
  const outputs: Record<string, string> = {
    DocumentsTableName: 'docs',
    AuditTableName: 'audit',
    IntakeQueueUrl: 'https://sqs/intake',
    IntakeDeadLetterQueueUrl: 'https://sqs/intake-dlq',
    ExtractionQueueUrl: 'https://sqs/extraction',
    ExtractionDeadLetterQueueUrl: 'https://sqs/extraction-dlq',
    ExtractionCompletionsQueueUrl: 'https://sqs/completions',
    ExtractionCompletionsDeadLetterQueueUrl: 'https://sqs/completions-dlq',
    InvoiceStateMachineArn: 'arn:aws:states:eu-west-1:1:stateMachine:tower-prod-invoice',
  };

  it('reads tables, every queue with its DLQ, and each process state machine', () => {
    // Act
    const names = namesFromOutputs(outputs);
    // Assess
    expect(names.tables).toEqual({ documents: 'docs', audit: 'audit' });
    expect(names.queues['extraction-completions']).toEqual({
      url: 'https://sqs/completions',
      dlqUrl: 'https://sqs/completions-dlq',
    });
    expect(names.stateMachines).toEqual({ invoice: outputs.InvoiceStateMachineArn });
    expect(stackOutputKeys.deadLetterQueue('intake')).toBe('IntakeDeadLetterQueueUrl');
  });

  it('names every missing output at once', () => {
    // Prepare
    const { AuditTableName: _audit, ExtractionDeadLetterQueueUrl: _dlq, ...partial } = outputs;
    // Act + Assess
    expect(() => namesFromOutputs(partial)).toThrow(
      'the stack does not export AuditTableName, ExtractionDeadLetterQueueUrl',
    );
  });
});
