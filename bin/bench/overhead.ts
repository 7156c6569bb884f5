import { performance } from 'node:perf_hooks';
import { StartExecutionCommand } from '@aws-sdk/client-sfn';
import { StateMachine } from 'aws-local-stepfunctions';
import type { ProcessSpec } from '../../lambdas/platform/registry/process-spec.ts';
import { executionArnOf } from '../../lambdas/platform/shared/execution-arn.ts';
import { towerCatalog } from '../../lambdas/platform/tower-catalog.ts';
import { inPool } from '../../local/runtime/pool.ts';
import type { LocalRuntime } from '../../local/runtime/runtime.ts';
import { type AslDefinition, allStates } from '../../local/stepfunctions/definition.ts';
import type { ExecutionStatus } from '../../local/stepfunctions/executions.ts';
import {
  localPartition,
  partitionPlaceholder,
  placeholdersIn,
  readDefinition,
  substitute,
  workflowVersion,
} from '../../statemachines/definition.ts';
import { cannedInput, cannedResult, taskFunctions, taskTokensIn } from './canned.ts';
import { type Percentiles, percentiles, perSecond } from './stats.ts';

export interface OverheadRun {
  readonly label: string;
  readonly executions: number;
  readonly concurrency: number;
  readonly wallMs: number;
  readonly executionsPerSecond: number;
  /** Start to end of each execution, in milliseconds. */
  readonly latency: Percentiles;
  readonly failed: number;
  /** Rounds measured; this one had the median throughput. @default 1 */
  readonly rounds?: number;
}

export interface OverheadOptions {
  readonly count: number;
  readonly concurrency: number;
  /** Executions run first and not measured, so both sides are measured with warm code. @default 20 */
  readonly warmup?: number;
}

/** The round with the median throughput, so one disturbed round (GC, a timer storm) does not decide. */
export function medianRun(runs: readonly OverheadRun[]): OverheadRun {
  const sorted = [...runs].sort((a, b) => a.executionsPerSecond - b.executionsPerSecond);
  const median = sorted[Math.floor((sorted.length - 1) / 2)];
  if (!median) throw new Error('no overhead rounds were run');
  return { ...median, rounds: runs.length };
}

// Instant handlers finish an execution in milliseconds; one still running after this waits on something real.
const stuckAfterMs = 10_000;

type RunOne = (n: number) => Promise<boolean>;

async function measure(label: string, options: OverheadOptions, runOne: RunOne): Promise<OverheadRun> {
  const warmup = options.warmup ?? 20;
  const warm = await inPool(
    Array.from({ length: warmup }, (_, i) => i),
    options.concurrency,
    (n) => runOne(n),
  );
  if (warm.includes(false))
    throw new Error(
      `${label}: warm-up executions did not succeed; the canned handlers do not complete this state machine`,
    );
  const durations: number[] = [];
  let failed = 0;
  const started = performance.now();
  await inPool(
    Array.from({ length: options.count }, (_, i) => warmup + i),
    options.concurrency,
    async (n) => {
      const t0 = performance.now();
      if (!(await runOne(n))) failed += 1;
      durations.push(performance.now() - t0);
    },
  );
  const wallMs = performance.now() - started;
  return {
    label,
    executions: options.count,
    concurrency: options.concurrency,
    wallMs,
    executionsPerSecond: perSecond(options.count, wallMs),
    latency: percentiles(durations),
    failed,
  };
}

/**
 * (a) The full local runtime with instant handlers: executions started through its Step Functions API
 * (the AWS SDK against `endpoints.sfn`), run by its engine wrapper, integrations, Lambda host (where
 * the interceptor answers at once) and execution store; the end is signalled in process. The intake
 * (S3 → SQS → starter) is left out on purpose: its one-second long poll and the starter's worker
 * would dominate and hide what orchestration itself costs.
 */
