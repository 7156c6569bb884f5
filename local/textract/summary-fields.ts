import { type DetectedField, spanOfLines, spanOfWords } from './detected.ts';
import { horizontalOverlap } from './geometry.ts';
import { isDocumentTitle, type LabelKind, labelKind } from './labels.ts';
import { type Line, sameBaseline } from './text-layout.ts';

/**
 * Summary fields from the LINEs outside the table: a label with its value to the right on the same
 * baseline, directly under it, or after a colon in the same LINE; the customer's block under its
 * label; and the vendor, the largest and top-most text above the customer's block.
 */

/** A value sits under its label when the gap between them is under this (× font size). */
const belowGap = 1.0;

export function detectSummaryFields(lines: readonly Line[], taken: ReadonlySet<Line>): DetectedField[] {
  const free = lines.filter((line) => !taken.has(line));
  const labels = new Map<Line, LabelKind>();
  for (const line of free) {
    const kind = wholeLabelKind(line.text);
    if (kind !== null) labels.set(line, kind);
  }
  const used = new Set<Line>(labels.keys());
  const fields: DetectedField[] = [];
  for (const line of free) {
    const kind = labels.get(line);
    if (kind === undefined) {
      const inline = used.has(line) ? null : inlineField(line);
      if (inline !== null) {
        fields.push(inline);
        used.add(line);
      }
      continue;
    }
    const value = valueRightOf(line, free, labels, used) ?? valueBelow(line, free, labels, used);
    if (value === undefined) continue;
    used.add(value);
    if (kind === 'RECEIVER') fields.push(...receiverFields(line, value, free, labels, used));
    else fields.push({ type: kind, label: spanOfLines([line]), value: spanOfLines([value]) });
  }
  const receiverTop = [...labels].find(([, kind]) => kind === 'RECEIVER')?.[0].box.top;
  const vendor = vendorFields(free, used, receiverTop ?? firstLabelTop(labels));
  return [...vendor, ...unlabelledDate(subtotalAmongTotals(fields), free, used)];
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
  const line = free.find((l) => !used.has(l) && dateOnly.test(l.text));
  if (line === undefined) return fields;
  used.add(line);
  return [...fields, { type: 'INVOICE_RECEIPT_DATE', label: null, value: spanOfLines([line]) }];
}

/** A whole LINE that is a known label, or any short text ending in a colon (Textract's OTHER). */
function wholeLabelKind(text: string): LabelKind | null {
  return labelKind(text) ?? (/:\s*$/u.test(text) && looksLikeLabel(text) ? 'OTHER' : null);
}

/** `Invoice number: INV-1`, `IBAN : DE89 …`: label and value in one LINE, split at the first colon. */
function inlineField(line: Line): DetectedField | null {
  const colon = line.words.findIndex((w) => w.text.endsWith(':'));
  if (colon === -1) return leadingLabelField(line);
  if (colon === line.words.length - 1) return null;
  const label = spanOfWords(line.words.slice(0, colon + 1));
  const kind = labelKind(label.text) ?? (looksLikeLabel(label.text) ? 'OTHER' : null);
  if (kind === null || kind === 'RECEIVER') return null;
  return { type: kind, label, value: spanOfWords(line.words.slice(colon + 1)) };
}

/** `DATE 01-Jan-2021`, `TR# 21772`: a known label leading a LINE, a value with digits after it. */
function leadingLabelField(line: Line): DetectedField | null {
  for (let n = Math.min(4, line.words.length - 1); n >= 1; n--) {
    const label = spanOfWords(line.words.slice(0, n));
    const kind = labelKind(label.text);
    if (kind === null || kind === 'OTHER' || kind === 'RECEIVER') continue;
    const value = spanOfWords(line.words.slice(n));
    return /\d/u.test(value.text) ? { type: kind, label, value } : null;
  }
  return null;
}

