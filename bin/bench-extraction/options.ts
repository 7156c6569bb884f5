import {
  type OcrSettings,
  type PageSegMode,
  pageSegModes,
} from '../../local/emulators/textract/ocr/settings.ts';
import { type BenchSet, benchSets } from './cases.ts';

/** `npm run bench:extraction -- [--set tune|eval] [--count N] [--seed S] [--psm 3|4|6|11] [--fit] [--json]` */

export interface BenchOptions {
  /** Which cases: the layouts and seeds tuned on, or the ones held apart. @default 'eval' */
  readonly set: BenchSet;
  /** Invoices to generate. @default every language × layout × format of the set once */
  readonly count: number | undefined;
  /** First seed; invoice i uses seed + i. @default the set's own */
  readonly seed: number | undefined;
  /** Print the evidence classes' reliability and the confidence caps they fit. @default false */
  readonly fit: boolean;
  /** Print one JSON document instead of the tables. @default false */
  readonly json: boolean;
  /** Tesseract's page segmentation mode. @default the OCR's default */
  readonly psm: PageSegMode | undefined;
  /** Other OCR settings, for experiments from code. @default the OCR's defaults */
  readonly ocr?: Partial<OcrSettings>;
}

export const usage =
  'Usage: bench:extraction [--set tune|eval (default eval)] [--count N (default: the whole set)] [--seed S] [--psm 3|4|6|11] [--fit] [--json]';

export function parseOptions(argv: readonly string[]): BenchOptions {
  let options: BenchOptions = {
    set: 'eval',
    count: undefined,
    seed: undefined,
    fit: false,
    json: false,
    psm: undefined,
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      const next = argv[++i];
      if (next === undefined) throw new RangeError(`${arg} needs a value. ${usage}`);
      return next;
    };
    if (arg === '--json') options = { ...options, json: true };
    else if (arg === '--fit') options = { ...options, fit: true };
    else if (arg === '--set') options = { ...options, set: benchSet(value()) };
    else if (arg === '--count') options = { ...options, count: positiveInteger(arg, value()) };
    else if (arg === '--seed') options = { ...options, seed: positiveInteger(arg, value()) };
    else if (arg === '--psm') options = { ...options, psm: pageSegMode(value()) };
    else throw new RangeError(`Unknown argument ${arg}. ${usage}`);
  }
  return options;
}

function benchSet(text: string): BenchSet {
  const set = Object.keys(benchSets).find((s) => s === text);
  if (set === undefined)
    throw new RangeError(`--set must be one of ${Object.keys(benchSets).join(', ')}, got ${text}`);
  return set as BenchSet;
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
