import type { ExecutionRecord } from '../../local/stepfunctions/executions.ts';
import { retriesOf } from '../../local/stepfunctions/history-reading.ts';
import { type LatencyRow, latency } from '../console/data.ts';
import type { EndToEndResult } from './end-to-end.ts';
import type { OverheadRun } from './overhead.ts';
import { type Percentiles, percentiles, perMinute } from './stats.ts';
import { type ExecutionPath, pathOf, type TransitionsByPath, transitionsByPath } from './transitions.ts';
import type { PlannedPath } from './workload.ts';

/** Everything the bench measured, as printed by `--json`. Durations in milliseconds. */
export interface BenchReport {
  readonly machine: {
    readonly node: string;
    readonly platform: string;
    readonly cpus: number;
    /** One-minute load average when the bench started and ended: other work on the machine skews the numbers. */
    readonly load: { readonly start: number; readonly end: number };
  };
  readonly settings: {
    readonly documents: number;
    readonly concurrency: number;
    readonly approvalShare: number;
    readonly timeoutSeconds: number;
  };
  readonly endToEnd: EndToEndSummary;
  readonly steps: readonly LatencyRow[];
  readonly functions: readonly (LatencyRow & { readonly cold: number })[];
  readonly transitions: TransitionsByPath;
  readonly overhead?: OverheadSummary;
  /** Why the overhead was not measured (the canned handlers could not complete the state machine). */
  readonly overheadError?: string;
  /** The whole bench, start-up and shutdown included. */
  readonly benchWallMs: number;
}

export interface LostDocument {
  readonly documentId: string;
  readonly fileName: string;
  readonly lastStatus: string;
}

export interface EndToEndSummary {
  readonly documents: number;
  readonly planned: Readonly<Record<PlannedPath, number>>;
  readonly terminal: number;
  readonly byStatus: Readonly<Partial<Record<string, number>>>;
  /** First drop to the last document turning terminal. */
  readonly wallMs: number;
  readonly documentsPerMinute: number;
  /** Drop to terminal, per path the execution actually took. */
  readonly latency: Partial<Record<ExecutionPath, Percentiles>>;
  readonly approvals: {
    readonly decided: number;
    readonly failed: number;
    readonly failures: readonly string[];
  };
  readonly intakeBatches: number;
  readonly retries: number;
  readonly lost: readonly LostDocument[];
}

export interface OverheadSummary {
  readonly runtime: OverheadRun;
  readonly bare: OverheadRun;
  /** Bare engine executions per second over the runtime's: how many times faster the engine alone is. */
  readonly ratio: number;
  /** Extra wall time per execution the runtime adds at this concurrency. */
  readonly addedMsPerExecution: number;
}

const count = <K extends string>(keys: readonly K[]): Partial<Record<K, number>> => {
  const out: Partial<Record<K, number>> = {};
  for (const key of keys) out[key] = (out[key] ?? 0) + 1;
  return out;
};

/** The end-to-end part of the report, from what the run observed. */
export function summariseEndToEnd(result: EndToEndResult, waiting: ReadonlySet<string>): EndToEndSummary {
  const executions = new Map<string, ExecutionRecord>(result.executions.map((e) => [e.name, e]));
  const done = result.outcomes.filter((o) => o.terminalAt !== undefined);
  const lastTerminalAt = Math.max(result.firstDropAt, ...done.map((o) => o.terminalAt ?? 0));
  const latencies = new Map<ExecutionPath, number[]>();
  for (const o of done) {
    const execution = executions.get(o.executionName);
    const path = execution ? pathOf(execution, waiting) : 'failed';
    const list = latencies.get(path) ?? [];
    list.push((o.terminalAt ?? 0) - o.droppedAt);
    latencies.set(path, list);
  }
  const failures = result.decisions.filter((d) => !d.ok);
  const wallMs = lastTerminalAt - result.firstDropAt;
  return {
    documents: result.outcomes.length,
    planned: { happy: 0, approval: 0, ...count(result.outcomes.map((o) => o.planned)) },
    terminal: done.length,
    byStatus: count(result.outcomes.map((o) => o.status)),
    wallMs,
    documentsPerMinute: perMinute(done.length, wallMs),
    latency: Object.fromEntries([...latencies].map(([path, values]) => [path, percentiles(values)])),
    approvals: {
      decided: result.decisions.length - failures.length,
      failed: failures.length,
      failures: failures.slice(0, 5).map((d) => `${d.subject}: ${d.detail}`),
    },
    intakeBatches: result.intakeBatches,
    retries: result.executions.reduce((sum, e) => sum + retriesOf(e.events), 0),
    lost: result.outcomes
      .filter((o) => o.terminalAt === undefined)
      .map((o) => ({ documentId: o.documentId, fileName: o.fileName, lastStatus: o.status })),
  };
}

/** Step and function latency and transitions per path, from the run's histories and invocations. */
export function summariseWork(result: EndToEndResult, waiting: ReadonlySet<string>) {
  const rows = latency(result.executions, result.invocations);
  return {
    steps: rows.steps,
    functions: rows.functions,
    transitions: transitionsByPath(result.executions, waiting),
  };
}

export function summariseOverhead(runtime: OverheadRun, bare: OverheadRun): OverheadSummary {
  const perExecution = (run: OverheadRun) => (run.executions > 0 ? run.wallMs / run.executions : 0);
  return {
    runtime,
    bare,
    ratio: runtime.executionsPerSecond > 0 ? bare.executionsPerSecond / runtime.executionsPerSecond : 0,
    addedMsPerExecution: perExecution(runtime) - perExecution(bare),
  };
}
