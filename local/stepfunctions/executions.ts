import { mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export type ExecutionStatus = 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'ABORTED';

/** One history event, in the shape GetExecutionHistory returns (timestamps as epoch milliseconds here). */
export interface HistoryEvent {
  readonly id: number;
  readonly previousEventId: number;
  readonly timestamp: number;
  readonly type: string;
  readonly [details: string]: unknown;
}

export interface ExecutionRecord {
  readonly executionArn: string;
  readonly stateMachineArn: string;
  readonly name: string;
  status: ExecutionStatus;
  readonly input: string;
  output?: string;
  error?: string;
  cause?: string;
  startDate: number;
  stopDate?: number;
  redriveCount: number;
  /** Set when the local runtime stopped while this execution ran: its in-memory state was lost. */
  interruptedAt?: number;
  events: HistoryEvent[];
}

/**
 * Executions and their histories, in memory and in `<dir>/<name>.json` (written when an execution
 * starts and when it ends), so a restart keeps finished executions and knows which were cut off.
 */
export class ExecutionStore {
  private readonly byArn = new Map<string, ExecutionRecord>();

  constructor(private readonly dir?: string) {
    if (!dir) return;
    mkdirSync(dir, { recursive: true });
    for (const file of readdirSync(dir)) {
      if (!file.endsWith('.json')) continue;
      try {
        const record = JSON.parse(readFileSync(join(dir, file), 'utf8')) as ExecutionRecord;
        this.byArn.set(record.executionArn, record);
      } catch {
        // A file cut off mid-write by a crash: the execution is treated as lost.
      }
    }
  }

  get(executionArn: string): ExecutionRecord | undefined {
    return this.byArn.get(executionArn);
  }

  list(stateMachineArn?: string): ExecutionRecord[] {
    const all = [...this.byArn.values()];
    return (stateMachineArn ? all.filter((e) => e.stateMachineArn === stateMachineArn) : all).sort(
      (a, b) => b.startDate - a.startDate,
    );
  }

  put(record: ExecutionRecord): void {
    this.byArn.set(record.executionArn, record);
    this.persist(record);
  }

  append(
    record: ExecutionRecord,
    type: string,
    details: Record<string, unknown> = {},
    timestamp = Date.now(),
  ): HistoryEvent {
    const previous = record.events.at(-1);
    const event: HistoryEvent = {
      id: (previous?.id ?? 0) + 1,
      previousEventId: previous?.id ?? 0,
      timestamp,
      type,
      ...details,
    };
    record.events.push(event);
    return event;
  }

  persist(record: ExecutionRecord): void {
    if (!this.dir) return;
    const file = join(this.dir, `${record.name}.json`);
    // Write then rename, so a crash never leaves a half-written file behind.
    writeFileSync(`${file}.tmp`, JSON.stringify(record));
    renameSync(`${file}.tmp`, file);
  }
}
