import { parseArgs } from 'node:util';

export interface BenchOptions {
  /** Invoices dropped end to end, and executions run by each overhead measurement. @default 200 */
  readonly documents: number;
  /** Uploads in flight while dropping, and executions in flight in the overhead runs. @default 8 */
  readonly concurrency: number;
  /** Share of the invoices made to need a person's approval. @default 0.1 */
  readonly approvalShare: number;
  /** How long the documents may take before the missing ones count as lost. @default 120 s + 2 s per document */
  readonly timeoutMs: number;
  /** Print the report as JSON instead of tables. @default false */
  readonly json: boolean;
}

export class BenchUsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BenchUsageError';
  }
}

export const benchUsage =
  'usage: npm run bench -- [--documents N] [--concurrency N] [--approval-share 0..1] [--timeout-seconds N] [--json]';

function wholeNumber(name: string, text: string, min: number, max: number): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < min || value > max)
    throw new BenchUsageError(`--${name} must be a whole number from ${min} to ${max}, got ${text}`);
  return value;
}

/**
 * The bench's command line; throws a BenchUsageError naming the first bad option.
 *
 * @example parseBenchArgs(['--documents', '1000', '--json']).documents // 1000
 */
export function parseBenchArgs(argv: readonly string[]): BenchOptions {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        documents: { type: 'string', default: '200' },
        concurrency: { type: 'string', default: '8' },
        'approval-share': { type: 'string', default: '0.1' },
        'timeout-seconds': { type: 'string' },
        json: { type: 'boolean', default: false },
      },
      strict: true,
    }));
  } catch (error) {
    throw new BenchUsageError(error instanceof Error ? error.message : String(error));
  }
  const documents = wholeNumber('documents', String(values.documents), 1, 100_000);
  const concurrency = wholeNumber('concurrency', String(values.concurrency), 1, 1000);
  const approvalShare = Number(values['approval-share']);
  if (!Number.isFinite(approvalShare) || approvalShare < 0 || approvalShare > 1)
    throw new BenchUsageError(`--approval-share must be from 0 to 1, got ${values['approval-share']}`);
  const timeout = values['timeout-seconds'];
  const timeoutSeconds =
    typeof timeout === 'string' ? wholeNumber('timeout-seconds', timeout, 1, 86_400) : 120 + 2 * documents;
  return {
    documents,
    concurrency,
    approvalShare,
    timeoutMs: timeoutSeconds * 1000,
    json: values.json === true,
  };
}
