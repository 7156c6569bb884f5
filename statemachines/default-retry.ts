/**
 * The platform's Retry for a Lambda Task that names none, added by `npm run build:asl`: a workflow
 * source writes a Retry only where a step retries differently (or `"Retry": []` for none).
 */

import { integrationOf } from './definition.ts';

type State = Readonly<Record<string, unknown>>;
interface StateMap {
  readonly States: Readonly<Record<string, State>>;
}

/** Lambda's transient service errors and the handlers' own `Tower.Transient`: up to three retries, 2 s doubling, jittered. */
export const defaultLambdaRetry = [
  {
    ErrorEquals: [
      'Tower.Transient',
      'Lambda.ServiceException',
      'Lambda.AWSLambdaException',
      'Lambda.SdkClientException',
      'Lambda.TooManyRequestsException',
    ],
    IntervalSeconds: 2,
    BackoffRate: 2,
    MaxAttempts: 3,
    MaxDelaySeconds: 30,
    JitterStrategy: 'FULL',
  },
] as const;

/** A Task that invokes a function: its Resource is a function (`${…FunctionArn}`, a Lambda ARN) or lambda:invoke. */
function invokesLambda(resource: unknown): boolean {
  const integration = integrationOf(resource);
  if (integration !== undefined) return integration.startsWith('lambda:invoke');
  return typeof resource === 'string' && !resource.includes(':activity:');
}

/** The state with `Retry` placed where a hand-written one stands: before Catch, else before Next or End. */
function withRetry(state: State, retry: unknown): State {
  const entries = Object.entries(state);
  const anchor = ['Catch', 'Next', 'End']
    .map((key) => entries.findIndex(([name]) => name === key))
    .find((index) => index >= 0);
  entries.splice(anchor ?? entries.length, 0, ['Retry', retry]);
  return Object.fromEntries(entries);
}

function applyToState(name: string, state: State): State {
  if (state.Type === 'Parallel' && Array.isArray(state.Branches))
    return { ...state, Branches: state.Branches.map((branch: StateMap) => applyToStates(branch)) };
  if (state.Type === 'Map') {
    const key = 'ItemProcessor' in state ? 'ItemProcessor' : 'Iterator';
    const inner = state[key] as StateMap | undefined;
    return inner ? { ...state, [key]: applyToStates(inner) } : state;
  }
  if (state.Type !== 'Task' || 'Retry' in state) return state;
  if (!invokesLambda(state.Resource))
    throw new Error(
      `Task ${name} (${String(state.Resource)}) names no Retry, and the platform's default is for Lambda tasks: write its Retry, or "Retry": [] for none`,
    );
  return withRetry(state, structuredClone(defaultLambdaRetry));
}

function applyToStates<T extends StateMap>(machine: T): T {
  const states = Object.fromEntries(
    Object.entries(machine.States).map(([name, state]) => [name, applyToState(name, state)]),
  );
  return { ...machine, States: states };
}

/**
 * A definition in which every Lambda Task that names no Retry has the platform's default, in Parallel
 * branches and Map iterators too; a Task of another integration must name its own.
 */
export function withDefaultRetry<T extends StateMap>(definition: T): T {
  return applyToStates(definition);
}
