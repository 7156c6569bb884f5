import {
  type DetectedField,
  spanOfLines,
  spanOfWords,
} from '../../../../local/emulators/textract/detected.ts';
import type { PageSize } from '../../../../local/emulators/textract/geometry.ts';
import { type Line, stackUnder } from '../../../../local/emulators/textract/text-layout.ts';
import { issuerName } from '../extract/issuer.ts';
import { type LabelHit, labelHits } from './label-spans.ts';
import type { LabelKind } from './labels.ts';
import { type Candidate, valueCandidates } from './pairing.ts';
import { unlabelledRecipient } from './recipient-fields.ts';
import { valueFits } from './value-types.ts';

/**
 * Summary fields from the LINEs outside the table. Labels are found in every lexicon language: a
 * LINE that is a label takes its value from the right or from below (whichever fits the field and
 * sits best: distance and alignment become the field's confidence), a label leading a LINE keeps
 * the rest of it, a title may carry the number and the date. The customer's block hangs under its
 * label; the vendor is the issuer block's name (legal form, VAT number, domain, size, position).
 */

/** Confidence factors: how much a field's placement says about its being right. */
const factors = {
  inline: 1,
  title: 0.93,
  ambiguous: 0.97,
  unlabelledDate: 0.85,
  vendorLabel: 0.97,
} as const;

export function detectSummaryFields(
  lines: readonly Line[],
  taken: ReadonlySet<Line>,
  page: PageSize = extentOf(lines),
): DetectedField[] {
  const free = lines.filter((line) => !taken.has(line));
  const hits = free.flatMap(labelHits);
  const labelLines = new Set(hits.filter((h) => h.value.length === 0).map((h) => h.line));
  const used = new Set<Line>(hits.map((h) => h.line));
  const fields: DetectedField[] = hits.flatMap((hit) => (hit.value.length === 0 ? [] : [inlineField(hit)]));
  const proposals = hits
    .filter((hit) => hit.value.length === 0)
    .flatMap((hit) => {
      const candidates = valueCandidates(hit.line, free, page).filter(
        (c) => !labelLines.has(c.line) && !used.has(c.line) && valueFits(hit.kind, c.line.text),
      );
      const ambiguous = candidates.length > 1 ? factors.ambiguous : 1;
      return candidates.map((c) => ({ hit, candidate: c, factor: c.factor * ambiguous }));
    })
    .sort((a, b) => b.factor - a.factor);
  const paired = new Set<LabelHit>();
  let receiverTop = Number.POSITIVE_INFINITY;
  for (const { hit, candidate, factor } of proposals) {
    if (paired.has(hit) || used.has(candidate.line)) continue;
    paired.add(hit);
    used.add(candidate.line);
    if (hit.kind === 'RECEIVER') {
      receiverTop = Math.min(receiverTop, hit.line.box.top);
      fields.push(...receiverFields(hit.line, candidate, free, labelLines, used));
    } else fields.push(pairedField(hit.kind, hit.line, candidate, factor));
  }
  if (!fields.some((f) => f.type === 'RECEIVER_NAME')) fields.push(...unlabelledRecipient(free, used));
  const vendor = fields.some((f) => f.type === 'VENDOR_NAME') ? [] : vendorFields(free, used, page);
  return [...vendor, ...unlabelledDate(subtotalAmongTotals(fields), free, used)];
}

function inlineField(hit: LabelHit): DetectedField {
  return {
    type: fieldType(hit.kind),
    label: spanOfWords(hit.label),
    value: spanOfWords(hit.value),
    factor: hit.fromTitle ? factors.title : factors.inline,
  };
}

/** Textract's type for what a label introduces: `Seller:` a VENDOR_NAME, `Bill to:` a RECEIVER_NAME. */
function fieldType(kind: LabelKind): string {
  return kind === 'VENDOR' ? 'VENDOR_NAME' : kind === 'RECEIVER' ? 'RECEIVER_NAME' : kind;
}

function pairedField(kind: LabelKind, label: Line, candidate: Candidate, factor: number): DetectedField {
  return {
    type: fieldType(kind),
    label: spanOfLines([label]),
    value: spanOfLines([candidate.line]),
    factor: kind === 'VENDOR' ? Math.min(factor, factors.vendorLabel) : factor,
  };
}

