import { StateMachine } from 'aws-local-stepfunctions';
import { type AslDefinition, allStates, valueAtPath } from './definition.ts';
import { statesTimeout } from './errors.ts';
import {
  type Integration,
  type IntegrationDeps,
  integrationFor,
  isSynchronousLambda,
  withTimeout,
} from './integrations.ts';
import { type HistorySink, TaskAttemptHistory, type TaskResource, taskResourceOf } from './task-history.ts';

/**
 * Time in the local engine: 1 is real time; 0.001 makes a one-day SLA last 86 seconds. It scales what
 * waits (callback-task timeouts and heartbeats, Wait states, retry intervals, the execution timeout);
 * tasks that run code keep their real timeouts, since the code runs in real time.
 */
export interface Clock {
  readonly scale: number;
}

interface TaskPlan {
  readonly integration: Integration;
  readonly resource: TaskResource;
  readonly waitsForCallback: boolean;
  /** A synchronous Lambda invoke: its timeout counts from when an environment takes it. */
  readonly startsInEnvironment: boolean;
  readonly timeoutSeconds?: number;
  readonly timeoutPath?: string;
  readonly heartbeatSeconds?: number;
}

export class UnmappedTaskError extends Error {
  constructor(machine: string, states: readonly string[]) {
    super(`State machine ${machine} has Task states with no local integration: ${states.join(', ')}`);
    this.name = 'UnmappedTaskError';
  }
}

// Engine timers above 2^31 ms fire at once, so timeouts are enforced by the runner instead.
const engineTaskTimeoutSeconds = 2_000_000;
const timeoutKey = '__towerTimeoutSeconds';
export const taskTokenPlaceholder = '__tower_task_token__';
const defaultTaskTimeoutSeconds = 99_999_999;
/** The role a local state machine runs as unless it is given one (ExecutionStarted names it). */
export const localStateMachineRole = 'arn:aws:iam::000000000000:role/tower-local';

export interface LocalStateMachineOptions {
  /** The execution role, as CreateStateMachine's `roleArn`. @default localStateMachineRole */
  readonly roleArn?: string;
}

// The engine logs a state's entry before it calls the state's handler, and its log is read a few
// microtasks later; a macrotask turn lets the entry land in history before the task's own events.
const engineLogRead = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * One state machine prepared for the local engine. The ASL file is not touched; the engine gets a copy
 * in which the runner, not the engine, enforces task and execution timeouts (scaled by the clock),
 * and every Task state runs through its local integration.
 */
export class LocalStateMachine {
  readonly definition: AslDefinition;
  private readonly engine: StateMachine;
  private readonly tasks = new Map<string, TaskPlan>();
  private readonly retryOverrides: Record<string, number[]> = {};
  private readonly waitOverrides: Record<string, number> = {};
  readonly roleArn: string;
  readonly region: string;

  constructor(
    readonly arn: string,
    readonly name: string,
    readonly definitionText: string,
    deps: IntegrationDeps,
    readonly clock: Clock,
    options: LocalStateMachineOptions = {},
  ) {
    this.roleArn = options.roleArn ?? localStateMachineRole;
    this.region = arn.split(':')[3] ?? 'us-east-1';
    this.definition = JSON.parse(definitionText) as AslDefinition;
    const unmapped: string[] = [];
    for (const [stateName, state] of allStates(this.definition)) {
      if (state.Type === 'Task') {
        const integration = state.Resource ? integrationFor(state.Resource, deps) : undefined;
        if (!integration) unmapped.push(`${stateName} (${state.Resource ?? 'no Resource'})`);
        else
          this.tasks.set(stateName, {
            integration,
            resource: taskResourceOf(state.Resource ?? ''),
            waitsForCallback: (state.Resource ?? '').endsWith('.waitForTaskToken'),
            startsInEnvironment: isSynchronousLambda(state.Resource ?? ''),
            timeoutSeconds: state.TimeoutSeconds,
            timeoutPath: state.TimeoutSecondsPath,
            heartbeatSeconds: state.HeartbeatSeconds,
          });
      }
      if (clock.scale !== 1 && state.Retry) {
        this.retryOverrides[stateName] = state.Retry.map((r) =>
          Math.round((r.IntervalSeconds ?? 1) * 1000 * clock.scale),
        );
      }
      if (clock.scale !== 1 && state.Type === 'Wait' && typeof state.Seconds === 'number') {
        this.waitOverrides[stateName] = Math.round(state.Seconds * 1000 * clock.scale);
      }
    }
    if (unmapped.length > 0) throw new UnmappedTaskError(name, unmapped);
    const engineCopy = rewrite(this.definition);
    // Validated once here; each run then skips validation.
    new StateMachine(engineCopy as never, { validationOptions: { checkArn: true, checkPaths: true } });
    this.engine = new StateMachine(engineCopy as never, { validationOptions: { noValidate: true } });
  }

