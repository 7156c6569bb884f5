import { describe, expect, it } from 'vitest';
import {
  type BenchSet,
  benchCases,
  benchSets,
  formats,
  fullCover,
} from '../../../../bin/bench-extraction/cases.ts';
import { formatSummary, summarise } from '../../../../bin/bench-extraction/report.ts';
import type { CaseResult } from '../../../../bin/bench-extraction/run.ts';

const right = {
  vendor: true,
  invoiceNumber: true,
  invoiceDate: true,
  dueDate: true,
  total: true,
  currency: true,
};

const confident = {
  vendor: 96,
  invoiceNumber: 99,
  invoiceDate: 99,
  dueDate: null,
  total: 99,
  currency: 99,
};

describe('benchCases', () => {
  const count = <T>(items: readonly T[], key: (item: T) => string) => {
    const counts = new Map<string, number>();
    for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
    return [...counts.values()];
  };

  it.each(Object.keys(benchSets) as BenchSet[])(
    'holds every format × language × layout of the %s set once in a full cover',
    (set) => {
      // Act
      const cases = benchCases(set);

      // Assess
      const layouts = benchSets[set].layouts.length;
      expect(cases).toHaveLength(fullCover(set));
      expect(count(cases, (c) => c.format)).toEqual(Array(4).fill(8 * layouts));
      expect(count(cases, (c) => c.spec.language)).toEqual(Array(8).fill(4 * layouts));
      expect(count(cases, (c) => c.spec.layout)).toEqual(Array(layouts).fill(32));
      expect(count(cases, (c) => `${c.format}/${c.spec.language}/${c.spec.layout}`)).toEqual(
        Array(fullCover(set)).fill(1),
      );
    },
  );

  it('keeps the tuning and evaluation sets apart: no layout and no seed in both', () => {
    // Act
    const [tune, evaluation] = [benchCases('tune'), benchCases('eval')];

    // Assess
    const layouts = (cases: typeof tune) => new Set(cases.map((c) => c.spec.layout));
    expect([...layouts(tune)].filter((l) => layouts(evaluation).has(l))).toEqual([]);
    const seeds = new Set(tune.map((c) => c.seed));
    expect(evaluation.filter((c) => seeds.has(c.seed))).toEqual([]);
  });

  it('sees several layouts in a short run', () => {
    expect(new Set(benchCases('tune', 36).map((c) => c.spec.layout)).size).toBe(4);
  });

  it('draws every customer as a company with a legal form, never the vendor', () => {
    for (const c of benchCases('eval', 24)) {
      expect(c.spec.customer.name).not.toBe(c.spec.vendor.name);
      expect(c.spec.customerNumber).toMatch(/^\d{5}$/);
    }
  });

  it('is the same for the same seed', () => {
    expect(benchCases('tune', 5, 9).map((c) => c.expected)).toEqual(
      benchCases('tune', 5, 9).map((c) => c.expected),
    );
  });
});

describe('summarise and formatSummary', () => {
  it('reports accuracy and seconds per page per format, and names the misses', () => {
    // Prepare
    const results: CaseResult[] = formats.flatMap((format, f) =>
      [1, 2].map((n) => ({
        id: `${format}-${n}`,
        format,
        language: 'en' as const,
        layout: 'inline' as const,
        seconds: f + n / 10,
        scores: n === 2 && format === 'jpeg' ? { ...right, total: false } : right,
        confidences: { ...confident, total: n === 2 && format === 'jpeg' ? 95 : 99 },
        weighed: { vendor: null, total: null },
        read: { vendor: null, total: null },
        expected: { vendor: 'Acme Ltd', customer: 'Contoso Ltd', total: '1.00', otherAmounts: [] },
        error: null,
      })),
    );

    // Act
    const summary = summarise({ set: 'eval', firstSeed: 100_001, results, wallSeconds: 12.34 });
    const text = formatSummary(summary);

    // Assess
    expect(summary.byFormat.jpeg).toMatchObject({ cases: 2, accuracy: { total: 0.5, all: 0.5 } });
    expect(summary.byFormat.png.secondsPerPage).toEqual({ median: 2.1, p95: 2.2 });
    expect(summary.accuracy.total).toBe(0.875);
    expect(summary.misses).toEqual([{ id: 'jpeg-2', fields: ['total'], error: null }]);
    expect(text).toContain('Wall time 12.3 s');
    expect(text).toMatch(/jpeg\s+2\s+100\.0%\s+100\.0%\s+100\.0%\s+100\.0%\s+50\.0%/);
    expect(text).toContain('jpeg-2: total');
    expect(summary.byLanguage.en).toMatchObject({ cases: 8, accuracy: { total: 0.875 } });
    expect(summary.confidence.total).toMatchObject({
      right: { n: 7, min: 99 },
      wrong: { n: 1, max: 95 },
      threshold: 90,
      trusted: 8,
      wrongTrusted: 1,
    });
    expect(summary.reliability.total.at(-1)).toEqual({ n: 8, right: 7 });
    expect(text).toMatch(/95–100\s+8\s+100\.0%\s+8\s+100\.0%\s+8\s+100\.0%\s+-\s+8\s+87\.5%/);
    expect(text).toContain('Set eval: layouts right-column, title-number, window-right; seeds 100001–100008');
    expect(summary.confidence.dueDate.right.n).toBe(0);
  });
});
