import { createWriteStream, mkdirSync, type WriteStream } from 'node:fs';
import { availableParallelism } from 'node:os';
import { isAbsolute, join } from 'node:path';
import { inPool } from '../runtime/pool.ts';
import { type EnvironmentHost, ExecutionEnvironment } from './environment.ts';
import type {
  EnvironmentFailure,
  InvocationInterceptor,
  InvocationRecord,
  InvokeOptions,
  InvokeResult,
  LambdaError,
  LocalFunction,
} from './invocation.ts';

/**
 * Runs each function in its own worker threads (one execution environment per concurrent invocation),
 * kept warm and reused, with Lambda's timeout and error shape; records cold/warm and duration.
 */
export class LambdaHost {
  private readonly byName = new Map<string, LocalFunction>();
  private readonly idle = new Map<string, ExecutionEnvironment[]>();
  private readonly busy = new Map<string, number>();
  private readonly waiting = new Map<string, (() => void)[]>();
  private readonly logs = new Map<string, WriteStream>();
  private readonly all = new Set<ExecutionEnvironment>();
  private readonly failureListeners: ((failure: EnvironmentFailure) => void)[] = [];
  readonly invocations: InvocationRecord[] = [];
  /** Every environment that could not start or load its module, oldest first. */
  readonly environmentFailures: EnvironmentFailure[] = [];
  private nextId = 1;
  private stopping = false;
  interceptor?: InvocationInterceptor;
  /** What its environments ask of the host: to leave the pool, and whether it is stopping. */
  private readonly environmentHost: EnvironmentHost = {
    discard: (env) => this.discard(env),
    stopping: () => this.stopping,
  };

  constructor(
    functions: readonly LocalFunction[],
    private readonly workerPath: string,
    private readonly logDir: string,
  ) {
    // Node refuses a worker path that is relative without './' (ERR_WORKER_PATH); callers resolve theirs.
    if (!isAbsolute(workerPath))
      throw new Error(`LambdaHost: the worker path must be absolute, got ${workerPath}`);
    mkdirSync(logDir, { recursive: true });
    for (const fn of functions) {
      this.byName.set(fn.name, fn);
      this.idle.set(fn.name, []);
    }
  }

  get functions(): LocalFunction[] {
    return [...this.byName.values()];
  }

  /** Called for every environment that cannot start or load its module. */
  onEnvironmentFailure(listener: (failure: EnvironmentFailure) => void): void {
    this.failureListeners.push(listener);
  }

  /**
   * The start-up check: starts one environment per function and runs its init phase (the bundle's
   * module load), then stops it, so the first invocation is still a cold start. Returns what failed.
   */
  async verify(): Promise<EnvironmentFailure[]> {
    // As many loads at once as there are cores: more only makes each slower.
    const outcomes = await inPool(this.functions, availableParallelism(), async (fn) => {
      const env = this.trySpawn(fn);
      if ('failure' in env) return env.failure;
      const result = await env.env.run(this.nextId++, fn, undefined, 'init');
      this.discard(env.env);
      return result.ok ? undefined : this.failed(fn, 'init', result.error);
    });
    return outcomes.filter((f): f is EnvironmentFailure => f !== undefined);
  }

  /** The function a name or ARN refers to. */
  resolve(nameOrArn: string): LocalFunction | undefined {
    return this.byName.get(nameOrArn.split(':function:').pop()?.split(':')[0] ?? nameOrArn);
  }

  async invoke(nameOrArn: string, payload: unknown, options: InvokeOptions = {}): Promise<InvokeResult> {
    const fn = this.resolve(nameOrArn);
    if (!fn)
      return {
        ok: false,
        error: { errorType: 'ResourceNotFoundException', errorMessage: `Function not found: ${nameOrArn}` },
      };
    const proceed = () => this.execute(fn, payload, options);
    return (await this.interceptor?.(fn, payload, proceed)) ?? proceed();
  }

