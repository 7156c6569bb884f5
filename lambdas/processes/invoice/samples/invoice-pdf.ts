import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import fontkit from '@pdf-lib/fontkit';
import { type PDFDocument as Doc, PDFDocument, StandardFonts } from 'pdf-lib';
import { formatDate } from './formats.ts';
import { drawRightColumn, drawTitleFirst, drawTitleNumber } from './invoice-layouts.ts';
import {
  drawHeaderFields,
  drawLineItems,
  drawParty,
  drawPayment,
  drawTotals,
  page,
} from './invoice-parts.ts';
import { type InvoiceSpec, validateSpec } from './invoice-spec.ts';
import { invoiceLabels } from './labels.ts';
import { drawLetterhead, drawWindowRight } from './lookalike-layouts.ts';
import { encodes, type Fonts, type Pen, pdfPen } from './pdf-pen.ts';

/**
 * A one-page invoice PDF with a real text layer, drawn with pdf-lib's standard fonts (and Noto Sans,
 * embedded, for what they cannot encode: Polish letters, the rupee sign). The bytes
 * depend only on the spec (dates in the metadata come from the invoice date), so a spec always
 * yields the same document id.
 *
 * @example await invoicePdf(randomInvoiceSpec(7)) // Uint8Array starting with %PDF-
 */
export async function invoicePdf(spec: InvoiceSpec): Promise<Uint8Array> {
  validateSpec(spec);
  const doc = await PDFDocument.create({ updateMetadata: false });
  const issued = new Date(`${spec.invoiceDate}T09:00:00Z`);
  doc.setTitle(`${invoiceLabels[spec.language].inline.title} ${spec.invoiceNumber}`);
  doc.setProducer('Tower sample invoices');
  doc.setCreationDate(issued);
  doc.setModificationDate(issued);
  const pdfPage = doc.addPage([page.width, page.height]);
  const pen = pdfPen(pdfPage, await fontsFor(doc, spec));
  const draw = {
    inline: drawInline,
    columns: drawColumns,
    'title-first': drawTitleFirst,
    'right-column': drawRightColumn,
    'title-number': drawTitleNumber,
    letterhead: drawLetterhead,
    'window-right': drawWindowRight,
  }[spec.layout];
  draw(pen, spec);
  return doc.save();
}

const notoSans = dirname(createRequire(import.meta.url).resolve('@expo-google-fonts/noto-sans/package.json'));

async function fontsFor(doc: Doc, spec: InvoiceSpec): Promise<Fonts> {
  const regular = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  const needsUnicode =
    spec.language === 'pl' || spec.currency === 'INR' || !encodes(regular, JSON.stringify(spec));
  if (!needsUnicode) return { regular, bold };
  doc.registerFontkit(fontkit);
  const face = (file: string) => doc.embedFont(readFileSync(join(notoSans, file)), { subset: false });
  return {
    regular,
    bold,
    unicode: {
      regular: await face('400Regular/NotoSans_400Regular.ttf'),
      bold: await face('700Bold/NotoSans_700Bold.ttf'),
    },
  };
}

/** Labels left with values right on the same line; the title under the vendor's address. */
function drawInline(pen: Pen, spec: InvoiceSpec): void {
  const labels = invoiceLabels[spec.language].inline;
  drawParty(pen, spec.vendor, 770, { nameSize: 18 });
  pen.text(labels.title, page.left, 690, { size: 16, bold: true });
  pen.text(labels.billTo, page.left, 650, { size: 9, bold: true });
  drawParty(pen, spec.customer, 636, { nameSize: 10 });
  drawHeaderFields(pen, spec, labels, { labelX: 320, valueX: 430, top: 650 });
  const afterItems = drawLineItems(pen, spec, labels, 560);
  drawTotals(pen, spec, labels, afterItems);
  drawPayment(pen, spec, labels, 150, true);
}

/** A two-column header block: the customer on the left, labels above their values on the right. */
function drawColumns(pen: Pen, spec: InvoiceSpec): void {
  const labels = invoiceLabels[spec.language].columns;
  drawParty(pen, spec.vendor, 775, { nameSize: 16 });
  pen.text(labels.title, page.right, 770, { size: 24, bold: true, align: 'right' });
  pen.text(labels.billTo, page.left, 680, { size: 9, bold: true });
  drawParty(pen, spec.customer, 666, { nameSize: 10 });
  const labelled = (label: string, value: string, x: number, y: number) => {
    pen.text(label, x, y, { size: 8.5, muted: true });
    pen.text(value, x, y - 13);
  };
  labelled(labels.invoiceNumber, spec.invoiceNumber, 330, 680);
  labelled(labels.invoiceDate, formatDate(spec.invoiceDate, spec.language), 450, 680);
  if (spec.dueDate !== undefined) labelled(labels.dueDate, formatDate(spec.dueDate, spec.language), 330, 645);
  const afterItems = drawLineItems(pen, spec, labels, 580);
  drawTotals(pen, spec, labels, afterItems);
  drawPayment(pen, spec, labels, 150, false);
}
