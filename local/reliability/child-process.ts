import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { QueueId } from '../../lambdas/platform/registry/queues.ts';
import { localClients } from '../clients.ts';
import { localNames } from '../resources.ts';
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

/** Starts the runtime in a child process on `dataDir` and resolves once it listens. */
export function startChild(dataDir: string, timeoutMs = 120_000): Promise<ChildRuntime> {
  const child = spawn(process.execPath, ['--import', 'tsx', childEntry, dataDir], {
    cwd: repoRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
  });
  return new Promise((resolve, reject) => {
    let buffered = '';
    let errors = '';
    const timer = setTimeout(() => reject(new Error('the child runtime did not start in time')), timeoutMs);
    child.stderr?.on('data', (chunk: Buffer) => {
      errors = `${errors}${chunk.toString()}`.slice(-2000);
    });
    child.on('exit', (code) => reject(new Error(`the child runtime exited (${code}): ${thrown(errors)}`)));
    child.stdout?.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const line = buffered.split('\n').find((l) => l.startsWith('READY '));
      if (!line) return;
      clearTimeout(timer);
      const ready = JSON.parse(line.slice('READY '.length)) as Ready;
      const names = localNames(region);
      resolve({
        process: child,
        target: {
          clients: localClients(ready.endpoints, region),
          table: names.table,
          bucket: names.bucket,
          queueUrls: ready.queueUrls,
          dataDir,
        },
        approvalsUrl: ready.endpoints.approvals,
        sesUrl: ready.endpoints.ses,
        interrupted: ready.interrupted,
        reannounced: ready.reannounced,
        incompleteUploadsRemoved: ready.incompleteUploadsRemoved,
      });
    });
  });
}

/** Ends a child: SIGKILL (a hard stop, nothing flushed or closed) or SIGTERM (a clean stop). */
export function endChild(child: ChildProcess, signal: 'SIGKILL' | 'SIGTERM'): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.removeAllListeners('exit');
    child.once('exit', () => resolve());
    child.kill(signal);
  });
}