  private async execute(fn: LocalFunction, payload: unknown, options: InvokeOptions): Promise<InvokeResult> {
    await this.acquire(fn);
    // A stopped host starts no environment: an invocation that waited for one ends here.
    if (this.stopping) {
      this.release(fn);
      return {
        ok: false,
        error: { errorType: 'Local.HostStopped', errorMessage: 'the local runtime is stopping' },
      };
    }
    options.onStart?.();
    const startedAt = Date.now();
    const idle = this.idle.get(fn.name)?.pop();
    const spawned = idle ? { env: idle } : this.trySpawn(fn);
    if ('failure' in spawned) {
      this.release(fn);
      const { errorType, errorMessage } = spawned.failure;
      return { ok: false, error: { errorType, errorMessage } };
    }
    const env = spawned.env;
    const cold = !env.warm;
    try {
      const settled = await env.run(this.nextId++, fn, payload);
      if (!settled.ok && settled.init) this.failed(fn, 'init', settled.error);
      const result: InvokeResult = settled.ok
        ? { ok: true, payload: settled.payload }
        : { ok: false, error: settled.error };
      this.invocations.push({
        functionId: fn.id,
        cold,
        startedAt,
        durationMs: Date.now() - startedAt,
        ok: result.ok,
        errorType: result.ok ? undefined : result.error.errorType,
      });
      return result;
    } finally {
      if (this.all.has(env)) this.idle.get(fn.name)?.push(env);
      this.release(fn);
    }
  }

  async stop(): Promise<void> {
    // Environments end here because the host stops, not because they could not start.
    this.stopping = true;
    // Invocations waiting for a free environment are let through, to end at the check above.
    for (const waiters of this.waiting.values()) for (const wake of waiters.splice(0)) wake();
    await Promise.all([...this.all].map((env) => env.worker.terminate()));
    this.all.clear();
    for (const stream of this.logs.values()) stream.end();
  }

  /** A new environment, or the reason it could not start (recorded and reported). */
  private trySpawn(fn: LocalFunction): { env: ExecutionEnvironment } | { failure: EnvironmentFailure } {
    try {
      return { env: this.spawn(fn) };
    } catch (error) {
      const e = error instanceof Error ? error : new Error(String(error));
      return {
        failure: this.failed(fn, 'start', {
          errorType: 'Local.EnvironmentNotStarted',
          errorMessage: `${(e as { code?: string }).code ?? e.name}: ${e.message}`,
        }),
      };
    }
  }

  private failed(
    fn: LocalFunction,
    phase: EnvironmentFailure['phase'],
    error?: LambdaError,
  ): EnvironmentFailure {
    const failure: EnvironmentFailure = {
      functionId: fn.id,
      functionName: fn.name,
      phase,
      errorType: error?.errorType ?? 'Runtime.Unknown',
      errorMessage: error?.errorMessage ?? 'unknown',
      at: new Date().toISOString(),
    };
    this.environmentFailures.push(failure);
    for (const listener of this.failureListeners) listener(failure);
    return failure;
  }

  private spawn(fn: LocalFunction): ExecutionEnvironment {
    const env = new ExecutionEnvironment(fn, this.workerPath, this.environmentHost);
    const log = this.logFor(fn);
    env.worker.stdout.pipe(log, { end: false });
    env.worker.stderr.pipe(log, { end: false });
    this.all.add(env);
    return env;
  }

  private discard(env: ExecutionEnvironment): void {
    if (!this.all.delete(env)) return;
    for (const list of this.idle.values()) {
      const i = list.indexOf(env);
      if (i >= 0) list.splice(i, 1);
    }
    void env.worker.terminate();
  }

  private async acquire(fn: LocalFunction): Promise<void> {
    while (!this.stopping && (this.busy.get(fn.name) ?? 0) >= fn.concurrency) {
      await new Promise<void>((resolve) =>
        this.waiting.set(fn.name, [...(this.waiting.get(fn.name) ?? []), resolve]),
      );
    }
    this.busy.set(fn.name, (this.busy.get(fn.name) ?? 0) + 1);
  }

  private release(fn: LocalFunction): void {
    this.busy.set(fn.name, (this.busy.get(fn.name) ?? 1) - 1);
    const next = this.waiting.get(fn.name)?.shift();
    next?.();
  }

  private logFor(fn: LocalFunction): WriteStream {
    let stream = this.logs.get(fn.name);
    if (!stream) {
      stream = createWriteStream(join(this.logDir, `${fn.id}.log`), { flags: 'a' });
      // Every environment of the function pipes into this one stream.
      stream.setMaxListeners(0);
      this.logs.set(fn.name, stream);
    }
    return stream;
  }
}
