import { readFileSync } from 'node:fs';
import type { AnalyzeExpenseResponse, Block, ExpenseField } from '@aws-sdk/client-textract';
import { beforeAll, describe, expect, it } from 'vitest';
import { invoicePdf, randomInvoiceSpec } from '../../../../../lambdas/processes/invoice/samples/index.ts';
import { expenseReader } from '../../../../../lambdas/processes/invoice/textract-stand-in/index.ts';
import { analyzeExpense } from '../../../../../local/emulators/textract/analyze-expense.ts';

/**
 * The response against a recorded real AnalyzeExpense response (test/fixtures/textract, see its
 * NOTICE.md): the same members at every level, blocks in the same order, geometry on the page.
 */

const recorded = JSON.parse(
  readFileSync(
    new URL('../../../../fixtures/textract/receipt.analyze-expense.json', import.meta.url),
    'utf8',
  ),
) as AnalyzeExpenseResponse;

let ours: AnalyzeExpenseResponse;

beforeAll(async () => {
  ours = await analyzeExpense(
    await invoicePdf(randomInvoiceSpec(31, { language: 'de', iban: 'DE89370400440532013000' })),
    { reader: expenseReader },
  );
});

const docOf = (response: AnalyzeExpenseResponse) => {
  const doc = response.ExpenseDocuments?.[0];
  if (doc === undefined) throw new Error('no ExpenseDocument');
  return doc;
};
const allFields = (response: AnalyzeExpenseResponse): ExpenseField[] => {
  const doc = docOf(response);
  return [
    ...(doc.SummaryFields ?? []),
    ...(doc.LineItemGroups ?? []).flatMap((g) =>
      (g.LineItems ?? []).flatMap((i) => i.LineItemExpenseFields ?? []),
    ),
  ];
};
const keysOf = (values: readonly object[]) => [...new Set(values.flatMap((v) => Object.keys(v)))].sort();
const blocksOf = (response: AnalyzeExpenseResponse, type: string): Block[] =>
  (docOf(response).Blocks ?? []).filter((b) => b.BlockType === type);

describe('the AnalyzeExpense response shape', () => {
  it('has the recorded top-level members', () => {
    // Assess
    expect(Object.keys(ours).sort()).toEqual(['DocumentMetadata', 'ExpenseDocuments']);
    expect(keysOf([docOf(ours)])).toEqual(keysOf([docOf(recorded)]));
    expect(ours.DocumentMetadata).toEqual({ Pages: 1 });
  });

  it('writes expense fields with the members the service writes', () => {
    // Prepare
    const fields = allFields(ours);
    const real = allFields(recorded);
    const detections = (fs: ExpenseField[]) =>
      fs.flatMap((f) => [f.LabelDetection, f.ValueDetection].flatMap((d) => (d === undefined ? [] : [d])));

    // Assess
    expect(keysOf(real)).toEqual(expect.arrayContaining(keysOf(fields)));
    expect(keysOf(fields.map((f) => f.Type ?? {}))).toEqual(keysOf(real.map((f) => f.Type ?? {})));
    expect(keysOf(detections(fields))).toEqual(keysOf(detections(real)));
    expect(keysOf(detections(fields).map((d) => d.Geometry ?? {}))).toEqual(['BoundingBox', 'Polygon']);
    expect(fields.every((f) => f.PageNumber === 1 && f.Type?.Confidence === 99)).toBe(true);
  });

  it.each(['PAGE', 'LINE', 'WORD'])('writes %s blocks with the recorded members', (type) => {
    // Assess
    expect(keysOf(blocksOf(ours, type))).toEqual(keysOf(blocksOf(recorded, type)));
  });

  it('orders blocks PAGE, LINEs, WORDs and links every WORD to exactly one LINE', () => {
    // Prepare
    const blocks = docOf(ours).Blocks ?? [];
    const ids = new Map(blocks.map((b) => [b.Id, b]));
    const lineChildren = blocksOf(ours, 'LINE').flatMap((l) => l.Relationships?.[0]?.Ids ?? []);

    // Assess
    expect(blocks.map((b) => b.BlockType?.[0]).join('')).toMatch(/^PL+W+$/);
    expect(blocksOf(ours, 'PAGE')[0]?.Relationships?.[0]?.Ids).toEqual(
      blocksOf(ours, 'LINE').map((l) => l.Id),
    );
    expect(new Set(lineChildren).size).toBe(lineChildren.length);
    expect(lineChildren.sort()).toEqual(
      blocksOf(ours, 'WORD')
        .map((w) => w.Id)
        .sort(),
    );
    expect(ids.size).toBe(blocks.length);
    for (const line of blocksOf(ours, 'LINE')) {
      const words = (line.Relationships?.[0]?.Ids ?? []).map((id) => ids.get(id)?.Text);
      expect(words.join(' ')).toBe(line.Text);
    }
  });

  it('keeps every geometry on the page, with the polygon around the bounding box', () => {
    // Prepare
    const geometries = [
      ...(docOf(ours).Blocks ?? []).map((b) => b.Geometry),
      ...allFields(ours).flatMap((f) => [f.LabelDetection?.Geometry, f.ValueDetection?.Geometry]),
    ].flatMap((g) => (g === undefined ? [] : [g]));

    // Assess
    expect(geometries.length).toBeGreaterThan(100);
    for (const { BoundingBox: box = {}, Polygon: polygon = [] } of geometries) {
      const { Left = -1, Top = -1, Width = -1, Height = -1 } = box;
      expect([Left, Top, Width, Height].every((v) => v >= 0 && v <= 1)).toBe(true);
      expect(Left + Width).toBeLessThanOrEqual(1 + 1e-9);
      expect(polygon).toHaveLength(4);
      for (const p of polygon) {
        expect(p.X).toBeGreaterThanOrEqual(Left - 1e-9);
        expect(p.Y).toBeLessThanOrEqual(Top + Height + 1e-9);
      }
    }
  });

  it('puts a value right of or below its label', () => {
    // Prepare
    const labelled = allFields(ours).filter(
      (f) => f.LabelDetection !== undefined && f.Type?.Text !== 'EXPENSE_ROW',
    );

    // Assess
    expect(labelled.length).toBeGreaterThan(8);
    for (const field of labelled) {
      const label = field.LabelDetection?.Geometry?.BoundingBox ?? {};
      const value = field.ValueDetection?.Geometry?.BoundingBox ?? {};
      const right = (value.Left ?? 0) >= (label.Left ?? 0) + (label.Width ?? 0) - 1e-9;
      const below = (value.Top ?? 0) >= (label.Top ?? 0) + (label.Height ?? 0) - 1e-9;
      expect(right || below).toBe(true);
    }
  });
});
