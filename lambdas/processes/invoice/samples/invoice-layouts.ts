import { currencySymbol, formatDate } from './formats.ts';
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
import type { Pen } from './pdf-pen.ts';
import { hashSeed } from './prng.ts';
import { wordPools } from './sample-words.ts';
import { titleWords } from './title-words.ts';

/**
 * The layouts that reproduce what real invoices do to a reader: a title above the issuer, the
 * issuer on the right and the customer unlabelled on the left, totals far from their labels, the
 * number only in the title, amounts without a currency. See `layouts` in invoice-spec.ts.
 */

/** A big title (or a copy's title), then the issuer block with VAT number, mail and web. */
export function drawTitleFirst(pen: Pen, spec: InvoiceSpec): void {
  const labels = layoutLabels(spec.language, spec.layout);
  const words = titleWords[spec.language];
  const copy = hashSeed(spec.invoiceNumber) % 2 === 1;
  pen.text(copy ? words.copy : labels.title, page.left, 795, { size: 20, bold: true });
  const afterVendor = drawParty(pen, spec.vendor, 760, { nameSize: 11 });
  drawIssuerDetails(pen, spec, afterVendor, page.left);
  pen.text(labels.billTo, 330, 760, { size: 9, bold: true });
  drawParty(pen, spec.customer, 746, { nameSize: 10, x: 330 });
  drawHeaderFields(pen, spec, labels, { labelX: page.left, valueX: 190, top: 650, dates: 'long' });
  const afterItems = drawLineItems(pen, spec, labels, 585);
  drawTotals(pen, spec, labels, afterItems);
  drawPayment(pen, spec, labels, 150, true);
}

/**
 * The issuer on the right, the customer unlabelled on the left (a window envelope's place), numeric
 * dates in the currency's order, regional amounts, and totals labelled at the left margin with
 * their amounts at the right edge, a payable line under the total.
 */
export function drawRightColumn(pen: Pen, spec: InvoiceSpec): void {
  const labels = layoutLabels(spec.language, spec.layout);
  const words = titleWords[spec.language];
  pen.text(labels.title, page.left, 780, { size: 22, bold: true });
  const afterVendor = drawParty(pen, spec.vendor, 780, { nameSize: 12, x: 360 });
  drawIssuerDetails(pen, spec, afterVendor, 360);
  drawParty(pen, spec.customer, 700, { nameSize: 10 });
  const labelled = (label: string, value: string, x: number, y: number) => {
    pen.text(label, x, y, { size: 8.5, muted: true });
    pen.text(value, x, y - 13);
  };
  const date = (iso: string) => formatDate(iso, spec.language, 'numeric', spec.currency);
  labelled(labels.invoiceNumber, spec.invoiceNumber, 360, 690);
  labelled(labels.invoiceDate, date(spec.invoiceDate), 460, 690);
  if (spec.dueDate !== undefined) labelled(labels.dueDate, date(spec.dueDate), 360, 655);
  const afterItems = drawLineItems(pen, spec, labels, 590, { regional: true });
  drawTotals(pen, spec, labels, afterItems - 6, {
    regional: true,
    labelX: page.left,
    amountDue: words.amountDue,
  });
  drawPayment(pen, spec, labels, 150, false);
}

/**
 * The number (and in some languages the date) only in the title line, long dates, the totals
 * without a currency and the currency named once, by its sign, above the table.
 */
export function drawTitleNumber(pen: Pen, spec: InvoiceSpec): void {
  const labels = layoutLabels(spec.language, spec.layout);
  const words = titleWords[spec.language];
  const long = (iso: string) => formatDate(iso, spec.language, 'long', spec.currency);
  drawParty(pen, spec.vendor, 790, { nameSize: 14 });
  pen.text(words.numberTitle(spec.invoiceNumber, long(spec.invoiceDate)), page.left, 700, {
    size: 15,
    bold: true,
  });
  pen.text(labels.billTo, 360, 760, { size: 9, bold: true });
  drawParty(pen, spec.customer, 746, { nameSize: 10, x: 360 });
  let y = 675;
  const fields: [string, string][] = words.dateInTitle ? [] : [[labels.invoiceDate, long(spec.invoiceDate)]];
  if (spec.dueDate !== undefined) fields.push([labels.dueDate, long(spec.dueDate)]);
  for (const [label, value] of fields) {
    pen.text(label, page.left, y);
    pen.text(value, 190, y);
    y -= 14;
  }
  pen.text(words.amountsIn(currencySymbol(spec.currency)), page.left, 610, { size: 8.5, muted: true });
  const afterItems = drawLineItems(pen, spec, labels, 590);
  drawTotals(pen, spec, labels, afterItems, { bare: true });
  drawPayment(pen, spec, labels, 170, true);
  drawIssuerDetails(pen, spec, 90, page.left);
}

/** The issuer's VAT number, then mail and web on one line, from `top` down. */
export function drawIssuerDetails(pen: Pen, spec: InvoiceSpec, top: number, x: number): void {
  const words = titleWords[spec.language];
  const domain = `${slug(baseName(spec.vendor.name, spec))}.${words.tld}`;
  pen.text(vatLine(spec), x, top, { size: 9 });
  pen.text(`info@${domain}  ·  www.${domain}`, x, top - 12, { size: 9 });
}

/** The vendor's name without its legal form, the part a domain is made of. */
function baseName(name: string, spec: InvoiceSpec): string {
  const form = wordPools[spec.language].legalForms.find((f) => name.endsWith(` ${f}`));
  return form === undefined ? name : name.slice(0, -form.length - 1);
}

function slug(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/ł/gu, 'l')
    .toLowerCase()
    .replace(/&/gu, 'en')
    .replace(/[^a-z0-9]+/gu, '-')
    .replace(/^-|-$/gu, '');
}

/** The issuer's VAT number with its label (`USt-IdNr. DE123456789`). */
export function vatLine(spec: InvoiceSpec): string {
  return `${titleWords[spec.language].vatId} ${vatNumber(spec)}`;
}

/** A VAT number in the country's shape, its digits drawn from the vendor's name (no checksum). */
function vatNumber(spec: InvoiceSpec): string {
  const digits = String(hashSeed(spec.vendor.name)).padStart(12, '7');
  const country = titleWords[spec.language].country;
  switch (country) {
    case 'NL':
      return `NL${digits.slice(0, 9)}B01`;
    case 'FR':
      return `FR${digits.slice(0, 11)}`;
    case 'ES':
      return `B${digits.slice(0, 8)}`;
    case 'IT':
      return `IT${digits.slice(0, 11)}`;
    case 'PL':
      return `${digits.slice(0, 3)}-${digits.slice(3, 6)}-${digits.slice(6, 8)}-${digits.slice(8, 10)}`;
    default:
      return `${country}${digits.slice(0, 9)}`;
  }
}
