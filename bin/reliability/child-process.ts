import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { QueueId } from '../../lambdas/platform/registry/queues.ts';
import { localClients } from '../../local/runtime/clients.ts';
import type { FaultRule } from '../../local/runtime/faults.ts';
import { localNames } from '../../local/runtime/resources.ts';
import type { Target } from './evidence.ts';

const childEntry = fileURLToPath(new URL('./child.ts', import.meta.url));
const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const region = 'us-east-1';

export interface ChildRuntime {
  readonly process: ChildProcess;
  readonly target: Target;
  readonly approvalsUrl: string;
  readonly sesUrl: string;
  /** Executions found cut off at start-up, and intake objects announced again. */
  readonly interrupted: number;
  readonly reannounced: number;
  readonly incompleteUploadsRemoved: number;
  /** The functions whose `kill` fault fired in this child (it printed `FAULT-KILL <id>` and died). */
  readonly killedBy: readonly string[];
  /** Resolves when the child has exited, whatever ended it. */
  readonly exited: Promise<void>;
}

interface Ready {
  readonly endpoints: Parameters<typeof localClients>[0] & { approvals: string };
  readonly queueUrls: Record<QueueId, string>;
  readonly interrupted: number;
  readonly reannounced: number;
  readonly incompleteUploadsRemoved: number;
}

/** The `Name: message` line of an uncaught error in a child's stderr (else its end), not the code frame. */
function thrown(stderr: string): string {
  return stderr.split('\n').find((line) => /^[A-Z][A-Za-z.]*: /.test(line)) ?? stderr.slice(-300);
}

/** Starts the runtime in a child process on `dataDir` (with fault rules, if given) and resolves once it listens. */
export function startChild(
  dataDir: string,
  options: { readonly faults?: readonly FaultRule[]; readonly timeoutMs?: number } = {},
): Promise<ChildRuntime> {
  const timeoutMs = options.timeoutMs ?? 120_000;
  const args = ['--import', 'tsx', childEntry, dataDir, JSON.stringify(options.faults ?? [])];
  const child = spawn(process.execPath, args, {
    cwd: repoRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: process.env,
  });
  const killedBy: string[] = [];
  // 'close', not 'exit': only then has everything the child printed (its FAULT-KILL line) been read.
  const exited = new Promise<void>((resolve) => child.once('close', () => resolve()));
  return new Promise((resolve, reject) => {
    let buffered = '';
    let ready = false;
    let errors = '';
    const timer = setTimeout(() => reject(new Error('the child runtime did not start in time')), timeoutMs);
    child.stderr?.on('data', (chunk: Buffer) => {
      errors = `${errors}${chunk.toString()}`.slice(-2000);
    });
    const failedToStart = (code: number | null) =>
      reject(new Error(`the child runtime exited (${code}): ${thrown(errors)}`));
    child.on('exit', failedToStart);
    child.stdout?.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const l of lines) if (l.startsWith('FAULT-KILL ')) killedBy.push(l.slice('FAULT-KILL '.length));
      const line = lines.find((l) => l.startsWith('READY '));
      if (!line || ready) return;
      ready = true;
      clearTimeout(timer);
      child.off('exit', failedToStart);
      const announced = JSON.parse(line.slice('READY '.length)) as Ready;
      const names = localNames(region);
      resolve({
        process: child,
        target: {
          clients: localClients(announced.endpoints, region),
          table: names.table,
          bucket: names.bucket,
          queueUrls: announced.queueUrls,
          dataDir,
        },
        approvalsUrl: announced.endpoints.approvals,
        sesUrl: announced.endpoints.ses,
        interrupted: announced.interrupted,
        reannounced: announced.reannounced,
        incompleteUploadsRemoved: announced.incompleteUploadsRemoved,
        killedBy,
        exited,
      });
    });
  });
}

/** Ends a child: SIGKILL (a hard stop, nothing flushed or closed) or SIGTERM (a clean stop). */
export function endChild(child: ChildProcess, signal: 'SIGKILL' | 'SIGTERM'): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill(signal);
  });
}
