import {
  DescribeExecutionCommand,
  type DescribeExecutionCommandOutput,
  GetExecutionHistoryCommand,
  type HistoryEvent,
  type SFNClient,
} from '@aws-sdk/client-sfn';
import { stateVisitsOf } from '../../local/stepfunctions/history-reading.ts';
import { errorName } from './errors.ts';

/** One pass through a state: when it was entered and left, and how often its task failed meanwhile. */
export interface StateVisit {
  readonly name: string;
  readonly type: string;
  readonly enteredAt: string;
  readonly exitedAt?: string;
  readonly durationMs?: number;
  readonly failures: number;
}

export interface ExecutionSummary {
  readonly executionArn: string;
  readonly name: string;
  readonly status: string;
  readonly startDate?: string;
  readonly stopDate?: string;
  readonly redriveCount: number;
  readonly error?: string;
  readonly cause?: string;
  readonly states: readonly StateVisit[];
}

/** DescribeExecution, or undefined when there is no such execution. */
export async function describeExecution(
  sfn: SFNClient,
  executionArn: string,
): Promise<DescribeExecutionCommandOutput | undefined> {
  try {
    return await sfn.send(new DescribeExecutionCommand({ executionArn }));
  } catch (error) {
    if (errorName(error) === 'ExecutionDoesNotExist') return undefined;
    throw error;
  }
}

/** DescribeExecution once the execution has ended, or as it is when `waitMs` has passed. */
export async function describeWhenEnded(
  sfn: SFNClient,
  executionArn: string,
  waitMs: number,
  pollMs = 250,
): Promise<DescribeExecutionCommandOutput | undefined> {
  const until = Date.now() + waitMs;
  for (;;) {
    const execution = await describeExecution(sfn, executionArn);
    if (execution?.status !== 'RUNNING' || Date.now() >= until) return execution;
    await new Promise((r) => setTimeout(r, pollMs));
  }
}

/** Every event of an execution's history, oldest first, without inputs and outputs (they hold invoice data). */
export async function executionHistory(sfn: SFNClient, executionArn: string): Promise<HistoryEvent[]> {
  const events: HistoryEvent[] = [];
  let nextToken: string | undefined;
  do {
    const page = await sfn.send(
      new GetExecutionHistoryCommand({
        executionArn,
        maxResults: 1000,
        nextToken,
        includeExecutionData: false,
      }),
    );
    events.push(...(page.events ?? []));
    nextToken = page.nextToken;
  } while (nextToken);
  return events;
}

/** The states an execution entered, in order, with durations; undefined when it does not exist. */
export async function summarizeExecution(
  sfn: SFNClient,
  executionArn: string,
): Promise<ExecutionSummary | undefined> {
  const described = await describeExecution(sfn, executionArn);
  if (!described) return undefined;
  return {
    executionArn,
    name: described.name ?? executionArn,
    status: described.status ?? 'UNKNOWN',
    startDate: described.startDate?.toISOString(),
    stopDate: described.stopDate?.toISOString(),
    redriveCount: described.redriveCount ?? 0,
    error: described.error,
    cause: described.cause?.slice(0, 300),
    states: stateVisits(await executionHistory(sfn, executionArn)),
  };
}

/** Pairs each `…StateEntered` with its `…StateExited`; task failures count against the state they happen in. */
export function stateVisits(events: readonly HistoryEvent[]): StateVisit[] {
  return stateVisitsOf(events).map((visit) => {
    const enteredAt = visit.entered.timestamp?.toISOString() ?? '';
    const exitedAt = visit.exited?.timestamp?.toISOString();
    return {
      name: visit.name,
      type: visit.type,
      enteredAt,
      exitedAt,
      durationMs: exitedAt === undefined ? undefined : Date.parse(exitedAt) - Date.parse(enteredAt),
      failures: visit.failures.length,
    };
  });
}

/** The workflow version an execution's input names (the starter writes it), for audit events. */
export function workflowVersionOf(input: string | undefined): string | undefined {
  try {
    const parsed = JSON.parse(input ?? '') as { workflowVersion?: unknown };
    return typeof parsed.workflowVersion === 'string' ? parsed.workflowVersion : undefined;
  } catch {
    return undefined;
  }
}
