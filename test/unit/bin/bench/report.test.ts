import type { HistoryEventType } from '@aws-sdk/client-sfn';
import { describe, expect, it } from 'vitest';
import type { DocumentOutcome, EndToEndResult } from '../../../../bin/bench/end-to-end.ts';
import type { OverheadRun } from '../../../../bin/bench/overhead.ts';
import { summariseEndToEnd, summariseOverhead, summariseWork } from '../../../../bin/bench/report.ts';
import type {
  ExecutionRecord,
  HistoryEvent,
  HistoryEventDetails,
} from '../../../../local/stepfunctions/executions.ts';

const waiting = new Set(['RequestApproval']);

function execution(name: string, states: string[], retries = 0): ExecutionRecord {
  const events: HistoryEvent[] = [];
  let t = 1000;
  const add = (type: HistoryEventType, details: HistoryEventDetails = {}) =>
    events.push({ id: events.length + 1, previousEventId: events.length, timestamp: t, type, ...details });
  for (const state of states) {
    add('TaskStateEntered', { stateEnteredEventDetails: { name: state } });
    // Each retry is the task scheduled again after a failure, as AWS writes it.
    for (let i = 0; i < retries && state === 'Extract'; i += 1) {
      add('TaskScheduled');
      add('TaskFailed', {
        taskFailedEventDetails: { resourceType: 'sqs', resource: 'sendMessage', error: 'E' },
      });
    }
    add('TaskScheduled');
    add('TaskSucceeded');
    t += 100;
    add('TaskStateExited', { stateExitedEventDetails: { name: state } });
  }
  return {
    executionArn: `arn:aws:states:us-east-1:000000000000:execution:tower-invoice:${name}`,
    stateMachineArn: 'arn:aws:states:us-east-1:000000000000:stateMachine:tower-invoice',
    name,
    status: 'SUCCEEDED',
    input: '{}',
    startDate: 1000,
    redriveCount: 0,
    events,
  };
}

const outcome = (n: number, extra: Partial<DocumentOutcome>): DocumentOutcome => ({
  documentId: `${n}`.padStart(64, '0'),
  fileName: `bench-${n}.pdf`,
  planned: 'happy',
  executionName: `invoice-${n}`,
  droppedAt: 0,
  status: 'COMPLETED',
  ...extra,
});

const result: EndToEndResult = {
  firstDropAt: 0,
  outcomes: [
    outcome(1, { droppedAt: 0, terminalAt: 10_000 }),
    outcome(2, { droppedAt: 50, terminalAt: 20_050 }),
    outcome(3, { planned: 'approval', droppedAt: 100, terminalAt: 30_000 }),
    outcome(4, { droppedAt: 150, status: 'EXECUTING' }),
  ],
  executions: [
    execution('invoice-1', ['Extract', 'Score', 'Finalize']),
    execution('invoice-2', ['Extract', 'Score', 'Finalize'], 2),
    execution('invoice-3', ['Extract', 'Score', 'RequestApproval', 'Finalize']),
  ],
  invocations: [
    { functionId: 'extract', cold: true, startedAt: 0, durationMs: 900, ok: true },
    { functionId: 'extract', cold: false, startedAt: 1, durationMs: 100, ok: true },
  ],
  decisions: [
    { link: 'l1', subject: 'Approval needed: invoice A', ok: true, detail: 'HTTP 200', decidedAt: 1 },
    { link: 'l2', subject: 'Approval needed: invoice B', ok: false, detail: 'HTTP 410', decidedAt: 2 },
  ],
  intakeBatches: 1,
};

describe('bench report', () => {
  it('measures throughput from the first drop to the last terminal document and lists the lost one', () => {
    // Act
    const summary = summariseEndToEnd(result, waiting);
    // Assess
    expect(summary).toMatchObject({
      documents: 4,
      planned: { happy: 3, approval: 1 },
      terminal: 3,
      byStatus: { COMPLETED: 3, EXECUTING: 1 },
      wallMs: 30_000,
      documentsPerMinute: 6,
      approvals: { decided: 1, failed: 1, failures: ['Approval needed: invoice B: HTTP 410'] },
      retries: 2,
      lost: [{ documentId: `${4}`.padStart(64, '0'), fileName: 'bench-4.pdf', lastStatus: 'EXECUTING' }],
    });
  });

  it('splits document latency by the path each execution took', () => {
    // Act
    const { latency } = summariseEndToEnd(result, waiting);
    // Assess
    expect(latency.happy).toMatchObject({ count: 2, p50: 10_000, max: 20_000 });
    expect(latency.approval).toMatchObject({ count: 1, p50: 29_900 });
    expect(latency.failed).toBeUndefined();
  });

  it('reports no throughput when nothing finished', () => {
    // Prepare
    const nothing: EndToEndResult = { ...result, outcomes: [outcome(9, { status: 'QUEUED' })] };
    // Act
    const summary = summariseEndToEnd(nothing, waiting);
    // Assess
    expect(summary).toMatchObject({ terminal: 0, wallMs: 0, documentsPerMinute: 0 });
    expect(summary.lost).toHaveLength(1);
  });

  it('summarises steps, functions with cold starts, and transitions per path', () => {
    // Act
    const work = summariseWork(result, waiting);
    // Assess
    expect(work.functions).toEqual([{ name: 'extract', count: 2, p50: 100, p95: 900, p99: 900, cold: 1 }]);
    expect(work.steps.map((s) => [s.name, s.count, s.p50])).toEqual([
      ['Extract', 3, 100],
      ['Finalize', 3, 100],
      ['RequestApproval', 1, 100],
      ['Score', 3, 100],
    ]);
    expect(work.transitions).toEqual({
      happy: { count: 2, min: 3, median: 3, max: 5 },
      approval: { count: 1, min: 4, median: 4, max: 4 },
    });
  });

  it('compares the runtime with the bare engine per second and per execution', () => {
    // Prepare
    const run = (label: string, wallMs: number): OverheadRun => ({
      label,
      executions: 100,
      concurrency: 8,
      wallMs,
      executionsPerSecond: 100_000 / wallMs,
      latency: { count: 100, p50: 1, p95: 2, p99: 3, max: 4 },
      failed: 0,
    });
    // Act
    const overhead = summariseOverhead(run('runtime', 500), run('bare', 100));
    // Assess
    expect(overhead.ratio).toBeCloseTo(5);
    expect(overhead.addedMsPerExecution).toBeCloseTo(4);
  });
});
