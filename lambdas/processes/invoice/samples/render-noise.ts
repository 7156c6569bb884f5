import type { Random } from './prng.ts';
import type { Raster } from './render-raster.ts';

/**
 * What a cheap office scanner does to a page, drawn from a seed: a tilt (at most 1°), a slightly
 * grey paper, softened edges, sensor noise and a few specks, and for JPEG a middling quality.
 * The pixel work is plain arithmetic, so the same seed always gives the same image.
 */

export interface ScanNoise {
  /** Clockwise tilt in degrees, within ±1. */
  readonly rotateDegrees: number;
  /** Paper's gray level (255 is white). */
  readonly paper: number;
  /** Box blur passes (0 or 1). */
  readonly blur: number;
  /** Amplitude of the per-pixel noise, in gray levels. */
  readonly grain: number;
  /** Dark specks per megapixel. */
  readonly specks: number;
  /** JPEG quality, 0–100. */
  readonly jpegQuality: number;
}

export function drawScanNoise(random: Random): ScanNoise {
  return {
    rotateDegrees: Math.round((random.next() * 2 - 1) * 100) / 100,
    paper: random.int(236, 252),
    blur: random.chance(0.5) ? 1 : 0,
    grain: random.int(4, 14),
    specks: random.int(0, 40),
    jpegQuality: random.int(55, 85),
  };
}

/** The noise applied to a raster (a new one; the input is left as it is). Gray out, as scans are. */
export function applyScanNoise(raster: Raster, noise: ScanNoise, random: Random): Raster {
  const { width, height } = raster;
  let gray: Float32Array = new Float32Array(width * height);
  for (let i = 0; i < gray.length; i++) {
    const p = i * 4;
    const luma =
      0.299 * (raster.data[p] ?? 255) +
      0.587 * (raster.data[p + 1] ?? 255) +
      0.114 * (raster.data[p + 2] ?? 255);
    // White maps to the paper's tone, black stays black.
    gray[i] = (luma / 255) * noise.paper;
  }
  for (let pass = 0; pass < noise.blur; pass++) gray = boxBlur(gray, width, height);
  for (let i = 0; i < gray.length; i++)
    gray[i] = (gray[i] ?? 0) + (random.next() + random.next() - 1) * noise.grain;
  const specks = Math.round((noise.specks * width * height) / 1e6);
  for (let s = 0; s < specks; s++) {
    const [x, y] = [random.int(0, width - 2), random.int(0, height - 2)];
    for (const [dx, dy] of [
      [0, 0],
      [1, 0],
      [0, 1],
      [1, 1],
    ] as const)
      gray[(y + dy) * width + x + dx] = 40;
  }
  const data = new Uint8ClampedArray(width * height * 4);
  for (let i = 0; i < gray.length; i++) {
    const v = Math.round(gray[i] ?? 255);
    data.set([v, v, v, 255], i * 4);
  }
  return { width, height, data };
}

/** A 3×3 box blur, edges clamped. */
function boxBlur(src: Float32Array, width: number, height: number): Float32Array {
  const out = new Float32Array(src.length);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      let sum = 0;
      for (let dy = -1; dy <= 1; dy++)
        for (let dx = -1; dx <= 1; dx++) {
          const [sx, sy] = [
            Math.min(width - 1, Math.max(0, x + dx)),
            Math.min(height - 1, Math.max(0, y + dy)),
          ];
          sum += src[sy * width + sx] ?? 0;
        }
      out[y * width + x] = sum / 9;
    }
  }
  return out;
}
