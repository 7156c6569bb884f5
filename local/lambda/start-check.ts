import type { EnvironmentFailure } from './invocation.ts';

/** One line per failure: which function, at which phase, and Lambda's error. */
export function describeFailure(failure: EnvironmentFailure): string {
  const phase = failure.phase === 'start' ? 'could not start' : 'failed to load its module';
  return `${failure.functionName}: the environment ${phase}: ${failure.errorType}: ${failure.errorMessage}`;
}

/** The local runtime refuses to start when a function's environment cannot start or load. */
export class FunctionStartError extends Error {
  constructor(readonly failures: readonly EnvironmentFailure[]) {
    super(
      `${failures.length} function(s) cannot start, so no document could be processed:\n${failures
        .map((f) => `  ${describeFailure(f)}`)
        .join('\n')}`,
    );
    this.name = 'FunctionStartError';
  }
}
