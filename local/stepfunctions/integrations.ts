import { createHash } from 'node:crypto';
import { statesTimeout, TaskError } from './errors.ts';
import type { TaskAttemptHistory } from './task-history.ts';
import type { TaskTokenBroker } from './task-tokens.ts';

/** How a Task reached its result locally; the engine hands overrides only the state's effective input. */
export interface TaskCall {
  readonly executionArn: string;
  readonly stateName: string;
  readonly input: unknown;
  /** The task's timeout in real (scaled) milliseconds. */
  readonly timeoutMs: number;
  readonly heartbeatMs?: number;
  /** Replaced by a fresh task token wherever it appears in the input (`$$.Task.Token`). */
  readonly tokenPlaceholder: string;
  /** Called by a synchronous Lambda task when an environment takes it: its timeout counts from then. */
  readonly began?: () => void;
  /** Where the attempt's scheduled, started and submitted events go (its end is recorded by the caller). */
  readonly history: TaskAttemptHistory;
}

export type Integration = (call: TaskCall) => Promise<unknown>;

export interface LambdaInvoker {
  invoke(
    nameOrArn: string,
    payload: unknown,
    options?: { readonly onStart?: () => void },
  ): Promise<
    | { readonly ok: true; readonly payload: unknown }
    | {
        readonly ok: false;
        readonly error: {
          readonly errorType: string;
          readonly errorMessage: string;
          readonly trace?: readonly string[];
        };
      }
  >;
  resolve(nameOrArn: string): unknown;
}

export interface QueueSender {
  send(queueUrl: string, body: string): Promise<string>;
}

export interface IntegrationDeps {
  readonly lambda: LambdaInvoker;
  readonly broker: TaskTokenBroker;
  readonly sqs?: QueueSender;
}

/** Lambda errors reach Step Functions named by their errorType, with the error JSON as cause. */
async function invokeLambda(
  deps: IntegrationDeps,
  functionName: string,
  payload: unknown,
  began?: () => void,
): Promise<unknown> {
  const result = await deps.lambda.invoke(functionName, payload, { onStart: began });
  if (result.ok) return result.payload;
  throw new TaskError(result.error.errorType, JSON.stringify(result.error));
}

function withToken(value: unknown, placeholder: string, token: string): unknown {
  if (value === placeholder) return token;
  if (Array.isArray(value)) return value.map((v) => withToken(v, placeholder, token));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withToken(v, placeholder, token)]));
  }
  return value;
}

function field(input: unknown, name: string): unknown {
  return input !== null && typeof input === 'object' ? (input as Record<string, unknown>)[name] : undefined;
}

/** Starts the work, then waits for SendTask* (or the timeout) with a token minted for this task. */
async function waitForToken(
  deps: IntegrationDeps,
  call: TaskCall,
  start: (input: unknown) => Promise<unknown>,
): Promise<unknown> {
  const { token, result } = deps.broker.mint(
    call.executionArn,
    call.stateName,
    call.timeoutMs,
    call.heartbeatMs,
  );
  const input = withToken(call.input, call.tokenPlaceholder, token);
  call.history.scheduled(input);
  call.history.started();
  call.history.submitted(await start(input));
  return result;
}

/** A request-response task: scheduled, started when the work begins, its answer the result. */
async function requestResponse(
  call: TaskCall,
  work: (began: () => void) => Promise<unknown>,
): Promise<unknown> {
  call.history.scheduled(call.input);
  let started = false;
  const start = () => {
    if (started) return;
    started = true;
    call.history.started();
  };
  try {
    return await work(() => {
      start();
      call.began?.();
    });
  } finally {
    // An invoker that never reports when the work began still began it.
    start();
  }
}

const lambdaArn = /^arn:aws:lambda:[a-z0-9-]+:\d{12}:function:[A-Za-z0-9_-]+(:[A-Za-z0-9_$-]+)?$/;

/** A Task resource that invokes a Lambda function and waits for its answer (no task token). */
export function isSynchronousLambda(resource: string): boolean {
  return lambdaArn.test(resource) || resource === 'arn:aws:states:::lambda:invoke';
}

/**
 * The local integration for a Task's Resource, or undefined when there is none (the runtime then
 * refuses to start and names the state).
 */
export function integrationFor(resource: string, deps: IntegrationDeps): Integration | undefined {
  if (lambdaArn.test(resource)) {
    if (!deps.lambda.resolve(resource)) return undefined;
    return (call) => requestResponse(call, (began) => invokeLambda(deps, resource, call.input, began));
  }
  switch (resource) {
    case 'arn:aws:states:::lambda:invoke':
      return (call) =>
        requestResponse(call, async (began) => {
          const payload = await invokeLambda(
            deps,
            String(field(call.input, 'FunctionName')),
            field(call.input, 'Payload'),
            began,
          );
          return { ExecutedVersion: '$LATEST', Payload: payload, StatusCode: 200 };
        });
    case 'arn:aws:states:::lambda:invoke.waitForTaskToken':
      return (call) =>
        waitForToken(deps, call, async (input) => ({
          ExecutedVersion: '$LATEST',
          Payload: await invokeLambda(deps, String(field(input, 'FunctionName')), field(input, 'Payload')),
          StatusCode: 200,
        }));
    case 'arn:aws:states:::sqs:sendMessage':
    case 'arn:aws:states:::sqs:sendMessage.waitForTaskToken': {
      const sqs = deps.sqs;
      if (!sqs) return undefined;
      const send = async (input: unknown) => {
        const value = field(input, 'MessageBody');
        const body = typeof value === 'string' ? value : JSON.stringify(value);
        const messageId = await sqs.send(String(field(input, 'QueueUrl')), body);
        return { MD5OfMessageBody: createHash('md5').update(body).digest('hex'), MessageId: messageId };
      };
      return resource.endsWith('.waitForTaskToken')
        ? (call) => waitForToken(deps, call, send)
        : (call) =>
            requestResponse(call, async (began) => {
              began();
              return send(call.input);
            });
    }
    default:
      return undefined;
  }
}

/**
 * Races a task against its timeout, failing it with States.Timeout as Step Functions does. With
 * `startsWhen`, the clock starts when that settles (the work began), not when the task was scheduled.
 */
export function withTimeout<T>(work: Promise<T>, timeoutMs: number, startsWhen?: Promise<void>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  let settled = false;
  const timeout = new Promise<never>((_, reject) => {
    const arm = () => {
      if (settled) return;
      timer = setTimeout(
        () => reject(new TaskError(statesTimeout, 'the task timed out')),
        Math.min(timeoutMs, 2_147_000_000),
      );
    };
    if (startsWhen) void startsWhen.then(arm);
    else arm();
  });
  return Promise.race([work, timeout]).finally(() => {
    settled = true;
    clearTimeout(timer);
  });
}
