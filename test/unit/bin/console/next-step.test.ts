import { describe, expect, it } from 'vitest';
import { nextStepOf } from '../../../../bin/console/next-step.ts';
import type { AuditRecord } from '../../../../lambdas/platform/stores/audit.ts';
import type { DocumentRecord } from '../../../../lambdas/platform/stores/documents.ts';

const id = 'a'.repeat(64);
const doc = (overrides: Partial<DocumentRecord>): DocumentRecord =>
  ({
    documentId: id,
    process: 'invoice',
    key: 'invoices/a.pdf',
    status: 'COMPLETED',
    revision: 3,
    receivedAt: '2025-03-01T09:00:00.000Z',
    updatedAt: '2025-03-01T09:00:09.000Z',
    ...overrides,
  }) as DocumentRecord;
const requested: AuditRecord = {
  eventId: 'e1',
  at: '2025-03-01T09:00:05.000Z',
  documentId: id,
  step: 'approval',
  type: 'APPROVAL_REQUESTED',
  actor: { kind: 'system', id: 'request-approval' },
  versions: {},
  details: { approvalId: 'Approval_1234567' },
};
const sent = [
  { to: 'alice@example.com', link: 'http://127.0.0.1:3000/a/Approval_1234567/secret-a' },
  { to: 'bob@example.com', link: 'http://127.0.0.1:3000/a/Other_approval_9/secret-b' },
];

describe('the next step the console shows', () => {
  it('gives a FAILED document the redrive command against this runtime’s data directory', () => {
    const next = nextStepOf(
      doc({ status: 'FAILED', failedStep: 'rules', failureClass: 'permanent', errorName: 'Tower.Permanent' }),
      [],
      sent,
      '/tmp/my data',
    );
    expect(next?.text).toBe(
      'It failed in rules (permanent: Tower.Permanent). Once the cause is fixed, run it again:',
    );
    expect(next?.command).toBe(
      `npm run tower -- redrive ${id} --local '/tmp/my data' --reason "<why it can run now>"`,
    );
  });

  it('gives one AWAITING_APPROVAL its own approval links only', () => {
    const next = nextStepOf(doc({ status: 'AWAITING_APPROVAL' }), [requested], sent, '.tower');
    expect(next?.links).toEqual([sent[0]]);
    expect(next?.text).toContain('Mailbox');
  });

  it('says the email is on its way when no link was sent yet', () => {
    const next = nextStepOf(doc({ status: 'AWAITING_APPROVAL' }), [requested], [], '.tower');
    expect(next?.links).toEqual([]);
    expect(next?.text).toContain('on its way');
  });

  it.each(['COMPLETED', 'REJECTED', 'EXECUTING'] as const)('gives %s none', (status) => {
    expect(nextStepOf(doc({ status }), [requested], sent, '.tower')).toBeUndefined();
  });
});
