import { type Box, boxOfPoints, horizontalOverlap, type Quad, sliceQuad, unionBox } from './geometry.ts';
import type { TextRun } from './pdf-text.ts';

/**
 * Text runs to Textract's WORDs and LINEs. A LINE is what Textract calls one: words on one baseline
 * with no wide gap between them, so a label and its value far to the right are two LINEs, and a
 * table row is one LINE per cell.
 */

export interface Word {
  readonly text: string;
  readonly quad: Quad;
  readonly box: Box;
  readonly fontSize: number;
  /** OCR's confidence (0–100), when the word was recognised rather than read from a text layer. */
  readonly confidence?: number;
}

export interface Line {
  readonly text: string;
  readonly words: readonly Word[];
  readonly box: Box;
  readonly fontSize: number;
}

/** Words on one baseline may sit this much (× font size) apart vertically. */
const baselineTolerance = 0.3;
/** A horizontal gap wider than this (× font size) starts a new LINE; a space is about 0.28. */
const lineBreakGap = 0.9;

/** Splits runs at whitespace; each word gets the slice of its run's box its characters take. */
export function wordsOf(runs: readonly TextRun[]): Word[] {
  return runs.flatMap((run) => {
    const weights = [...run.text].map(glyphWeight);
    const total = weights.reduce((sum, w) => sum + w, 0) || 1;
    return [...run.text.matchAll(/\S+/gu)].map((match): Word => {
      const start = [...run.text.slice(0, match.index)].length;
      const end = start + [...match[0]].length;
      const quad = sliceQuad(run.quad, sum(weights, 0, start) / total, sum(weights, 0, end) / total);
      const word = { text: match[0], quad, box: boxOfPoints(quad), fontSize: run.fontSize };
      return run.confidence === undefined ? word : { ...word, confidence: run.confidence };
    });
  });
}

/** Groups words into LINEs in reading order: top to bottom, then left to right. */
export function linesOf(words: readonly Word[]): Line[] {
  return rowsOfWords(words).flatMap(splitAtGaps);
}

/** LINEs that share a baseline, each row left to right, rows top to bottom. */
export function rowsOf(lines: readonly Line[]): Line[][] {
  const rows: Line[][] = [];
  for (const line of [...lines].sort((a, b) => a.box.bottom - b.box.bottom || a.box.left - b.box.left)) {
    const row = rows.find((r) => sameBaseline(r[0], line));
    if (row) row.push(line);
    else rows.push([line]);
  }
  for (const row of rows) row.sort((a, b) => a.box.left - b.box.left);
  return rows.sort((a, b) => (a[0]?.box.bottom ?? 0) - (b[0]?.box.bottom ?? 0));
}

export function lineOf(words: readonly Word[]): Line {
  return {
    text: words.map((w) => w.text).join(' '),
    words,
    box: unionBox(words.map((w) => w.box)),
    fontSize: Math.max(...words.map((w) => w.fontSize)),
  };
}

/** A LINE sits under another when the gap between them is under this (× font size). */
const belowGap = 1.0;

/** The LINEs directly under `line`, overlapping it horizontally, nearest first. */
export function below(line: Line, free: readonly Line[]): Line[] {
  return free
    .filter((l) => {
      const gap = l.box.top - line.box.bottom;
      return gap > -0.2 * line.fontSize && gap < belowGap * Math.max(line.fontSize, l.fontSize);
    })
    .filter((l) => horizontalOverlap(l.box, line.box) > 0)
    .sort((a, b) => a.box.top - b.box.top);
}

/** LINEs stacked directly under `top`, left-aligned with it, each close under the one before. */
export function stackUnder(top: Line, free: readonly Line[], accept: (line: Line) => boolean): Line[] {
  const stack: Line[] = [];
  let last = top;
  for (;;) {
    const next = below(last, free).find(
      (l) => accept(l) && !stack.includes(l) && Math.abs(l.box.left - top.box.left) <= top.fontSize,
    );
    if (next === undefined) return stack;
    stack.push(next);
    last = next;
  }
}

/** Two boxes on one baseline: their bottoms (the descender line) within a fraction of the font size. */
export function sameBaseline(
  a: { readonly box: Box; readonly fontSize: number } | undefined,
  b: { readonly box: Box; readonly fontSize: number },
): boolean {
  if (a === undefined) return false;
  return Math.abs(baselineOf(a) - baselineOf(b)) <= baselineTolerance * Math.min(a.fontSize, b.fontSize);
}

function baselineOf(item: { readonly box: Box; readonly fontSize: number }): number {
  // The box bottom is the descender, about a fifth of the font size below the baseline.
  return item.box.bottom - 0.2 * item.fontSize;
}

function rowsOfWords(words: readonly Word[]): Word[][] {
  const rows: Word[][] = [];
  for (const word of [...words].sort((a, b) => baselineOf(a) - baselineOf(b))) {
    const row = rows.find((r) => sameBaseline(r[0], word));
    if (row) row.push(word);
    else rows.push([word]);
  }
  return rows.map((row) => row.sort((a, b) => a.box.left - b.box.left));
}

function splitAtGaps(row: readonly Word[]): Line[] {
  const lines: Word[][] = [];
  for (const word of row) {
    const current = lines.at(-1);
    const previous = current?.at(-1);
    const gap = previous === undefined ? Number.POSITIVE_INFINITY : word.box.left - previous.box.right;
    if (current === undefined || gap > lineBreakGap * Math.max(word.fontSize, previous?.fontSize ?? 0))
      lines.push([word]);
    else current.push(word);
  }
  return lines.map(lineOf);
}

/** Sum of values[from..to), for prefix widths of a run. */
function sum(values: readonly number[], from: number, to: number): number {
  let total = 0;
  for (let i = from; i < to; i++) total += values[i] ?? 0;
  return total;
}

/** Rough Helvetica advance widths (em), enough to place words inside a run. */
function glyphWeight(char: string): number {
  if (char === ' ') return 0.28;
  if (/[il.,:;'|!Ijt]/u.test(char)) return 0.28;
  if (/[frI()\-/]/u.test(char)) return 0.33;
  if (/[mwMW@%]/u.test(char)) return 0.85;
  if (/[A-Z]/u.test(char)) return 0.67;
  return 0.55;
}