  /** The execution timeout in scaled milliseconds, if the definition sets one. */
  get executionTimeoutMs(): number | undefined {
    const seconds = this.definition.TimeoutSeconds;
    return seconds === undefined ? undefined : seconds * 1000 * this.clock.scale;
  }

  /** Runs one execution; its tasks' events go to `history` (the engine's own log is read by the caller). */
  run(input: unknown, context: Record<string, unknown>, executionArn: string, history: HistorySink) {
    const handlers: Record<string, (input: unknown) => Promise<unknown>> = {};
    for (const [stateName, plan] of this.tasks) {
      handlers[stateName] = async (taskInput) => {
        await engineLogRead();
        return this.runTask(stateName, plan, taskInput, executionArn, history);
      };
    }
    return this.engine.run(input as never, {
      overrides: {
        taskResourceLocalHandlers: handlers as never,
        retryIntervalOverrides: this.retryOverrides,
        waitTimeOverrides: this.waitOverrides,
      },
      context: { ...context, Task: { Token: taskTokenPlaceholder } },
    });
  }

  private async runTask(
    stateName: string,
    plan: TaskPlan,
    rawInput: unknown,
    executionArn: string,
    sink: HistorySink,
  ): Promise<unknown> {
    let input = rawInput;
    let seconds = plan.timeoutSeconds;
    if (plan.timeoutPath) {
      const { [timeoutKey]: fromPath, ...rest } = (rawInput ?? {}) as Record<string, unknown>;
      const value = fromPath ?? valueAtPath(rawInput, plan.timeoutPath);
      if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
        throw Object.assign(new Error(`TimeoutSecondsPath ${plan.timeoutPath} is not a positive integer`), {
          name: 'States.Runtime',
        });
      }
      seconds = value;
      if (fromPath !== undefined) input = rest;
    }
    const history = new TaskAttemptHistory(sink, plan.resource, this.region, {
      timeoutSeconds: seconds,
      heartbeatSeconds: plan.heartbeatSeconds,
    });
    const scale = plan.waitsForCallback ? this.clock.scale : 1;
    const timeoutMs = (seconds ?? defaultTaskTimeoutSeconds) * 1000 * scale;
    const heartbeatMs = plan.heartbeatSeconds ? plan.heartbeatSeconds * 1000 * scale : undefined;
    // On AWS a synchronous invoke never queues for an environment (it is cold-started or throttled),
    // so locally the timeout of a Lambda task counts from when an environment takes it.
    let began: () => void = () => {};
    const beginning = plan.startsInEnvironment
      ? new Promise<void>((resolve) => {
          began = resolve;
        })
      : undefined;
    const work = plan.integration({
      executionArn,
      stateName,
      input,
      timeoutMs,
      heartbeatMs,
      tokenPlaceholder: taskTokenPlaceholder,
      began: () => began(),
      history,
    });
    try {
      const output = await withTimeout(work, timeoutMs, beginning);
      history.succeeded(output);
      return output;
    } catch (error) {
      const { name, message } =
        error instanceof Error ? error : { name: 'States.TaskFailed', message: String(error) };
      // AWS records a task timeout without a cause.
      if (name === statesTimeout) history.timedOut(name, undefined);
      else history.failed(name, message);
      throw error;
    }
  }
}

/** The engine's copy: no task or execution timeouts of its own; TimeoutSecondsPath resolved through Parameters. */
function rewrite(definition: AslDefinition): AslDefinition {
  const copy = structuredClone(definition) as AslDefinition & { TimeoutSeconds?: number };
  delete copy.TimeoutSeconds;
  for (const [, state] of allStates(copy)) {
    if (state.Type !== 'Task') continue;
    const s = state as Record<string, unknown>;
    if (
      typeof s.TimeoutSecondsPath === 'string' &&
      s.Parameters !== null &&
      typeof s.Parameters === 'object' &&
      !Array.isArray(s.Parameters)
    ) {
      s.Parameters = {
        ...(s.Parameters as Record<string, unknown>),
        [`${timeoutKey}.$`]: s.TimeoutSecondsPath,
      };
    }
    delete s.TimeoutSecondsPath;
    delete s.HeartbeatSeconds;
    delete s.HeartbeatSecondsPath;
    s.TimeoutSeconds = engineTaskTimeoutSeconds;
  }
  return copy;
}
