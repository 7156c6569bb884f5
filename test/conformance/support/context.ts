import { inject } from 'vitest';

/** Which side the suite runs against, set once per run by the global setup (global-setup.ts). */
export interface ConformanceContext {
  readonly kind: 'local' | 'aws';
  readonly region: string;
  /** Part of every resource name, so runs never collide and leftovers are recognisable. */
  readonly runId: string;
  /** AWS only: the account the run uses, and the roles the global setup created for it. */
  readonly accountId?: string;
  /** AWS only: the partition of the account (`aws`, `aws-cn`, …), for the ARNs the run writes. */
  readonly partition?: string;
  readonly roles?: { readonly stateMachine: string; readonly lambda: string };
  /** AWS only: a verified SES identity to send from (the sender must be verified on AWS). */
  readonly sesFrom?: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    conformance: ConformanceContext;
  }
}

export function conformanceContext(): ConformanceContext {
  return inject('conformance');
}

/** The settings a run takes from its environment (bin/conformance.ts sets them for `--aws`). */
export function contextFromEnvironment(
  env: NodeJS.ProcessEnv = process.env,
): Omit<ConformanceContext, 'roles' | 'accountId'> {
  const kind = env.TOWER_CONFORMANCE_TARGET === 'aws' ? 'aws' : 'local';
  const runId = (env.TOWER_CONFORMANCE_RUN ?? Math.random().toString(36).slice(2, 8)).toLowerCase();
  if (!/^[a-z0-9]{4,12}$/.test(runId))
    throw new Error(`TOWER_CONFORMANCE_RUN must be 4-12 lowercase letters or digits: ${runId}`);
  return {
    kind,
    region: env.AWS_REGION ?? env.AWS_DEFAULT_REGION ?? 'us-east-1',
    runId,
    sesFrom: env.TOWER_CONFORMANCE_SES_FROM,
  };
}
