import type { HistoryEvent as SdkHistoryEvent } from '@aws-sdk/client-sfn';

/**
 * Reading an execution's history as AWS writes it (GetExecutionHistory), for the operator CLI, the
 * console, the bench and the reliability judge alike: the same code reads AWS's history and the local
 * runtime's. A retry has no event of its own: the task is scheduled again within the same state visit;
 * a failure is a `TaskFailed`/`TaskTimedOut` (service integrations) or `LambdaFunctionFailed`/
 * `LambdaFunctionTimedOut` (function ARNs) event inside the visit.
 */

/** The members of a history event the readers use; both the SDK's events and the local store's fit. */
export type HistoryEventView = Pick<
  SdkHistoryEvent,
  | 'stateEnteredEventDetails'
  | 'stateExitedEventDetails'
  | 'taskFailedEventDetails'
  | 'taskTimedOutEventDetails'
  | 'taskStartFailedEventDetails'
  | 'taskSubmitFailedEventDetails'
  | 'lambdaFunctionFailedEventDetails'
  | 'lambdaFunctionTimedOutEventDetails'
  | 'lambdaFunctionStartFailedEventDetails'
  | 'lambdaFunctionScheduleFailedEventDetails'
  | 'activityFailedEventDetails'
  | 'activityTimedOutEventDetails'
> & { readonly type?: string };

/** One pass through a state: the events that entered and left it, its task attempts and failures. */
export interface StateVisit<E> {
  readonly name: string;
  /** The state's type, from its event type: `TaskStateEntered` → `Task`. */
  readonly type: string;
  readonly entered: E;
  exited?: E;
  /** Times its task was scheduled: 1 plus its retries (0 for states without a task). */
  attempts: number;
  readonly failures: E[];
}

const scheduled = new Set(['TaskScheduled', 'LambdaFunctionScheduled', 'ActivityScheduled']);

export function isFailureEvent(event: HistoryEventView): boolean {
  return failureOf(event) !== undefined;
}

/** The error and cause of a failure event (any kind), or undefined when the event is no failure. */
export function failureOf(
  event: HistoryEventView,
): { readonly error?: string; readonly cause?: string } | undefined {
  return (
    event.taskFailedEventDetails ??
    event.taskTimedOutEventDetails ??
    event.taskStartFailedEventDetails ??
    event.taskSubmitFailedEventDetails ??
    event.lambdaFunctionFailedEventDetails ??
    event.lambdaFunctionTimedOutEventDetails ??
    event.lambdaFunctionStartFailedEventDetails ??
    event.lambdaFunctionScheduleFailedEventDetails ??
    event.activityFailedEventDetails ??
    event.activityTimedOutEventDetails
  );
}

/**
 * Pairs each `…StateEntered` with its `…StateExited` and counts what happened in between against the
 * innermost state still open (history is linear for workflows without Map or Parallel states).
 */
export function stateVisitsOf<E extends HistoryEventView>(events: readonly E[]): StateVisit<E>[] {
  const visits: StateVisit<E>[] = [];
  const open = () => visits.findLast((v) => v.exited === undefined);
  for (const event of events) {
    const type = event.type ?? '';
    if (type.endsWith('StateEntered')) {
      visits.push({
        name: event.stateEnteredEventDetails?.name ?? '?',
        type: type.slice(0, -'StateEntered'.length),
        entered: event,
        attempts: 0,
        failures: [],
      });
    } else if (type.endsWith('StateExited')) {
      const name = event.stateExitedEventDetails?.name;
      const visit = visits.findLast((v) => v.name === name && v.exited === undefined);
      if (visit) visit.exited = event;
    } else if (scheduled.has(type)) {
      const visit = open();
      if (visit) visit.attempts += 1;
    } else if (isFailureEvent(event)) {
      open()?.failures.push(event);
    }
  }
  return visits;
}

/** Task retries in a history: attempts beyond the first of each state visit. */
export function retriesOf(events: readonly HistoryEventView[]): number {
  return stateVisitsOf(events).reduce((n, v) => n + Math.max(0, v.attempts - 1), 0);
}

/**
 * State transitions as Standard workflows bill them: one per state entered, plus one per retry
 * (a retry runs the state again without entering it again).
 */
export function billedTransitions(events: readonly HistoryEventView[]): number {
  const visits = stateVisitsOf(events);
  return visits.length + visits.reduce((n, v) => n + Math.max(0, v.attempts - 1), 0);
}
