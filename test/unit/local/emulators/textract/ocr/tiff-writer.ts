/** TIFFs of any baseline shape, for the reader's tests: one strip, with LZW and PackBits encoders. */

export interface TiffShape {
  readonly width: number;
  readonly height: number;
  readonly bits: 1 | 8;
  readonly samples: 1 | 3;
  /** 0 WhiteIsZero, 1 BlackIsZero, 2 RGB */
  readonly photometric: 0 | 1 | 2;
  readonly compression: 1 | 5 | 32773;
  readonly predictor?: 1 | 2;
  readonly bigEndian?: boolean;
}

export function tiffFile(shape: TiffShape, raw: Uint8Array): Uint8Array {
  const strip = shape.compression === 5 ? lzwEncode(raw) : shape.compression === 32773 ? packBits(raw) : raw;
  const little = !shape.bigEndian;
  const entries: [number, number, number][] = [
    [256, 4, shape.width],
    [257, 4, shape.height],
    [258, 3, shape.bits],
    [259, 3, shape.compression],
    [262, 3, shape.photometric],
    [273, 4, 0],
    [277, 3, shape.samples],
    [278, 4, shape.height],
    [279, 4, strip.length],
    [317, 3, shape.predictor ?? 1],
  ];
  const dataOffset = 8 + 2 + entries.length * 12 + 4;
  const out = new Uint8Array(dataOffset + strip.length);
  const view = new DataView(out.buffer);
  out.set(little ? [0x49, 0x49, 0x2a, 0] : [0x4d, 0x4d, 0, 0x2a]);
  view.setUint32(4, 8, little);
  view.setUint16(8, entries.length, little);
  entries.forEach(([tag, type, value], i) => {
    const at = 10 + i * 12;
    view.setUint16(at, tag, little);
    view.setUint16(at + 2, type, little);
    view.setUint32(at + 4, 1, little);
    const v = tag === 273 ? dataOffset : value;
    if (type === 3) view.setUint16(at + 8, v, little);
    else view.setUint32(at + 8, v, little);
  });
  out.set(strip, dataOffset);
  return out;
}

/** TIFF LZW: MSB-first codes, a clear code first, width growing one code early, EOI last. */
export function lzwEncode(input: Uint8Array): Uint8Array {
  const bits: number[] = [];
  let width = 9;
  const emit = (code: number) => {
    for (let k = width - 1; k >= 0; k--) bits.push((code >> k) & 1);
  };
  let table = new Map<string, number>();
  const reset = () => {
    table = new Map(Array.from({ length: 256 }, (_, i) => [String.fromCharCode(i), i]));
    width = 9;
  };
  reset();
  emit(256);
  let next = 258;
  let current = '';
  for (const byte of input) {
    const extended = current + String.fromCharCode(byte);
    if (table.has(extended)) {
      current = extended;
      continue;
    }
    emit(table.get(current) ?? 0);
    table.set(extended, next++);
    // The decoder adds each entry one code later, so it widens at 511 where the encoder does at 512.
    if (next >= 1 << width && width < 12) width++;
    if (next >= 4094) {
      emit(256);
      reset();
      next = 258;
    }
    current = String.fromCharCode(byte);
  }
  if (current !== '') emit(table.get(current) ?? 0);
  emit(257);
  const out = new Uint8Array(Math.ceil(bits.length / 8));
  bits.forEach((bit, i) => {
    out[i >> 3] = (out[i >> 3] ?? 0) | (bit << (7 - (i & 7)));
  });
  return out;
}

/** PackBits with literal runs only and one repeat run per streak of equal bytes. */
export function packBits(input: Uint8Array): Uint8Array {
  const out: number[] = [];
  for (let i = 0; i < input.length; ) {
    let run = 1;
    while (i + run < input.length && input[i + run] === input[i] && run < 128) run++;
    if (run > 1) {
      out.push(257 - run, input[i] ?? 0);
      i += run;
    } else {
      out.push(0, input[i] ?? 0);
      i++;
    }
  }
  return Uint8Array.from(out);
}
