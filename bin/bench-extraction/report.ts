import {
  type Language,
  type LayoutVariant,
  languages,
  layouts,
  lookalikeLayouts,
} from '../../lambdas/processes/invoice/samples/index.ts';
import { type BenchFormat, type BenchSet, benchSets, formats } from './cases.ts';
import { type ConfidenceSplit, confidenceSplit, formatConfidence } from './confidence.ts';
import { formatReliability, type Reliability, reliability } from './reliability.ts';
import type { BenchRun, CaseResult } from './run.ts';
import { accuracy, misses, type ScoredField, scoredFields } from './score.ts';
import { median, percentile } from './stats.ts';

/** The benchmark's tables (accuracy per field and format, seconds per page) and its JSON form. */

export interface BenchSummary {
  readonly set: BenchSet;
  readonly firstSeed: number;
  readonly cases: number;
  readonly wallSeconds: number;
  readonly accuracy: ReturnType<typeof accuracy>;
  readonly byFormat: Readonly<Record<BenchFormat, FormatSummary>>;
  readonly byLanguage: Readonly<Partial<Record<Language, GroupSummary>>>;
  readonly byLayout: Readonly<Partial<Record<LayoutVariant, GroupSummary>>>;
  readonly confidence: Readonly<Record<ScoredField, ConfidenceSplit>>;
  readonly reliability: Reliability;
  /** Case ids with the fields each one missed. */
  readonly misses: readonly {
    readonly id: string;
    readonly fields: readonly string[];
    readonly error: string | null;
  }[];
}

export interface GroupSummary {
  readonly cases: number;
  readonly accuracy: ReturnType<typeof accuracy>;
}

export interface FormatSummary extends GroupSummary {
  readonly secondsPerPage: { readonly median: number; readonly p95: number };
}

export function summarise(run: BenchRun): BenchSummary {
  const of = (results: readonly CaseResult[]) => accuracy(results.map((r) => r.scores));
  const byFormat = Object.fromEntries(
    formats.map((format) => {
      const results = run.results.filter((r) => r.format === format);
      const seconds = results.map((r) => r.seconds);
      const summary: FormatSummary = {
        cases: results.length,
        accuracy: of(results),
        secondsPerPage: { median: median(seconds), p95: percentile(seconds, 95) },
      };
      return [format, summary];
    }),
  ) as Record<BenchFormat, FormatSummary>;
  const groups = <K extends string>(keys: readonly K[], key: (r: CaseResult) => K) =>
    Object.fromEntries(
      keys.flatMap((k) => {
        const results = run.results.filter((r) => key(r) === k);
        return results.length === 0 ? [] : [[k, { cases: results.length, accuracy: of(results) }]];
      }),
    ) as Partial<Record<K, GroupSummary>>;
  return {
    set: run.set,
    firstSeed: run.firstSeed,
    cases: run.results.length,
    wallSeconds: run.wallSeconds,
    accuracy: of(run.results),
    byFormat,
    byLanguage: groups(languages, (r) => r.language),
    byLayout: groups([...layouts, ...lookalikeLayouts], (r) => r.layout),
    confidence: confidenceSplit(run.results),
    reliability: reliability(run.results),
    misses: run.results.flatMap((r) => {
      const fields = misses(r.scores);
      return fields.length === 0 ? [] : [{ id: r.id, fields, error: r.error }];
    }),
  };
}

const columns = [...scoredFields, 'all'] as const;

export function formatSummary(summary: BenchSummary): string {
  const pct = (v: number) => `${(v * 100).toFixed(1)}%`.padStart(8);
  const secs = (v: number) => (Number.isNaN(v) ? '-' : v.toFixed(2)).padStart(7);
  const header = `${'format'.padEnd(12)}${'n'.padStart(4)}${columns.map((c) => c.padStart(14)).join('')}${'s/page p50'.padStart(12)}${'p95'.padStart(8)}`;
  const row = (
    name: string,
    cases: number,
    acc: Record<(typeof columns)[number], number>,
    timing?: FormatSummary['secondsPerPage'],
  ) =>
    `${name.padEnd(12)}${String(cases).padStart(4)}${columns.map((c) => pct(acc[c]).padStart(14)).join('')}${
      timing ? `${secs(timing.median).padStart(12)}${secs(timing.p95).padStart(8)}` : ''
    }`;
  const lines = [
    `Set ${summary.set}: layouts ${benchSets[summary.set].layouts.join(', ')}; seeds ${summary.firstSeed}–${summary.firstSeed + summary.cases - 1}`,
    `Extraction accuracy (exact match after normalisation), ${summary.cases} invoices`,
    header,
    ...formats.map((f) =>
      row(f, summary.byFormat[f].cases, summary.byFormat[f].accuracy, summary.byFormat[f].secondsPerPage),
    ),
    row('all', summary.cases, summary.accuracy),
    '',
    ...groupRows('language', summary.byLanguage, row),
    '',
    ...groupRows('layout', summary.byLayout, row),
    '',
    ...formatConfidence(summary.confidence),
    '',
    ...formatReliability(summary.reliability),
    '',
    `Wall time ${summary.wallSeconds.toFixed(1)} s`,
  ];
  if (summary.misses.length > 0) {
    lines.push('', 'Misses (case: fields)');
    for (const m of summary.misses)
      lines.push(`  ${m.id}: ${m.fields.join(', ')}${m.error ? ` (${m.error})` : ''}`);
  }
  return lines.join('\n');
}

function groupRows<K extends string>(
  title: string,
  groups: Readonly<Partial<Record<K, GroupSummary>>>,
  row: (name: string, cases: number, acc: GroupSummary['accuracy']) => string,
): string[] {
  const entries = Object.entries(groups) as [K, GroupSummary][];
  return [`By ${title}`, ...entries.map(([name, g]) => row(name, g.cases, g.accuracy))];
}
