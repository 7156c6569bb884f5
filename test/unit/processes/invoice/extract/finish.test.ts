import { describe, expect, it } from 'vitest';
import { readFieldsOf } from '../../../../../lambdas/platform/shared/read-fields.ts';
import type { NormalizedInvoice } from '../../../../../lambdas/processes/invoice/domain/invoice.ts';
import { recordExtraction } from '../../../../../lambdas/processes/invoice/extract/finish.ts';
import { invoiceRuleSet } from '../../../../../lambdas/processes/invoice/rules/rule-set.ts';
import { MemoryAudit } from '../../../platform/shared/support/fakes.ts';

const invoice: NormalizedInvoice = {
  vendor: { value: 'ACME GmbH', confidence: 96.4 },
  invoiceNumber: { value: 'INV-7', confidence: 99 },
  invoiceDate: { value: '2025-02-19', confidence: 97 },
  dueDate: null,
  currency: { value: 'EUR', confidence: 95 },
  subtotal: { value: '1000.00', confidence: 92 },
  tax: { value: '190.00', confidence: 92 },
  total: { value: '1000.00', confidence: 83.31 },
  bankAccountHash: 'deadbeef',
  lineItems: [],
  pageCount: 1,
  warnings: ['Total 1000.00 is not subtotal 1000.00 + tax 190.00'],
};

describe('the EXTRACTED audit event', () => {
  it('records each header field with its value, confidence and the rule set’s threshold, and the warnings', async () => {
    // Prepare
    const audit = new MemoryAudit();
    const ports = {
      readArtifact: async () => undefined,
      writeArtifact: async () => {},
      audit,
      recordQuality: () => {},
    };
    const context = {
      document: { documentId: 'invoice-abc', process: 'invoice', contentSha256: 'abc' },
      workflowVersion: 'invoice@2',
      executionArn: 'arn:aws:states:us-east-1:000000000000:execution:m:e',
    };
    // Act
    await recordExtraction(ports, context, invoice, 'textract:AnalyzeExpense');
    // Assess
    const [event] = audit.ofType('EXTRACTED');
    const read = readFieldsOf(event?.details);
    expect(read?.warnings).toEqual(invoice.warnings);
    const total = read?.fields.find((f) => f.name === 'total');
    expect(total).toEqual({
      name: 'total',
      label: 'Total',
      value: '1000.00',
      confidence: 83.31,
      threshold: invoiceRuleSet.fieldConfidence.total,
    });
    expect(read?.fields.find((f) => f.name === 'dueDate')).toEqual({
      name: 'dueDate',
      label: 'Due date',
      value: null,
      confidence: null,
    });
    expect(read?.fields.map((f) => f.name)).toHaveLength(8);
    // The bank account is only ever a hash, and never part of what is shown.
    expect(JSON.stringify(event?.details)).not.toContain('deadbeef');
    expect(event?.details?.thresholdsFrom).toBe(invoiceRuleSet.version);
  });
});
