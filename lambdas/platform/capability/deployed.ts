import type { TowerConfig } from '../../../lib/config/types.ts';
import type { FunctionId } from '../registry/ids.ts';
import type { QueueSpec } from '../registry/queues.ts';
import type { TableSpec } from '../registry/tables.ts';

// The views below name only what uses read, so a use needs neither the catalog nor the specs that hold uses.

/** A function as its uses see it: its id and the process that owns it (none for the platform's own). */
export interface DeployedFunction {
  readonly id: FunctionId;
  readonly process?: string;
}

/** A process as its functions' uses see it: its id and its intake prefix. */
export interface DeployedProcess {
  readonly id: string;
  readonly intakePrefix: string;
}

/** What a use's problems are checked against: the catalog's processes, functions, queues and tables. */
export interface CatalogView {
  readonly processes: readonly DeployedProcess[];
  readonly functions: readonly DeployedFunction[];
  readonly queues: readonly (QueueSpec & { readonly process?: string })[];
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
export function processesOf(deployed: Deployed, fn: DeployedFunction): readonly DeployedProcess[] {
  return deployed.catalog.processes.filter((p) => fn.process === undefined || p.id === fn.process);
}
