import type { FunctionSpec } from './functions.ts';
import type { FunctionId, QueueId } from './ids.ts';
import type { ProcessSpec } from './process-spec.ts';
import type { QueueSpec } from './queues.ts';
import type { TableSpec } from './tables.ts';

/** What a capability adds to the catalog (its manifest has these, and more). */
export interface CapabilityParts {
  readonly name: string;
  readonly functions?: readonly FunctionSpec[];
  readonly queues?: readonly QueueSpec[];
  readonly tables?: readonly TableSpec[];
  /** `${Placeholder}` every process's ASL may use for the capability's functions. */
  readonly placeholders?: Readonly<Record<string, FunctionId>>;
}

/** A function with the process that owns it (none for the platform's own). */
export type CatalogFunction = FunctionSpec & { readonly process?: string };
export type CatalogQueue = QueueSpec & { readonly process?: string };

/**
 * Everything Tower deploys for a list of processes: the platform's functions and queues plus each
 * process's own, checked to fit together. `lib/` and `local/` both build from one catalog.
 */
export interface Catalog {
  readonly processes: readonly ProcessSpec[];
  readonly functions: readonly CatalogFunction[];
  readonly queues: readonly CatalogQueue[];
  readonly tables: readonly TableSpec[];
  /** The capabilities the platform is built from, in build order. */
  readonly capabilities: readonly CapabilityParts[];
  function(id: FunctionId): CatalogFunction;
  queue(id: QueueId): CatalogQueue;
  /** The process's placeholders with the platform's, each to a function or a queue. */
  placeholdersOf(process: ProcessSpec): {
    readonly functions: Readonly<Record<string, FunctionId>>;
    readonly queues: Readonly<Record<string, QueueId>>;
  };
  /** The process whose intake prefix the key starts with, if any. */
  processForKey(key: string): ProcessSpec | undefined;
}

export class CatalogError extends Error {
  constructor(problems: readonly string[]) {
    super(`The process catalog does not fit together:\n${problems.map((p) => `  ${p}`).join('\n')}`);
    this.name = 'CatalogError';
  }
}

const processIdPattern = /^[a-z][a-z0-9]{0,14}$/;

/**
 * Builds and checks the catalog of the capabilities' and the processes' functions, queues and tables;
 * a CatalogError lists every problem at once.
 */
export function catalogOf(
  processes: readonly ProcessSpec[],
  capabilities: readonly CapabilityParts[],
): Catalog {
  const functions: CatalogFunction[] = [
    ...capabilities.flatMap((c) => c.functions ?? []),
    ...processes.flatMap((p) => p.functions.map((f) => ({ ...f, process: p.id }))),
  ];
  const queues: CatalogQueue[] = [
    ...capabilities.flatMap((c) => c.queues ?? []),
    ...processes.flatMap((p) => p.queues.map((q) => ({ ...q, process: p.id }))),
  ];
  const tables = [...capabilities.flatMap((c) => c.tables ?? []), ...processes.flatMap((p) => p.tables)];
  const platformPlaceholders = Object.assign({}, ...capabilities.map((c) => c.placeholders ?? {})) as Record<
    string,
    FunctionId
  >;
  const problems = [
    ...processProblems(processes),
    ...wiringProblems(processes, functions, queues, tables, platformPlaceholders),
    ...tableProblems(tables),
  ];
  if (problems.length > 0) throw new CatalogError(problems);
  const byFunction = new Map(functions.map((f) => [f.id, f]));
  const byQueue = new Map(queues.map((q) => [q.id, q]));
  return {
    processes,
    functions,
    queues,
    tables,
    capabilities,
    function: (id) => required(byFunction.get(id), `function ${id}`),
    queue: (id) => required(byQueue.get(id), `queue ${id}`),
    placeholdersOf: (process) => ({
      functions: { ...platformPlaceholders, ...process.functionPlaceholders },
      queues: process.queuePlaceholders,
    }),
    processForKey: (key) => processes.find((p) => key.startsWith(p.intakePrefix)),
  };
}

function required<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`The catalog has no ${what}`);
  return value;
}

function duplicates(ids: readonly string[]): string[] {
  return [...new Set(ids.filter((id, i) => ids.indexOf(id) !== i))];
}

/** Ids valid and unique; intake prefixes end with `/` and are disjoint (S3 refuses overlapping notification prefixes). */
function processProblems(processes: readonly ProcessSpec[]): string[] {
  const problems: string[] = [];
  for (const id of duplicates(processes.map((p) => p.id))) problems.push(`process id ${id} is used twice`);
  for (const [i, p] of processes.entries()) {
    if (!processIdPattern.test(p.id))
      problems.push(
        `process id ${p.id} must be lowercase letters and digits, starting with a letter, at most 15`,
      );
    if (!p.intakePrefix.endsWith('/') || p.intakePrefix.startsWith('/'))
      problems.push(`${p.id}: intake prefix ${p.intakePrefix} must end with / and not start with one`);
    for (const q of processes.slice(i + 1))
      if (p.intakePrefix.startsWith(q.intakePrefix) || q.intakePrefix.startsWith(p.intakePrefix))
        problems.push(`intake prefixes of ${p.id} and ${q.id} overlap`);
  }
  return problems;
}

function wiringProblems(
  processes: readonly ProcessSpec[],
  functions: readonly CatalogFunction[],
  queues: readonly CatalogQueue[],
  tables: readonly TableSpec[],
  platformPlaceholders: Readonly<Record<string, FunctionId>>,
): string[] {
  const problems: string[] = [];
  for (const id of duplicates(functions.map((f) => f.id))) problems.push(`function id ${id} is used twice`);
  for (const id of duplicates(queues.map((q) => q.id))) problems.push(`queue id ${id} is used twice`);
  const fn = new Map(functions.map((f) => [f.id, f]));
  const queue = new Map(queues.map((q) => [q.id, q]));
  for (const q of queues) {
    const consumer = fn.get(q.consumer);
    if (!consumer) problems.push(`queue ${q.id}: consumer ${q.consumer} is not a function`);
    else if (q.process !== undefined && consumer.process !== q.process)
      problems.push(
        `queue ${q.id} of ${q.process} is consumed by ${q.consumer}, which is not ${q.process}'s`,
      );
  }
  for (const f of functions)
    for (const use of f.uses)
      problems.push(...(use.problems?.({ processes, functions, queues, tables }, f) ?? []));
  for (const p of processes) {
    for (const [name, target] of Object.entries(p.functionPlaceholders)) {
      if (name in platformPlaceholders) problems.push(`${p.id}: placeholder \${${name}} is the platform's`);
      const owner = fn.get(target);
      if (!owner)
        problems.push(`${p.id}: placeholder \${${name}} names function ${target}, which does not exist`);
      else if (owner.process !== undefined && owner.process !== p.id)
        problems.push(`${p.id}: placeholder \${${name}} names ${target}, a function of ${owner.process}`);
    }
    for (const [name, target] of Object.entries(p.queuePlaceholders)) {
      const owner = queue.get(target);
      if (!owner)
        problems.push(`${p.id}: placeholder \${${name}} names queue ${target}, which does not exist`);
      else if (owner.process !== p.id)
        problems.push(`${p.id}: placeholder \${${name}} names ${target}, not its own queue`);
    }
  }
  return problems;
}

function tableProblems(tables: readonly TableSpec[]): string[] {
  const problems = duplicates(tables.map((t) => t.id)).map((id) => `table id ${id} is used twice`);
  problems.push(...duplicates(tables.map((t) => t.envVar)).map((v) => `table variable ${v} is used twice`));
  return problems;
}
