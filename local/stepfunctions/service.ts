import { randomUUID } from 'node:crypto';
import { executionArnOf } from '../../lambdas/platform/shared/execution-arn.ts';
import { ServiceError } from './errors.ts';
import type { ExecutionRecord, ExecutionStatus, ExecutionStore } from './executions.ts';
import { type EngineEvent, EngineHistory, executionEnded, executionStarted } from './history-events.ts';
import type { LocalStateMachine } from './local-machine.ts';
import {
  type CreateRequest,
  type MachineEntry,
  type MachineFactory,
  StateMachineRegistry,
} from './state-machines.ts';
import type { HistorySink } from './task-history.ts';
import type { TaskTokenBroker } from './task-tokens.ts';
import { checkArn, checkName } from './validation.ts';

export interface ExecutionEnded {
  readonly executionArn: string;
  readonly stateMachineArn: string;
  readonly status: ExecutionStatus;
}

interface Run {
  readonly id: string;
  readonly abort: () => void;
  timer?: NodeJS.Timeout;
}

/**
 * Step Functions on one machine: executions of the local state machines with AWS's semantics for
 * names (idempotent start, ExecutionAlreadyExists), stop, redrive, the task-token callbacks, and a
 * history in AWS's event shapes.
 */
export class LocalStepFunctions {
  readonly registry: StateMachineRegistry;
  private readonly running = new Map<string, Run>();
  private readonly endListeners: ((event: ExecutionEnded) => void)[] = [];
  private closed = false;

  constructor(
    machines: readonly LocalStateMachine[],
    readonly store: ExecutionStore,
    readonly broker: TaskTokenBroker,
    factory?: MachineFactory,
  ) {
    this.registry = new StateMachineRegistry(machines, factory);
  }

  get stateMachines(): LocalStateMachine[] {
    return this.registry.all;
  }

  onExecutionEnded(listener: (event: ExecutionEnded) => void): void {
    this.endListeners.push(listener);
  }

  createStateMachine(request: CreateRequest): MachineEntry {
    return this.registry.create(request);
  }

  /** DeleteStateMachine: the machine goes, and so do its running executions (stopped, as on AWS). */
  deleteStateMachine(stateMachineArn: unknown): void {
    const machine = this.registry.delete(stateMachineArn);
    if (!machine) return;
    for (const record of this.store.list(machine.arn))
      if (record.status === 'RUNNING') this.stopExecution(record.executionArn);
  }

  startExecution(request: { stateMachineArn?: unknown; name?: unknown; input?: unknown }): ExecutionRecord {
    const stateMachineArn = checkArn(request.stateMachineArn, 'stateMachine');
    const machine = this.registry.find(stateMachineArn)?.machine;
    if (!machine)
      throw new ServiceError(
        'StateMachineDoesNotExist',
        `State Machine Does Not Exist: '${stateMachineArn}'`,
      );
    const name = request.name === undefined || request.name === null ? randomUUID() : String(request.name);
    checkName(name);
    const input = request.input === undefined || request.input === null ? '{}' : String(request.input);
    let parsed: unknown;
    try {
      parsed = JSON.parse(input);
    } catch (error) {
      throw new ServiceError(
        'InvalidExecutionInput',
        `Invalid State Machine Execution Input: '${error instanceof Error ? error.message : 'not JSON'}'`,
      );
    }
    const executionArn = executionArnOf(machine.arn, name);
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
    this.store.append(record, 'ExecutionStarted', executionStarted(input, machine.roleArn));
    this.store.put(record);
    this.launch(machine, record, parsed);
    return record;
  }

