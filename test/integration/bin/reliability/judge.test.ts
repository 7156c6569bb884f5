import { describe, expect, it } from 'vitest';
import type { Evidence } from '../../../../bin/reliability/evidence.ts';
import { judge, percentile } from '../../../../bin/reliability/judge.ts';
import type { Expectation } from '../../../../bin/reliability/types.ts';
import type { AuditRecord } from '../../../../lambdas/platform/stores/audit.ts';
import type { DocumentRecord } from '../../../../lambdas/platform/stores/documents.ts';
import type { SentEmail } from '../../../../local/emulators/ses.ts';
import type { ExecutionRecord } from '../../../../local/stepfunctions/executions.ts';

const id = 'a'.repeat(64);
const arn = (name: string) => `arn:aws:states:us-east-1:000000000000:execution:tower-local-invoice:${name}`;
const at = (s: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, s)).toISOString();

function change(from: string, to: string, second: number, executionArn = arn(`invoice-${id}`)): AuditRecord {
  return {
    documentId: id,
    eventId: `${from}-${to}-${executionArn}`,
    at: at(second),
    step: 'x',
    type: 'STATUS_CHANGED',
    actor: { kind: 'system', id: 'x' },
    decision: to,
    versions: {},
    executionArn,
    details: { from, to },
  };
}

function event(type: string, second: number, executionArn = arn(`invoice-${id}`)): AuditRecord {
  return {
    documentId: id,
    eventId: `${type}-${second}`,
    at: at(second),
    step: 'x',
    type,
    actor: { kind: 'system', id: 'x' },
    versions: {},
    executionArn,
  };
}

function execution(name: string): ExecutionRecord {
  return {
    executionArn: arn(name),
    stateMachineArn: 'sm',
    name,
    status: 'SUCCEEDED',
    input: JSON.stringify({ document: { documentId: id } }),
    startDate: 0,
    redriveCount: 0,
    events: [],
  };
}

const completed = {
  documentId: id,
  status: 'COMPLETED',
  revision: 4,
  updatedAt: at(9),
} as unknown as DocumentRecord;

function evidence(overrides: Partial<Evidence> = {}): Evidence {
  return {
    documents: [completed],
    audit: [
      change('RECEIVED', 'QUEUED', 1),
      change('QUEUED', 'EXECUTING', 2),
      change('EXECUTING', 'COMPLETED', 9),
      event('FINALIZED', 9),
    ],
    executions: [execution(`invoice-${id}`)],
    approvals: [],
    quarantine: new Map(),
    effects: [],
    results: new Map(),
    mail: [],
    ...overrides,
  };
}

const expectation: Expectation = {
  documentId: id,
  label: 'invoice',
  droppedAt: Date.parse(at(0)),
  statuses: ['COMPLETED'],
};

