import { describe, expect, it } from 'vitest';
import { renderReadFields } from '../../../../bin/operator/read-fields.ts';
import { renderTimeline } from '../../../../bin/operator/timeline.ts';
import type { AuditRecord } from '../../../../lambdas/platform/stores/audit.ts';

const extracted = (fields: unknown[], warnings: string[], at = '2025-03-01T09:00:05.000Z'): AuditRecord => ({
  eventId: `e-${at}`,
  at,
  documentId: 'invoice-abc',
  step: 'extract',
  type: 'EXTRACTED',
  actor: { kind: 'model', id: 'textract:AnalyzeExpense' },
  versions: { workflow: 'invoice@2' },
  details: { fields, warnings },
});

const fields = [
  { name: 'vendor', label: 'Vendor', value: 'ACME GmbH', confidence: 96, threshold: 80 },
  { name: 'total', label: 'Total', value: '1000.00', confidence: 83.31, threshold: 90 },
  { name: 'dueDate', label: 'Due date', value: null, confidence: null },
];

describe('what was read, in tower timeline', () => {
  it('lists each field with value, confidence and threshold, and marks the reads below it', () => {
    // Act
    const lines = renderReadFields([extracted(fields, ['Total is not subtotal + tax'])]);
    // Assess
    const text = lines.join('\n');
    expect(text).toContain(
      'What was read (EXTRACTED at 2025-03-01 09:00:05; 1 below the threshold, marked !)',
    );
    const row = (label: string) =>
      lines
        .join('\n')
        .split('\n')
        .find((l) => l.includes(label)) ?? '';
    expect(row('Total')).toMatch(/^!\s+Total\s+1000\.00\s+83\.31\s+90$/);
    expect(row('Vendor')).toMatch(/^\s+Vendor\s+ACME GmbH\s+96\s+80$/);
    expect(row('Due date')).toMatch(/Due date\s+\(not read\)\s+-/);
    expect(text).toContain('  - Total is not subtotal + tax');
  });

  it('shows the latest reading (a redrive reads again) and says when nothing fell below', () => {
    const first = extracted(fields, ['stale warning']);
    const later = extracted([{ ...fields[1], confidence: 95 }], [], '2025-03-02T09:00:00.000Z');
    const text = renderReadFields([first, later]).join('\n');
    expect(text).toContain('no read below its threshold');
    expect(text).toContain('No warnings from the reader.');
    expect(text).not.toContain('stale warning');
  });

  it('adds nothing for a document nothing was read from', () => {
    expect(renderReadFields([{ ...extracted([], []), details: { confidences: {} } }])).toEqual([]);
  });

  it('is part of the timeline, under the document’s status', () => {
    const text = renderTimeline(
      {
        document: {
          documentId: 'invoice-abc',
          process: 'invoice',
          key: 'invoices/a.pdf',
          status: 'COMPLETED',
          revision: 3,
          receivedAt: '2025-03-01T09:00:00.000Z',
          updatedAt: '2025-03-01T09:00:09.000Z',
        } as Parameters<typeof renderTimeline>[0]['document'],
        audit: [extracted(fields, [])],
        chain: { documentId: 'invoice-abc', events: 1, verdict: { verified: 0, unchained: 1 }, summary: '' },
        executions: [],
      },
      new Date('2025-03-01T10:00:00.000Z'),
    );
    expect(text.indexOf('What was read')).toBeGreaterThan(text.indexOf('status    COMPLETED'));
    expect(text.indexOf('What was read')).toBeLessThan(text.indexOf('Audit trail'));
  });
});
