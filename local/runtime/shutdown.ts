/** Told what the stop is doing, one line at a time (npm start prints them). */
export type ShutdownReport = (line: string) => void;

interface Closer {
  readonly what: string;
  readonly close: () => Promise<void>;
}

export interface ShutdownOptions {
  /**
   * How long one closer may take before the stop reports it and goes on without it.
   * @default 5000
   */
  readonly closerTimeoutMs?: number;
}

/**
 * Everything a runtime started, stopped in one order: the newest first (services stop before what
 * they depend on), then the closer given to `last` (the data-directory lock, released once nothing
 * else runs). The stop runs once; asking again returns the same stop, never a second pass in
 * another order. Each closer is announced by what it stops.
 *
 * @example
 * const shutdown = new Shutdown();
 * shutdown.last('the data-directory lock', async () => unlock());
 * shutdown.add('S3', s3.close);
 * await shutdown.stop((line) => console.log(line)); // "stopping S3", "stopping the data-directory lock"
 */
export class Shutdown {
  private readonly closers: Closer[] = [];
  private final?: Closer;
  private stopping?: Promise<void>;
  private report: ShutdownReport = () => undefined;
  /** What is being stopped right now, if a stop is under way. */
  current: string | undefined;

  constructor(private readonly options: ShutdownOptions = {}) {}

  /** Adds something to stop; added once the stop has begun, it is stopped straight away. */
  add(what: string, close: () => Promise<void>): void {
    if (this.stopping) void this.run({ what, close });
    else this.closers.push({ what, close });
  }

  /** The closer that runs after every other one. */
  last(what: string, close: () => Promise<void>): void {
    this.final = { what, close };
  }

  get started(): boolean {
    return this.stopping !== undefined;
  }

  /** Stops everything, once; `report` hears each step of the first stop asked for. */
  stop(report?: ShutdownReport): Promise<void> {
    if (!this.stopping) {
      if (report) this.report = report;
      this.stopping = this.stopAll();
    }
    return this.stopping;
  }

  private async stopAll(): Promise<void> {
    // A copy, newest first: the list itself never changes order.
    const order = [...this.closers].reverse();
    if (this.final) order.push(this.final);
    for (const closer of order) await this.run(closer);
    this.current = undefined;
  }

  private async run(closer: Closer): Promise<void> {
    const limit = this.options.closerTimeoutMs ?? 5000;
    this.current = closer.what;
    this.report(`stopping ${closer.what}`);
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<'timed out'>((resolve) => {
      timer = setTimeout(() => resolve('timed out'), limit);
    });
    try {
      const outcome = await Promise.race([closer.close().then(() => 'stopped' as const), timedOut]);
      if (outcome === 'timed out')
        this.report(`${closer.what} did not stop within ${limit / 1000} s; going on without it`);
    } catch (error) {
      this.report(`${closer.what} failed to stop: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      clearTimeout(timer);
    }
  }
}
