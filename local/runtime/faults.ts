import type { InvocationInterceptor, InvokeResult, LocalFunction } from '../lambda/invocation.ts';

/** One injected fault: which function, what happens, and how often. */
export interface FaultRule {
  readonly functionId: string;
  /**
   * transient/permanent: the handler throws that class; timeout: it never answers; delay: it is slow
   * (then runs); crash: it runs but its environment dies before answering (side effects done, answer
   * lost, as when a function times out mid-batch); kill: it runs, then the whole runtime dies at once
   * (SIGKILL of its own process) before the answer reaches the workflow: the step's side effects are
   * done and the execution's next state is never recorded, as `kill -9` between the two would.
   */
  readonly kind: 'transient' | 'permanent' | 'timeout' | 'delay' | 'crash' | 'kill';
  /** Only invocations whose event has these top-level values (e.g. `{ phase: 'request' }`). @default any */
  readonly when?: Readonly<Record<string, string>>;
  /** Chance per invocation (0–1). @default 1 */
  readonly probability?: number;
  /** Only the first N matching invocations. @default unlimited */
  readonly times?: number;
  /** For `delay`: added latency in milliseconds; for `kill`: how long after the function ran the runtime dies. */
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

/** Whether an invocation's event carries every value a rule's `when` names. */
function eventMatches(payload: unknown, when: FaultRule['when']): boolean {
  if (!when) return true;
  if (payload === null || typeof payload !== 'object') return false;
  const event = payload as Record<string, unknown>;
  return Object.entries(when).every(([name, value]) => event[name] === value);
}

/** What a `kill` does once the function has run: by default, this process dies as `kill -9` would. */
export type Killer = (fn: LocalFunction) => void;

const killSelf: Killer = (fn) => {
  // One line the parent can read to know which fault fired, then no cleanup of any kind.
  process.stdout.write(`FAULT-KILL ${fn.id}\n`, () => process.kill(process.pid, 'SIGKILL'));
};

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
    private readonly kill: Killer = killSelf,
  ) {}

  set(rules: readonly FaultRule[]): void {
    this.rules = rules;
    this.used.clear();
  }

  readonly intercept: InvocationInterceptor = async (
    fn: LocalFunction,
    payload: unknown,
    proceed: () => Promise<InvokeResult>,
  ): Promise<InvokeResult | undefined> => {
    for (const rule of this.rules) {
      if (rule.functionId !== fn.id || !eventMatches(payload, rule.when)) continue;
      const count = this.used.get(rule) ?? 0;
      if (rule.times !== undefined && count >= rule.times) continue;
      if (this.random() >= (rule.probability ?? 1)) continue;
      this.used.set(rule, count + 1);
      this.injected.push({ functionId: fn.id, kind: rule.kind });
      if (rule.kind === 'delay') {
        await new Promise((r) => setTimeout(r, rule.delayMs ?? 0));
        return undefined;
      }
      if (rule.kind === 'kill') {
        const result = await proceed();
        // The answer is held back meanwhile: what the step sent out (mail) may be read elsewhere first.
        if (rule.delayMs) await new Promise((r) => setTimeout(r, rule.delayMs));
        this.kill(fn);
        if (this.kill !== killSelf) return result;
        // The runtime is gone: nothing answers the workflow for this invocation .
        return new Promise<InvokeResult>(() => undefined);
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
