import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { rename, writeFile } from 'node:fs/promises';
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
  private readonly writes = new Map<string, Promise<void>>();
  private closed = false;

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

  /**
   * Writes the record off the hot path: one write in flight per execution, the latest state always
   * written last, each as write-then-rename so a crash never leaves a half-written file.
   */
  persist(record: ExecutionRecord): void {
    if (!this.dir || this.closed) return;
    const file = join(this.dir, `${record.name}.json`);
    const previous = this.writes.get(file) ?? Promise.resolve();
    const next = previous
      .then(async () => {
        if (this.closed) return;
        await writeFile(`${file}.tmp`, JSON.stringify(record));
        await rename(`${file}.tmp`, file);
      })
      .catch(() => undefined)
      .finally(() => {
        if (this.writes.get(file) === next) this.writes.delete(file);
      });
    this.writes.set(file, next);
  }

  /** Waits for pending writes, then stops writing (the runtime is stopping). */
  async close(): Promise<void> {
    await Promise.all(this.writes.values());
    this.closed = true;
  }
}
