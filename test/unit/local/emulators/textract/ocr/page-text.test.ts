import { describe, expect, it } from 'vitest';
import {
  fontSizeOf,
  pageTextOfOcr,
  skewOf,
} from '../../../../../../local/emulators/textract/ocr/page-text.ts';
import type { OcrLine, OcrWord } from '../../../../../../local/emulators/textract/ocr/tesseract-page.ts';
import { linesOf, wordsOf } from '../../../../../../local/emulators/textract/text-layout.ts';

/** Tesseract's words to PageText runs: baselines, font sizes, skew, cleanup. No OCR runs here. */

/** A word whose glyphs stand `height` pixels above the baseline at y = `baseline`. */
function word(text: string, x0: number, x1: number, baseline: number, height = 36, confidence = 90): OcrWord {
  return { text, confidence, bbox: { x0, y0: baseline - height, x1, y1: baseline } };
}

function line(words: OcrWord[], tilt = 0, baseline?: number): OcrLine {
  const x0 = Math.min(...words.map((w) => w.bbox.x0));
  const x1 = Math.max(...words.map((w) => w.bbox.x1));
  const y = baseline ?? Math.min(...words.map((w) => w.bbox.y1));
  return { words, baseline: { x0, y0: y, x1, y1: y + tilt * (x1 - x0) } };
}

const page = (lines: OcrLine[]) => ({ blocks: [{ paragraphs: [{ lines }] }] });

describe('pageTextOfOcr', () => {
  it('gives every word of a line one baseline box, ascender to descender, whatever its glyphs', () => {
    // Prepare: `Qty` hangs below the baseline, `ago` has no capitals: their boxes differ.
    const ocr = page([
      line(
        [
          word('Qty', 100, 160, 500, 36),
          { ...word('ago', 180, 240, 500, 26), bbox: { x0: 180, y0: 474, x1: 240, y1: 510 } },
        ],
        0,
        500,
      ),
    ]);

    // Act
    const text = pageTextOfOcr(ocr, { width: 2000, height: 3000 }, 1);

    // Assess: cap height 36 px is 0.72 em, so the font is 50 px; the box spans baseline -45 to +10.
    const [a, b] = text.runs;
    expect(a?.fontSize).toBeCloseTo(50);
    expect([a?.quad[0].y, a?.quad[3].y]).toEqual([b?.quad[0].y, b?.quad[3].y]);
    expect(a?.quad[0].y).toBeCloseTo(455);
    expect(a?.quad[3].y).toBeCloseTo(510);
  });

  it('maps pixels to the page unit by the scale and keeps tesseract confidences', () => {
    // Prepare: an image enlarged 2× before OCR.
    const ocr = page([line([word('Total', 200, 400, 1000, 36, 87)])]);

    // Act
    const text = pageTextOfOcr(ocr, { width: 1000, height: 1500 }, 2);

    // Assess
    expect(text).toMatchObject({ width: 1000, height: 1500 });
    expect(text.runs[0]).toMatchObject({ text: 'Total', confidence: 87 });
    expect(text.runs[0]?.quad[0].x).toBeCloseTo(100);
    expect(text.runs[0]?.fontSize).toBeCloseTo(25);
  });

  it('straightens a tilted scan, so a label and a value far to its right share a LINE row', () => {
    // Prepare: 1° of tilt over 1500 px puts the value 26 px lower than its label.
    const tilt = Math.tan(Math.PI / 180);
    const lines = [200, 400, 600, 800].map((y) =>
      line([word('Label', 100, 300, y + 100 * tilt), word('9.99', 1500, 1600, y + 1500 * tilt)], tilt),
    );

    // Act
    const text = pageTextOfOcr(page(lines), { width: 2000, height: 3000 }, 1);

    // Assess: each label and its value end up on one baseline, as two LINEs (a wide gap between).
    const grouped = linesOf(wordsOf(text.runs));
    expect(grouped.map((l) => l.text)).toEqual(Array(4).fill(['Label', '9.99']).flat());
    const bottoms = grouped.map((l) => Math.round(l.box.bottom));
    expect(bottoms[0]).toBe(bottoms[1]);
  });

  it('returns no runs for a page tesseract found nothing on', () => {
    expect(pageTextOfOcr({ blocks: null }, { width: 10, height: 10 }, 1).runs).toEqual([]);
  });
});

describe('skewOf', () => {
  it.each([
    [0.01, Math.atan(0.01)],
    [-0.015, Math.atan(-0.015)],
    [0.2, 0], // 11°: not a tilted scan, left alone
  ])('reads a slope of %d as %d radians', (slope, expected) => {
    const lines = [line([word('a', 0, 400, 100)], slope), line([word('b', 0, 500, 300)], slope)];
    expect(skewOf(lines)).toBeCloseTo(expected);
  });

  it('ignores short lines, whose slope says nothing', () => {
    expect(skewOf([line([word('x', 0, 50, 100)], 0.05)])).toBe(0);
  });
});

describe('fontSizeOf', () => {
  it.each([
    [[36, 26, 36], 50],
    [[36, 36, 120], 50], // a speck fused to a word is not the cap height
    [[], null],
    [[0, -3], null],
  ])('sizes %j as %s', (heights, expected) => {
    const size = fontSizeOf(heights);
    if (expected === null) expect(size).toBeNull();
    else expect(size).toBeCloseTo(expected);
  });
});

describe('fontSizeOf with a suspect glyph', () => {
  it('takes the lower median of two words, so a speck fused to one does not double the size', () => {
    expect(fontSizeOf([36, 80])).toBeCloseTo(50);
  });

  it("falls back to tesseract's row height when one tall word is all there is", () => {
    expect([fontSizeOf([72], 42.5), fontSizeOf([36], 42.5)]).toEqual([50, 50]);
  });
});