describe('the reliability judge', () => {
  it('counts a clean document as expected, with its latency from drop to terminal', () => {
    // Act
    const row = judge(1, 'clean', evidence(), { expectations: [expectation] }, 1);
    // Assess
    expect(row).toMatchObject({
      documents: 1,
      expected: 1,
      lost: 0,
      duplicated: 0,
      wrong: 0,
      p95LatencyMs: 9000,
    });
  });

  it.each([
    ['a second execution', { executions: [execution(`invoice-${id}`), execution('again')] }],
    ['two FINALIZED events', { audit: [...evidence().audit, event('FINALIZED', 10, arn('other'))] }],
    ['a transition applied twice', { documents: [{ ...completed, revision: 5 }] }],
    [
      'a result rewritten after FINALIZED',
      { results: new Map([[`results/invoice/${id}.json`, Date.parse(at(30))]]) },
    ],
    [
      'two vendor-history items for one document',
      {
        effects: [
          { table: 'vendors', documentId: id },
          { table: 'vendors', documentId: id },
        ],
      },
    ],
    [
      'two quarantine objects',
      {
        quarantine: new Map([
          [`quarantine/invoice/${id}/a.pdf`, Date.parse(at(5))],
          [`quarantine/invoice/${id}/b.pdf`, Date.parse(at(5))],
        ]),
      },
    ],
    [
      'a quarantine object rewritten after QUARANTINED',
      {
        audit: [...evidence().audit, event('QUARANTINED', 9)],
        quarantine: new Map([[`quarantine/invoice/${id}/a.pdf`, Date.parse(at(40))]]),
      },
    ],
  ] as const)('counts %s as duplicated', (_what, overrides) => {
    const row = judge(1, 'dup', evidence(overrides as Partial<Evidence>), { expectations: [expectation] }, 1);
    expect(row.duplicated).toBe(1);
  });

  it('counts one vendor item and one quarantine object written before its event as no duplicate', () => {
    const row = judge(
      1,
      'once',
      evidence({
        effects: [{ table: 'vendors', documentId: id }],
        quarantine: new Map([[`quarantine/invoice/${id}/a.pdf`, Date.parse(at(9))]]),
      }),
      { expectations: [expectation] },
      1,
    );
    expect(row.duplicated).toBe(0);
  });

  it.each([
    ['request', 'Decision needed'],
    ['reminder', 'Reminder'],
    ['escalation', 'Escalated'],
  ])('counts a %s email sent twice to one person as duplicated, once is not', (_kind, prefix) => {
    const mail = (to: string): SentEmail => ({
      messageId: `m-${to}`,
      from: 'tower@example.com',
      to: [to],
      subject: `${prefix}: Invoice INV-1`,
      text: 'Open: https://approvals.example.com/a/appr-1/secret',
      at: 0,
    });
    const once = judge(
      1,
      'mail',
      evidence({ mail: [mail('ann@x.org'), mail('bob@x.org')] }),
      { expectations: [expectation] },
      1,
    );
    const twice = judge(
      1,
      'mail',
      evidence({ mail: [mail('ann@x.org'), mail('ann@x.org')] }),
      { expectations: [expectation] },
      1,
    );
    expect(once.duplicated).toBe(0);
    expect(twice.duplicated).toBe(1);
  });

  it('excuses a hand-started stale execution that wrote nothing, but not one that did', () => {
    const stale = execution('stale');
    const quiet = judge(
      4,
      'stale',
      evidence({ executions: [execution(`invoice-${id}`), stale] }),
      { expectations: [expectation], handStarted: [stale.executionArn] },
      1,
    );
    const noisy = judge(
      4,
      'stale',
      evidence({
        executions: [execution(`invoice-${id}`), stale],
        audit: [...evidence().audit, change('COMPLETED', 'FAILED', 20, stale.executionArn)],
      }),
      { expectations: [expectation], handStarted: [stale.executionArn] },
      1,
    );
    expect(quiet.duplicated).toBe(0);
    expect(noisy.duplicated).toBe(1);
  });

  it('reports an unaudited transition as an audit gap, not a duplicate', () => {
    const row = judge(
      5,
      'gap',
      evidence({
        audit: [change('QUEUED', 'EXECUTING', 2), change('EXECUTING', 'COMPLETED', 9), event('FINALIZED', 9)],
      }),
      { expectations: [expectation] },
      1,
    );
    expect(row.duplicated).toBe(0);
    expect(row.problems.some((p) => p.startsWith('audit gap'))).toBe(true);
  });

  it('counts a document still executing as lost, one elsewhere as wrong, and one nobody dropped as wrong', () => {
    const executing = judge(
      1,
      'lost',
      evidence({ documents: [{ ...completed, status: 'EXECUTING' }] }),
      { expectations: [expectation] },
      1,
    );
    const failed = judge(
      1,
      'wrong',
      evidence({ documents: [{ ...completed, status: 'FAILED' }] }),
      { expectations: [expectation] },
      1,
    );
    const stranger = judge(
      1,
      'stranger',
      evidence({ documents: [completed, { ...completed, documentId: 'b'.repeat(64) }] }),
      { expectations: [expectation] },
      1,
    );
    expect(executing).toMatchObject({ lost: 1, wrong: 0, expected: 0 });
    expect(failed).toMatchObject({ lost: 0, wrong: 1, expected: 0 });
    expect(stranger.wrong).toBe(1);
  });

  it('takes the nearest-rank percentile', () => {
    expect(percentile([5, 1, 4, 2, 3], 95)).toBe(5);
    expect(percentile([], 95)).toBeNull();
  });
});
