import { describe, expect, it } from 'vitest';
import { formatReport, keyValues, ms, rate, seconds, table } from '../../../../bin/bench/format.ts';
import type { BenchReport } from '../../../../bin/bench/report.ts';

const run = (label: string, perSecond: number) => ({
  label,
  executions: 200,
  concurrency: 8,
  wallMs: 200_000 / perSecond,
  executionsPerSecond: perSecond,
  latency: { count: 200, p50: 20.4, p95: 31.6, p99: 40, max: 41 },
  failed: 0,
});

const report: BenchReport = {
  machine: { node: 'v20.20.2', platform: 'linux', cpus: 2, load: { start: 0.25, end: 1.5 } },
  settings: { documents: 200, concurrency: 8, approvalShare: 0.1, timeoutSeconds: 520 },
  endToEnd: {
    documents: 200,
    planned: { happy: 180, approval: 20 },
    terminal: 199,
    byStatus: { COMPLETED: 199, EXECUTING: 1 },
    wallMs: 61_500,
    documentsPerMinute: 194.146,
    latency: { happy: { count: 179, p50: 9000.4, p95: 15_000, p99: 18_000, max: 19_000 } },
    approvals: { decided: 20, failed: 0, failures: [] },
    intakeBatches: 21,
    retries: 0,
    lost: [{ documentId: 'f'.repeat(64), fileName: 'bench-00042.pdf', lastStatus: 'EXECUTING' }],
  },
  steps: [{ name: 'Extract', count: 200, p50: 812.2, p95: 2000, p99: 2500 }],
  functions: [{ name: 'extract', count: 200, p50: 700, p95: 1500, p99: 2100, cold: 8 }],
  transitions: {
    happy: { count: 179, min: 5, median: 5, max: 7 },
    approval: { count: 20, min: 6, median: 6, max: 6 },
  },
  overhead: {
    runtime: run('full runtime (Step Functions API)', 400),
    bare: run('bare aws-local-stepfunctions', 2000),
    ratio: 5,
    addedMsPerExecution: 2,
  },
  benchWallMs: 80_000,
};

describe('bench report formatting', () => {
  it('aligns the first column left and the others right', () => {
    // Act
    const text = table(
      ['step', 'p50'],
      [
        ['Extract', 812],
        ['Score', 9],
      ],
    );
    // Assess
    expect(text.split('\n')).toEqual(['step     p50', 'Extract  812', 'Score      9']);
  });

  it('aligns key/value lines on the longest key', () => {
    // Act / Assess
    expect(
      keyValues([
        ['wall', '1 s'],
        ['throughput', 3],
      ]),
    ).toBe('wall        1 s\nthroughput  3');
  });

  it.each([
    [ms(812.5), '813'],
    [rate(194.146), '194.1'],
    [seconds(61_549), '61.5 s'],
  ])('formats %s as %s', (actual, expected) => {
    // Assess
    expect(actual).toBe(expected);
  });

  it('prints throughput, percentiles, transitions, overhead and the lost documents', () => {
    // Act
    const text = formatReport(report);
    const lines = text.split('\n');
    // Assess
    expect(lines[0]).toBe(
      'Tower local bench: 200 invoices (20 planned to need approval), concurrency 8; node v20.20.2, 2 CPUs, linux, load 0.25 → 1.50',
    );
    expect(text).toContain('documents terminal             199/200 (COMPLETED 199, EXECUTING 1)');
    expect(text).toContain('documents per minute           194.1');
    expect(lines).toContainEqual(expect.stringMatching(/^ {2}happy\s+179\s+9000\s+15000\s+18000\s+19000$/));
    expect(lines).toContainEqual(expect.stringMatching(/^ {2}Extract\s+200\s+812\s+2000\s+2500$/));
    expect(lines).toContainEqual(expect.stringMatching(/^ {2}extract\s+200\s+8\s+700\s+1500\s+2100$/));
    expect(lines).toContainEqual(expect.stringMatching(/^ {2}approval\s+20\s+6\s+6\s+6$/));
    expect(lines).toContainEqual(
      expect.stringMatching(/^ {2}bare aws-local-stepfunctions\s+2000\.0\s+20\s+32\s+0$/),
    );
    expect(text).toContain('the bare engine runs 5.0× as many executions per second');
    expect(text).toContain('LOST: 1 document(s) never reached a terminal state:');
    expect(text).toContain('bench-00042.pdf  ffffffffffff  last status EXECUTING');
  });

  it('says so when the overhead could not be measured', () => {
    // Act
    const text = formatReport({
      ...report,
      overhead: undefined,
      overheadError: 'warm-up executions did not succeed',
    });
    // Assess
    expect(text).toContain('Orchestration overhead NOT MEASURED: warm-up executions did not succeed');
  });

  it('prints no lost section and no overhead section when there is none', () => {
    // Act
    const text = formatReport({ ...report, overhead: undefined, endToEnd: { ...report.endToEnd, lost: [] } });
    // Assess
    expect(text).not.toContain('LOST');
    expect(text).not.toContain('Orchestration overhead');
  });
});
