import { capabilities } from './capabilities.ts';
import { type Catalog, catalogOf } from './registry/catalog.ts';
import type { ProcessSpec } from './registry/process-spec.ts';

/** The catalog of Tower's capabilities with these processes: what the CDK app and the local runtime build. */
export function towerCatalog(processes: readonly ProcessSpec[]): Catalog {
  return catalogOf(processes, capabilities);
}
