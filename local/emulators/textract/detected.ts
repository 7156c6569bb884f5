import type { Line, Word } from './text-layout.ts';

/** What the detectors found, before it is written in Textract's response shape. */

/** Text and the words it was read from (their boxes become the detection's geometry). */
export interface Span {
  readonly text: string;
  readonly words: readonly Word[];
}

/** A field: its Textract type (`TOTAL`, `ITEM`, …), the label when one is printed, and the value. */
export interface DetectedField {
  readonly type: string;
  readonly label: Span | null;
  readonly value: Span;
  /** How much the field's placement is trusted (0–1), multiplied into the value's confidence. @default 1 */
  readonly factor?: number;
}

export interface DetectedLineItem {
  readonly fields: readonly DetectedField[];
  /** The whole row (Textract's EXPENSE_ROW); continuation lines joined with a newline. */
  readonly row: Span;
}

export function spanOfLines(lines: readonly Line[], separator = ' '): Span {
  return { text: lines.map((l) => l.text).join(separator), words: lines.flatMap((l) => l.words) };
}

export function spanOfWords(words: readonly Word[]): Span {
  return { text: words.map((w) => w.text).join(' '), words };
}
