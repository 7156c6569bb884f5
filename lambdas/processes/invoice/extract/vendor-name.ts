/**
 * Vendor names without their address: Textract often reads the name together with the lines under
 * it, and vendor history keys on the name, so `ACME GmbH, Hauptstr. 5\n10115 Berlin` must be `ACME GmbH`.
 */

/** Street words that end a name when a later comma-separated part contains them. */
const streetWords =
  /\b(?:street|st|avenue|ave|road|rd|boulevard|blvd|lane|ln|drive|suite|ste|floor|p\.?\s?o\.?\s?box|straße|strasse|str|weg|platz|allee|gasse|rue|chemin|bd|via|calle|plaza)\b\.?/iu;

/**
 * The vendor name: the first line that has a letter or digit, cut before the first comma-separated
 * part that looks like an address, trailing punctuation dropped, whitespace collapsed.
 *
 * @example normaliseVendorName('ACME  Ltd,\n12 High Street\nLondon') // 'ACME Ltd'
 */
export function normaliseVendorName(text: string): string | null {
  const first = text
    .split(/\r?\n/)
    .map(collapse)
    .find((line) => /[\p{L}\p{N}]/u.test(line));
  if (first === undefined) return null;
  const [head = '', ...rest] = first.split(',');
  const kept = [head];
  for (const part of rest) {
    if (looksLikeAddress(part)) break;
    kept.push(part);
  }
  const name = collapse(kept.join(',')).replace(/[\s,;:\-–—/|]+$/u, '');
  return name === '' ? null : name;
}

/** A part with a digit (house number, postcode) or a street word is address, not name. */
function looksLikeAddress(part: string): boolean {
  return /\d/.test(part) || streetWords.test(part);
}

function collapse(text: string): string {
  return text.replace(/\s+/gu, ' ').trim();
}

/**
 * A whole line that reads as an address: a house number first (`12 High Street`), a postcode
 * (`10115 Berlin`, `1012 AB`, `00-950`, `EC1A 1BB`) or a street word next to a number.
 */
export function isAddressLine(text: string): boolean {
  const line = collapse(text);
  if (/^\d/u.test(line) || /\d{4,}/u.test(line)) return true;
  if (/\b\d{2}-\d{3}\b|\b\d{4}\s?[A-Z]{2}\b|\b[A-Z]{1,2}\d[A-Z\d]?\s?\d[A-Z]{2}\b/u.test(line)) return true;
  return /\d/u.test(line) && streetWords.test(line);
}
