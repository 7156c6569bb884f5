import { randomUUID } from 'node:crypto';
import { ServiceError } from './errors.ts';
import type { ExecutionRecord, ExecutionStatus, ExecutionStore } from './executions.ts';
import type { LocalStateMachine } from './local-machine.ts';
import type { TaskTokenBroker } from './task-tokens.ts';

export interface ExecutionEnded {
  readonly executionArn: string;
  readonly stateMachineArn: string;
  readonly status: ExecutionStatus;
}

interface EngineEvent {
  readonly type: string;
  readonly timestamp: number;
  readonly state?: { readonly name: string; readonly type: string };
  readonly Error?: string;
  readonly Cause?: unknown;
  readonly index?: number;
}

const namePattern = /^[A-Za-z0-9_-]{1,80}$/;

/**
 * Step Functions on one machine: executions of the local state machines with AWS's semantics for
 * names (idempotent start, ExecutionAlreadyExists), stop, redrive and the task-token callbacks.
 */
export class LocalStepFunctions {
  private readonly machines = new Map<string, LocalStateMachine>();
  private readonly running = new Map<
    string,
    { abort: () => void; timer?: NodeJS.Timeout; timedOut?: boolean }
  >();
  private readonly endListeners: ((event: ExecutionEnded) => void)[] = [];
  private closed = false;

  constructor(
    machines: readonly LocalStateMachine[],
    readonly store: ExecutionStore,
    readonly broker: TaskTokenBroker,
  ) {
    for (const m of machines) this.machines.set(m.arn, m);
  }

  get stateMachines(): LocalStateMachine[] {
    return [...this.machines.values()];
  }

  onExecutionEnded(listener: (event: ExecutionEnded) => void): void {
    this.endListeners.push(listener);
  }

  startExecution(request: { stateMachineArn?: string; name?: string; input?: string }): ExecutionRecord {
    const machine = this.machines.get(request.stateMachineArn ?? '');
    if (!machine)
      throw new ServiceError(
        'StateMachineDoesNotExist',
        `State Machine Does Not Exist: '${request.stateMachineArn}'`,
      );
    const name = request.name ?? randomUUID();
    if (!namePattern.test(name)) throw new ServiceError('InvalidName', `Invalid Name: '${name}'`);
    const input = request.input ?? '{}';
    let parsed: unknown;
    try {
      parsed = JSON.parse(input);
    } catch {
      throw new ServiceError('InvalidExecutionInput', 'Invalid execution input: not JSON');
    }
    const executionArn = `${machine.arn.replace(':stateMachine:', ':execution:')}:${name}`;
    const existing = this.store.get(executionArn);
    if (existing) {
      // As on AWS: the same name and input while running is the same execution; anything else is a conflict.
      if (existing.status === 'RUNNING' && existing.input === input) return existing;
      throw new ServiceError('ExecutionAlreadyExists', `Execution Already Exists: '${executionArn}'`);
    }
    const record: ExecutionRecord = {
      executionArn,
      stateMachineArn: machine.arn,
      name,
      status: 'RUNNING',
      input,
      startDate: Date.now(),
      redriveCount: 0,
      events: [],
    };
    this.store.append(record, 'ExecutionStarted', { executionStartedEventDetails: { input } });
    this.store.put(record);
    this.launch(machine, record, parsed);
    return record;
  }

  /** Runs a failed, aborted or timed-out execution again under the same ARN (its steps are idempotent). */
  redriveExecution(executionArn: string): ExecutionRecord {
    const record = this.describe(executionArn);
    if (record.status === 'RUNNING' || record.status === 'SUCCEEDED') {
      throw new ServiceError('ExecutionNotRedrivable', `Execution is ${record.status}: '${executionArn}'`);
    }
    const machine = this.machines.get(record.stateMachineArn);
    if (!machine) throw new ServiceError('StateMachineDoesNotExist', 'State Machine Does Not Exist');
    Object.assign(record, {
      status: 'RUNNING',
      stopDate: undefined,
      error: undefined,
      cause: undefined,
      output: undefined,
      interruptedAt: undefined,
    });
    record.redriveCount += 1;
    this.store.append(record, 'ExecutionRedriven', {
      executionRedrivenEventDetails: { redriveCount: record.redriveCount },
    });
    this.store.put(record);
    this.launch(machine, record, JSON.parse(record.input));
    return record;
  }

  describe(executionArn: string): ExecutionRecord {
    const record = this.store.get(executionArn);
    if (!record)
      throw new ServiceError('ExecutionDoesNotExist', `Execution Does Not Exist: '${executionArn}'`);
    return record;
  }

  stopExecution(executionArn: string, error?: string, cause?: string): ExecutionRecord {
    const record = this.describe(executionArn);
    const run = this.running.get(executionArn);
    if (record.status !== 'RUNNING' || !run) return record;
    this.finish(record, 'ABORTED', { error, cause });
    run.abort();
    return record;
  }

  /**
   * Stops the engine for a runtime shutdown: running executions are abandoned as they are (their files
   * still say RUNNING, so the next start marks and resumes them), and nothing is written afterwards.
   */
  async shutdown(): Promise<void> {
    this.closed = true;
    await this.store.close();
    for (const run of this.running.values()) {
      clearTimeout(run.timer);
      run.abort();
    }
    this.running.clear();
  }

