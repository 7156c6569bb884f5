import { describe, expect, it } from 'vitest';
import { mayWrite } from '../../../../lambdas/platform/shared/ownership.ts';

const mine = 'arn:aws:states:us-east-1:123456789012:execution:tower-invoice:invoice-1';
const theirs = 'arn:aws:states:us-east-1:123456789012:execution:tower-invoice:invoice-1-r1';

describe('mayWrite', () => {
  it.each<[string, boolean, { ownerExecution?: string } | undefined, string | undefined]>([
    ['its own document', true, { ownerExecution: mine }, mine],
    ['a document no execution owns', true, {}, mine],
    ['a document with no record yet', true, undefined, mine],
    ["another execution's document", false, { ownerExecution: theirs }, mine],
    ['an owned document, for a writer that is no execution', false, { ownerExecution: theirs }, undefined],
  ])('%s → %s', (_, expected, record, executionArn) => {
    // Act
    const may = mayWrite(record, executionArn);

    // Assess
    expect(may).toBe(expected);
  });
});
