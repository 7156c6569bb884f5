import { describe, expect, it } from 'vitest';
import { encodeGrayTiff } from '../../../../../../lambdas/processes/invoice/samples/index.ts';
import { decodeTiff } from '../../../../../../local/emulators/textract/ocr/tiff.ts';
import { tiffFile } from './tiff-writer.ts';

/** The baseline TIFF reader, on files written here in each supported shape. */

/** A 40×3 gray ramp: enough repeats and variety to exercise every coder. */
const width = 40;
const height = 3;
const ramp = Uint8Array.from({ length: width * height }, (_, i) => (i % width) * 6);

describe('decodeTiff', () => {
  it.each([
    ['uncompressed', 1],
    ['LZW', 5],
    ['PackBits', 32773],
  ] as const)('reads 8-bit gray, %s', (_name, compression) => {
    const file = tiffFile({ width, height, bits: 8, samples: 1, photometric: 1, compression }, ramp);
    expect(decodeTiff(file)).toEqual({ width, height, data: ramp });
  });

  it('reads a long LZW strip, whose codes grow past 9 bits and restart after a clear code', () => {
    // Prepare: 20,000 varied bytes make thousands of codes.
    const data = Uint8Array.from({ length: 20_000 }, (_, i) => (i * 7919) % 251);
    const file = tiffFile(
      { width: 200, height: 100, bits: 8, samples: 1, photometric: 1, compression: 5 },
      data,
    );

    // Act / Assess
    expect(decodeTiff(file).data).toEqual(data);
  });

  it.each(['none', 'deflate'] as const)('reads what encodeGrayTiff writes (%s)', (compression) => {
    // Prepare
    const rgba = new Uint8ClampedArray(width * height * 4);
    for (const [i, v] of ramp.entries()) rgba.set([v, v, v, 255], i * 4);

    // Act
    const image = decodeTiff(encodeGrayTiff({ width, height, data: rgba }, compression));

    // Assess
    expect(image.data).toEqual(ramp);
  });

  it('reads big-endian files with the horizontal predictor', () => {
    // Prepare: each byte stored as the difference from its left neighbour.
    const deltas = ramp.map((v, i) => (i % width === 0 ? v : (v - (ramp[i - 1] ?? 0)) & 0xff));
    const shape = {
      width,
      height,
      bits: 8,
      samples: 1,
      photometric: 1,
      compression: 5,
      predictor: 2,
      bigEndian: true,
    } as const;

    // Act / Assess
    expect(decodeTiff(tiffFile(shape, deltas)).data).toEqual(ramp);
  });

  it('reads RGB as luma', () => {
    const rgb = Uint8Array.from([255, 0, 0, 0, 0, 255]);
    const file = tiffFile({ width: 2, height: 1, bits: 8, samples: 3, photometric: 2, compression: 1 }, rgb);
    expect([...decodeTiff(file).data]).toEqual([76, 29]);
  });

  it.each([
    ['WhiteIsZero', 0, [0, 255]],
    ['BlackIsZero', 1, [255, 0]],
  ] as const)('reads bilevel %s', (_name, photometric, expected) => {
    // Prepare: one row of 2 pixels, bits 1 then 0 (MSB first).
    const file = tiffFile(
      { width: 2, height: 1, bits: 1, samples: 1, photometric, compression: 1 },
      Uint8Array.from([0x80]),
    );

    // Act / Assess
    expect([...decodeTiff(file).data]).toEqual(expected);
  });

  it.each([
    ['a CCITT fax file', (f: Uint8Array) => patchShort(f, 259, 4), /compression 4/],
    ['a truncated file', (f: Uint8Array) => f.subarray(0, 6), /truncated|outside/],
    ['16-bit samples', (f: Uint8Array) => patchShort(f, 258, 16), /16 bits/],
  ])('refuses %s with a clear message', (_name, spoil, message) => {
    const file = tiffFile({ width, height, bits: 8, samples: 1, photometric: 1, compression: 1 }, ramp);
    expect(() => decodeTiff(spoil(file))).toThrow(message);
  });
});

/** Rewrites a SHORT field's value in a little-endian file written by tiffFile. */
function patchShort(file: Uint8Array, tag: number, value: number): Uint8Array {
  const copy = file.slice();
  const view = new DataView(copy.buffer);
  for (let at = 10; at < 10 + view.getUint16(8, true) * 12; at += 12)
    if (view.getUint16(at, true) === tag) view.setUint16(at + 8, value, true);
  return copy;
}
