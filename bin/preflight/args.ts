import { parseArgs } from 'node:util';
import { UsageError } from '../operator/errors.ts';
import { isRegionName } from './regions.ts';

export const preflightUsage =
  'preflight --region R [--stack S] [-c key=value ...] [--recorded FILE | --record FILE] [--json]';

export interface PreflightOptions {
  /** Undefined: AWS_REGION, or the recording's region. */
  readonly region?: string;
  readonly stack?: string;
  /** CDK context overrides, as `cdk deploy -c key=value` gives them. */
  readonly context: Readonly<Record<string, string>>;
  readonly recorded?: string;
  readonly record?: string;
  readonly json: boolean;
  readonly help: boolean;
}

/** `tower preflight …`: anything malformed is a UsageError (exit 2). */
export function parsePreflightArgs(argv: readonly string[]): PreflightOptions {
  let values: Record<string, string | boolean | string[] | undefined>;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        region: { type: 'string' },
        stack: { type: 'string' },
        context: { type: 'string', short: 'c', multiple: true },
        recorded: { type: 'string' },
        record: { type: 'string' },
        json: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    throw new UsageError(`preflight: ${error instanceof Error ? error.message : String(error)}`);
  }
  const text = (key: string) => (typeof values[key] === 'string' ? values[key] : undefined);
  const region = text('region');
  if (region !== undefined && !isRegionName(region))
    throw new UsageError(`preflight: ${region} is not a region name (e.g. eu-west-1)`);
  if (text('recorded') !== undefined && text('record') !== undefined)
    throw new UsageError('preflight: --recorded replays a recording, --record makes one: choose one');
  const context: Record<string, string> = {};
  for (const pair of Array.isArray(values.context) ? values.context : []) {
    const at = pair.indexOf('=');
    if (at < 1) throw new UsageError(`preflight: -c takes key=value, not ${pair}`);
    context[pair.slice(0, at)] = pair.slice(at + 1);
  }
  const stack = text('stack');
  const recorded = text('recorded');
  const record = text('record');
  return {
    ...(region ? { region } : {}),
    ...(stack ? { stack } : {}),
    context,
    ...(recorded ? { recorded } : {}),
    ...(record ? { record } : {}),
    json: values.json === true,
    help: values.help === true,
  };
}
