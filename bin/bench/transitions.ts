import { type AslDefinition, allStates } from '../../local/stepfunctions/definition.ts';
import type { ExecutionRecord } from '../../local/stepfunctions/executions.ts';
import { billedTransitions, stateVisitsOf } from '../../local/stepfunctions/history-reading.ts';
import { integrationOf } from '../../statemachines/definition.ts';
import { type Spread, spread } from './stats.ts';

export { billedTransitions };

/**
 * Which way an execution went: `happy` succeeded without waiting for a person, `approval` succeeded after
 * a `.waitForTaskToken` state, `failed` ended in any other status.
 */
export type ExecutionPath = 'happy' | 'approval' | 'failed';

/**
 * Names of the states that wait for a person: the Lambda callback tasks (the extraction wait is a queue
 * callback answered by the extraction consumer, not a person).
 */
export function waitingStates(definition: AslDefinition): ReadonlySet<string> {
  return new Set(
    allStates(definition)
      .filter(
        ([, state]) =>
          state.Type === 'Task' && integrationOf(state.Resource) === 'lambda:invoke.waitForTaskToken',
      )
      .map(([name]) => name),
  );
}

export function pathOf(
  execution: Pick<ExecutionRecord, 'status' | 'events'>,
  waiting: ReadonlySet<string>,
): ExecutionPath {
  if (execution.status !== 'SUCCEEDED') return 'failed';
  return stateVisitsOf(execution.events).some((v) => waiting.has(v.name)) ? 'approval' : 'happy';
}

export type TransitionsByPath = Partial<Record<ExecutionPath, Spread>>;

/** Billed transitions per execution, as min/median/max for each path taken; paths nobody took are absent. */
export function transitionsByPath(
  executions: readonly Pick<ExecutionRecord, 'status' | 'events'>[],
  waiting: ReadonlySet<string>,
): TransitionsByPath {
  const counts = new Map<ExecutionPath, number[]>();
  for (const execution of executions) {
    const path = pathOf(execution, waiting);
    const list = counts.get(path) ?? [];
    list.push(billedTransitions(execution.events));
    counts.set(path, list);
  }
  return Object.fromEntries([...counts].map(([path, values]) => [path, spread(values)]));
}
