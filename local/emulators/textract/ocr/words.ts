import type { OcrWord } from './tesseract-page.ts';

/**
 * OCR words tidied before layout: what specks and wide letter spacing do to tesseract's words,
 * undone where it can be told apart from real text.
 */

/**
 * Tesseract splits a wide bold word at a letter gap (`Factu re`, `D ate`), but a bold space can be as
 * narrow (0.12–0.18 × font size; a regular one 0.3–0.4), so gaps alone cannot tell: under this
 * width, two pieces are joined only when together they make a label or a title and apart they do not.
 */
const letterGap = 0.25;
/** A letter or digit, or a sign that carries meaning alone (currency, percent, number sign). */
export const meaningful = /[\p{L}\p{N}\p{Sc}%#&@]/u;

/**
 * The line's words as a reader wants them: stray quotes that specks become at a word's edge
 * dropped (`‘Datum`), a label split at a letter gap joined again, and a line of nothing but
 * punctuation (specks read as `:` or `.`) dropped whole.
 */
export function cleanWords(
  words: readonly OcrWord[],
  fontSize: number,
  /** A label, a column header or a title (the expense reader's words); none by default. */
  known: (text: string) => boolean = () => false,
): OcrWord[] {
  const kept = words.map((w) => ({ ...w, text: tidy(w.text) })).filter((w) => w.text !== '');
  if (!kept.some((w) => meaningful.test(w.text))) return [];
  const joined: OcrWord[] = [];
  for (const word of kept) {
    const previous = joined.at(-1);
    const split =
      previous !== undefined &&
      word.bbox.x0 - previous.bbox.x1 < letterGap * fontSize &&
      /\p{L}$/u.test(previous.text) &&
      /^\p{L}/u.test(word.text) &&
      known(previous.text + word.text) &&
      !known(previous.text);
    if (!split) joined.push(word);
    else
      joined[joined.length - 1] = {
        text: previous.text + word.text,
        confidence: Math.min(previous.confidence, word.confidence),
        bbox: {
          x0: previous.bbox.x0,
          y0: Math.min(previous.bbox.y0, word.bbox.y0),
          x1: word.bbox.x1,
          y1: Math.max(previous.bbox.y1, word.bbox.y1),
        },
      };
  }
  return joined;
}

/**
 * Specks at a word's edge, as tesseract reads them: quotes around letters (`‘Datum`) and a mark
 * after a date or an amount (`10/03/2024.`, `1.234,56,`), where no punctuation belongs.
 */
function tidy(text: string): string {
  return text
    .trim()
    .replace(/^[‘’'`"“”„]+(?=\p{L})|(?<=\p{L})[‘’'`"“”„]+$/gu, '')
    .replace(/^(\d+[./,-]\d[\d./,-]*\d)[.,:;'`]$/u, '$1');
}
