import { parseArgs } from 'node:util';
import type { Scale } from './types.ts';

export interface ReliabilityOptions {
  /** @default 'full' */
  readonly scale: Scale;
  /** Run this scenario only (1–7). @default every scenario */
  readonly only?: number;
  /** Print the rows as JSON. @default false */
  readonly json: boolean;
}

export class ReliabilityUsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ReliabilityUsageError';
  }
}

export const reliabilityUsage = 'usage: npm run reliability -- [--scale full|small] [--only 1..7] [--json]';

/**
 * The command line of `npm run reliability`; throws a ReliabilityUsageError naming the bad option.
 *
 * @example parseReliabilityArgs(['--scale', 'small', '--only', '6']) // { scale: 'small', only: 6, json: false }
 */
export function parseReliabilityArgs(
  argv: readonly string[],
  scenarioIds: readonly number[],
): ReliabilityOptions {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        scale: { type: 'string', default: 'full' },
        only: { type: 'string' },
        json: { type: 'boolean', default: false },
      },
      strict: true,
    }));
  } catch (error) {
    throw new ReliabilityUsageError(error instanceof Error ? error.message : String(error));
  }
  const scale = values.scale;
  if (scale !== 'full' && scale !== 'small')
    throw new ReliabilityUsageError(`--scale must be full or small, got ${String(scale)}`);
  let only: number | undefined;
  if (typeof values.only === 'string') {
    only = Number(values.only);
    if (!scenarioIds.includes(only))
      throw new ReliabilityUsageError(`--only must be one of ${scenarioIds.join(', ')}, got ${values.only}`);
  }
  return { scale, only, json: values.json === true };
}
