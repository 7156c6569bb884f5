import { pathToFileURL } from 'node:url';
import { parentPort, workerData } from 'node:worker_threads';

/**
 * One Lambda execution environment: loads the function's bundle once (the cold start), then runs one
 * invocation at a time, serialising results as Lambda does (JSON).
 */
interface WorkerData {
  readonly bundlePath: string;
  readonly functionName: string;
  readonly memoryMb: number;
}

interface InvokeMessage {
  readonly id: number;
  readonly event: unknown;
  readonly requestId: string;
  readonly deadline: number;
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

port?.on('message', async (message: InvokeMessage) => {
  try {
    if (!handler) {
      const module = (await import(pathToFileURL(data.bundlePath).href)) as { handler?: Handler };
      if (typeof module.handler !== 'function')
        throw new Error(`${data.bundlePath} does not export a handler`);
      handler = module.handler;
    }
    const context = {
      functionName: data.functionName,
      functionVersion: '$LATEST',
      invokedFunctionArn: `arn:aws:lambda:${process.env.AWS_REGION}:000000000000:function:${data.functionName}`,
      memoryLimitInMB: String(data.memoryMb),
      awsRequestId: message.requestId,
      logGroupName: `/aws/lambda/${data.functionName}`,
      logStreamName: 'local',
      callbackWaitsForEmptyEventLoop: true,
      getRemainingTimeInMillis: () => Math.max(0, message.deadline - Date.now()),
      done: () => undefined,
      fail: () => undefined,
      succeed: () => undefined,
    };
    const value = await handler(message.event, context);
    port.postMessage({ id: message.id, ok: true, value: JSON.parse(JSON.stringify(value ?? null)) });
  } catch (error) {
    port.postMessage({ id: message.id, ok: false, error: errorPayload(error) });
  }
});
