import type { HistoryEvent } from '@aws-sdk/client-sfn';
import type { AuditRecord } from '../../lambdas/platform/stores/audit.ts';
import { towerCatalog } from '../../lambdas/platform/tower-catalog.ts';
import { processes } from '../../lambdas/processes/index.ts';
import { readDefinition } from '../../statemachines/definition.ts';

interface StateShape {
  readonly Resource?: string;
  readonly Parameters?: { readonly FunctionName?: string };
  readonly States?: Readonly<Record<string, StateShape>>;
  readonly Iterator?: StateShape;
  readonly ItemProcessor?: StateShape;
  readonly Branches?: readonly StateShape[];
}

/**
 * The states of a process's workflow that record a failure: those invoking the `record-failure`
 * function, found through the process registry's placeholders rather than by state name.
 */
export function failureRecorderStates(processId: string): ReadonlySet<string> {
  const process = processes.find((p) => p.id === processId);
  if (!process) return new Set();
  const placeholders = Object.entries(towerCatalog(processes).placeholdersOf(process).functions)
    .filter(([, fn]) => fn === 'record-failure')
    .map(([name]) => `\${${name}}`);
  const found = new Set<string>();
  const visit = (machine: StateShape | undefined) => {
    for (const [name, state] of Object.entries(machine?.States ?? {})) {
      const resource = state.Parameters?.FunctionName ?? state.Resource ?? '';
      if (placeholders.includes(resource)) found.add(name);
      visit(state.Iterator);
      visit(state.ItemProcessor);
      for (const branch of state.Branches ?? []) visit(branch);
    }
  };
  visit(JSON.parse(readDefinition(process)) as StateShape);
  return found;
}

/**
 * Whether an execution reached its workflow's failure path: record-failure audited FAILED for it, or
 * its history entered a failure-recording state (which AWS's redrive would only enter again).
 */
export function reachedFailurePath(
  executionArn: string,
  audit: readonly AuditRecord[],
  history: readonly HistoryEvent[],
  recorderStates: ReadonlySet<string>,
): boolean {
  const recorded = audit.some(
    (e) => e.type === 'FAILED' && e.actor.id === 'record-failure' && e.executionArn === executionArn,
  );
  const entered = history.some(
    (e) =>
      (e.type ?? '').endsWith('StateEntered') && recorderStates.has(e.stateEnteredEventDetails?.name ?? ''),
  );
  return recorded || entered;
}
