import { formatDate } from './formats.ts';
import { drawIssuerDetails, vatLine } from './invoice-layouts.ts';
import {
  drawHeaderFields,
  drawLineItems,
  drawParty,
  drawPayment,
  drawTotals,
  page,
} from './invoice-parts.ts';
import type { InvoiceSpec } from './invoice-spec.ts';
import { layoutLabels } from './labels.ts';
import { lookalikeWords } from './lookalike-words.ts';
import type { Pen } from './pdf-pen.ts';

/**
 * The layouts of `lookalikeLayouts` (invoice-spec.ts): what a reader sees first, large and high, is a
 * band of words and the customer's company; the issuer's block is small, and only its VAT number, its
 * domain and its place tie it to the invoice.
 */

/** A band, the issuer small under it, the customer's block labelled and larger at the top right. */
export function drawLetterhead(pen: Pen, spec: InvoiceSpec): void {
  const labels = layoutLabels(spec.language, spec.layout);
  const words = lookalikeWords[spec.language];
  drawBandAndIssuer(pen, spec, { bandSize: 15, nameSize: 10, top: 772 });
  pen.text(words.customerBlock, 330, 772, { size: 8.5, muted: true });
  drawParty(pen, spec.customer, 758, { nameSize: 13, x: 330 });
  pen.text(labels.title, page.left, 680, { size: 16, bold: true });
  drawHeaderFields(pen, spec, labels, { labelX: page.left, valueX: 190, top: 650 });
  const afterItems = drawLineItems(pen, spec, labels, 580);
  drawTotals(pen, spec, labels, afterItems);
  drawPayment(pen, spec, labels, 150, true);
}

/**
 * A band, the issuer small at the top left, the customer unlabelled in an envelope window on the right
 * under its customer number, labels above their values, and the issuer's legal line at the foot.
 */
export function drawWindowRight(pen: Pen, spec: InvoiceSpec): void {
  const labels = layoutLabels(spec.language, spec.layout);
  const words = lookalikeWords[spec.language];
  drawBandAndIssuer(pen, spec, { bandSize: 12, nameSize: 11, top: 778 });
  pen.text(`${words.customerNumber}: ${spec.customerNumber ?? '10000'}`, 330, 752, {
    size: 8.5,
    muted: true,
  });
  drawParty(pen, spec.customer, 735, { nameSize: 12, x: 330 });
  pen.text(labels.title, page.left, 670, { size: 18, bold: true });
  const labelled = (label: string, value: string, x: number) => {
    pen.text(label, x, 640, { size: 8.5, muted: true });
    pen.text(value, x, 627);
  };
  labelled(labels.invoiceNumber, spec.invoiceNumber, page.left);
  labelled(labels.invoiceDate, formatDate(spec.invoiceDate, spec.language), 190);
  if (spec.dueDate !== undefined) labelled(labels.dueDate, formatDate(spec.dueDate, spec.language), 330);
  const afterItems = drawLineItems(pen, spec, labels, 590);
  drawTotals(pen, spec, labels, afterItems);
  drawPayment(pen, spec, labels, 150, false);
  if (spec.issuerDetails !== false) {
    const foot = [spec.vendor.name, ...spec.vendor.addressLines, vatLine(spec)].join(' · ');
    pen.text(foot, page.left, 50, { size: 7.5, muted: true });
  }
}

/** A tinted band across the top of the page with words in it, then the issuer's block under it. */
function drawBandAndIssuer(
  pen: Pen,
  spec: InvoiceSpec,
  { bandSize, nameSize, top }: { bandSize: number; nameSize: number; top: number },
): void {
  const words = spec.headerBand ?? lookalikeWords[spec.language].bands[0] ?? '';
  pen.band(0, page.width, page.height - 2.2 * bandSize - 12, 2.2 * bandSize + 12);
  pen.text(words, page.left, page.height - 1.6 * bandSize - 6, { size: bandSize, bold: true });
  const afterVendor = drawParty(pen, spec.vendor, top, { nameSize });
  if (spec.issuerDetails !== false) drawIssuerDetails(pen, spec, afterVendor, page.left);
}
