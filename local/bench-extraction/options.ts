import { type OcrSettings, type PageSegMode, pageSegModes } from '../textract/ocr/settings.ts';

/** `npm run bench:extraction -- [--count N] [--seed S] [--psm 3|4|6|11] [--json]` */

export interface BenchOptions {
  /** Invoices to generate. @default 160 */
  readonly count: number;
  /** First seed; invoice i uses seed + i. @default 1 */
  readonly seed: number;
  /** Print one JSON document instead of the tables. @default false */
  readonly json: boolean;
  /** Tesseract's page segmentation mode. @default the OCR's default */
  readonly psm: PageSegMode | undefined;
  /** Other OCR settings, for experiments from code. @default the OCR's defaults */
  readonly ocr?: Partial<OcrSettings>;
}

export const usage =
  'Usage: bench:extraction [--count N (default 160)] [--seed S (default 1)] [--psm 3|4|6|11] [--json]';

export function parseOptions(argv: readonly string[]): BenchOptions {
  let options: BenchOptions = { count: 160, seed: 1, json: false, psm: undefined };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      const next = argv[++i];
      if (next === undefined) throw new RangeError(`${arg} needs a value. ${usage}`);
      return next;
    };
    if (arg === '--json') options = { ...options, json: true };
    else if (arg === '--count') options = { ...options, count: positiveInteger(arg, value()) };
    else if (arg === '--seed') options = { ...options, seed: positiveInteger(arg, value()) };
    else if (arg === '--psm') options = { ...options, psm: pageSegMode(value()) };
    else throw new RangeError(`Unknown argument ${arg}. ${usage}`);
  }
  return options;
}

function positiveInteger(name: string, text: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`${name} must be a positive integer, got ${text}`);
  return n;
}

function pageSegMode(text: string): PageSegMode {
  const mode = pageSegModes.find((m) => m === text);
  if (mode === undefined)
    throw new RangeError(`--psm must be one of ${pageSegModes.join(', ')}, got ${text}`);
  return mode;
}
