import {
  confidenceCaps,
  confirming,
  domainGuessCap,
} from '../../lambdas/processes/invoice/extract/calibration.ts';
import { invoiceRuleSet } from '../../lambdas/processes/invoice/rules/rule-set.ts';
import type { CaseResult } from './run.ts';

/**
 * The calibration's fit (`--fit`): for each evidence class of the vendor and the total, how often its
 * reads named the right party or amount (a name read with a letter wrong is still the right party:
 * recognition is the reader's confidence, not the evidence's), and the cap that share sets. A class
 * without confirming evidence is capped at its share right and below the rule's threshold (just below
 * it with under 20 reads to go by); a confirming class is left uncapped, and flagged when, in 20 reads
 * or more, it was right less than 99 % of the time.
 */

export interface ClassFit {
  readonly field: 'vendor' | 'total';
  readonly evidence: string;
  readonly n: number;
  /** Reads that named the right party (vendor) or picked the total, however well its text was read. */
  readonly right: number;
  /** Of those, reads whose text was exactly right. */
  readonly exact: number;
  /** The cap the share sets; null: none. */
  readonly cap: number | null;
  /** The cap the calibration uses now. */
  readonly inUse: number | null;
  /** A confirming class that was not right often enough to leave uncapped. */
  readonly unreliable: boolean;
  /** Under 20 reads: the share is not used. */
  readonly tooFew: boolean;
}

const reliable = 0.99;
const enough = 20;

export function fitCaps(results: readonly CaseResult[]): ClassFit[] {
  const thresholds = invoiceRuleSet.fieldConfidence;
  const fits: ClassFit[] = [];
  for (const field of ['vendor', 'total'] as const) {
    const inUse: Readonly<Record<string, number | null>> = confidenceCaps[field];
    const classes = new Map<string, { n: number; right: number; exact: number }>();
    for (const evidence of Object.keys(inUse)) classes.set(evidence, { n: 0, right: 0, exact: 0 });
    for (const r of results) {
      const weighed = r.weighed[field];
      if (weighed === null) continue;
      const c = classes.get(weighed.evidence) ?? { n: 0, right: 0, exact: 0 };
      c.n += 1;
      if (field === 'vendor' ? sameParty(r) : rightAmount(r)) c.right += 1;
      if (r.scores[field]) c.exact += 1;
      classes.set(weighed.evidence, c);
    }
    const confirms: readonly string[] = confirming[field];
    for (const [evidence, c] of classes) {
      const below = thresholds[field] - 1;
      const share = c.n === 0 ? 1 : c.right / c.n;
      const confirms_ = confirms.includes(evidence);
      // Too few reads to tell: a confirming class stays uncapped, any other sits just below the rule.
      const tooFew = c.n < enough;
      const unreliable = confirms_ && !tooFew && share < reliable;
      const fitted =
        confirms_ && !unreliable ? null : tooFew ? below : Math.min(Math.floor(100 * share), below);
      const cap = field === 'vendor' && evidence === 'domain' ? domainGuessCap : fitted;
      fits.push({ field, evidence, ...c, cap, inUse: inUse[evidence] ?? null, unreliable, tooFew });
    }
  }
  return fits;
}

/** The vendor's name, perhaps misread, rather than the customer's or another line's. */
function sameParty(r: CaseResult): boolean {
  const read = r.read.vendor;
  if (read === null) return false;
  const [toVendor, toCustomer] = [similarity(read, r.expected.vendor), similarity(read, r.expected.customer)];
  return toVendor >= 0.75 && toVendor > toCustomer;
}

/** The total, perhaps misread, rather than another amount the page prints. */
function rightAmount(r: CaseResult): boolean {
  const read = r.read.total;
  return read !== null && (read === r.expected.total || !r.expected.otherAmounts.includes(read));
}

/** 1 − edit distance ÷ the longer length, on lower-case letters and digits. */
function similarity(a: string, b: string): number {
  const [x, y] = [fold(a), fold(b)];
  if (x.length === 0 && y.length === 0) return 1;
  let row = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const next = [i];
    for (let j = 1; j <= y.length; j++)
      next[j] = Math.min(
        (row[j] ?? 0) + 1,
        (next[j - 1] ?? 0) + 1,
        (row[j - 1] ?? 0) + (x[i - 1] === y[j - 1] ? 0 : 1),
      );
    row = next;
  }
  return 1 - (row[y.length] ?? 0) / Math.max(x.length, y.length);
}

function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]/gu, '');
}

export function formatFit(fits: readonly ClassFit[]): string[] {
  const cap = (c: number | null) => (c === null ? 'none' : String(c)).padStart(8);
  return [
    'Calibration fit (evidence class: reads, right party or amount, exactly right, the cap the share sets, the cap in use)',
    `${'field'.padEnd(8)}${'evidence'.padEnd(14)}${'n'.padStart(5)}${'right'.padStart(7)}${'share'.padStart(8)}${'exact'.padStart(7)}${'fit cap'.padStart(8)}${'in use'.padStart(8)}`,
    ...fits.map(
      (f) =>
        `${f.field.padEnd(8)}${f.evidence.padEnd(14)}${String(f.n).padStart(5)}${String(f.right).padStart(7)}${(f.n === 0 ? '-' : `${((100 * f.right) / f.n).toFixed(1)}%`).padStart(8)}${String(f.exact).padStart(7)}${cap(f.cap)}${cap(f.inUse)}${f.unreliable ? '  confirming, yet under 99 % right' : f.tooFew ? '  too few reads to fit' : ''}`,
    ),
  ];
}