  /** Runs a failed, aborted or timed-out execution again under the same ARN (its steps are idempotent). */
  redriveExecution(executionArn: unknown): ExecutionRecord {
    const record = this.describe(executionArn);
    if (record.status === 'RUNNING' || record.status === 'SUCCEEDED') {
      throw new ServiceError(
        'ExecutionNotRedrivable',
        `Execution is ${record.status}: '${record.executionArn}'`,
      );
    }
    const machine = this.registry.find(record.stateMachineArn)?.machine;
    if (!machine) throw new ServiceError('StateMachineDoesNotExist', 'State Machine Does Not Exist');
    Object.assign(record, {
      status: 'RUNNING',
      stopDate: undefined,
      error: undefined,
      cause: undefined,
      output: undefined,
      interruptedAt: undefined,
      redriveDate: Date.now(),
    });
    record.redriveCount += 1;
    this.store.append(record, 'ExecutionRedriven', {
      executionRedrivenEventDetails: { redriveCount: record.redriveCount },
    });
    this.store.put(record);
    this.launch(machine, record, JSON.parse(record.input));
    return record;
  }

  /** DescribeExecution's lookup: InvalidArn for what is no execution ARN, ExecutionDoesNotExist for an unknown one. */
  describe(executionArn: unknown): ExecutionRecord {
    const arn = checkArn(executionArn, 'execution');
    const record = this.store.get(arn);
    if (!record) throw new ServiceError('ExecutionDoesNotExist', `Execution Does Not Exist: '${arn}'`);
    return record;
  }

  stopExecution(executionArn: unknown, error?: string, cause?: string): ExecutionRecord {
    const record = this.describe(executionArn);
    const run = this.running.get(record.executionArn);
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
        RoleArn: machine.roleArn,
        RedriveCount: record.redriveCount,
      },
      StateMachine: { Id: machine.arn, Name: machine.name },
    };
    const id = randomUUID();
    // Events of this run only, and only while it runs: a stopped run's late task events are dropped.
    const current = () => record.status === 'RUNNING' && this.running.get(record.executionArn)?.id === id;
    const sink: HistorySink = (type, details) => {
      if (current()) this.store.append(record, type, details);
    };
    const run = machine.run(input, context, record.executionArn, sink);
    const entry: Run = { id, abort: run.abort };
    const limit = machine.executionTimeoutMs;
    if (limit !== undefined) {
      entry.timer = setTimeout(
        () => {
          this.finish(record, 'TIMED_OUT', { error: 'States.Timeout' });
          run.abort();
        },
        Math.min(limit, 2_147_000_000),
      );
    }
    this.running.set(record.executionArn, entry);
    const followed = this.follow(machine, run.eventLogs as AsyncGenerator<EngineEvent>, current, sink);
    // The engine settles before its last events are read: finish once the history is complete.
    run.result.then(
      async (output) => {
        await followed;
        if (current()) this.finish(record, 'SUCCEEDED', { output: JSON.stringify(output ?? null) });
      },
      async (error: Error & { cause?: { name?: string; message?: string } }) => {
        if (error.name === 'ExecutionAbortedError') return;
        await followed;
        const cause = error.cause;
        if (current())
          this.finish(record, 'FAILED', {
            error: cause?.name ?? error.name,
            cause: cause?.message ?? error.message,
          });
      },
    );
  }

  /** Turns the engine's event log into the execution's history. */
  private async follow(
    machine: LocalStateMachine,
    events: AsyncGenerator<EngineEvent>,
    current: () => boolean,
    sink: HistorySink,
  ): Promise<void> {
    const history = new EngineHistory(machine.definition);
    for await (const event of events) {
      // A stopped or timed-out execution's history ends where it was stopped.
      if (!current()) break;
      for (const [type, details] of history.map(event)) sink(type, details);
    }
  }

  private finish(
    record: ExecutionRecord,
    status: Exclude<ExecutionStatus, 'RUNNING'>,
    outcome: { output?: string; error?: string; cause?: string },
  ): void {
    if (record.status !== 'RUNNING') return;
    if (this.closed) return;
    const run = this.running.get(record.executionArn);
    clearTimeout(run?.timer);
    this.running.delete(record.executionArn);
    Object.assign(record, { status, stopDate: Date.now(), ...outcome });
    const [type, details] = executionEnded(status, outcome);
    this.store.append(record, type, details);
    this.store.put(record);
    this.broker.cancelExecution(record.executionArn);
    for (const listener of this.endListeners)
      listener({ executionArn: record.executionArn, stateMachineArn: record.stateMachineArn, status });
  }
}
