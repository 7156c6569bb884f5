import type { InvocationInterceptor, InvokeResult, LocalFunction } from './lambda/host.ts';

/** One injected fault: which function, what happens, and how often. */
export interface FaultRule {
  readonly functionId: string;
  /**
   * transient/permanent: the handler throws that class; timeout: it never answers; delay: it is slow
   * (then runs); crash: it runs but its environment dies before answering (side effects done, answer
   * lost, as when a function times out mid-batch).
   */
  readonly kind: 'transient' | 'permanent' | 'timeout' | 'delay' | 'crash';
  /** Chance per invocation (0–1). @default 1 */
  readonly probability?: number;
  /** Only the first N matching invocations. @default unlimited */
  readonly times?: number;
  /** For `delay`: added latency in milliseconds. */
  readonly delayMs?: number;
}

const errorTypes = { transient: 'Tower.Transient', permanent: 'Tower.Permanent' } as const;

/** Faults in S3's event delivery: duplicates, and delays that reorder events. */
export interface EventFaults {
  /** Chance (0–1) that an event is delivered twice. */
  duplicateRate: number;
  /** Each delivery waits up to this long, so events arrive out of order. */
  maxDelayMs: number;
}

/** Faults in a service endpoint (e.g. SES): a share of requests answered with a 503. */
export interface ServiceFaults {
  failureRate: number;
}

/**
 * Fault injection for the local runtime, by configuration: rules are checked before each invocation
 * and may replace it with an error, a timeout or extra latency. Handlers are not changed.
 */
export class FaultInjector {
  private readonly used = new Map<FaultRule, number>();
  readonly injected: { functionId: string; kind: FaultRule['kind'] }[] = [];
  /** Mutable while the runtime runs, so a scenario can turn faults on and off. */
  readonly events: EventFaults = { duplicateRate: 0, maxDelayMs: 0 };
  readonly services: Record<string, ServiceFaults> = {};

  constructor(
    private rules: readonly FaultRule[] = [],
    private readonly random: () => number = Math.random,
  ) {}

  set(rules: readonly FaultRule[]): void {
    this.rules = rules;
    this.used.clear();
  }

  readonly intercept: InvocationInterceptor = async (
    fn: LocalFunction,
    _payload: unknown,
    proceed: () => Promise<InvokeResult>,
  ): Promise<InvokeResult | undefined> => {
    for (const rule of this.rules) {
      if (rule.functionId !== fn.id) continue;
      const count = this.used.get(rule) ?? 0;
      if (rule.times !== undefined && count >= rule.times) continue;
      if (this.random() >= (rule.probability ?? 1)) continue;
      this.used.set(rule, count + 1);
      this.injected.push({ functionId: fn.id, kind: rule.kind });
      if (rule.kind === 'delay') {
        await new Promise((r) => setTimeout(r, rule.delayMs ?? 0));
        return undefined;
      }
      if (rule.kind === 'crash') {
        await proceed();
        return {
          ok: false,
          error: {
            errorType: 'Runtime.ExitError',
            errorMessage: `injected crash in ${fn.id}: the environment exited before answering`,
          },
        };
      }
      if (rule.kind === 'timeout') {
        await new Promise((r) => setTimeout(r, fn.timeoutSeconds * 1000));
        return {
          ok: false,
          error: {
            errorType: 'Sandbox.Timedout',
            errorMessage: `Task timed out after ${fn.timeoutSeconds}.00 seconds`,
          },
        };
      }
      return {
        ok: false,
        error: { errorType: errorTypes[rule.kind], errorMessage: `injected ${rule.kind} fault in ${fn.id}` },
      };
    }
    return undefined;
  };
}
