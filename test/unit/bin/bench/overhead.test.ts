import { describe, expect, it } from 'vitest';
import { medianRun, type OverheadRun, overheadBareEngine } from '../../../../bin/bench/overhead.ts';
import type { ProcessSpec } from '../../../../lambdas/platform/registry/process-spec.ts';
import { processes } from '../../../../lambdas/processes/index.ts';

const invoice = processes.find((p) => p.id === 'invoice');
if (!invoice) throw new Error('no invoice process');

const round = (executionsPerSecond: number): OverheadRun => ({
  label: 'bare',
  executions: 10,
  concurrency: 2,
  wallMs: 10_000 / executionsPerSecond,
  executionsPerSecond,
  latency: { count: 10, p50: 1, p95: 1, p99: 1, max: 1 },
  failed: 0,
});

describe('orchestration overhead', () => {
  it.each([
    [[300, 100, 200], 200],
    [[100, 200], 100],
    [[50], 50],
  ])('takes the median round of %j: %i per second', (rates, expected) => {
    // Act
    const median = medianRun(rates.map(round));
    // Assess
    expect(median.executionsPerSecond).toBe(expected);
    expect(median.rounds).toBe(rates.length);
  });

  it('refuses to pick from no rounds', () => {
    // Act / Assess
    expect(() => medianRun([])).toThrow('no overhead rounds');
  });

  it('runs the invoice state machine on the bare engine to success with the canned results', async () => {
    // Act
    const run = await overheadBareEngine(invoice, { count: 12, concurrency: 3, warmup: 2 });
    // Assess
    expect(run).toMatchObject({ executions: 12, concurrency: 3, failed: 0 });
    expect(run.executionsPerSecond).toBeGreaterThan(0);
    expect(run.latency.count).toBe(12);
  });

  it('refuses to measure when the canned handlers cannot complete the state machine', async () => {
    // Prepare: Score now calls a function that has no canned result.
    const broken: ProcessSpec = {
      ...invoice,
      functionPlaceholders: { ...invoice.functionPlaceholders, ScoreFunctionArn: 'start-execution' },
    };
    // Act / Assess
    await expect(overheadBareEngine(broken, { count: 5, concurrency: 2, warmup: 2 })).rejects.toThrow(
      /warm-up executions did not succeed/,
    );
  });
});
