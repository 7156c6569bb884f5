import { inflateSync } from 'node:zlib';
import type { GrayImage } from './pixels.ts';

/**
 * A baseline TIFF reader for OCR: the first image of the file, in strips, uncompressed, PackBits,
 * LZW or Deflate (with or without the horizontal predictor), bilevel, gray, palette or RGB(A) with
 * 8 bits per sample, to gray pixels. CCITT fax and JPEG-in-TIFF are refused with a clear message.
 */

export class TiffError extends Error {
  override readonly name = 'TiffError';
}

const tags = {
  width: 256,
  height: 257,
  bitsPerSample: 258,
  compression: 259,
  photometric: 262,
  stripOffsets: 273,
  samplesPerPixel: 277,
  rowsPerStrip: 278,
  stripByteCounts: 279,
  planar: 284,
  predictor: 317,
  colorMap: 320,
} as const;

const typeSizes: Readonly<Record<number, number>> = { 1: 1, 2: 1, 3: 2, 4: 4, 5: 8, 6: 1, 7: 1, 8: 2, 9: 4 };

export function decodeTiff(bytes: Uint8Array): GrayImage {
  if (bytes.length < 8) throw new TiffError('The TIFF file is truncated');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const little = bytes[0] === 0x49;
  const u16 = (at: number) => view.getUint16(at, little);
  const u32 = (at: number) => view.getUint32(at, little);
  const ifd = u32(4);
  if (ifd + 2 > bytes.length) throw new TiffError('The TIFF directory lies outside the file');
  const fields = new Map<number, number[]>();
  for (let i = 0, at = ifd + 2; i < u16(ifd); i++, at += 12) {
    const [tag, type, count] = [u16(at), u16(at + 2), u32(at + 4)];
    const size = (typeSizes[type] ?? 1) * count;
    const start = size <= 4 ? at + 8 : u32(at + 8);
    if (start + size > bytes.length) throw new TiffError('A TIFF field lies outside the file');
    const read = (k: number) =>
      type === 3 ? u16(start + 2 * k) : type === 4 ? u32(start + 4 * k) : (bytes[start + k] ?? 0);
    fields.set(
      tag,
      Array.from({ length: Math.min(count, 1 << 20) }, (_, k) => read(k)),
    );
  }
  const one = (tag: number, fallback?: number): number => {
    const value = fields.get(tag)?.[0] ?? fallback;
    if (value === undefined) throw new TiffError(`The TIFF lacks required field ${tag}`);
    return value;
  };
  const width = one(tags.width);
  const height = one(tags.height);
  const samples = one(tags.samplesPerPixel, 1);
  const bits = one(tags.bitsPerSample, 1);
  const compression = one(tags.compression, 1);
  const photometric = one(tags.photometric, 1);
  if (one(tags.planar, 1) !== 1) throw new TiffError('Planar TIFF is not supported');
  if (bits !== 1 && bits !== 8) throw new TiffError(`TIFF with ${bits} bits per sample is not supported`);
  const offsets = fields.get(tags.stripOffsets) ?? [];
  const counts = fields.get(tags.stripByteCounts) ?? [];
  const rowsPerStrip = Math.min(one(tags.rowsPerStrip, height), height);
  const rowBytes = Math.ceil((width * samples * bits) / 8);
  const raw = new Uint8Array(rowBytes * height);
  offsets.forEach((offset, s) => {
    const strip = decompress(bytes.subarray(offset, offset + (counts[s] ?? 0)), compression);
    raw.set(
      strip.subarray(0, Math.max(0, raw.length - s * rowsPerStrip * rowBytes)),
      s * rowsPerStrip * rowBytes,
    );
  });
  if (one(tags.predictor, 1) === 2 && bits === 8) undoPredictor(raw, rowBytes, samples);
  return {
    width,
    height,
    data: toGray(raw, {
      width,
      height,
      rowBytes,
      samples,
      bits,
      photometric,
      colorMap: fields.get(tags.colorMap),
    }),
  };
}

