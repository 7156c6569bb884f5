import { type PDFFont, type PDFPage, rgb } from 'pdf-lib';

/** Left- or right-aligned text and hairlines on one pdf-lib page, in points from the bottom left. */
export interface Pen {
  text(text: string, x: number, y: number, style?: TextStyle): void;
  rule(x1: number, x2: number, y: number): void;
  /** A tinted band from x1 to x2, `height` tall, its bottom at y (drawn before the text over it). */
  band(x1: number, x2: number, y: number, height: number): void;
}

export interface TextStyle {
  /** @default 10 */
  readonly size?: number;
  /** @default false */
  readonly bold?: boolean;
  /** `right` puts the text's right edge at x, like numbers in a column. @default 'left' */
  readonly align?: 'left' | 'right';
  /** @default false */
  readonly muted?: boolean;
}

export interface Fonts {
  readonly regular: PDFFont;
  readonly bold: PDFFont;
  /** For text the standard fonts cannot encode (`ł`, `₹`): an embedded Unicode face. */
  readonly unicode?: { readonly regular: PDFFont; readonly bold: PDFFont };
}

const ink = rgb(0.1, 0.1, 0.12);
const muted = rgb(0.4, 0.4, 0.45);
const tint = rgb(0.86, 0.89, 0.93);

export function pdfPen(page: PDFPage, fonts: Fonts): Pen {
  return {
    text(text, x, y, style = {}) {
      const size = style.size ?? 10;
      const standard = style.bold ? fonts.bold : fonts.regular;
      const fallback = style.bold ? fonts.unicode?.bold : fonts.unicode?.regular;
      const font = fallback !== undefined && !encodes(standard, text) ? fallback : standard;
      const left = style.align === 'right' ? x - font.widthOfTextAtSize(text, size) : x;
      page.drawText(text, { x: left, y, size, font, color: style.muted ? muted : ink });
    },
    rule(x1, x2, y) {
      page.drawLine({ start: { x: x1, y }, end: { x: x2, y }, thickness: 0.5, color: muted });
    },
    band(x1, x2, y, height) {
      page.drawRectangle({ x: x1, y, width: x2 - x1, height, color: tint });
    },
  };
}

/** Whether the font can draw the text (a standard font knows only WinAnsi). */
export function encodes(font: PDFFont, text: string): boolean {
  try {
    font.encodeText(text);
    return true;
  } catch {
    return false;
  }
}
