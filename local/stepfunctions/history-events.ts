import type { HistoryEventType } from '@aws-sdk/client-sfn';
import { type AslDefinition, type AslState, allStates, valueAtPath } from './definition.ts';
import type { ExecutionStatus, HistoryEventDetails } from './executions.ts';

/** An event of the local engine's log (aws-local-stepfunctions), as far as history needs it. */
export interface EngineEvent {
  readonly type: string;
  readonly timestamp: number;
  readonly state?: {
    readonly name: string;
    readonly type: string;
    readonly input?: unknown;
    readonly output?: unknown;
  };
  readonly parentState?: { readonly name: string };
  readonly index?: number;
}

export type MappedEvent = readonly [HistoryEventType, HistoryEventDetails];

const json = (value: unknown) => JSON.stringify(value ?? null);
const notTruncated = { truncated: false } as const;

/**
 * Turns the engine's log into the events AWS writes for states (`<Type>StateEntered` with the raw
 * input, `<Type>StateExited` with the output, Map and Parallel progress). Task events come from the
 * runner (task-history.ts); the engine's StateRetried and StateCaught have no AWS counterpart: a retry
 * shows as the task scheduled again, a caught error as the failure followed by the state's exit.
 */
export class EngineHistory {
  private readonly states: ReadonlyMap<string, AslState>;
  private readonly failedAggregates = new Set<string>();

  constructor(definition: AslDefinition) {
    this.states = new Map(allStates(definition));
  }

  map(event: EngineEvent): MappedEvent[] {
    const state = event.state;
    switch (event.type) {
      case 'StateEntered':
        if (!state) return [];
        return [
          [
            `${state.type}StateEntered` as HistoryEventType,
            {
              stateEnteredEventDetails: {
                name: state.name,
                input: json(state.input),
                inputDetails: notTruncated,
              },
            },
          ],
          ...this.started(state.name, state.type, state.input),
        ];
      case 'StateExited': {
        if (!state) return [];
        const exited: MappedEvent = [
          `${state.type}StateExited` as HistoryEventType,
          {
            stateExitedEventDetails: {
              name: state.name,
              output: json(state.output),
              outputDetails: notTruncated,
            },
          },
        ];
        const aggregate = state.type === 'Map' || state.type === 'Parallel';
        if (!aggregate || this.failedAggregates.delete(state.name)) return [exited];
        return [[`${state.type}StateSucceeded` as HistoryEventType, {}], exited];
      }
      case 'StateFailed':
        if (state?.type !== 'Map' && state?.type !== 'Parallel') return [];
        this.failedAggregates.add(state.name);
        return [[`${state.type}StateFailed` as HistoryEventType, {}]];
      case 'MapIterationStarted':
      case 'MapIterationSucceeded':
      case 'MapIterationFailed': {
        const details = { name: event.parentState?.name, index: event.index };
        const key = `${event.type.charAt(0).toLowerCase()}${event.type.slice(1)}EventDetails`;
        return [[event.type, { [key]: details }]];
      }
      default:
        return [];
    }
  }

  private started(name: string, type: string, input: unknown): MappedEvent[] {
    if (type === 'Parallel') return [['ParallelStateStarted', {}]];
    if (type !== 'Map') return [];
    const state = this.states.get(name);
    const items = valueAtPath(valueAtPath(input, state?.InputPath), state?.ItemsPath);
    return [
      [
        'MapStateStarted',
        { mapStateStartedEventDetails: { length: Array.isArray(items) ? items.length : undefined } },
      ],
    ];
  }
}

/** ExecutionStarted, as AWS writes it: the input and the role the execution runs with. */
export function executionStarted(input: string, roleArn: string): HistoryEventDetails {
  return { executionStartedEventDetails: { input, inputDetails: notTruncated, roleArn } };
}

/** The closing event of an execution: each status has its own type and details member. */
export function executionEnded(
  status: Exclude<ExecutionStatus, 'RUNNING'>,
  outcome: { readonly output?: string; readonly error?: string; readonly cause?: string },
): MappedEvent {
  const { error, cause } = outcome;
  switch (status) {
    case 'SUCCEEDED':
      return [
        'ExecutionSucceeded',
        { executionSucceededEventDetails: { output: outcome.output, outputDetails: notTruncated } },
      ];
    case 'FAILED':
      return ['ExecutionFailed', { executionFailedEventDetails: { error, cause } }];
    case 'ABORTED':
      return ['ExecutionAborted', { executionAbortedEventDetails: { error, cause } }];
    case 'TIMED_OUT':
      return ['ExecutionTimedOut', { executionTimedOutEventDetails: { error, cause } }];
  }
}

/** Leaves `input`, `output` and task `parameters` out, as GetExecutionHistory does with includeExecutionData false. */
export function withoutExecutionData<T extends object>(event: T): T {
  const copy: Record<string, unknown> = { ...(event as Record<string, unknown>) };
  for (const [key, value] of Object.entries(copy)) {
    if (!key.endsWith('EventDetails') || value === null || typeof value !== 'object') continue;
    const {
      input: _input,
      output: _output,
      parameters: _parameters,
      ...rest
    } = value as Record<string, unknown>;
    copy[key] = rest;
  }
  return copy as T;
}
