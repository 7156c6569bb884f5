import { createCanvas, ImageData, loadImage } from '@napi-rs/canvas';
import type { DocumentKind } from '../document-kind.ts';
import { unsupportedDocument } from '../errors.ts';
import { type GrayImage, grayOfRgba, rgbaOfGray } from './pixels.ts';
import { decodeTiff } from './tiff.ts';

/**
 * An image document's bytes to gray pixels at the scale OCR wants: PNG and JPEG through Skia
 * (@napi-rs/canvas), TIFF through the small reader beside this file. Resampling uses Skia's
 * high-quality filter, which keeps thin strokes (commas, decimal points) when enlarging.
 */

export async function decodeImage(kind: Exclude<DocumentKind, 'pdf'>, bytes: Uint8Array): Promise<GrayImage> {
  try {
    if (kind === 'tiff') return decodeTiff(bytes);
    const image = await loadImage(Buffer.from(bytes));
    if (image.width === 0 || image.height === 0) throw new Error('empty image');
    const canvas = createCanvas(image.width, image.height);
    const context = canvas.getContext('2d');
    context.fillStyle = '#ffffff';
    context.fillRect(0, 0, image.width, image.height);
    context.drawImage(image, 0, 0);
    return grayOfRgba(image.width, image.height, context.getImageData(0, 0, image.width, image.height).data);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw unsupportedDocument(
      `Request has unsupported document format: the ${kind.toUpperCase()} image cannot be decoded for OCR (${reason})`,
    );
  }
}

/** The image resampled by `scale` (1 returns it as is). */
export function rescale(image: GrayImage, scale: number): GrayImage {
  if (scale === 1) return image;
  const source = createCanvas(image.width, image.height);
  source.getContext('2d').putImageData(new ImageData(rgbaOfGray(image), image.width, image.height), 0, 0);
  const width = Math.max(1, Math.round(image.width * scale));
  const height = Math.max(1, Math.round(image.height * scale));
  const target = createCanvas(width, height);
  const context = target.getContext('2d');
  context.imageSmoothingEnabled = true;
  context.imageSmoothingQuality = 'high';
  context.drawImage(source, 0, 0, width, height);
  return grayOfRgba(width, height, context.getImageData(0, 0, width, height).data);
}
