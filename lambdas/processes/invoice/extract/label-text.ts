import { printedCodes } from './currency.ts';

/**
 * Printed labels in the lexicons' matching form: lower case, accents and dots dropped, dashes as
 * spaces, tax rates and currency marks removed (`Total TTC (€)`, `MwSt. 19 %`, `Tax (8.25%)` are
 * the labels `total ttc`, `mwst`, `tax`), one kind of apostrophe, no trailing colon.
 *
 * @example normaliseLabel('N° de facture :') // 'no de facture'
 */
export function normaliseLabel(text: string): string {
  const cached = normalised.get(text);
  if (cached !== undefined) return cached;
  const label = normalise(text);
  if (normalised.size >= 20_000) normalised.clear();
  normalised.set(text, label);
  return label;
}

/** Texts already normalised: layout analysis asks about the same words many times. */
const normalised = new Map<string, string>();

function normalise(text: string): string {
  return foldLetters(text)
    .replace(/\(?\s*@?\s*\d{1,2}(?:[.,]\d{1,3})?\s*%\s*\)?/gu, ' ')
    .replace(currencyMark, ' ')
    .replace(/[’`´‘]/gu, "'")
    .replace(/\./gu, '')
    .replace(/[-_–—*|]/gu, ' ')
    .replace(/\s+/gu, ' ')
    .trim()
    .replace(/\s*:+$/u, '')
    .trim();
}

/** Lower case without accents; letters that do not decompose (`ł`, `ß`, `ø`) spelled out. */
export function foldLetters(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/ł/gu, 'l')
    .replace(/ß/gu, 'ss')
    .replace(/ø/gu, 'o')
    .replace(/æ/gu, 'ae')
    .replace(/œ/gu, 'oe')
    .replace(/[°º]/gu, 'o');
}

/** `(€)`, `(EUR)`, `in EUR`, a trailing `EUR` or `€`: the currency a label's amounts are in. */
const currencyMark = new RegExp(
  String.raw`\(\s*(?:[a-z]{3}|[€$£¥₹]|zl)\s*\)|\s(?:in\s+)?(?:${[...printedCodes].map((c) => c.toLowerCase()).join('|')}|€|\$|£|₹)\s*(?=:?\s*$)`,
  'giu',
);
