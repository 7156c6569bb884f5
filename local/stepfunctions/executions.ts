import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { HistoryEventType, HistoryEvent as SdkHistoryEvent } from '@aws-sdk/client-sfn';
import { percentEncode } from '../runtime/safe-names.ts';

export type ExecutionStatus = 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'ABORTED';

/** The details an event carries: each AWS event type's own `…EventDetails` member, typed as the SDK types it. */
export type HistoryEventDetails = Omit<SdkHistoryEvent, 'timestamp' | 'type' | 'id' | 'previousEventId'>;

/** One history event, in the shape GetExecutionHistory returns (timestamps as epoch milliseconds here). */
export type HistoryEvent = HistoryEventDetails & {
  readonly id: number;
  readonly previousEventId: number;
  readonly timestamp: number;
  readonly type: HistoryEventType;
};

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
  redriveDate?: number;
  /** Set when the local runtime stopped while this execution ran: its in-memory state was lost. */
  interruptedAt?: number;
  events: HistoryEvent[];
}

/**
 * The file an execution is kept in: state machine and execution name, each percent-encoded (execution
 * names may hold `.`, `+`, `@` and non-ASCII letters; two machines may share an execution name).
 */
export function executionFileName(
  record: Pick<ExecutionRecord, 'executionArn' | 'stateMachineArn' | 'name'>,
): string {
  const machine = record.stateMachineArn.split(':').slice(6).join(':');
  const base = `${percentEncode(machine)}.${percentEncode(record.name)}`;
  // File names stop at 255 bytes; a long name keeps a readable start and a hash of the whole ARN.
  if (base.length <= 200) return `${base}.json`;
  const hash = createHash('sha256').update(record.executionArn).digest('hex').slice(0, 16);
  return `${base.slice(0, 150)}~${hash}.json`;
}

/**
 * Executions and their histories, in memory and in `<dir>/<machine>.<name>.json` (written when an
 * execution starts and when it ends), so a restart keeps finished executions and knows which were cut off.
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
      let record: ExecutionRecord;
      try {
        record = JSON.parse(readFileSync(join(dir, file), 'utf8')) as ExecutionRecord;
      } catch {
        // A file cut off mid-write by a crash: the execution is treated as lost.
        continue;
      }
      const canonical = executionFileName(record);
      if (file !== canonical) {
        // An earlier version named files `<name>.json`; the current name wins when both exist.
        if (existsSync(join(dir, canonical))) {
          rmSync(join(dir, file));
          continue;
        }
        renameSync(join(dir, file), join(dir, canonical));
      }
      this.byArn.set(record.executionArn, record);
    }
  }

  get(executionArn: string): ExecutionRecord | undefined {
    return this.byArn.get(executionArn);
  }

  /** Newest first, as ListExecutions orders them. */
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

  /** Appends an event: ids count from 1, each event naming the one before it. */
  append(
    record: ExecutionRecord,
    type: HistoryEventType,
    details: HistoryEventDetails = {},
    timestamp = Date.now(),
  ): HistoryEvent {
    const previous = record.events.at(-1);
    const event: HistoryEvent = {
      id: (previous?.id ?? 0) + 1,
      previousEventId: previous?.id ?? 0,
      timestamp: Math.max(timestamp, previous?.timestamp ?? 0),
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
    const file = join(this.dir, executionFileName(record));
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
