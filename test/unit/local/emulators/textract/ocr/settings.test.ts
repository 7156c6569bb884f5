import { describe, expect, it } from 'vitest';
import {
  defaultOcrSettings,
  imageScale,
  ocrSettings,
  tesseractParameters,
} from '../../../../../../local/emulators/textract/ocr/settings.ts';

describe('ocrSettings', () => {
  it('defaults to sparse-text segmentation, rule removal and 300 DPI scans', () => {
    expect(ocrSettings()).toEqual(defaultOcrSettings);
    expect(defaultOcrSettings).toMatchObject({ psm: '11', pdfDpi: 300, removeRules: true });
  });

  it.each([
    [{ psm: '7' as never }, /segmentation mode 7/],
    [{ targetLongSide: 100 }, /targetLongSide/],
    [{ maxScale: 0.5 }, /maxScale/],
    [{ pdfDpi: 1200 }, /pdfDpi/],
  ])('refuses %j', (overrides, message) => {
    expect(() => ocrSettings(overrides)).toThrow(message);
  });
});

describe('imageScale', () => {
  it.each([
    [805, 1917, 1.72], // a receipt photo: enlarged
    [1654, 2339, 1.41], // A4 at 200 DPI: enlarged to about 300 DPI
    [2550, 3300, 1], // Letter at 300 DPI: as is
    [2480, 3508, 1], // A4 at 300 DPI: within 10 % of the target
    [400, 300, 2], // tiny: at most 2×
    [8000, 12000, 0.5], // huge: at most halved
  ])('scales %d×%d by %d', (width, height, scale) => {
    expect(imageScale(width, height, defaultOcrSettings)).toBe(scale);
  });
});

describe('tesseractParameters', () => {
  it('sets the segmentation mode, keeps interword spaces and declares the DPI', () => {
    expect(tesseractParameters(ocrSettings({ psm: '4' }), 299.6)).toEqual({
      tessedit_pageseg_mode: '4',
      preserve_interword_spaces: '1',
      user_defined_dpi: '300',
    });
  });

  it("resets the DPI to tesseract's own estimate when told not to declare it", () => {
    expect(tesseractParameters(ocrSettings({ declareDpi: false }), 300).user_defined_dpi).toBe('0');
  });
});
