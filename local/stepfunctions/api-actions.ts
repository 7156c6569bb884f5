import { ServiceError } from './errors.ts';
import type { ExecutionRecord } from './executions.ts';
import { withoutExecutionData } from './history-events.ts';
import { PageTokens } from './page-tokens.ts';
import type { LocalStepFunctions } from './service.ts';
import type { MachineEntry } from './state-machines.ts';
import { checkArn, checkEnum, checkLength, pageSize, validation } from './validation.ts';

export type Request = Record<string, unknown>;
export type Actions = Record<string, (request: Request) => unknown>;

const seconds = (ms?: number) => (ms === undefined ? undefined : ms / 1000);
const statuses = ['SUCCEEDED', 'TIMED_OUT', 'PENDING_REDRIVE', 'ABORTED', 'FAILED', 'RUNNING'] as const;
// ListExecutions and GetExecutionHistory: "nextToken … Maximum length of 3096".
const maxTokenLength = 3096;

function summary(e: ExecutionRecord) {
  return {
    executionArn: e.executionArn,
    stateMachineArn: e.stateMachineArn,
    name: e.name,
    status: e.status,
    startDate: seconds(e.startDate),
    stopDate: seconds(e.stopDate),
    redriveCount: e.redriveCount,
    redriveDate: seconds(e.redriveDate),
  };
}

/** DescribeExecution's redrive fields: only a FAILED, ABORTED or TIMED_OUT execution can be redriven. */
function redrive(e: ExecutionRecord) {
  if (e.status === 'FAILED' || e.status === 'ABORTED' || e.status === 'TIMED_OUT')
    return { redriveStatus: 'REDRIVABLE' };
  return {
    redriveStatus: 'NOT_REDRIVABLE',
    redriveStatusReason: `Execution is ${e.status} and cannot be redriven`,
  };
}

function describeMachine(entry: MachineEntry) {
  const m = entry.machine;
  return {
    stateMachineArn: m.arn,
    name: m.name,
    status: 'ACTIVE',
    definition: m.definitionText,
    roleArn: m.roleArn,
    type: 'STANDARD',
    creationDate: seconds(entry.creationDate),
    loggingConfiguration: { level: 'OFF', includeExecutionData: false },
    tracingConfiguration: { enabled: false },
  };
}

/**
 * The Step Functions API actions Tower, its tools and the conformance suite use, in AWS's JSON 1.0
 * protocol, each checking its arguments as AWS does before it looks anything up.
 */
export function actions(sfn: LocalStepFunctions): Actions {
  const tokens = new PageTokens();
  /** One page of `items` and the token of the next, which only this listing (`scope`) accepts. */
  const page = <T>(items: readonly T[], request: Request, scope: string) => {
    checkLength('nextToken', request.nextToken, maxTokenLength);
    const size = pageSize(request.maxResults);
    const start = tokens.offset(request.nextToken, scope);
    const next = start + size < items.length ? tokens.issue(scope, start + size) : undefined;
    return { items: items.slice(start, start + size), nextToken: next };
  };
  return {
    StartExecution: (r) => {
      const e = sfn.startExecution({ stateMachineArn: r.stateMachineArn, name: r.name, input: r.input });
      return { executionArn: e.executionArn, startDate: seconds(e.startDate) };
    },
    DescribeExecution: (r) => {
      const e = sfn.describe(r.executionArn);
      return {
        ...summary(e),
        input: e.input,
        inputDetails: { included: true },
        output: e.output,
        outputDetails: e.output === undefined ? undefined : { included: true },
        error: e.error,
        cause: e.cause,
        ...redrive(e),
      };
    },
    ListExecutions: (r) => {
      if (r.stateMachineArn !== undefined && r.mapRunArn !== undefined)
        throw validation("Specify either 'stateMachineArn' or 'mapRunArn', not both");
      if (r.mapRunArn !== undefined) {
        checkArn(r.mapRunArn, 'mapRun');
        // Distributed Map does not run locally, so there is no Map Run to list.
        throw new ServiceError('ResourceNotFound', `Resource not found: '${String(r.mapRunArn)}'`);
      }
      if (r.stateMachineArn === undefined)
        throw validation("Either 'stateMachineArn' or 'mapRunArn' must be specified");
      const machine = sfn.registry.get(r.stateMachineArn).machine;
      const status = checkEnum('statusFilter', r.statusFilter, statuses);
      const redriven = checkEnum('redriveFilter', r.redriveFilter, ['REDRIVEN', 'NOT_REDRIVEN']);
      const all = sfn.store
        .list(machine.arn)
        .filter((e) => !status || e.status === status)
        .filter((e) => !redriven || (redriven === 'REDRIVEN') === e.redriveCount > 0);
      const scope = `ListExecutions ${machine.arn} ${status ?? ''} ${redriven ?? ''}`;
      const { items, nextToken } = page(all, r, scope);
      return { executions: items.map(summary), nextToken };
    },
    GetExecutionHistory: (r) => {
      const record = sfn.describe(r.executionArn);
      const reverse = r.reverseOrder === true;
      const withData = r.includeExecutionData !== false;
      const events = reverse ? [...record.events].reverse() : record.events;
      const { items, nextToken } = page(events, r, `GetExecutionHistory ${record.executionArn} ${reverse}`);
      return {
        events: items.map((ev) => {
          const shown = { ...ev, timestamp: ev.timestamp / 1000 };
          return withData ? shown : withoutExecutionData(shown);
        }),
        nextToken,
      };
    },
    StopExecution: (r) => {
      const e = sfn.stopExecution(
        r.executionArn,
        r.error as string | undefined,
        r.cause as string | undefined,
      );
      return { stopDate: seconds(e.stopDate ?? Date.now()) };
    },
    RedriveExecution: (r) => {
      const e = sfn.redriveExecution(r.executionArn);
      return { redriveDate: seconds(e.redriveDate ?? Date.now()) };
    },
    SendTaskSuccess: (r) => {
      let output: unknown;
      try {
        output = JSON.parse(String(r.output ?? ''));
      } catch {
        throw new ServiceError('InvalidOutput', 'Invalid Output: not JSON');
      }
      sfn.broker.succeed(String(r.taskToken ?? ''), output);
      return {};
    },
    SendTaskFailure: (r) => {
      sfn.broker.fail(
        String(r.taskToken ?? ''),
        r.error === undefined ? undefined : String(r.error),
        r.cause === undefined ? undefined : String(r.cause),
      );
      return {};
    },
    SendTaskHeartbeat: (r) => {
      sfn.broker.heartbeat(String(r.taskToken ?? ''));
      return {};
    },
    CreateStateMachine: (r) => {
      const entry = sfn.createStateMachine(r);
      return { stateMachineArn: entry.machine.arn, creationDate: seconds(entry.creationDate) };
    },
    DeleteStateMachine: (r) => {
      sfn.deleteStateMachine(r.stateMachineArn);
      return {};
    },
    DescribeStateMachine: (r) => describeMachine(sfn.registry.get(r.stateMachineArn)),
    ListStateMachines: (r) => {
      const { items, nextToken } = page(sfn.registry.entries(), r, 'ListStateMachines');
      return {
        stateMachines: items.map((entry) => ({
          stateMachineArn: entry.machine.arn,
          name: entry.machine.name,
          type: 'STANDARD',
          creationDate: seconds(entry.creationDate),
        })),
        nextToken,
      };
    },
  };
}
