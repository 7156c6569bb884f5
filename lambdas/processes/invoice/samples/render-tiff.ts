import { deflateSync } from 'node:zlib';
import type { Raster } from './render-raster.ts';

/**
 * A raster as an 8-bit grayscale baseline TIFF (one strip, uncompressed or Deflate), for tests of
 * the TIFF path: Skia encodes PNG and JPEG but not TIFF.
 */

export type TiffCompression = 'none' | 'deflate';

export function encodeGrayTiff(raster: Raster, compression: TiffCompression = 'deflate'): Uint8Array {
  const { width, height } = raster;
  const gray = new Uint8Array(width * height);
  for (let i = 0; i < gray.length; i++) {
    const p = i * 4;
    gray[i] = Math.round(
      0.299 * (raster.data[p] ?? 0) + 0.587 * (raster.data[p + 1] ?? 0) + 0.114 * (raster.data[p + 2] ?? 0),
    );
  }
  const strip = compression === 'deflate' ? new Uint8Array(deflateSync(gray)) : gray;
  const entries: readonly (readonly [tag: number, type: 3 | 4, value: number])[] = [
    [256, 4, width],
    [257, 4, height],
    [258, 3, 8],
    [259, 3, compression === 'deflate' ? 8 : 1],
    [262, 3, 1], // BlackIsZero
    [273, 4, 0], // StripOffsets, filled in below
    [277, 3, 1],
    [278, 4, height],
    [279, 4, strip.length],
  ];
  const ifdOffset = 8;
  const ifdSize = 2 + entries.length * 12 + 4;
  const dataOffset = ifdOffset + ifdSize;
  const out = new Uint8Array(dataOffset + strip.length);
  const view = new DataView(out.buffer);
  out.set([0x49, 0x49, 0x2a, 0x00]); // II*\0: little-endian TIFF
  view.setUint32(4, ifdOffset, true);
  view.setUint16(ifdOffset, entries.length, true);
  entries.forEach(([tag, type, value], i) => {
    const at = ifdOffset + 2 + i * 12;
    view.setUint16(at, tag, true);
    view.setUint16(at + 2, type, true);
    view.setUint32(at + 4, 1, true);
    const v = tag === 273 ? dataOffset : value;
    if (type === 3) view.setUint16(at + 8, v, true);
    else view.setUint32(at + 8, v, true);
  });
  view.setUint32(ifdOffset + 2 + entries.length * 12, 0, true); // no next IFD
  out.set(strip, dataOffset);
  return out;
}
