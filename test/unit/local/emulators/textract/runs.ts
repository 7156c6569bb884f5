import { quadOfBox } from '../../../../../local/emulators/textract/geometry.ts';
import type { PageText, TextRun } from '../../../../../local/emulators/textract/pdf-text.ts';
import { type Line, linesOf, wordsOf } from '../../../../../local/emulators/textract/text-layout.ts';

/** Text runs placed by hand (points, origin top left), for layout tests without a PDF. */

/** A run whose baseline is at `baseline`, about half an em per character wide. */
export function run(text: string, x: number, baseline: number, size = 10): TextRun {
  const box = {
    left: x,
    top: baseline - 0.9 * size,
    right: x + text.length * size * 0.5,
    bottom: baseline + 0.2 * size,
  };
  return { text, quad: quadOfBox(box), fontSize: size };
}

/** A run whose right edge is at `right`, like a number in a column. */
export function runRight(text: string, right: number, baseline: number, size = 10): TextRun {
  return run(text, right - text.length * size * 0.5, baseline, size);
}

export function linesFrom(runs: readonly TextRun[]): Line[] {
  return linesOf(wordsOf(runs));
}

export function pageOf(runs: readonly TextRun[]): PageText {
  return { width: 600, height: 800, runs };
}
