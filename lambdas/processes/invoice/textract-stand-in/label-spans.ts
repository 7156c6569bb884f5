import { boxOfPoints, sliceQuad } from '../../../../local/emulators/textract/geometry.ts';
import type { Line, Word } from '../../../../local/emulators/textract/text-layout.ts';
import { labelTokens, leadingLabel, leadingTitle, titleDateWords } from '../extract/labels.ts';
import { kindOf, type LabelKind, labelKind } from './labels.ts';
import { looksLikeId, valueFits } from './value-types.ts';

/**
 * Where labels stand in a LINE: the whole LINE (its value is elsewhere: right of it or below), a
 * label leading the LINE with its value after it (`Invoice # 1258`, `Factuurnummer: 2024-17`), a
 * label after a colon-ended value further on, or a title that carries the number and the date
 * (`Facture n°F-12 du 2 juillet 2015`, `Invoice 1258`).
 */

export interface LabelHit {
  readonly line: Line;
  readonly kind: LabelKind;
  readonly label: readonly Word[];
  /** The value in the same LINE, or empty when the LINE is only the label. */
  readonly value: readonly Word[];
  /** Read from a title rather than after a label: a weaker sign. */
  readonly fromTitle: boolean;
}

/** The LINE's words, with a glued number sign (`#1258`, `n°123`) split into two words. */
export function tokensOf(line: Line): Word[] {
  const tokens = labelTokens(line.words.map((w) => w.text));
  return tokens.flatMap((token) => {
    const word = line.words[token.word];
    if (word === undefined) return [];
    if (token.part === 0) return [word];
    const sign = tokens.find((t) => t.word === token.word && t.part === 1)?.text.length ?? 0;
    const length = [...word.text].length;
    const [from, to] = token.part === 1 ? [0, sign / length] : [sign / length, 1];
    const quad = sliceQuad(word.quad, from, to);
    return [{ ...word, text: token.text, quad, box: boxOfPoints(quad) }];
  });
}

/** A text that is only a label, or a short text ending in a colon (Textract's OTHER). */
export function wholeLabelKind(text: string): LabelKind | null {
  return labelKind(text) ?? (/:\s*$/u.test(text) && looksLikeLabel(text) ? 'OTHER' : null);
}

export function labelHits(line: Line): LabelHit[] {
  const whole = wholeLabelKind(line.text);
  if (whole !== null) return [{ line, kind: whole, label: line.words, value: [], fromTitle: false }];
  const tokens = tokensOf(line);
  const texts = tokens.map((t) => t.text);
  const inline = inlineHits(line, tokens, 0);
  const title = leadingTitle(texts);
  return inline.length === 0 && title > 0 ? titleHits(line, tokens, title) : inline;
}

/** Label-value pairs from `start` on: `Invoice no: 12 Date: 1 May 2024` holds two. */
function inlineHits(line: Line, tokens: readonly Word[], start: number): LabelHit[] {
  const texts = tokens.map((t) => t.text);
  const lead = leadingLabel(texts.slice(start));
  const colon = texts.findIndex((t, i) => i >= start && t.endsWith(':'));
  let labelEnd: number;
  let kind: LabelKind;
  if (lead !== null) {
    labelEnd = start + lead.tokens;
    kind = kindOf(lead.field);
    // `Due date: …`: a colon right after a shorter label match belongs to the label.
    if (colon >= labelEnd && colon < start + 6) {
      const wider = labelKind(texts.slice(start, colon + 1).join(' '));
      if (wider !== null) [labelEnd, kind] = [colon + 1, wider];
    }
  } else if (
    colon !== -1 &&
    colon < tokens.length - 1 &&
    looksLikeLabel(texts.slice(start, colon + 1).join(' '))
  ) {
    [labelEnd, kind] = [colon + 1, 'OTHER'];
  } else return [];
  if (kind === 'RECEIVER' || kind === 'VENDOR') return [];
  const next = nextColonLabel(texts, labelEnd);
  const value = tokens.slice(labelEnd, next ?? tokens.length);
  const hit: LabelHit = { line, kind, label: tokens.slice(start, labelEnd), value, fromTitle: false };
  const fits = value.length > 0 && (kind === 'OTHER' || valueFits(kind, joined(value)));
  const rest = next === null ? [] : inlineHits(line, tokens, next);
  return fits ? [hit, ...rest] : rest;
}

/** Where a second `label:` starts after `from`, if one does. */
function nextColonLabel(texts: readonly string[], from: number): number | null {
  for (let i = from + 1; i < texts.length; i++) {
    for (let end = i; end < Math.min(texts.length - 1, i + 5); end++) {
      if (!(texts[end] ?? '').endsWith(':')) continue;
      if (labelKind(texts.slice(i, end + 1).join(' ')) !== null) return i;
    }
  }
  return null;
}

/** `Facture n°F-12 du 2 juillet 2015`, `Invoice 1258`, `Faktura VAT nr FV/1/2024 z dnia 3 maja 2024 r.` */
function titleHits(line: Line, tokens: readonly Word[], title: number): LabelHit[] {
  const texts = tokens.map((t) => t.text);
  const label = leadingLabel(texts.slice(title), (f) => f === 'invoiceNumber');
  const idAt = title + (label?.tokens ?? 0);
  const id = tokens[idAt];
  if (id === undefined || !looksLikeId(id.text)) return [];
  const hits: LabelHit[] = [
    { line, kind: 'INVOICE_RECEIPT_ID', label: tokens.slice(0, idAt), value: [id], fromTitle: true },
  ];
  const words = titleDateWords(texts.slice(idAt + 1));
  const date = tokens.slice(idAt + 1 + words);
  if (words > 0 && valueFits('INVOICE_RECEIPT_DATE', joined(date)))
    hits.push({
      line,
      kind: 'INVOICE_RECEIPT_DATE',
      label: tokens.slice(idAt + 1, idAt + 1 + words),
      value: date,
      fromTitle: true,
    });
  return hits;
}

/** Up to five words with letters and no digits: a label, not a sentence or a time of day. */
export function looksLikeLabel(text: string): boolean {
  const words = text.replace(/:\s*$/u, '').trim().split(/\s+/u);
  return words.length <= 5 && /\p{L}{2}/u.test(text) && !/\d/u.test(text);
}

function joined(words: readonly Word[]): string {
  return words.map((w) => w.text).join(' ');
}
