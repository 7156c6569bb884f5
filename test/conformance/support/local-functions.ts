import type { LambdaInvoker } from '../../../local/stepfunctions/integrations.ts';

type Handler = (event: unknown) => Promise<unknown>;

const functionArn = (region: string, name: string) =>
  `arn:aws:lambda:${region}:000000000000:function:${name}`;

/**
 * The conformance suite's functions, locally: the same ES module source that is zipped for AWS, loaded
 * in-process and invoked with Lambda's result and error shapes (errorType, errorMessage, trace).
 */
export class LocalFunctions implements LambdaInvoker {
  private readonly handlers = new Map<string, Handler>();

  constructor(private readonly region: string) {}

  /** Loads the module and registers it under its name and ARN; returns the ARN. */
  async create(name: string, source: string): Promise<string> {
    const module = (await import(
      /* @vite-ignore */ `data:text/javascript;base64,${Buffer.from(source).toString('base64')}`
    )) as { handler?: Handler };
    if (typeof module.handler !== 'function') throw new Error(`function ${name} exports no handler`);
    const arn = functionArn(this.region, name);
    this.handlers.set(name, module.handler);
    this.handlers.set(arn, module.handler);
    return arn;
  }

  resolve(nameOrArn: string): unknown {
    // The conformance state machines name functions created after the definition is read.
    return nameOrArn.includes(':function:') || this.handlers.has(nameOrArn) ? true : undefined;
  }

  async invoke(
    nameOrArn: string,
    payload: unknown,
    options?: { readonly onStart?: () => void },
  ): ReturnType<LambdaInvoker['invoke']> {
    const handler = this.handlers.get(nameOrArn);
    if (!handler)
      return {
        ok: false,
        error: { errorType: 'ResourceNotFoundException', errorMessage: `Function not found: ${nameOrArn}` },
      };
    options?.onStart?.();
    try {
      return { ok: true, payload: await handler(structuredClone(payload)) };
    } catch (error) {
      const e = error instanceof Error ? error : new Error(String(error));
      return {
        ok: false,
        error: { errorType: e.name, errorMessage: e.message, trace: e.stack?.split('\n') ?? [] },
      };
    }
  }
}
