import type { IncomingMessage, ServerResponse } from 'node:http';
import { type Listening, listenLoopback, readBody } from '../http/json-server.ts';
import { ServiceError } from './errors.ts';
import type { ExecutionRecord, HistoryEvent } from './executions.ts';
import type { LocalStepFunctions } from './service.ts';

type Request = Record<string, unknown>;
const seconds = (ms?: number) => (ms === undefined ? undefined : ms / 1000);

function summary(e: ExecutionRecord) {
  return {
    executionArn: e.executionArn,
    stateMachineArn: e.stateMachineArn,
    name: e.name,
    status: e.status,
    startDate: seconds(e.startDate),
    stopDate: seconds(e.stopDate),
    redriveCount: e.redriveCount,
  };
}

function page<T>(items: readonly T[], request: Request): { items: T[]; nextToken?: string } {
  const start = Number(request.nextToken ?? 0) || 0;
  const size = Math.min(Number(request.maxResults ?? 100) || 100, 1000);
  const next = start + size < items.length ? String(start + size) : undefined;
  return { items: items.slice(start, start + size), nextToken: next };
}

/** The Step Functions API actions Tower and its tools use, in AWS's JSON 1.0 protocol. */
export function actions(sfn: LocalStepFunctions): Record<string, (r: Request) => unknown> {
  const arn = (r: Request, key: string) => String(r[key] ?? '');
  return {
    StartExecution: (r) => {
      const e = sfn.startExecution({
        stateMachineArn: arn(r, 'stateMachineArn'),
        name: r.name as string | undefined,
        input: r.input as string | undefined,
      });
      return { executionArn: e.executionArn, startDate: seconds(e.startDate) };
    },
    DescribeExecution: (r) => {
      const e = sfn.describe(arn(r, 'executionArn'));
      return { ...summary(e), input: e.input, output: e.output, error: e.error, cause: e.cause };
    },
    ListExecutions: (r) => {
      const all = sfn.store
        .list(arn(r, 'stateMachineArn'))
        .filter((e) => !r.statusFilter || e.status === r.statusFilter);
      const { items, nextToken } = page(all, r);
      return { executions: items.map(summary), nextToken };
    },
    GetExecutionHistory: (r) => {
      const events = [...sfn.describe(arn(r, 'executionArn')).events];
      if (r.reverseOrder === true) events.reverse();
      const { items, nextToken } = page<HistoryEvent>(events, r);
      return { events: items.map((ev) => ({ ...ev, timestamp: ev.timestamp / 1000 })), nextToken };
    },
    StopExecution: (r) => {
      const e = sfn.stopExecution(
        arn(r, 'executionArn'),
        r.error as string | undefined,
        r.cause as string | undefined,
      );
      return { stopDate: seconds(e.stopDate ?? Date.now()) };
    },
    RedriveExecution: (r) => {
      const e = sfn.redriveExecution(arn(r, 'executionArn'));
      return { redriveDate: seconds(Date.now()), executionArn: e.executionArn };
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
      sfn.broker.fail(String(r.taskToken ?? ''), String(r.error ?? ''), String(r.cause ?? ''));
      return {};
    },
    SendTaskHeartbeat: (r) => {
      sfn.broker.heartbeat(String(r.taskToken ?? ''));
      return {};
    },
    DescribeStateMachine: (r) => {
      const m = sfn.stateMachines.find((s) => s.arn === arn(r, 'stateMachineArn'));
      if (!m) throw new ServiceError('StateMachineDoesNotExist', 'State Machine Does Not Exist');
      return {
        stateMachineArn: m.arn,
        name: m.name,
        status: 'ACTIVE',
        definition: JSON.stringify(m.definition),
        type: 'STANDARD',
        roleArn: 'arn:aws:iam::000000000000:role/tower-local',
        creationDate: 0,
      };
    },
    ListStateMachines: () => ({
      stateMachines: sfn.stateMachines.map((m) => ({
        stateMachineArn: m.arn,
        name: m.name,
        type: 'STANDARD',
        creationDate: 0,
      })),
    }),
  };
}

/**
 * Serves the local Step Functions on loopback: `AWS_ENDPOINT_URL_SFN` points SDK clients here. The
 * service may be bound after the server listens (functions need the endpoint before machines exist).
 */
export function startStepFunctionsApi(
  sfn: LocalStepFunctions | (() => LocalStepFunctions),
  port = 0,
): Promise<Listening> {
  let table: Record<string, (r: Request) => unknown> | undefined;
  return listenLoopback(async (req: IncomingMessage, res: ServerResponse) => {
    table ??= actions(typeof sfn === 'function' ? sfn() : sfn);
    const reply = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/x-amz-json-1.0' });
      res.end(JSON.stringify(body));
    };
    const target = String(req.headers['x-amz-target'] ?? '');
    const action = target.startsWith('AWSStepFunctions.')
      ? table[target.slice('AWSStepFunctions.'.length)]
      : undefined;
    if (req.method !== 'POST' || !action)
      return reply(400, { __type: 'UnknownOperationException', message: `Unknown operation ${target}` });
    try {
      const text = (await readBody(req)).toString('utf8');
      reply(200, action(text ? (JSON.parse(text) as Request) : {}));
    } catch (error) {
      if (error instanceof ServiceError)
        return reply(error.statusCode, { __type: error.type, message: error.message });
      reply(500, {
        __type: 'InternalServerError',
        message: error instanceof Error ? error.message : 'internal error',
      });
    }
  }, port);
}