/** Up to five words with letters and no digits: a label, not a sentence or a time of day. */
function looksLikeLabel(text: string): boolean {
  const words = text.replace(/:\s*$/u, '').trim().split(/\s+/u);
  return words.length <= 5 && /\p{L}{2}/u.test(text) && !/\d/u.test(text);
}

/** The nearest LINE to the right on the same baseline, unless that is another label. */
function valueRightOf(label: Line, free: readonly Line[], labels: Map<Line, LabelKind>, used: Set<Line>) {
  const right = free
    .filter((l) => l !== label && l.box.left >= label.box.right && sameBaseline(label, l))
    .sort((a, b) => a.box.left - b.box.left)[0];
  return right !== undefined && !labels.has(right) && !used.has(right) ? right : undefined;
}

/** The nearest LINE directly under the label, overlapping it horizontally. */
function valueBelow(label: Line, free: readonly Line[], labels: Map<Line, LabelKind>, used: Set<Line>) {
  return below(label, free).find((l) => !labels.has(l) && !used.has(l));
}

function below(line: Line, free: readonly Line[]): Line[] {
  return free
    .filter((l) => {
      const gap = l.box.top - line.box.bottom;
      return gap > -0.2 * line.fontSize && gap < belowGap * Math.max(line.fontSize, l.fontSize);
    })
    .filter((l) => horizontalOverlap(l.box, line.box) > 0)
    .sort((a, b) => a.box.top - b.box.top);
}

/** `Bill to:` then the customer's name, then the address lines stacked under it. */
function receiverFields(
  label: Line,
  name: Line,
  free: readonly Line[],
  labels: Map<Line, LabelKind>,
  used: Set<Line>,
): DetectedField[] {
  const address = stackUnder(name, free, labels, used);
  const fields: DetectedField[] = [
    { type: 'RECEIVER_NAME', label: spanOfLines([label]), value: spanOfLines([name]) },
  ];
  if (address.length > 0)
    fields.push({ type: 'RECEIVER_ADDRESS', label: null, value: spanOfLines(address, '\n') });
  return fields;
}

/**
 * The vendor: among the free LINEs above `limit`, the largest text (ties: the top-most) that is not
 * the document's title; its address is the block stacked under it.
 */
function vendorFields(free: readonly Line[], used: Set<Line>, limit: number): DetectedField[] {
  const candidates = free
    .filter(
      (l) => !used.has(l) && l.box.bottom <= limit && /\p{L}{2}/u.test(l.text) && !isDocumentTitle(l.text),
    )
    .sort((a, b) => b.fontSize - a.fontSize || a.box.top - b.box.top);
  const vendor = candidates[0];
  if (vendor === undefined) return [];
  used.add(vendor);
  const address = stackUnder(vendor, free, new Map(), used).filter((l) => l.fontSize <= vendor.fontSize);
  const fields: DetectedField[] = [{ type: 'VENDOR_NAME', label: null, value: spanOfLines([vendor]) }];
  if (address.length > 0)
    fields.push({ type: 'VENDOR_ADDRESS', label: null, value: spanOfLines(address, '\n') });
  return fields;
}

/** LINEs stacked directly under `top`, left-aligned with it, each close under the one before. */
function stackUnder(top: Line, free: readonly Line[], labels: Map<Line, LabelKind>, used: Set<Line>): Line[] {
  const stack: Line[] = [];
  let last = top;
  for (;;) {
    const next = below(last, free).find(
      (l) => !labels.has(l) && !used.has(l) && Math.abs(l.box.left - top.box.left) <= top.fontSize,
    );
    if (next === undefined) return stack;
    stack.push(next);
    used.add(next);
    last = next;
  }
}

/** Without a customer block, the vendor is looked for above the first label. */
function firstLabelTop(labels: Map<Line, LabelKind>): number {
  const tops = [...labels.keys()].map((l) => l.box.top);
  return tops.length === 0 ? Number.POSITIVE_INFINITY : Math.min(...tops);
}
