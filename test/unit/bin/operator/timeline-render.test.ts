import { describe, expect, it } from 'vitest';
import { terminalText } from '../../../../bin/common/terminal-text.ts';
import { renderTimeline, type Timeline } from '../../../../bin/operator/timeline.ts';
import { checkChain } from '../../../../bin/operator/verify.ts';
import type { AuditRecord } from '../../../../lambdas/platform/stores/audit.ts';
import { genesis, linkEvents } from '../../../../lambdas/platform/stores/audit-chain.ts';
import type { DocumentRecord } from '../../../../lambdas/platform/stores/documents.ts';
import { documentId, documentRecord } from '../../platform/shared/support/builders.ts';

/** A timeline of the record and trail, its chain checked as `timeline` does. */
const timelineOf = (document: DocumentRecord, audit: AuditRecord[]): Timeline => ({
  document,
  audit,
  chain: checkChain(document, audit),
  executions: [],
});

const longReason =
  'Total confidence 83.31 is below 90: the total was read from a line labelled "Subtotal"; check the total ' +
  'against the subtotal and the tax, and the currency printed beside it, before you approve this invoice';

const event = (overrides: Partial<AuditRecord>): AuditRecord => ({
  documentId,
  eventId: 'e1',
  at: '2025-03-01T08:00:02.000Z',
  step: 'rules',
  type: 'RULES_APPLIED',
  actor: { kind: 'system', id: 'rules' },
  versions: { rules: 'invoice-rules@4' },
  ...overrides,
});

describe('renderTimeline', () => {
  it('wraps a long reason in the WHY column instead of cutting it at 100 characters', () => {
    // Act
    const text = renderTimeline(
      timelineOf(documentRecord(), [event({ rationale: [longReason] })]),
      new Date('2025-03-01T09:00:00.000Z'),
    );

    // Assess
    const rows = text.split('\n').slice(text.split('\n').findIndex((l) => l.startsWith('AT')));
    const whyAt = rows[0]?.indexOf('WHY') ?? -1;
    const why = rows.slice(1).map((l) => l.slice(whyAt).trim());
    expect(why.join(' ')).toBe(longReason);
    expect(why.length).toBeGreaterThan(1);
    expect(Math.max(...why.map((l) => l.length))).toBeLessThanOrEqual(60);
  });

  it('shows a key and a reason holding control and bidi characters written out, and wraps the reason', () => {
    // Act: as the CLI prints it (runTower passes all it prints through terminalText).
    const text = terminalText(
      renderTimeline(
        timelineOf(
          documentRecord({
            key: 'invoices/\u001B[2Jinvoice\u202Efdp.exe',
            status: 'REJECTED_INPUT',
            statusReason: `unsupported type \u001B[31m${'x '.repeat(80)}`,
          }),
          [],
        ),
        new Date('2025-03-01T09:00:00.000Z'),
      ),
    );

    // Assess
    expect(text).toContain('key invoices/\\x1B[2Jinvoice\\u202Efdp.exe');
    expect(text).toContain('  reason    unsupported type \\x1B[31mx x');
    expect(text).toContain('\n            x x x');
    expect([...text].some((c) => c === '\u001B' || c === '\u202E')).toBe(false);
  });

  it("heads the audit trail with its chain's verdict, naming the first broken link", () => {
    // Prepare
    const linked = linkEvents(genesis, [event({}), event({ type: 'FINALIZED' })], '2025-03-01T08:00:03.000Z');
    const head = { auditSeq: 2, auditHash: linked[1]?.hash };
    const tampered = linked.map((e) => (e.seq === 2 ? { ...e, decision: 'forged' } : e));

    // Act
    const sound = renderTimeline(timelineOf(documentRecord(head), linked), new Date());
    const broken = renderTimeline(timelineOf(documentRecord(head), tampered), new Date());

    // Assess
    expect(sound).toContain('Audit trail (2 events, oldest first): chain verified: 2 events');
    expect(broken).toContain(
      'Audit trail (2 events, oldest first): chain broken at seq 2: its fields hash to',
    );
  });
});
