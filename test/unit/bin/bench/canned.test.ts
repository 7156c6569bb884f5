import { describe, expect, it } from 'vitest';
import { cannedInput, cannedResult, taskFunctions, taskTokensIn } from '../../../../bin/bench/canned.ts';
import type { ProcessSpec } from '../../../../lambdas/platform/registry/process-spec.ts';
import { towerCatalog } from '../../../../lambdas/platform/tower-catalog.ts';
import { processes } from '../../../../lambdas/processes/index.ts';
import type { AslDefinition } from '../../../../local/stepfunctions/definition.ts';
import { readDefinition } from '../../../../statemachines/definition.ts';

const invoice = processes.find((p) => p.id === 'invoice');
if (!invoice) throw new Error('no invoice process');

describe('instant handlers for the overhead runs', () => {
  it('finds the functions that answer the invoice Task states, callback states included', () => {
    // Act
    const functions = taskFunctions(
      JSON.parse(readDefinition(invoice)) as AslDefinition,
      invoice,
      towerCatalog(processes),
    );
    // Assess
    expect(Object.fromEntries(functions)).toMatchObject({
      Extract: 'extract',
      Score: 'score',
      ApplyRules: 'rules',
      RequestApproval: 'request-approval',
      RequestApprovalWait: 'request-approval',
      Finalize: 'invoice-finalize',
      RecordFailure: 'record-failure',
    });
  });

  it('answers a queue task with the queue consumer, and skips tasks it cannot place', () => {
    // Prepare
    const definition: AslDefinition = {
      StartAt: 'Queue',
      States: {
        Queue: {
          Type: 'Task',
          Resource: 'arn:aws:states:::sqs:sendMessage.waitForTaskToken',
          // biome-ignore lint/suspicious/noTemplateCurlyInString: an ASL placeholder, not a template
          Parameters: { QueueUrl: '${IntakeQueueUrl}', MessageBody: { 'taskToken.$': '$$.Task.Token' } },
          Next: 'Elsewhere',
        },
        Elsewhere: { Type: 'Task', Resource: 'arn:aws:lambda:us-east-1:000000000000:function:x', End: true },
      },
    };
    const withQueue: ProcessSpec = { ...invoice, queuePlaceholders: { IntakeQueueUrl: 'extraction' } };
    // Act
    const functions = taskFunctions(definition, withQueue, towerCatalog([withQueue]));
    // Assess
    expect(Object.fromEntries(functions)).toEqual({ Queue: 'extract' });
  });

  it.each([
    [
      { Records: [{ body: '{"taskToken":"tt1.a"}' }, { body: '{"taskToken":"tt1.b","x":1}' }] },
      ['tt1.a', 'tt1.b'],
    ],
    [{ Records: [{ body: 'not json' }, { body: '{"document":{}}' }] }, []],
    [{ document: {} }, []],
    [null, []],
  ])('finds the task tokens in %j', (event, tokens) => {
    // Act / Assess
    expect(taskTokensIn(event)).toEqual(tokens);
  });

  it('answers every step of the happy path, with rules that never ask for approval', () => {
    // Assess
    for (const id of ['extract', 'score', 'rules', 'finalize']) expect(cannedResult(id), id).toBeDefined();
    expect(cannedResult('rules')).toMatchObject({ approval: { required: false } });
    expect(cannedResult('start-execution')).toBeUndefined();
  });

  it('hands out a fresh copy each time, as a worker would', () => {
    // Act
    const first = cannedResult('score');
    const second = cannedResult('score');
    // Assess
    expect(first).toEqual(second);
    expect(first).not.toBe(second);
  });

  it('gives each execution its own document', () => {
    // Act
    const a = cannedInput(invoice, 1, 'invoice@1+abc');
    const b = cannedInput(invoice, 2, 'invoice@1+abc');
    // Assess
    expect(a.document.documentId).toMatch(/^[0-9a-f]{64}$/);
    expect(a.document.documentId).not.toBe(b.document.documentId);
    expect(a.document.key.startsWith(invoice.intakePrefix)).toBe(true);
  });
});
