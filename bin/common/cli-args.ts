import { resolve } from 'node:path';
import { type ParseArgsConfig, parseArgs } from 'node:util';

/** Ends a script whose arguments are wrong: the reason, then its usage, exit code 2. */
export function refuseArgs(message: string, usage: string): never {
  process.stderr.write(`${message}\n${usage}\n`);
  process.exit(2);
}

/** `parseArgs`, with an unknown or malformed option answered by `refuseArgs` instead of a stack trace. */
export function parseArgsOrRefuse<T extends ParseArgsConfig>(config: T, usage: string) {
  try {
    return parseArgs(config);
  } catch (error) {
    return refuseArgs(error instanceof Error ? error.message : String(error), usage);
  }
}

/** A path from the command line or a default, made absolute once, at the CLI boundary. */
export function absolutePath(value: string, cwd: string = process.cwd()): string {
  return resolve(cwd, value);
}
