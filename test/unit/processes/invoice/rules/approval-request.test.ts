import { describe, expect, it } from 'vitest';
import type { DocumentRef } from '../../../../../lambdas/platform/shared/workflow.ts';
import type { InvoiceHeader } from '../../../../../lambdas/processes/invoice/domain/invoice.ts';
import {
  type ApprovalInput,
  approvalDecision,
} from '../../../../../lambdas/processes/invoice/rules/approval-request.ts';
import type { FieldFact, RuleFacts } from '../../../../../lambdas/processes/invoice/rules/facts.ts';
import { invoiceHeader, score } from '../../../platform/shared/support/builders.ts';

const fact = (confidence: number | null, minConfidence: number, present = true): FieldFact => ({
  present,
  confidence,
  minConfidence,
});
const fields = (overrides: Partial<RuleFacts['fields']> = {}): RuleFacts['fields'] => ({
  vendor: fact(97, 80),
  invoiceNumber: fact(97, 85),
  invoiceDate: fact(97, 85),
  total: fact(97, 90),
  currency: fact(97, 80),
  ...overrides,
});

const input = (overrides: Partial<ApprovalInput> = {}): ApprovalInput => ({
  invoice: invoiceHeader(),
  score: score(),
  fields: fields(),
  dueDate: '2025-03-22',
  dueDateRead: true,
  terms: { code: 'NET30', days: 30 },
  reasons: [{ rule: 'amount-above-threshold', message: 'total above 10,000.00' }],
  secondApprover: false,
  stepUp: false,
  ruleSetVersion: 'invoice-rules@2.1.0+abcd1234/params-00000000',
  ...overrides,
});

const document: DocumentRef = {
  documentId: 'invoice-abc',
  process: 'invoice',
  bucket: 'tower-data',
  key: 'invoices/acme.pdf',
  versionId: 'v7',
  contentType: 'application/pdf',
  size: 1200,
  receivedAt: '2025-03-01T09:00:00.000Z',
};

describe('approvalDecision: what the invoice asks a person', () => {
  it('shows the header as facts read with their confidence, its risk and why a person is asked', () => {
    // Act
    const decision = approvalDecision(input());

    // Assess
    expect(decision.required).toBe(true);
    expect(decision.request).toEqual({
      title: 'Invoice INV-0107 from Acme Supplies Ltd (EUR 12,138.00)',
      facts: [
        { label: 'Vendor', value: 'Acme Supplies Ltd', confidence: 97 },
        { label: 'Invoice', value: 'INV-0107', confidence: 97 },
        { label: 'Amount', value: 'EUR 12,138.00', confidence: 97 },
        { label: 'Subtotal', value: 'EUR 10,200.00', confidence: 97 },
        { label: 'Tax', value: 'EUR 1,938.00', confidence: 97 },
        { label: 'Invoice date', value: '2025-02-20', confidence: 97 },
        { label: 'Due', value: '2025-03-22', confidence: 97 },
      ],
      reasons: ['total above 10,000.00'],
      risk: {
        level: 'high',
        score: 0.81,
        rationale: ['the bank account is new', 'the amount is unusually high'],
      },
      requirement: { additionalApprovals: 0, stepUp: false, amount: { value: '12138.00', currency: 'EUR' } },
      versions: { model: 'vendor-risk@2+abc', rules: 'invoice-rules@2.1.0+abcd1234/params-00000000' },
    });
  });

  it('marks the fields the rules flag, saying why, and the amount when its currency is flagged', () => {
    const { facts } = approvalDecision(
      input({
        invoice: invoiceHeader({ total: { value: '12138.00', confidence: 83.31 } }),
        fields: fields({ total: fact(83.31, 90), currency: fact(70, 80) }),
      }),
    ).request;
    expect(facts.find((f) => f.label === 'Amount')).toEqual({
      label: 'Amount',
      value: 'EUR 12,138.00',
      confidence: 83.31,
      check: true,
      note: 'below the 90 the rules require; currency below the 80 the rules require',
    });
    expect(facts.filter((f) => f.check).map((f) => f.label)).toEqual(['Amount']);
  });

  it('shows a due date computed from the terms as derived, never as read', () => {
    const due = (overrides: Partial<ApprovalInput>) =>
      approvalDecision(input(overrides)).request.facts.find((f) => f.label === 'Due');
    expect(
      due({ dueDate: '2025-03-22', dueDateRead: false, invoice: invoiceHeader({ dueDate: null }) }),
    ).toEqual({
      label: 'Due',
      value: '2025-03-22',
      derived: 'invoice date + 30 days (NET30 terms); no due date was read',
    });
    expect(due({ dueDate: null, dueDateRead: false })).toEqual({ label: 'Due', value: '—' });
  });

  it('shows unread fields as unknown and flagged, and asks for no amount it cannot read', () => {
    // Prepare
    const invoice: InvoiceHeader = invoiceHeader({
      vendor: null,
      invoiceNumber: null,
      total: null,
      currency: null,
      invoiceDate: null,
      subtotal: null,
      tax: null,
    });
    const unread = fact(null, 80, false);

    // Act
    const { request } = approvalDecision(
      input({
        invoice,
        fields: fields({
          vendor: unread,
          invoiceNumber: unread,
          invoiceDate: unread,
          total: unread,
          currency: unread,
        }),
        dueDate: null,
        dueDateRead: false,
      }),
    );

    // Assess
    expect(request.title).toBe('Invoice (no number) from an unknown vendor (—)');
    expect(request.facts.map((f) => [f.label, f.value, f.check ?? false])).toEqual([
      ['Vendor', '—', true],
      ['Invoice', '—', true],
      ['Amount', '—', true],
      ['Invoice date', '—', true],
      ['Due', '—', false],
    ]);
    expect(request.facts[0]?.note).toBe('not read well enough to use');
    expect(request.requirement.amount).toBeNull();
  });

  it('names the file to open, and passes on what the reader noticed', () => {
    const { request } = approvalDecision(
      input({ document, invoice: invoiceHeader({ warnings: ['Total is not subtotal + tax'] }) }),
    );
    expect(request.document).toEqual({
      bucket: 'tower-data',
      key: 'invoices/acme.pdf',
      versionId: 'v7',
      contentType: 'application/pdf',
    });
    expect(request.notes).toEqual(['Total is not subtotal + tax']);
    expect(approvalDecision(input()).request).not.toHaveProperty('notes');
  });

  it('rounds the risk score to two places and says when the fallback scored it', () => {
    const { request } = approvalDecision(
      input({ score: score({ score: 0.456789, degraded: true, method: 'heuristic' }) }),
    );
    expect(request.risk).toMatchObject({ score: 0.46, note: 'scored by fallback' });
  });

  it('asks for one more approval and a one-time code when the rules say so', () => {
    const { requirement } = approvalDecision(input({ secondApprover: true, stepUp: true })).request;
    expect(requirement).toMatchObject({ additionalApprovals: 1, stepUp: true });
  });

  it('needs nobody when no rule gave a reason', () => {
    expect(approvalDecision(input({ reasons: [] })).required).toBe(false);
  });
});
