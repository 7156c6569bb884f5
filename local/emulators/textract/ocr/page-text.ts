import type { PageSize, Quad } from '../geometry.ts';
import type { PageText, TextRun } from '../pdf-text.ts';
import type { OcrLine, OcrPage, OcrWord } from './tesseract-page.ts';
import { cleanWords, meaningful } from './words.ts';

/**
 * Tesseract's words to the PageText the text layer yields, so that LINE grouping, fields and line
 * items run unchanged on scans. Each word becomes a run whose box spans its line's baseline from
 * ascender to descender, as a PDF run does (OCR boxes hug the glyphs, so `Qty` and `ago` would
 * otherwise sit on different baselines); a slightly rotated scan is turned straight first, using
 * the slope of the lines tesseract found, so that a label and a value far to its right still share
 * a baseline.
 */

/** Cap height over font size (Helvetica, Arial, most sans and serif faces: 0.70–0.73). */
const capHeight = 0.72;
/** Tesseract's row height over font size, measured on the sample invoices (0.8–0.95). */
const rowHeightPerEm = 0.85;
/** Beyond this, a scan is not merely askew and straightening by the median slope would mislead. */
const maxSkew = (5 * Math.PI) / 180;

/**
 * @param page tesseract's result
 * @param size the page's size in the unit wanted (pixels of the original image, or points)
 * @param scale pixels of the OCR'd image per unit of `size`
 * @param known texts a word split at a letter gap is rejoined into (none by default)
 */
export function pageTextOfOcr(
  page: OcrPage,
  size: PageSize,
  scale: number,
  known?: (text: string) => boolean,
): PageText {
  const lines = (page.blocks ?? []).flatMap((b) => b.paragraphs.flatMap((p) => p.lines));
  const angle = skewOf(lines);
  const [cx, cy] = [(size.width * scale) / 2, (size.height * scale) / 2];
  const [cos, sin] = [Math.cos(angle), Math.sin(angle)];
  // Rotating by -angle around the image centre puts every baseline level.
  const straight = (x: number, y: number) => ({
    x: cx + (x - cx) * cos + (y - cy) * sin,
    y: cy - (x - cx) * sin + (y - cy) * cos,
  });
  const runs = lines.flatMap((line) => {
    const baselineAt = baselineOf(line);
    const heightOf = (w: OcrWord) => baselineAt((w.bbox.x0 + w.bbox.x1) / 2) - w.bbox.y0;
    const meaningfulWords = line.words.filter((w) => meaningful.test(w.text));
    const fontSize = fontSizeOf(
      (meaningfulWords.length > 0 ? meaningfulWords : line.words).map(heightOf),
      line.rowAttributes?.rowHeight,
    );
    if (fontSize === null) return [];
    return cleanWords(line.words, fontSize, known).map((word): TextRun => {
      const left = straight(word.bbox.x0, baselineAt(word.bbox.x0));
      const right = straight(word.bbox.x1, baselineAt(word.bbox.x1));
      const base = (left.y + right.y) / 2;
      const box = {
        left: left.x / scale,
        right: right.x / scale,
        top: (base - 0.9 * fontSize) / scale,
        bottom: (base + 0.2 * fontSize) / scale,
      };
      const quad: Quad = [
        { x: box.left, y: box.top },
        { x: box.right, y: box.top },
        { x: box.right, y: box.bottom },
        { x: box.left, y: box.bottom },
      ];
      return { text: word.text.trim(), quad, fontSize: fontSize / scale, confidence: word.confidence };
    });
  });
  return { width: size.width, height: size.height, runs };
}

/** The page's skew: the median slope of the lines long enough to measure one. */
export function skewOf(lines: readonly OcrLine[]): number {
  const angles = lines
    .map((l) => l.baseline)
    .filter((b) => b.x1 - b.x0 > 200)
    .map((b) => Math.atan2(b.y1 - b.y0, b.x1 - b.x0))
    .sort((a, b) => a - b);
  const median = angles[Math.floor(angles.length / 2)] ?? 0;
  return Math.abs(median) <= maxSkew ? median : 0;
}

/** y of the line's baseline at x. */
function baselineOf(line: OcrLine): (x: number) => number {
  const { x0, y0, x1, y1 } = line.baseline;
  const slope = x1 === x0 ? 0 : (y1 - y0) / (x1 - x0);
  return (x) => y0 + slope * (x - x0);
}

/**
 * The line's font size from how far its glyphs rise above the baseline: the tallest word (capitals,
 * digits, ascenders) is the cap height. A word much taller than the line's lower median (a speck
 * fused to it) is ignored, and so is an estimate far above what tesseract's row height says.
 */
export function fontSizeOf(heightsAboveBaseline: readonly number[], rowHeight?: number): number | null {
  const heights = heightsAboveBaseline.filter((h) => h > 0).sort((a, b) => a - b);
  const median = heights[Math.floor((heights.length - 1) / 2)];
  if (median === undefined) return null;
  const fromGlyphs = Math.max(...heights.filter((h) => h <= 1.5 * median)) / capHeight;
  if (rowHeight === undefined || rowHeight <= 0) return fromGlyphs;
  const fromRow = rowHeight / rowHeightPerEm;
  return fromGlyphs > 1.5 * fromRow ? fromRow : fromGlyphs;
}