  /** Executions that were running when the runtime last stopped: their in-memory state is gone. */
  interrupted(): ExecutionRecord[] {
    return this.store.list().filter((e) => e.status === 'RUNNING' && !this.running.has(e.executionArn));
  }

  /** Marks an interrupted execution as aborted, with why, so nobody mistakes it for a live one. */
  markInterrupted(record: ExecutionRecord): void {
    record.interruptedAt = Date.now();
    this.finish(record, 'ABORTED', {
      error: 'Local.RuntimeStopped',
      cause: 'the local runtime stopped while this execution was running; its in-flight state was lost',
    });
  }

  private launch(machine: LocalStateMachine, record: ExecutionRecord, input: unknown): void {
    const context = {
      Execution: {
        Id: record.executionArn,
        Name: record.name,
        RoleArn: 'arn:aws:iam::000000000000:role/tower-local',
        RedriveCount: record.redriveCount,
      },
      StateMachine: { Id: machine.arn, Name: machine.name },
    };
    const run = machine.run(input, context, record.executionArn);
    const entry: { abort: () => void; timer?: NodeJS.Timeout; timedOut?: boolean } = { abort: run.abort };
    const limit = machine.executionTimeoutMs;
    if (limit !== undefined) {
      entry.timer = setTimeout(
        () => {
          entry.timedOut = true;
          this.finish(record, 'TIMED_OUT', { error: 'States.Timeout', cause: 'the execution timed out' });
          run.abort();
        },
        Math.min(limit, 2_147_000_000),
      );
    }
    this.running.set(record.executionArn, entry);
    const followed = this.follow(record, run.eventLogs as AsyncGenerator<EngineEvent>);
    // The engine settles before its last events are read: finish once the history is complete.
    run.result.then(
      async (output) => {
        await followed;
        this.finish(record, 'SUCCEEDED', { output: JSON.stringify(output ?? null) });
      },
      async (error: Error & { cause?: { name?: string; message?: string } }) => {
        if (error.name === 'ExecutionAbortedError') return;
        await followed;
        const cause = error.cause;
        this.finish(record, 'FAILED', {
          error: cause?.name ?? error.name,
          cause: cause?.message ?? error.message,
        });
      },
    );
  }

  /** Turns the engine's event log into the execution's history. */
  private async follow(record: ExecutionRecord, events: AsyncGenerator<EngineEvent>): Promise<void> {
    for await (const event of events) {
      // A stopped or timed-out execution's history ends where it was stopped.
      if (record.status === 'ABORTED' || record.status === 'TIMED_OUT') break;
      const name = event.state?.name;
      const type = event.state?.type ?? '';
      switch (event.type) {
        case 'StateEntered':
          this.store.append(
            record,
            `${type}StateEntered`,
            { stateEnteredEventDetails: { name } },
            event.timestamp,
          );
          break;
        case 'StateExited':
          this.store.append(
            record,
            `${type}StateExited`,
            { stateExitedEventDetails: { name } },
            event.timestamp,
          );
          break;
        case 'StateFailed':
          this.store.append(
            record,
            type === 'Task' ? 'TaskFailed' : `${type}StateFailed`,
            { taskFailedEventDetails: { name, error: event.Error, cause: String(event.Cause ?? '') } },
            event.timestamp,
          );
          break;
        case 'StateRetried':
          this.store.append(record, 'TaskRetried', { taskRetriedEventDetails: { name } }, event.timestamp);
          break;
        case 'StateCaught':
          this.store.append(record, 'TaskCaught', { taskCaughtEventDetails: { name } }, event.timestamp);
          break;
        case 'MapIterationStarted':
        case 'MapIterationSucceeded':
        case 'MapIterationFailed':
          this.store.append(
            record,
            event.type,
            { mapIterationEventDetails: { name, index: event.index } },
            event.timestamp,
          );
          break;
        default:
          break;
      }
    }
  }

  private finish(
    record: ExecutionRecord,
    status: ExecutionStatus,
    outcome: { output?: string; error?: string; cause?: string },
  ): void {
    if (record.status !== 'RUNNING') return;
    if (this.closed) return;
    const run = this.running.get(record.executionArn);
    clearTimeout(run?.timer);
    this.running.delete(record.executionArn);
    Object.assign(record, { status, stopDate: Date.now(), ...outcome });
    const type = {
      SUCCEEDED: 'ExecutionSucceeded',
      FAILED: 'ExecutionFailed',
      ABORTED: 'ExecutionAborted',
      TIMED_OUT: 'ExecutionTimedOut',
      RUNNING: 'ExecutionStarted',
    }[status];
    this.store.append(
      record,
      type,
      status === 'SUCCEEDED'
        ? { executionSucceededEventDetails: { output: outcome.output } }
        : { executionFailedEventDetails: { error: outcome.error, cause: outcome.cause } },
    );
    this.store.put(record);
    this.broker.cancelExecution(record.executionArn);
    for (const listener of this.endListeners)
      listener({ executionArn: record.executionArn, stateMachineArn: record.stateMachineArn, status });
  }
}
