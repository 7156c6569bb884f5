import type { GrayImage } from './pixels.ts';

/**
 * Table rules and box borders whitened before OCR. Tesseract takes a long thin line next to text for
 * part of the text (or for an image) and drops the whole row, so an invoice's ruled table can lose
 * an item; text itself never has a straight stroke this long.
 */

/** Darker than this is ink: rules are often light grey or blue, paper is near white. */
const ink = 232;

/**
 * Whitens every horizontal or vertical run of ink at least `minLength` pixels long that is at most
 * `maxThickness` pixels thick, leaving everything else as it is.
 *
 * @example removeRules(page, Math.round(page.width * 0.08))
 */
export function removeRules(image: GrayImage, minLength: number, maxThickness = 8): GrayImage {
  const { width, height } = image;
  const inkAt = (x: number, y: number) => (image.data[y * width + x] ?? 255) < ink;
  const erase = new Uint8Array(width * height);
  // Horizontal runs.
  for (let y = 0; y < height; y++) {
    let start = 0;
    for (let x = 0; x <= width; x++) {
      if (x < width && inkAt(x, y)) continue;
      if (x - start >= minLength && thin(start, x, y, (a, b) => inkAt(a, b), height, maxThickness))
        for (let k = start; k < x; k++) erase[y * width + k] = 1;
      start = x + 1;
    }
  }
  // Vertical runs.
  for (let x = 0; x < width; x++) {
    let start = 0;
    for (let y = 0; y <= height; y++) {
      if (y < height && inkAt(x, y)) continue;
      if (y - start >= minLength && thin(start, y, x, (a, b) => inkAt(b, a), width, maxThickness))
        for (let k = start; k < y; k++) erase[k * width + x] = 1;
      start = y + 1;
    }
  }
  const data = image.data.map((v, i) => (erase[i] === 1 ? 255 : v));
  return { ...image, data };
}

/**
 * A run is a rule, not the side of a big glyph or an ink blot, when the ink across it is thin at its
 * middle: at most `maxThickness` pixels of ink above and below (left and right) of it there.
 */
function thin(
  from: number,
  to: number,
  at: number,
  inkAt: (along: number, across: number) => boolean,
  extent: number,
  maxThickness: number,
): boolean {
  const middle = Math.floor((from + to) / 2);
  let thickness = 1;
  for (let d = at - 1; d >= 0 && inkAt(middle, d); d--) thickness++;
  for (let d = at + 1; d < extent && inkAt(middle, d); d++) thickness++;
  return thickness <= maxThickness;
}
