/** The operator CLI's outcomes other than success; each maps to an exit code. */

/** The command line itself is wrong (unknown command or option, a missing `--reason`): exit 2. */
export class UsageError extends Error {
  readonly exitCode = 2;
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** The action was refused (wrong status, nothing to act on) or failed part way: exit 1. */
export class RefusedError extends Error {
  readonly exitCode = 1;
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'RefusedError';
  }
}

/** The name of an AWS SDK error (its exception type), or undefined for anything else. */
export function errorName(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && typeof (error as { name?: unknown }).name === 'string'
    ? (error as { name: string }).name
    : undefined;
}
