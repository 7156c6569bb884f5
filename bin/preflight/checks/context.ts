import type { AccountReader, Operation } from '../answers.ts';
import { describeError, errorKind } from '../aws-errors.ts';
import type { Finding } from '../findings.ts';
import { permissionOf } from '../permissions.ts';
import type { DeploymentPlan } from '../plan.ts';

/** What every check is given: the account to read, the deploy it is asked about, where and by whom. */
export interface CheckContext {
  readonly reader: AccountReader;
  readonly plan: DeploymentPlan;
  readonly region: string;
  readonly accountId: string;
  /** `--stack`: an existing stack to read. */
  readonly stackName?: string;
}

export type Check = (context: CheckContext) => Promise<readonly Finding[]>;

/** The finding for a question the account did not answer: the check cannot say it would not fail. */
export function unreadable(check: string, operation: Operation, error: unknown): Finding {
  const permission = permissionOf[operation];
  const denied = errorKind(error) === 'access-denied';
  return {
    check,
    level: 'unchecked',
    summary: `could not read ${operation}: ${describeError(error)}`,
    ...(denied && permission
      ? { fix: `grant ${permission} to the principal running the preflight (README: Preflight)` }
      : {}),
  };
}

/** Reads, or returns the error as a value (checks tell absence, denial and failure apart). */
export async function attempt<T>(
  read: () => Promise<T>,
): Promise<{ ok: true; value: T } | { ok: false; error: unknown }> {
  try {
    return { ok: true, value: await read() };
  } catch (error) {
    return { ok: false, error };
  }
}
