import { parseArgs } from 'node:util';
import type { QueueId } from '../../lambdas/platform/registry/queues.ts';
import { type DocumentStatus, isStatus, statuses } from '../../lambdas/platform/shared/status.ts';
import { towerCatalog } from '../../lambdas/platform/tower-catalog.ts';
import { processes } from '../../lambdas/processes/index.ts';
import { type CommandName, type CommandSpec, commands } from './commands.ts';
import { UsageError } from './errors.ts';

export type TargetChoice =
  /** `explicit`: `--local <dir>`; else a bare `--local` (the runtime found: ./.tower's, or the only one). */
  | { readonly kind: 'local'; readonly dataDir: string; readonly explicit: boolean }
  | { readonly kind: 'stack'; readonly stackName: string; readonly region?: string };

export interface CommandLine {
  readonly command: CommandSpec;
  readonly positionals: Readonly<Record<string, string>>;
  /** Every option given, as text (booleans aside). */
  readonly options: Readonly<Record<string, string | undefined>>;
  readonly json: boolean;
  readonly help: boolean;
  /** Undefined: the CLI finds the local runtime (./.tower's, or the only one this user runs). */
  readonly target: TargetChoice | undefined;
}

export const defaultDataDir = '.tower';
const common = ['local', 'stack', 'region', 'operator', 'reason'] as const;

/** Parses `tower <command> …`; anything malformed is a UsageError (exit 2). */
export function parseCommandLine(argv: readonly string[]): CommandLine {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    return {
      command: commands.documents,
      positionals: {},
      options: {},
      json: false,
      help: true,
      target: undefined,
    };
  }
  const command = commands[name as CommandName];
  if (!command) throw new UsageError(`unknown command ${name} (try --help)`);
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args: withLocalDefault(rest),
      allowPositionals: true,
      strict: true,
      options: {
        json: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
        ...Object.fromEntries([...common, ...command.options].map((o) => [o, { type: 'string' as const }])),
      },
    });
  } catch (error) {
    throw new UsageError(`${command.name}: ${error instanceof Error ? error.message : String(error)}`);
  }
  const values = parsed.values as Record<string, string | boolean | undefined>;
  const options = Object.fromEntries(
    Object.entries(values).filter((e): e is [string, string] => typeof e[1] === 'string'),
  );
  const help = values.help === true;
  if (!help) checkArguments(command, parsed.positionals, options);
  return {
    command,
    positionals: Object.fromEntries(command.positionals.map((p, i) => [p, parsed.positionals[i] ?? ''])),
    options,
    json: values.json === true,
    help,
    target: targetChoice(options),
  };
}

/** `--local` may stand alone (the runtime is then found): give it an empty value before parsing. */
function withLocalDefault(args: readonly string[]): string[] {
  return args.map((arg, i) => {
    const next = args[i + 1];
    return arg === '--local' && (next === undefined || next.startsWith('-')) ? '--local=' : arg;
  });
}

function checkArguments(
  command: CommandSpec,
  positionals: readonly string[],
  options: Readonly<Record<string, string>>,
): void {
  if (positionals.length < command.positionals.length)
    throw new UsageError(
      `${command.name}: missing ${command.positionals.slice(positionals.length).join(', ')}`,
    );
  if (positionals.length > command.positionals.length)
    throw new UsageError(`${command.name}: unexpected argument ${positionals[command.positionals.length]}`);
  if (command.action && !options.reason?.trim())
    throw new UsageError(`${command.name} changes things: say why with --reason "<text>"`);
  if (options.local !== undefined && options.stack !== undefined)
    throw new UsageError('choose one target: --local or --stack');
  if (options.region !== undefined && options.stack === undefined)
    throw new UsageError('--region goes with --stack');
  if (options.status !== undefined) statusOption(options.status);
  if (options['older-than'] !== undefined) parseDuration(options['older-than']);
  for (const key of ['limit', 'max', 'wait'])
    if (options[key] !== undefined) positiveInteger(key, options[key]);
  if (options.queue !== undefined) queueOption(options.queue);
  if (command.name === 'redrive-dlq' && options.queue === undefined)
    throw new UsageError('redrive-dlq: say which queue with --queue');
}

function targetChoice(options: Readonly<Record<string, string>>): TargetChoice | undefined {
  if (options.stack !== undefined)
    return { kind: 'stack', stackName: options.stack, ...(options.region ? { region: options.region } : {}) };
  if (options.local !== undefined)
    return { kind: 'local', dataDir: options.local, explicit: options.local !== '' };
  return undefined;
}

/** `30s`, `10m`, `2h`, `7d` → milliseconds. */
export function parseDuration(text: string): number {
  const match = /^(\d+)(s|m|h|d)$/.exec(text.trim());
  if (!match) throw new UsageError(`not a duration: ${text} (use e.g. 30s, 10m, 2h, 7d)`);
  const unit = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }[match[2] as 's' | 'm' | 'h' | 'd'];
  return Number(match[1]) * unit;
}

export function positiveInteger(name: string, text: string): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1)
    throw new UsageError(`--${name} takes a whole number above 0, not ${text}`);
  return value;
}

export function statusOption(text: string): DocumentStatus {
  if (!isStatus(text)) throw new UsageError(`unknown status ${text} (one of ${statuses.join(', ')})`);
  return text;
}

/** The queues an operator can name: the catalog of this checkout's processes. */
export function knownQueues(): QueueId[] {
  return towerCatalog(processes).queues.map((q) => q.id);
}

export function queueOption(text: string): QueueId {
  const known = knownQueues();
  if (!known.includes(text)) throw new UsageError(`unknown queue ${text} (one of ${known.join(', ')})`);
  return text;
}
