import type { Deployed } from '../capability/deployed.ts';
import { baseEnvironment } from './bundling.ts';
import type { CatalogFunction } from './catalog.ts';

/**
 * A function's environment: the base variables and what each of its uses implies, computed once for
 * the CDK app (tokens) and the local runtime (local names). Two uses that set one variable must agree.
 */
export function functionEnvironment(spec: CatalogFunction, deployed: Deployed): Record<string, string> {
  const env: Record<string, string> = { ...baseEnvironment(spec.id) };
  for (const use of spec.uses)
    for (const [name, value] of Object.entries(use.environment?.(deployed, spec) ?? {})) {
      if (env[name] !== undefined && env[name] !== value)
        throw new Error(`${spec.id}: ${use.capability} sets ${name} to another value than an earlier use`);
      env[name] = value;
    }
  return env;
}
