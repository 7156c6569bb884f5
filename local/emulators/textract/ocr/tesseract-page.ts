// Types only: the words cleaner and the page builder both read tesseract's result, neither the other.

export interface OcrBox {
  readonly x0: number;
  readonly y0: number;
  readonly x1: number;
  readonly y1: number;
}

export interface OcrWord {
  readonly text: string;
  /** 0–100 */
  readonly confidence: number;
  readonly bbox: OcrBox;
}

export interface OcrLine {
  readonly words: readonly OcrWord[];
  /** From (x0, y0) to (x1, y1) along the line's baseline. */
  readonly baseline: OcrBox;
  /** Tesseract's row height (x-height plus ascenders), a check on a glyph fused with a speck. */
  readonly rowAttributes?: { readonly rowHeight: number };
}

/** What is used of tesseract.js's `Page` (blocks are requested with `{ blocks: true }`). */
export interface OcrPage {
  readonly blocks:
    | readonly { readonly paragraphs: readonly { readonly lines: readonly OcrLine[] }[] }[]
    | null;
}
