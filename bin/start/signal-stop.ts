import type { ShutdownReport } from '../../local/runtime/shutdown.ts';

export interface SignalStopOptions {
  /** Stops everything, reporting each step as `stopping <what>`. */
  readonly stop: (report: ShutdownReport) => Promise<void>;
  /** Prints one line for the person at the terminal. */
  readonly say: (line: string) => void;
  /** What a forced exit leaves behind, given what it cut short. */
  readonly forced: (cutShort: string) => string;
  /** Ends the process. @default process.exit */
  readonly exit?: (code: number) => void;
}

/**
 * Ctrl-C (or SIGTERM) stops once, each step said as it runs, then exits; a second one exits at once,
 * saying what it cut short, so a stop that hangs never needs a kill -9.
 */
export class SignalStop {
  private stopping: string | undefined;

  constructor(private readonly options: SignalStopOptions) {}

  /** Handles these signals from now on (before they arrive, the default kills the process). */
  listen(signals: readonly NodeJS.Signals[] = ['SIGINT', 'SIGTERM']): void {
    for (const signal of signals) process.on(signal, () => this.signal());
  }

  signal(): void {
    if (this.stopping === undefined) {
      this.options.say('Stopping (Ctrl-C again to force an exit)…');
      void this.stop();
      return;
    }
    this.options.say(this.options.forced(this.stopping));
    this.exit(1);
  }

  /** Stops once and exits with `code`; a stop already under way is left to finish. */
  async stop(code = 0): Promise<void> {
    if (this.stopping !== undefined) return;
    this.stopping = 'the runtime';
    const started = Date.now();
    await this.options.stop((line) => {
      this.stopping = line.replace(/^stopping /, '');
      this.options.say(`  ${line}`);
    });
    this.options.say(`Stopped in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
    this.exit(code);
  }

  private exit(code: number): void {
    (this.options.exit ?? process.exit)(code);
  }
}
