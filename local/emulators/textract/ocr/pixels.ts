/**
 * Grayscale pixels, the one image shape the OCR path works in: decoders produce it, preprocessing
 * changes it, and it reaches tesseract as a binary PGM (which Leptonica reads without any codec).
 */

export interface GrayImage {
  readonly width: number;
  readonly height: number;
  /** One byte per pixel, row by row, 0 black to 255 white. */
  readonly data: Uint8Array;
}

/** RGBA (canvas ImageData) to gray with Rec. 601 luma; transparent pixels count as white paper. */
export function grayOfRgba(width: number, height: number, rgba: Uint8Array | Uint8ClampedArray): GrayImage {
  const data = new Uint8Array(width * height);
  for (let i = 0, p = 0; i < data.length; i++, p += 4) {
    const alpha = (rgba[p + 3] ?? 255) / 255;
    const luma = 0.299 * (rgba[p] ?? 0) + 0.587 * (rgba[p + 1] ?? 0) + 0.114 * (rgba[p + 2] ?? 0);
    data[i] = Math.round(luma * alpha + 255 * (1 - alpha));
  }
  return { width, height, data };
}

/** Gray back to opaque RGBA, for a canvas to encode or draw. */
export function rgbaOfGray(image: GrayImage): Uint8ClampedArray {
  const rgba = new Uint8ClampedArray(image.width * image.height * 4);
  for (let i = 0, p = 0; i < image.data.length; i++, p += 4) {
    const v = image.data[i] ?? 255;
    rgba[p] = v;
    rgba[p + 1] = v;
    rgba[p + 2] = v;
    rgba[p + 3] = 255;
  }
  return rgba;
}

/**
 * Stretches the gray levels so the darkest percentile becomes black and the brightest white: faded
 * scans and grey paper then give tesseract's own binarisation a clear gap between ink and paper.
 */
export function stretchContrast(image: GrayImage, clip = 0.005): GrayImage {
  const histogram = new Uint32Array(256);
  for (const v of image.data) histogram[v] = (histogram[v] ?? 0) + 1;
  const cut = Math.floor(image.data.length * clip);
  const low = levelAt(histogram, cut);
  const high = 255 - levelAt(histogram.slice().reverse(), cut);
  if (high - low < 32) return image;
  const scale = 255 / (high - low);
  const data = image.data.map((v) => Math.min(255, Math.max(0, Math.round((v - low) * scale))));
  return { ...image, data };
}

/**
 * Black and white at Otsu's threshold (the level that best separates ink from paper), so tesseract
 * sees neither grain nor JPEG ringing.
 */
export function binarise(image: GrayImage): GrayImage {
  const histogram = new Float64Array(256);
  for (const v of image.data) histogram[v] = (histogram[v] ?? 0) + 1;
  const total = image.data.length;
  const sumAll = histogram.reduce((sum, count, level) => sum + count * level, 0);
  let [best, threshold, below, sumBelow] = [-1, 128, 0, 0];
  for (let level = 0; level < 256; level++) {
    below += histogram[level] ?? 0;
    sumBelow += level * (histogram[level] ?? 0);
    const above = total - below;
    if (below === 0 || above === 0) continue;
    const between = below * above * (sumBelow / below - (sumAll - sumBelow) / above) ** 2;
    if (between > best) [best, threshold] = [between, level];
  }
  return { ...image, data: image.data.map((v) => (v <= threshold ? 0 : 255)) };
}

/** Binary PGM (P5): a plain header and the bytes, no compression to spend time on. */
export function pgmOf(image: GrayImage): Uint8Array {
  const header = new TextEncoder().encode(`P5\n${image.width} ${image.height}\n255\n`);
  const out = new Uint8Array(header.length + image.data.length);
  out.set(header);
  out.set(image.data, header.length);
  return out;
}

/** The first level at which the histogram's running count passes `count`. */
function levelAt(histogram: Uint32Array, count: number): number {
  let seen = 0;
  for (let level = 0; level < histogram.length; level++) {
    seen += histogram[level] ?? 0;
    if (seen > count) return level;
  }
  return histogram.length - 1;
}
