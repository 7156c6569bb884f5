import { randomUUID } from 'node:crypto';
import { Worker } from 'node:worker_threads';
import type { InvokeResult, LambdaError, LocalFunction } from './invocation.ts';

/**
 * How long the start-up check waits for a function's module to load. Lambda allows an on-demand init
 * 10 s; here every function loads at once on a shared machine, so the check waits long enough to tell a
 * module that hangs from a machine that is busy.
 */
const startCheckTimeoutSeconds = 120;

/** An invocation's outcome, with whether it failed in the init phase (the module's load). */
type Settled = InvokeResult & { readonly init?: boolean };

/** What an environment asks of the host that pools it. */
export interface EnvironmentHost {
  /** Takes the environment out of the pool and ends its worker (it is not reused). */
  discard(env: ExecutionEnvironment): void;
  /** Whether the host is stopping (an environment it ends then did not fail its init). */
  stopping(): boolean;
}

/**
 * One execution environment: a worker thread running one function's bundle, one invocation at a time,
 * with Lambda's timeout and error shape; warm once it has answered.
 */
export class ExecutionEnvironment {
  readonly worker: Worker;
  warm = false;
  private pending?: { id: number; settle: (r: Settled) => void; timer: NodeJS.Timeout };

  constructor(
    fn: LocalFunction,
    workerPath: string,
    private readonly host: EnvironmentHost,
  ) {
    this.worker = new Worker(workerPath, {
      env: { ...fn.environment },
      workerData: { bundlePath: fn.bundlePath, functionName: fn.name, memoryMb: fn.memoryMb },
      stdout: true,
      stderr: true,
      resourceLimits: { maxOldGenerationSizeMb: fn.memoryMb },
    });
    this.worker.on(
      'message',
      (message: { id: number; ok: boolean; init?: boolean; value?: unknown; error?: LambdaError }) => {
        // A failed init leaves nothing to reuse: Lambda initialises a fresh environment next time.
        if (message.init) this.host.discard(this);
        else this.warm = true;
        const pending = this.pending;
        if (!pending || (message.id !== pending.id && message.id !== -1)) return;
        clearTimeout(pending.timer);
        this.pending = undefined;
        pending.settle(
          message.ok
            ? { ok: true, payload: message.value }
            : {
                ok: false,
                init: message.init === true,
                error: message.error ?? { errorType: 'Error', errorMessage: 'unknown' },
              },
        );
      },
    );
    this.worker.on('error', (error) => this.crashed(error.message));
    this.worker.on('exit', (code) => this.crashed(`exit code ${code}`));
  }

  /** Runs one invocation (`id` unique in the host), or with `init` only the module's load. */
  run(id: number, fn: LocalFunction, payload: unknown, kind?: 'init'): Promise<Settled> {
    const seconds = kind === 'init' ? startCheckTimeoutSeconds : fn.timeoutSeconds;
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        // Lambda stops a timed-out environment; the next invocation gets a fresh one.
        this.pending = undefined;
        this.host.discard(this);
        resolve({
          ok: false,
          init: kind === 'init',
          error: {
            errorType: kind === 'init' ? 'Runtime.InitTimeout' : 'Sandbox.Timedout',
            errorMessage: `${kind === 'init' ? 'Init' : 'Task'} timed out after ${seconds}.00 seconds`,
          },
        });
      }, seconds * 1000);
      this.pending = { id, settle: resolve, timer };
      this.worker.postMessage({
        id,
        kind,
        event: payload,
        requestId: randomUUID(),
        deadline: Date.now() + seconds * 1000,
      });
    });
  }

  private crashed(why: string): void {
    this.host.discard(this);
    const pending = this.pending;
    if (!pending) return;
    clearTimeout(pending.timer);
    this.pending = undefined;
    pending.settle({
      ok: false,
      // An environment that never answered did not get through its init phase.
      init: !this.warm && !this.host.stopping(),
      error: {
        errorType: 'Runtime.ExitError',
        errorMessage: `RequestId: the execution environment exited: ${why}`,
      },
    });
  }
}
