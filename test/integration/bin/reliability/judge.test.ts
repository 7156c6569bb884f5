import { describe, expect, it } from 'vitest';
import type { Evidence } from '../../../../bin/reliability/evidence.ts';
import { failed, formatRows } from '../../../../bin/reliability/format.ts';
import { judge, percentile } from '../../../../bin/reliability/judge.ts';
import type { Expectation } from '../../../../bin/reliability/types.ts';
import type { AuditEvent, AuditRecord } from '../../../../lambdas/platform/stores/audit.ts';
import { genesis, linkEvents } from '../../../../lambdas/platform/stores/audit-chain.ts';
import type { DocumentRecord } from '../../../../lambdas/platform/stores/documents.ts';
import type { SentEmail } from '../../../../local/emulators/ses.ts';
import type { ExecutionRecord } from '../../../../local/stepfunctions/executions.ts';

const id = 'a'.repeat(64);
const arn = (name: string) => `arn:aws:states:us-east-1:000000000000:execution:tower-local-invoice:${name}`;
const at = (s: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, s)).toISOString();

/** An event as written: `at` carried along so the trail's order and times are the test's. */
type Unlinked = AuditEvent & { readonly at: string };

function change(
  from: string,
  to: string,
  second: number,
  revision: number,
  executionArn = arn(`invoice-${id}`),
): Unlinked {
  return {
    documentId: id,
    at: at(second),
    step: 'x',
    type: 'STATUS_CHANGED',
    actor: { kind: 'system', id: 'x' },
    decision: to,
    versions: {},
    executionArn,
    details: { from, to, revision },
  };
}

function event(type: string, second: number, executionArn = arn(`invoice-${id}`)): Unlinked {
  return {
    documentId: id,
    at: at(second),
    step: 'x',
    type,
    actor: { kind: 'system', id: 'x' },
    versions: {},
    executionArn,
  };
}

/** The events as the document's chain links them, each at its own time. */
function chain(events: readonly Unlinked[]): AuditRecord[] {
  const linked: AuditRecord[] = [];
  let head = genesis;
  for (const { at: time, ...e } of events) {
    const [record] = linkEvents(head, [e], time);
    if (!record) throw new Error('nothing linked');
    linked.push(record);
    head = { seq: record.seq, hash: record.hash };
  }
  return linked;
}

const trail = [
  change('RECEIVED', 'QUEUED', 1, 2),
  change('QUEUED', 'EXECUTING', 2, 3),
  change('EXECUTING', 'COMPLETED', 9, 4),
  event('FINALIZED', 9),
];
/** The head the record holds after `records`. */
const headOf = (records: readonly AuditRecord[]) => ({
  auditSeq: records.at(-1)?.seq,
  auditHash: records.at(-1)?.hash,
});

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
  ...headOf(chain(trail)),
} as unknown as DocumentRecord;

/** Evidence of the completed document; a trail given is linked, and the record's head follows it. */
function evidence(overrides: Partial<Evidence> = {}, events: readonly Unlinked[] = trail): Evidence {
  const audit = chain(events);
  return {
    documents: [{ ...completed, ...headOf(audit) }],
    audit,
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
    ['a second execution', evidence({ executions: [execution(`invoice-${id}`), execution('again')] })],
    ['two FINALIZED events', evidence({}, [...trail, event('FINALIZED', 10, arn('other'))])],
    ['a move audited twice', evidence({}, [...trail, change('EXECUTING', 'COMPLETED', 10, 4)])],
    [
      'a result rewritten after FINALIZED',
      evidence({ results: new Map([[`results/invoice/${id}.json`, Date.parse(at(30))]]) }),
    ],
    [
      'two vendor-history items for one document',
      evidence({
        effects: [
          { table: 'vendors', documentId: id },
          { table: 'vendors', documentId: id },
        ],
      }),
    ],
    [
      'two quarantine objects',
      evidence({
        quarantine: new Map([
          [`quarantine/invoice/${id}/a.pdf`, Date.parse(at(5))],
          [`quarantine/invoice/${id}/b.pdf`, Date.parse(at(5))],
        ]),
      }),
    ],
    [
      'a quarantine object rewritten after QUARANTINED',
      evidence({ quarantine: new Map([[`quarantine/invoice/${id}/a.pdf`, Date.parse(at(40))]]) }, [
        ...trail,
        event('QUARANTINED', 9),
      ]),
    ],
  ] as const)('counts %s as duplicated', (_what, given) => {
    const row = judge(1, 'dup', given, { expectations: [expectation] }, 1);
    expect(row.duplicated).toBe(1);
    expect(row.chains).toBe(0);
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
      evidence({ executions: [execution(`invoice-${id}`), stale] }, [
        ...trail,
        event('STATUS_CHANGED', 20, stale.executionArn),
      ]),
      { expectations: [expectation], handStarted: [stale.executionArn] },
      1,
    );
    expect(quiet.duplicated).toBe(0);
    expect(noisy.duplicated).toBe(1);
  });

  it('reports a move no event records as unaudited, not a duplicate, and fails the run', () => {
    // Prepare: the record reached revision 4, but revision 2's move has no STATUS_CHANGED.
    const given = evidence({}, trail.slice(1));

    // Act
    const row = judge(5, 'gap', given, { expectations: [expectation] }, 1);

    // Assess
    expect(row).toMatchObject({ duplicated: 0, chains: 0, unaudited: 1 });
    expect(row.problems).toContainEqual(
      expect.stringMatching(/^unaudited move: a{12} \(COMPLETED\): revision 2 of 4/),
    );
    expect(failed([row])).toBe(true);
  });

  it('checks every chain with the one verifier: a changed event, a missing one, a head past the trail', () => {
    // Prepare
    const good = evidence();
    const changed = good.audit.map((e) => (e.seq === 2 ? { ...e, decision: 'FAILED' } : e));
    const missing = good.audit.filter((e) => e.seq !== 3);
    const truncated = good.audit.slice(0, -1);

    // Act
    const rows = [changed, missing, truncated].map((audit) =>
      judge(6, 'chains', { ...good, audit }, { expectations: [expectation] }, 1),
    );

    // Assess
    expect(judge(6, 'chains', good, { expectations: [expectation] }, 1)).toMatchObject({
      chains: 0,
      unaudited: 0,
    });
    expect(rows.map((r) => r.chains)).toEqual([1, 1, 1]);
    expect(
      rows.map(
        (r) =>
          r.problems
            .find((p) => p.startsWith('broken chain'))
            ?.split(': ')
            .slice(2, 3)[0],
      ),
    ).toEqual(['chain broken at seq 2', 'chain broken at seq 3', 'chain broken at seq 4']);
    expect(rows.every((r) => failed([r]))).toBe(true);
    expect(formatRows(rows.slice(0, 1), 1).split('\n')[0]).toMatch(/\bwrong\s+chains\s+p95 latency/);
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
