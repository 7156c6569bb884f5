import { describe, expect, it } from 'vitest';
import { documentOf, type ExecutionStatusChange } from '../../../../lambdas/platform/settlement/event.ts';
import { documentId, executionArn, stateMachineArn } from '../shared/support/builders.ts';

const detail = (overrides: Partial<ExecutionStatusChange['detail']>): ExecutionStatusChange['detail'] => ({
  executionArn,
  stateMachineArn,
  name: `invoice-${documentId}`,
  status: 'ABORTED',
  ...overrides,
});

describe('documentOf', () => {
  it('reads the document and workflow version from the input', () => {
    // Prepare
    const input = JSON.stringify({
      document: { documentId: 'from-input', process: 'invoice' },
      workflowVersion: 'invoice@1+abc',
    });

    // Act
    const document = documentOf(detail({ input }));

    // Assess
    expect(document).toEqual({
      documentId: 'from-input',
      process: 'invoice',
      workflowVersion: 'invoice@1+abc',
    });
  });

  it('leaves the workflow version unknown when the input has none', () => {
    expect(
      documentOf(detail({ input: JSON.stringify({ document: { documentId: 'x' }, workflowVersion: 7 }) })),
    ).toEqual({
      documentId: 'x',
      workflowVersion: undefined,
    });
  });

  it.each([
    ['no input', undefined],
    ['a null input', null],
    ['an input that is not JSON', '{"document":'],
    ['an input without a document', '{"other":1}'],
    ['an input whose document id is not text', '{"document":{"documentId":42}}'],
  ])('falls back to the execution name with %s', (_name, input) => {
    expect(documentOf(detail({ input }))).toEqual({ documentId, process: 'invoice' });
  });

  it.each([
    ['a name without a document id', 'manual-run-1'],
    ['a short id', `invoice-${'d'.repeat(63)}`],
    ['an id in upper case', `invoice-${'D'.repeat(64)}`],
    ['no process', documentId],
  ])('finds no document for %s', (_name, name) => {
    expect(documentOf(detail({ name, input: null }))).toBeUndefined();
  });

  it('reads the process from the name as the catalog allows it (letters and digits)', () => {
    expect(documentOf(detail({ name: `claims2-${documentId}` }))).toEqual({ documentId, process: 'claims2' });
    expect(documentOf(detail({ name: `expense-claims-${documentId}`, input: null }))).toBeUndefined();
  });
});