function decompress(strip: Uint8Array, compression: number): Uint8Array {
  if (compression === 1) return strip;
  if (compression === 8 || compression === 32946) return inflateSync(strip);
  if (compression === 32773) return unpackBits(strip);
  if (compression === 5) return lzw(strip);
  throw new TiffError(`TIFF compression ${compression} (e.g. CCITT fax or JPEG) is not supported`);
}

function unpackBits(input: Uint8Array): Uint8Array {
  const out: number[] = [];
  for (let i = 0; i < input.length; ) {
    const n = ((input[i++] ?? 0) << 24) >> 24;
    if (n >= 0) for (let k = 0; k <= n; k++) out.push(input[i++] ?? 0);
    else if (n !== -128) out.push(...new Array<number>(1 - n).fill(input[i++] ?? 0));
  }
  return Uint8Array.from(out);
}

/** TIFF's LZW: MSB-first codes of 9 to 12 bits, the width growing one code early. */
function lzw(input: Uint8Array): Uint8Array {
  const out: number[] = [];
  let table: number[][] = [];
  const reset = () => {
    table = Array.from({ length: 258 }, (_, i) => (i < 256 ? [i] : []));
  };
  reset();
  let [bitPos, width, previous] = [0, 9, null as number[] | null];
  while (bitPos + width <= input.length * 8) {
    let code = 0;
    for (let k = 0; k < width; k++, bitPos++)
      code = (code << 1) | (((input[bitPos >> 3] ?? 0) >> (7 - (bitPos & 7))) & 1);
    if (code === 257) break;
    if (code === 256) {
      reset();
      [width, previous] = [9, null];
      continue;
    }
    const entry = table[code] ?? (previous === null ? [] : [...previous, previous[0] ?? 0]);
    out.push(...entry);
    if (previous !== null) table.push([...previous, entry[0] ?? 0]);
    previous = entry;
    if (table.length + 1 >= 1 << width && width < 12) width++;
  }
  return Uint8Array.from(out);
}

function undoPredictor(raw: Uint8Array, rowBytes: number, samples: number): void {
  for (let row = 0; row < raw.length; row += rowBytes)
    for (let i = row + samples; i < row + rowBytes; i++)
      raw[i] = ((raw[i] ?? 0) + (raw[i - samples] ?? 0)) & 0xff;
}

interface Layout {
  readonly width: number;
  readonly height: number;
  readonly rowBytes: number;
  readonly samples: number;
  readonly bits: number;
  readonly photometric: number;
  readonly colorMap: readonly number[] | undefined;
}

function toGray(raw: Uint8Array, l: Layout): Uint8Array {
  const gray = new Uint8Array(l.width * l.height);
  const whiteIsZero = l.photometric === 0;
  for (let y = 0; y < l.height; y++) {
    for (let x = 0; x < l.width; x++) {
      const row = y * l.rowBytes;
      let v: number;
      if (l.bits === 1) v = (((raw[row + (x >> 3)] ?? 0) >> (7 - (x & 7))) & 1) * 255;
      else if (l.photometric === 3 && l.colorMap !== undefined) {
        const index = raw[row + x] ?? 0;
        const n = l.colorMap.length / 3;
        const [r, g, b] = [0, 1, 2].map((c) => (l.colorMap?.[c * n + index] ?? 0) >> 8);
        v = 0.299 * (r ?? 0) + 0.587 * (g ?? 0) + 0.114 * (b ?? 0);
      } else if (l.samples >= 3) {
        const p = row + x * l.samples;
        v = 0.299 * (raw[p] ?? 0) + 0.587 * (raw[p + 1] ?? 0) + 0.114 * (raw[p + 2] ?? 0);
      } else v = raw[row + x * l.samples] ?? 0;
      gray[y * l.width + x] = Math.round(whiteIsZero ? 255 - v : v);
    }
  }
  return gray;
}
