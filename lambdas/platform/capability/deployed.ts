import type { TowerConfig } from '../../../lib/config/types.ts';
import type { CatalogFunction, CatalogQueue } from '../registry/catalog.ts';
import type { ProcessSpec } from '../registry/process-spec.ts';
import type { TableSpec } from '../registry/tables.ts';

/** A function as its uses see it: its catalog entry (id, owning process). */
export type DeployedFunction = CatalogFunction;

/** What a use's problems are checked against: the catalog's functions, queues and tables. */
export interface CatalogView {
  readonly processes: readonly ProcessSpec[];
  readonly functions: readonly CatalogFunction[];
  readonly queues: readonly CatalogQueue[];
  readonly tables: readonly TableSpec[];
}

/**
 * The deployment as uses name it: the CDK app answers with tokens, the local runtime with its local
 * names, so a function's environment is computed once, from its uses, for both.
 */
export interface Deployed {
  readonly config: TowerConfig;
  readonly catalog: CatalogView;
  table(id: string): { readonly name: string; readonly arn: string };
  readonly bucket: {
    readonly name: string;
    readonly arn: string;
    /** The ARN of the objects under a key prefix (`<bucket arn>/<prefix>*`). */
    objects(prefix: string): string;
  };
  /** The one customer-managed key of tables, bucket, queues and topics. */
  readonly keyArn: string;
  queue(id: string): { readonly url: string; readonly arn: string };
  stateMachineArn(processId: string): string;
  workflowVersion(processId: string): string;
  /** A value a capability's resources give (the Textract topic of a queue, the approval API's URL). */
  output(capability: string, name: string): string;
  /** An ARN in the deployment's partition, region and account (`arn:aws:ses:…:identity/x`). */
  arn(service: string, resource: string, name: string): string;
  /** JSON of a value that may hold deployment values (CDK tokens must be encoded by the stack). */
  json(value: unknown): string;
}

/**
 * What a function reaches: everything of every process for a platform function, its own for a process's.
 *
 * @example scoped({ invoice: 'a', claims: 'b' }, 'claims') → ['b']
 */
export function scoped<T>(all: Readonly<Record<string, T>>, process: string | undefined): T[] {
  if (process === undefined) return Object.values(all);
  const own = all[process];
  return own === undefined ? [] : [own];
}

/** The processes a function acts for: all for a platform function, its own for a process's. */
export function processesOf(deployed: Deployed, fn: DeployedFunction): readonly ProcessSpec[] {
  return deployed.catalog.processes.filter((p) => fn.process === undefined || p.id === fn.process);
}
