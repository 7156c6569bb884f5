import { join } from 'node:path';
import type { Deployed } from '../../lambdas/platform/capability/deployed.ts';
import type { CatalogFunction } from '../../lambdas/platform/registry/catalog.ts';
import { functionEnvironment } from '../../lambdas/platform/registry/environment.ts';
import { buildFunction, buildWorker } from './build.ts';
import type { LocalFunction } from './invocation.ts';
import { requireLambdaNode } from './node-runtime.ts';

export interface DeployOptions {
  /** The catalog's functions: the platform's and each process's own. */
  readonly functions: readonly CatalogFunction[];
  readonly buildDir: string;
  /** Variables every function gets (credentials, region, local endpoints). */
  readonly shared: Readonly<Record<string, string>>;
  /** The deployment's local names, from which each function's uses give its environment. */
  readonly deployed: Deployed;
  readonly functionName: (id: string) => string;
  readonly concurrency: number;
  /** Variables naming the function's own identity (its role's session token), per function id. */
  readonly identity?: (id: string) => Readonly<Record<string, string>>;
}

/**
 * Builds every function of the catalog as CDK does and gives each the environment CDK would give
 * it, resolved to local resources: the same bundle, the same variables, other endpoints.
 */
export async function deployFunctions(
  options: DeployOptions,
): Promise<{ workerPath: string; functions: LocalFunction[] }> {
  requireLambdaNode();
  const workerPath = await buildWorker(options.buildDir);
  const bundles = await Promise.all(options.functions.map((spec) => buildFunction(spec, options.buildDir)));
  const functions = options.functions.map((spec, i) => ({
    id: spec.id,
    name: options.functionName(spec.id),
    bundlePath: bundles[i] ?? join(options.buildDir, spec.id, 'index.mjs'),
    timeoutSeconds: spec.timeoutSeconds,
    memoryMb: spec.memoryMb,
    concurrency: options.concurrency,
    environment: {
      ...options.shared,
      ...options.identity?.(spec.id),
      ...functionEnvironment(spec, options.deployed),
      AWS_LAMBDA_FUNCTION_NAME: options.functionName(spec.id),
      AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(spec.memoryMb),
      AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
    },
  }));
  return { workerPath, functions };
}
