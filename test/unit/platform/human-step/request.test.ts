import { describe, expect, it } from 'vitest';
import { parseHumanStepRequest } from '../../../../lambdas/platform/human-step/request.ts';
import { humanRequest } from '../shared/support/builders.ts';

const problems = (raw: unknown): string => {
  try {
    parseHumanStepRequest(raw);
    return '';
  } catch (error) {
    return (error as Error).message;
  }
};

describe('parseHumanStepRequest', () => {
  it('accepts facts with confidence, note, derivation and a check mark, notes and a document', () => {
    // Prepare
    const request = humanRequest({
      facts: [
        {
          label: 'Total',
          value: 'EUR 1,190.00',
          confidence: 83.31,
          note: 'compare with subtotal + tax',
          check: true,
        },
        { label: 'Due', value: '2025-04-05', derived: 'invoice date + 45 days (NET45)' },
        { label: 'Vendor', value: 'ACME', confidence: null },
      ],
      notes: ['Total 1190.00 is not subtotal 1000.00 + tax 190.00'],
      document: { bucket: 'data', key: 'invoices/a.pdf', versionId: 'v1', contentType: 'application/pdf' },
    });
    // Act + Assess
    expect(parseHumanStepRequest(request)).toBe(request);
  });

  it.each([
    [{ confidence: 101 }, 'facts.0.confidence must be a number from 0 to 100'],
    [{ confidence: '83' }, 'facts.0.confidence must be a number from 0 to 100'],
    [{ note: '' }, 'facts.0.note must be text of at most 300 characters'],
    [{ derived: 'x'.repeat(301) }, 'facts.0.derived must be text of at most 300 characters'],
    [{ check: 'yes' }, 'facts.0.check must be true or false'],
  ])('refuses a fact with %o', (extra, message) => {
    const request = humanRequest({ facts: [{ label: 'Total', value: '1.00', ...extra }] as never });
    expect(problems(request)).toContain(message);
  });

  it.each([
    [{ key: 'a.pdf' }, 'document must name a bucket and a key'],
    [{ bucket: 'b', key: '' }, 'document must name a bucket and a key'],
    [{ bucket: 'b', key: 'a.pdf', versionId: 3 }, 'document.versionId must be text'],
    [{ bucket: 'b', key: 'a.pdf', name: '' }, 'document.name must be text of at most 255'],
    ['invoices/a.pdf', 'document must be an object'],
  ])('refuses the document %o', (document, message) => {
    expect(problems(humanRequest({ document: document as never }))).toContain(message);
  });

  it('refuses notes that are not text, naming no value', () => {
    const message = problems(humanRequest({ notes: ['fine', 7] as never }));
    expect(message).toContain('notes must be a list of text');
    expect(message).not.toContain('fine');
  });
});
