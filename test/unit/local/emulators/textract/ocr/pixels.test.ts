import { describe, expect, it } from 'vitest';
import {
  binarise,
  type GrayImage,
  grayOfRgba,
  pgmOf,
  rgbaOfGray,
  stretchContrast,
} from '../../../../../../local/emulators/textract/ocr/pixels.ts';
import { removeRules } from '../../../../../../local/emulators/textract/ocr/rules.ts';

const gray = (width: number, height: number, fill = 255): GrayImage => ({
  width,
  height,
  data: new Uint8Array(width * height).fill(fill),
});

describe('grayOfRgba', () => {
  it.each([
    [[255, 255, 255, 255], 255],
    [[0, 0, 0, 255], 0],
    [[255, 0, 0, 255], 76],
    [[0, 0, 0, 0], 255], // transparent is paper
  ])('turns %j into %d', (rgba, expected) => {
    expect(grayOfRgba(1, 1, Uint8Array.from(rgba)).data[0]).toBe(expected);
  });

  it('round-trips through RGBA', () => {
    const image = { width: 2, height: 1, data: Uint8Array.from([10, 200]) };
    expect(grayOfRgba(2, 1, rgbaOfGray(image)).data).toEqual(image.data);
  });
});

describe('stretchContrast', () => {
  it('maps grey paper to white and grey ink to black', () => {
    // Prepare: a faded scan, ink at 90, paper at 200.
    const image = {
      width: 100,
      height: 1,
      data: Uint8Array.from({ length: 100 }, (_, i) => (i < 20 ? 90 : 200)),
    };

    // Act
    const out = stretchContrast(image);

    // Assess
    expect([out.data[0], out.data[99]]).toEqual([0, 255]);
  });

  it('leaves a blank page alone (no ink to stretch towards)', () => {
    const blank = gray(10, 10, 240);
    expect(stretchContrast(blank)).toBe(blank);
  });
});

describe('binarise', () => {
  it("splits ink from paper at Otsu's threshold, grain and all", () => {
    // Prepare: grey ink around 70, noisy paper around 220.
    const data = Uint8Array.from({ length: 200 }, (_, i) => (i < 50 ? 60 + (i % 20) : 210 + (i % 20)));

    // Act
    const out = binarise({ width: 200, height: 1, data });

    // Assess
    expect(new Set(out.data.subarray(0, 50))).toEqual(new Set([0]));
    expect(new Set(out.data.subarray(50))).toEqual(new Set([255]));
  });
});

describe('pgmOf', () => {
  it('writes a binary PGM header and the bytes', () => {
    const pgm = pgmOf({ width: 2, height: 1, data: Uint8Array.from([0, 255]) });
    expect(Buffer.from(pgm.subarray(0, 11)).toString()).toBe('P5\n2 1\n255\n');
    expect([...pgm.subarray(11)]).toEqual([0, 255]);
  });
});

describe('removeRules', () => {
  it('whitens a long thin rule and keeps a block of text-like ink', () => {
    // Prepare: a 2 px light-blue rule across, and a 20×30 "glyph".
    const image = gray(300, 100);
    for (let x = 10; x < 290; x++) for (const y of [50, 51]) image.data[y * 300 + x] = 190;
    for (let y = 10; y < 40; y++) for (let x = 20; x < 40; x++) image.data[y * 300 + x] = 0;

    // Act
    const out = removeRules(image, 100);

    // Assess
    expect(out.data[50 * 300 + 150]).toBe(255);
    expect(out.data[20 * 300 + 30]).toBe(0);
  });

  it('whitens a vertical rule (a table border) too, and leaves thick bars', () => {
    // Prepare: a 1 px vertical line, and a 30 px wide bar as long as the line.
    const image = gray(100, 300);
    for (let y = 0; y < 300; y++) {
      image.data[y * 100 + 10] = 0;
      for (let x = 50; x < 80; x++) image.data[y * 100 + x] = 0;
    }

    // Act
    const out = removeRules(image, 150);

    // Assess
    expect([out.data[150 * 100 + 10], out.data[150 * 100 + 60]]).toEqual([255, 0]);
  });
});
