// What the Lambda host's callers see: a function as deployed locally, and what invoking it gives.

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

/** A function environment that could not start or load its module: the invocation failed for it. */
export interface EnvironmentFailure {
  readonly functionId: string;
  readonly functionName: string;
  /** `start`: the worker itself could not start; `init`: the module failed to load. */
  readonly phase: 'start' | 'init';
  readonly errorType: string;
  readonly errorMessage: string;
  readonly at: string;
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
