import { randomUUID } from 'node:crypto';
import { createWriteStream, mkdirSync, type WriteStream } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';

/** A function as deployed locally: its bundle, its own environment, its limits. */
export interface LocalFunction {
  readonly id: string;
  readonly name: string;
  readonly bundlePath: string;
  readonly environment: Readonly<Record<string, string>>;
  readonly timeoutSeconds: number;
  readonly memoryMb: number;
  /** Concurrent executions; more invocations wait for a free environment. */
  readonly concurrency: number;
}

export interface LambdaError {
  readonly errorType: string;
  readonly errorMessage: string;
  readonly trace?: readonly string[];
}

export type InvokeResult =
  | { readonly ok: true; readonly payload: unknown }
  | { readonly ok: false; readonly error: LambdaError };

export interface InvocationRecord {
  readonly functionId: string;
  readonly cold: boolean;
  readonly startedAt: number;
  readonly durationMs: number;
  readonly ok: boolean;
  readonly errorType?: string;
}

export interface InvokeOptions {
  /** Called when an environment takes the invocation (after any wait for a free one). */
  readonly onStart?: () => void;
}

/**
 * Fault injection's hook: may replace an invocation's outcome, run it (`proceed`) and then lose its
 * answer, or return undefined to let it run normally.
 */
export type InvocationInterceptor = (
  fn: LocalFunction,
  payload: unknown,
  proceed: () => Promise<InvokeResult>,
) => Promise<InvokeResult | undefined>;

interface Environment {
  readonly worker: Worker;
  warm: boolean;
  pending?: { id: number; settle: (r: InvokeResult) => void; timer: NodeJS.Timeout };
}

/**
 * Runs each function in its own worker threads (one execution environment per concurrent invocation),
 * kept warm and reused, with Lambda's timeout and error shape; records cold/warm and duration.
 */
export class LambdaHost {
  private readonly byName = new Map<string, LocalFunction>();
  private readonly idle = new Map<string, Environment[]>();
  private readonly busy = new Map<string, number>();
  private readonly waiting = new Map<string, (() => void)[]>();
  private readonly logs = new Map<string, WriteStream>();
  private readonly all = new Set<Environment>();
  readonly invocations: InvocationRecord[] = [];
  private nextId = 1;
  interceptor?: InvocationInterceptor;

  constructor(
    functions: readonly LocalFunction[],
    private readonly workerPath: string,
    private readonly logDir: string,
  ) {
    mkdirSync(logDir, { recursive: true });
    for (const fn of functions) {
      this.byName.set(fn.name, fn);
      this.idle.set(fn.name, []);
    }
  }

  get functions(): LocalFunction[] {
    return [...this.byName.values()];
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
    options.onStart?.();
    const startedAt = Date.now();
    const env = this.idle.get(fn.name)?.pop() ?? this.spawn(fn);
    const cold = !env.warm;
    try {
      const result = await this.run(fn, env, payload);
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
    await Promise.all([...this.all].map((env) => env.worker.terminate()));
    this.all.clear();
    for (const stream of this.logs.values()) stream.end();
  }

  private run(fn: LocalFunction, env: Environment, payload: unknown): Promise<InvokeResult> {
    return new Promise((resolve) => {
      const id = this.nextId++;
      const timer = setTimeout(() => {
        // Lambda stops a timed-out environment; the next invocation gets a fresh one.
        env.pending = undefined;
        this.discard(env);
        resolve({
          ok: false,
          error: {
            errorType: 'Sandbox.Timedout',
            errorMessage: `Task timed out after ${fn.timeoutSeconds}.00 seconds`,
          },
        });
      }, fn.timeoutSeconds * 1000);
      env.pending = { id, settle: resolve, timer };
      env.worker.postMessage({
        id,
        event: payload,
        requestId: randomUUID(),
        deadline: Date.now() + fn.timeoutSeconds * 1000,
      });
    });
  }

  private spawn(fn: LocalFunction): Environment {
    const worker = new Worker(this.workerPath, {
      env: { ...fn.environment },
      workerData: { bundlePath: fn.bundlePath, functionName: fn.name, memoryMb: fn.memoryMb },
      stdout: true,
      stderr: true,
      resourceLimits: { maxOldGenerationSizeMb: fn.memoryMb },
    });
    const log = this.logFor(fn);
    worker.stdout.pipe(log, { end: false });
    worker.stderr.pipe(log, { end: false });
    const env: Environment = { worker, warm: false };
    this.all.add(env);
    worker.on('message', (message: { id: number; ok: boolean; value?: unknown; error?: LambdaError }) => {
      env.warm = true;
      const pending = env.pending;
      if (!pending || (message.id !== pending.id && message.id !== -1)) return;
      clearTimeout(pending.timer);
      env.pending = undefined;
      pending.settle(
        message.ok
          ? { ok: true, payload: message.value }
          : { ok: false, error: message.error ?? { errorType: 'Error', errorMessage: 'unknown' } },
      );
    });
    const crashed = (why: string) => {
      this.discard(env);
      const pending = env.pending;
      if (!pending) return;
      clearTimeout(pending.timer);
      env.pending = undefined;
      pending.settle({
        ok: false,
        error: {
          errorType: 'Runtime.ExitError',
          errorMessage: `RequestId: the execution environment exited: ${why}`,
        },
      });
    };
    worker.on('error', (error) => crashed(error.message));
    worker.on('exit', (code) => crashed(`exit code ${code}`));
    return env;
  }

  private discard(env: Environment): void {
    if (!this.all.delete(env)) return;
    for (const list of this.idle.values()) {
      const i = list.indexOf(env);
      if (i >= 0) list.splice(i, 1);
    }
    void env.worker.terminate();
  }

  private async acquire(fn: LocalFunction): Promise<void> {
    while ((this.busy.get(fn.name) ?? 0) >= fn.concurrency) {
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
