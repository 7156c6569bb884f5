import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { ProcessSpec } from '../lambdas/platform/registry/process-spec.ts';

/** Absolute path of a process's ASL file (the process resolves it from its own module). */
export function definitionPath(process: ProcessSpec): string {
  return process.definitionPath;
}

export function readDefinition(process: ProcessSpec): string {
  return readFileSync(definitionPath(process), 'utf8');
}

/** `invoice@2+3f2a9c1d`: the declared version plus the ASL content hash, recorded in every audit event. */
export function workflowVersion(process: ProcessSpec): string {
  const hash = createHash('sha256').update(readDefinition(process)).digest('hex').slice(0, 8);
  return `${process.id}@${process.version}+${hash}`;
}

/** Every `${Name}` placeholder in an ASL text. */
export function placeholdersIn(definition: string): string[] {
  return [...new Set([...definition.matchAll(/\$\{([A-Za-z0-9_]+)\}/g)].map((m) => m[1] ?? ''))];
}

/** Replaces `${Name}` placeholders as CDK's definitionSubstitutions do; a missing value is an error. */
export function substitute(definition: string, values: Readonly<Record<string, string>>): string {
  return definition.replace(/\$\{([A-Za-z0-9_]+)\}/g, (_, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`No value for placeholder \${${name}}`);
    return value;
  });
}

/**
 * The placeholder for the partition in service-integration ARNs (`arn:${Partition}:states:::…`): CDK
 * substitutes `AWS::Partition`, the local runtime `aws`, so no ASL names a partition.
 */
export const partitionPlaceholder = 'Partition';

/** The partition the local runtime runs in. */
export const localPartition = 'aws';

/** `lambda:invoke.waitForTaskToken` → `arn:${Partition}:states:::lambda:invoke.waitForTaskToken`. */
export function integrationArn(api: string): string {
  return `arn:\${${partitionPlaceholder}}:states:::${api}`;
}

/** The service-integration API of a Task's Resource, in any partition or none yet: `sqs:sendMessage`. */
export function integrationOf(resource: unknown): string | undefined {
  if (typeof resource !== 'string') return undefined;
  return /^arn:(?:[a-z-]+|\$\{Partition\}):states:::(.+)$/.exec(resource)?.[1];
}