export async function overheadThroughRuntime(
  runtime: LocalRuntime,
  process: ProcessSpec,
  options: OverheadOptions,
): Promise<OverheadRun> {
  runtime.lambda.interceptor = async (fn, event) => {
    const payload = cannedResult(fn.id);
    if (payload === undefined) return undefined;
    const tokens = taskTokensIn(event);
    // A queue consumer answers the waiting task through its token, as SendTaskSuccess would.
    for (const token of tokens) runtime.stepFunctions.broker.succeed(token, cannedResult(fn.id));
    return { ok: true, payload: tokens.length > 0 ? { batchItemFailures: [] } : payload };
  };
  const stateMachineArn = runtime.names.stateMachineArn(process.id);
  const version = workflowVersion(process);
  const waiting = new Map<string, (status: ExecutionStatus) => void>();
  runtime.stepFunctions.onExecutionEnded((e) => waiting.get(e.executionArn)?.(e.status));
  // Execution names are unique per state machine, so each measurement names its own.
  const run = Date.now().toString(36);
  return measure('full runtime (Step Functions API)', options, async (n) => {
    const name = `bench-${run}-${n}`;
    const executionArn = executionArnOf(stateMachineArn, name);
    // Registered before the start: an instant execution can end before StartExecution answers.
    const ended = new Promise<ExecutionStatus>((resolve) => waiting.set(executionArn, resolve));
    await runtime.clients.sfn.send(
      new StartExecutionCommand({
        stateMachineArn,
        name,
        input: JSON.stringify(cannedInput(process, n, version)),
      }),
    );
    let timer: NodeJS.Timeout | undefined;
    const stuck = new Promise<'STUCK'>((resolve) => {
      timer = setTimeout(() => resolve('STUCK'), stuckAfterMs);
    });
    const status = await Promise.race([ended, stuck]);
    clearTimeout(timer);
    waiting.delete(executionArn);
    return status === 'SUCCEEDED';
  });
}

/**
 * (b) The bare `aws-local-stepfunctions` engine on the same ASL, with the same canned results as
 * `taskResourceLocalHandlers`: no API, no store, no Lambda host, no runner-enforced timeouts.
 */
export async function overheadBareEngine(
  process: ProcessSpec,
  options: OverheadOptions,
): Promise<OverheadRun> {
  const raw = readDefinition(process);
  const rawDefinition = JSON.parse(raw) as AslDefinition;
  const catalog = towerCatalog([process]);
  const functions = taskFunctions(rawDefinition, process, catalog);
  const placeholders = catalog.placeholdersOf(process);
  const values = Object.fromEntries(
    placeholdersIn(raw).map((name) => {
      if (name === partitionPlaceholder) return [name, localPartition];
      const fn = placeholders.functions[name];
      return [
        name,
        fn
          ? `arn:aws:lambda:us-east-1:000000000000:function:bench-${fn}`
          : `https://sqs.us-east-1.amazonaws.com/000000000000/bench-${name}`,
      ];
    }),
  );
  // The engine's own timers above 2^31 ms fire at once, so the 30-day execution timeout is dropped
  // here as the runtime's engine copy drops it (local-machine.ts enforces it outside the engine).
  const { TimeoutSeconds: _, ...definition } = JSON.parse(substitute(raw, values)) as AslDefinition;
  const engine = new StateMachine(definition as never, {
    validationOptions: { checkArn: true, checkPaths: true },
  });
  const handlers = Object.fromEntries(
    allStates(rawDefinition)
      .filter(([, state]) => state.Type === 'Task')
      .map(([name]) => {
        const id = functions.get(name);
        return [
          name,
          async () => {
            const answer = id === undefined ? undefined : cannedResult(id);
            if (answer === undefined) throw new Error(`no canned result for the Task state ${name}`);
            return answer;
          },
        ];
      }),
  );
  const machineArn = `arn:aws:states:us-east-1:000000000000:stateMachine:bench-${process.id}`;
  const version = workflowVersion(process);
  return measure('bare aws-local-stepfunctions', options, async (n) => {
    const name = `bench-overhead-${n}`;
    const execution = engine.run(cannedInput(process, n, version) as never, {
      overrides: { taskResourceLocalHandlers: handlers as never },
      context: {
        Execution: { Id: executionArnOf(machineArn, name), Name: name },
        StateMachine: { Id: machineArn, Name: `bench-${process.id}` },
        // The engine fills no task token itself; a callback task's Parameters read `$$.Task.Token`.
        Task: { Token: 'bench-task-token' },
      },
    });
    return execution.result.then(
      () => true,
      () => false,
    );
  });
}
