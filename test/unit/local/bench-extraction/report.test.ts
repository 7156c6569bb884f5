import { describe, expect, it } from 'vitest';
import { benchCases, formats } from '../../../../local/bench-extraction/cases.ts';
import { formatSummary, summarise } from '../../../../local/bench-extraction/report.ts';
import type { CaseResult } from '../../../../local/bench-extraction/run.ts';

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
  it('holds every format × language × layout once in 160 cases', () => {
    // Act
    const cases = benchCases(160, 1);

    // Assess
    const count = (key: (c: (typeof cases)[number]) => string) => {
      const counts = new Map<string, number>();
      for (const c of cases) counts.set(key(c), (counts.get(key(c)) ?? 0) + 1);
      return [...counts.values()];
    };
    expect(count((c) => c.format)).toEqual([40, 40, 40, 40]);
    expect(count((c) => c.spec.language)).toEqual(Array(8).fill(20));
    expect(count((c) => c.spec.layout)).toEqual(Array(5).fill(32));
    expect(count((c) => `${c.format}/${c.spec.language}/${c.spec.layout}`)).toEqual(Array(160).fill(1));
  });

  it('is the same for the same seed', () => {
    expect(benchCases(5, 9).map((c) => c.expected)).toEqual(benchCases(5, 9).map((c) => c.expected));
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
        error: null,
      })),
    );

    // Act
    const summary = summarise({ results, wallSeconds: 12.34 });
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
      wrongTrusted: 1,
    });
    expect(summary.confidence.dueDate.right.n).toBe(0);
  });
});
