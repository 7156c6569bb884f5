import { pathToFileURL } from 'node:url';
import { parentPort, workerData } from 'node:worker_threads';
import { initErrorType } from './init-errors.ts';

/**
 * One Lambda execution environment: loads the function's bundle once (the init phase, on an `init`
 * message or the first invocation), then runs one invocation at a time, serialising results as Lambda
 * does (JSON). A failed init is reported as such, so the host discards the environment.
 */
interface WorkerData {
  readonly bundlePath: string;
  readonly functionName: string;
  readonly memoryMb: number;
}

interface InvokeMessage {
  readonly id: number;
  /** `init` loads the module and answers without invoking (the runtime's start-up check). */
  readonly kind?: 'init';
  readonly event?: unknown;
  readonly requestId?: string;
  readonly deadline?: number;
}

type Handler = (event: unknown, context: unknown) => Promise<unknown>;

const data = workerData as WorkerData;
const port = parentPort;
let handler: Handler | undefined;

function errorPayload(error: unknown) {
  const e = error instanceof Error ? error : new Error(String(error));
  return {
    errorType: e.name || 'Error',
    errorMessage: e.message,
    trace: (e.stack ?? '').split('\n').slice(1, 8),
  };
}

process.on('unhandledRejection', (reason) => {
  port?.postMessage({
    id: -1,
    ok: false,
    error: { ...errorPayload(reason), errorType: 'Runtime.UnhandledPromiseRejection' },
  });
  process.exit(1);
});

/** The init phase: import the bundle and find its handler, once per environment. */
async function load(): Promise<Handler> {
  if (handler) return handler;
  const module = (await import(pathToFileURL(data.bundlePath).href)) as { handler?: unknown };
  if (typeof module.handler !== 'function') {
    const error = new Error(`${data.bundlePath} does not export a function named handler`);
    error.name = 'Runtime.HandlerNotFound';
    throw error;
  }
  handler = module.handler as Handler;
  return handler;
}

port?.on('message', async (message: InvokeMessage) => {
  let run: Handler;
  try {
    run = await load();
  } catch (error) {
    const payload = errorPayload(error);
    port.postMessage({
      id: message.id,
      ok: false,
      init: true,
      error: { ...payload, errorType: initErrorType(error) },
    });
    return;
  }
  if (message.kind === 'init') {
    port.postMessage({ id: message.id, ok: true, value: null });
    return;
  }
  const deadline = message.deadline ?? Date.now();
  try {
    const context = {
      functionName: data.functionName,
      functionVersion: '$LATEST',
      invokedFunctionArn: `arn:aws:lambda:${process.env.AWS_REGION}:000000000000:function:${data.functionName}`,
      memoryLimitInMB: String(data.memoryMb),
      awsRequestId: message.requestId,
      logGroupName: `/aws/lambda/${data.functionName}`,
      logStreamName: 'local',
      callbackWaitsForEmptyEventLoop: true,
      getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
      done: () => undefined,
      fail: () => undefined,
      succeed: () => undefined,
    };
    const value = await run(message.event, context);
    port.postMessage({ id: message.id, ok: true, value: JSON.parse(JSON.stringify(value ?? null)) });
  } catch (error) {
    port.postMessage({ id: message.id, ok: false, error: errorPayload(error) });
  }
});