/** `Total`, `Tax`, `Grand total`: with no subtotal label, a total printed above the tax is the subtotal. */
function subtotalAmongTotals(fields: DetectedField[]): DetectedField[] {
  const totals = fields.filter((f) => f.type === 'TOTAL');
  const tax = fields.find((f) => f.type === 'TAX');
  const first = totals[0];
  const top = (f: DetectedField) => Math.min(...f.value.words.map((w) => w.box.top));
  if (
    fields.some((f) => f.type === 'SUBTOTAL') ||
    totals.length < 2 ||
    !first ||
    !tax ||
    top(first) >= top(tax)
  )
    return fields;
  return fields.map((f) => (f === first ? { ...f, type: 'SUBTOTAL' } : f));
}

/** A date standing alone (`12/07/2019`, `01-Jan-2021`), as receipts print it. */
const dateOnly =
  /^(?:\d{1,2}[./-]\d{1,2}[./-]\d{2,4}|\d{4}-\d{2}-\d{2}|\d{1,2}[ .-]\p{L}{3,9}\.?[ .-]\d{2,4}|\p{L}{3,9}\.? \d{1,2},? \d{4})$/u;

/** Receipts print their date without a label: with no labelled one, the first lone date is it. */
function unlabelledDate(fields: DetectedField[], free: readonly Line[], used: Set<Line>): DetectedField[] {
  if (fields.some((f) => f.type === 'INVOICE_RECEIPT_DATE')) return fields;
  const line = free.find(
    (l) => !used.has(l) && dateOnly.test(l.text) && valueFits('INVOICE_RECEIPT_DATE', l.text),
  );
  if (line === undefined) return fields;
  used.add(line);
  return [
    ...fields,
    { type: 'INVOICE_RECEIPT_DATE', label: null, value: spanOfLines([line]), factor: factors.unlabelledDate },
  ];
}

/** `Bill to:` then the customer's name, then the address lines stacked under it. */
function receiverFields(
  label: Line,
  name: Candidate,
  free: readonly Line[],
  labels: ReadonlySet<Line>,
  used: Set<Line>,
): DetectedField[] {
  const address = stackUnder(name.line, free, (l) => !labels.has(l) && !used.has(l));
  for (const line of address) used.add(line);
  const fields: DetectedField[] = [
    {
      type: 'RECEIVER_NAME',
      label: spanOfLines([label]),
      value: spanOfLines([name.line]),
      factor: name.factor,
    },
  ];
  if (address.length > 0)
    fields.push({ type: 'RECEIVER_ADDRESS', label: null, value: spanOfLines(address, '\n') });
  return fields;
}

/** The issuer block's name (see lambdas/processes/invoice/extract/issuer.ts) and the address stacked under it. */
function vendorFields(free: readonly Line[], used: Set<Line>, page: PageSize): DetectedField[] {
  const exclude = new Set(free.flatMap((line, i) => (used.has(line) ? [i] : [])));
  const issuer = issuerName(
    free.map((l) => ({ text: l.text, ...l.box })),
    { exclude, pageHeight: page.height },
  );
  const vendor = issuer === null ? undefined : free[issuer.line];
  if (issuer === null || vendor === undefined) return [];
  used.add(vendor);
  const address = stackUnder(vendor, free, (l) => !used.has(l)).filter((l) => l.fontSize <= vendor.fontSize);
  for (const line of address) used.add(line);
  const name =
    issuer.name === vendor.text ? spanOfLines([vendor]) : { text: issuer.name, words: vendor.words };
  const fields: DetectedField[] = [
    { type: 'VENDOR_NAME', label: null, value: name, factor: issuer.confidence / 99 },
  ];
  if (address.length > 0)
    fields.push({ type: 'VENDOR_ADDRESS', label: null, value: spanOfLines(address, '\n') });
  return fields;
}

function extentOf(lines: readonly Line[]): PageSize {
  return {
    width: Math.max(1, ...lines.map((l) => l.box.right)),
    height: Math.max(1, ...lines.map((l) => l.box.bottom)),
  };
}
