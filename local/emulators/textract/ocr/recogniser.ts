import type { DocumentKind } from '../document-kind.ts';
import type { Recogniser } from '../ocr.ts';
import type { PageText } from '../pdf-text.ts';
import { decodeImage, rescale } from './decode.ts';
import { createOcrEngine, type OcrEngine } from './engine.ts';
import { pageTextOfOcr } from './page-text.ts';
import { renderPdfPages } from './pdf-pages.ts';
import { binarise, type GrayImage, pgmOf, stretchContrast } from './pixels.ts';
import { removeRules } from './rules.ts';
import { imageScale, type OcrSettings, ocrSettings, tesseractParameters } from './settings.ts';
import type { OcrPage } from './tesseract-page.ts';

/**
 * The local Textract's OCR: images (PNG, JPEG, TIFF) and scanned PDF pages to the same PageText the
 * text layer gives, through one tesseract worker that lives as long as the recogniser.
 */

export interface OcrRecogniser {
  /** One page: the image, or the numbered page of a scanned PDF (the first by default). */
  readonly recognise: Recogniser;
  /** Every page of the document: one for an image, all of a scanned PDF. */
  recognisePages(kind: DocumentKind, bytes: Uint8Array): Promise<PageText[]>;
  /** Stops the worker; the recogniser starts a new one if used again. */
  close(): Promise<void>;
}

export interface OcrRecogniserOptions {
  readonly settings?: Partial<OcrSettings>;
  /** @default a tesseract.js worker started on first use */
  readonly engine?: OcrEngine;
  /** Texts a word split at a letter gap is rejoined into (the expense reader's labels). @default none */
  readonly knows?: (text: string) => boolean;
}

/** A straight line this long (× page width) is a rule, never a stroke of text. */
const ruleLength = 0.08;

/** The DPI images are taken to have once rescaled to the target size (an A4 page at 300 DPI). */
const imageDpi = 300;

/**
 * @example
 * const ocr = createOcrRecogniser();
 * const page = await ocr.recognise('png', bytes); // words with boxes and confidences
 * await ocr.close();
 */
export function createOcrRecogniser(options: OcrRecogniserOptions = {}): OcrRecogniser {
  const settings = ocrSettings(options.settings);
  const engine = options.engine ?? createOcrEngine();
  const read = async (image: GrayImage, dpi: number): Promise<OcrPage> => {
    const unruled = settings.removeRules ? removeRules(image, Math.round(image.width * ruleLength)) : image;
    const stretched = settings.stretchContrast ? stretchContrast(unruled) : unruled;
    const prepared = settings.binarise ? binarise(stretched) : stretched;
    return engine.recognise(pgmOf(prepared), tesseractParameters(settings, dpi));
  };
  const pages = async (kind: DocumentKind, bytes: Uint8Array, numbers?: readonly number[]) => {
    if (kind === 'pdf') {
      const rendered = await renderPdfPages(bytes, settings.pdfDpi, numbers);
      const texts: PageText[] = [];
      for (const page of rendered)
        texts.push(
          pageTextOfOcr(await read(page.image, settings.pdfDpi), page.size, page.scale, options.knows),
        );
      return texts;
    }
    const image = await decodeImage(kind, bytes);
    const scale = imageScale(image.width, image.height, settings);
    const ocr = await read(rescale(image, scale), imageDpi);
    return [pageTextOfOcr(ocr, { width: image.width, height: image.height }, scale, options.knows)];
  };
  return {
    recognise: async (kind, bytes, page = 1) => {
      const [text] = await pages(kind, bytes, [page]);
      if (text === undefined) throw new Error(`No page ${page} was read`);
      return text;
    },
    recognisePages: (kind, bytes) => pages(kind, bytes),
    close: () => engine.terminate(),
  };
}
