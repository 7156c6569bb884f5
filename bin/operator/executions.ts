import { executionArnOf } from '../../lambdas/platform/shared/execution-arn.ts';
import { executionName } from '../../lambdas/platform/shared/workflow.ts';
import type { DocumentRecord } from '../../lambdas/platform/stores/documents.ts';
import { RefusedError } from './errors.ts';
import type { Target } from './target.ts';

/**
 * A document's executions, by name: the starter's `<process>-<documentId>`, then each operator
 * redrive's `<process>-<documentId>-r<n>`; the document's `ownerExecution` is the latest.
 */
export function stateMachineOf(target: Target, document: Pick<DocumentRecord, 'process'>): string {
  const arn = target.stateMachines[document.process];
  if (!arn) throw new RefusedError(`no state machine for process ${document.process} on ${target.label}`);
  return arn;
}

/** The suffix number of a redrive execution's name (`…-r3` → 3); 0 for the first execution. */
export function redriveNumber(executionArn: string | undefined, document: DocumentRecord): number {
  const base = executionName(document.process, document.documentId);
  const name = executionArn?.split(':').at(-1) ?? '';
  const match = new RegExp(`^${base}-r(\\d+)$`).exec(name);
  return match?.[1] ? Number(match[1]) : 0;
}

/** The name of the execution that redrives this document after its current owner. */
export function nextRedriveName(document: DocumentRecord): string {
  const n = redriveNumber(document.ownerExecution, document) + 1;
  return `${executionName(document.process, document.documentId)}-r${n}`;
}

/** Every execution this document has had, oldest first (the owner included even if named otherwise). */
export function executionArnsOf(target: Target, document: DocumentRecord): string[] {
  const machine = stateMachineOf(target, document);
  const base = executionName(document.process, document.documentId);
  const arns = [executionArnOf(machine, base)];
  for (let n = 1; n <= redriveNumber(document.ownerExecution, document); n += 1)
    arns.push(executionArnOf(machine, `${base}-r${n}`));
  if (document.ownerExecution && !arns.includes(document.ownerExecution)) arns.push(document.ownerExecution);
  return arns;
}
