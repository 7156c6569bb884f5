import type { InvocationRecord } from '../../local/lambda/invocation.ts';
import { allStates, transitionsOf } from '../../local/stepfunctions/definition.ts';
import type { ExecutionRecord } from '../../local/stepfunctions/executions.ts';
import { stateVisitsOf } from '../../local/stepfunctions/history-reading.ts';
import type { LocalStepFunctions } from '../../local/stepfunctions/service.ts';

export interface StepTiming {
  readonly name: string;
  readonly type: string;
  readonly enteredAt: number;
  readonly exitedAt?: number;
  readonly durationMs?: number;
  readonly failed: boolean;
}

/** The states an execution went through, in order, with how long each took and whether its task failed. */
export function stepTimings(execution: ExecutionRecord): StepTiming[] {
  return stateVisitsOf(execution.events).map((visit) => ({
    name: visit.name,
    type: visit.type,
    enteredAt: visit.entered.timestamp,
    exitedAt: visit.exited?.timestamp,
    durationMs: visit.exited ? visit.exited.timestamp - visit.entered.timestamp : undefined,
    failed: visit.failures.length > 0,
  }));
}

/** The state machine as nodes and edges, for drawing. */
export function graphOf(sfn: LocalStepFunctions, stateMachineArn: string) {
  const machine = sfn.stateMachines.find((m) => m.arn === stateMachineArn);
  if (!machine) return undefined;
  return {
    startAt: machine.definition.StartAt,
    states: allStates(machine.definition).map(([name, state]) => ({
      name,
      type: state.Type,
      comment: typeof state.Comment === 'string' ? state.Comment : '',
      edges: transitionsOf(state),
    })),
  };
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index] ?? 0;
}

export interface LatencyRow {
  readonly name: string;
  readonly count: number;
  readonly p50: number;
  readonly p95: number;
  readonly p99: number;
}

function rows(samples: Map<string, number[]>): LatencyRow[] {
  return [...samples.entries()]
    .map(([name, values]) => {
      const sorted = [...values].sort((a, b) => a - b);
      return {
        name,
        count: sorted.length,
        p50: percentile(sorted, 50),
        p95: percentile(sorted, 95),
        p99: percentile(sorted, 99),
      };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}

function push(samples: Map<string, number[]>, name: string, value: number): void {
  const list = samples.get(name);
  if (list) list.push(value);
  else samples.set(name, [value]);
}

/** Per-step latency from execution histories (Task states), and per-function latency from invocations. */
export function latency(executions: readonly ExecutionRecord[], invocations: readonly InvocationRecord[]) {
  const steps = new Map<string, number[]>();
  for (const execution of executions) {
    for (const step of stepTimings(execution)) {
      if (step.type !== 'Task' || step.durationMs === undefined) continue;
      push(steps, step.name, step.durationMs);
    }
  }
  const functions = new Map<string, number[]>();
  const cold = new Map<string, number>();
  for (const i of invocations) {
    push(functions, i.functionId, i.durationMs);
    if (i.cold) cold.set(i.functionId, (cold.get(i.functionId) ?? 0) + 1);
  }
  return {
    steps: rows(steps),
    functions: rows(functions).map((r) => ({ ...r, cold: cold.get(r.name) ?? 0 })),
  };
}
