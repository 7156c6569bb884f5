import type { RawField } from './expense-fields.ts';

/**
 * Choosing among repeated fields: Textract may report a type several times (two VENDOR_NAMEs, the
 * date once per page); the best-read value wins, and an unreadable one never hides a readable one.
 */

export type Picked<T> =
  | { readonly kind: 'found'; readonly field: RawField; readonly value: T }
  | { readonly kind: 'unparseable' }
  | { readonly kind: 'missing' };

/** Fields passing `accept`, with a non-empty value, highest value confidence first (stable on ties). */
export function rankFields(fields: readonly RawField[], accept: (field: RawField) => boolean): RawField[] {
  return fields
    .filter((f) => accept(f) && f.value.trim() !== '')
    .map((field, order) => ({ field, order }))
    .sort((a, b) => b.field.confidence - a.field.confidence || a.order - b.order)
    .map(({ field }) => field);
}

/** The best-read field whose value parses; `unparseable` when there are fields but none parses. */
export function pickParsed<T>(ranked: readonly RawField[], parse: (field: RawField) => T | null): Picked<T> {
  for (const field of ranked) {
    const value = parse(field);
    if (value !== null) return { kind: 'found', field, value };
  }
  return ranked.length === 0 ? { kind: 'missing' } : { kind: 'unparseable' };
}

/** The best-read field of a type, or undefined. */
export function bestOfType(fields: readonly RawField[], type: string): RawField | undefined {
  return rankFields(fields, (f) => f.type === type)[0];
}

/** Confidences carried with two decimals: more is noise, and it keeps artifacts readable. */
export function roundConfidence(confidence: number): number {
  return Math.round(confidence * 100) / 100;
}
