import type { ExpenseContent } from './expense-fields.ts';
import { candidateName } from './issuer.ts';
import {
  type IssuerTies,
  identityTies,
  isAboveTitle,
  issuerTies,
  type PageContext,
  pageContext,
} from './issuer-ties.ts';
import { normaliseLabel } from './label-text.ts';
import { recipientLines } from './recipient.ts';
import type { TextLine } from './text-blocks.ts';

/**
 * What the page says about the vendor name read, as the calibration's evidence:
 * `customer`: the name is the customer's (Textract's RECEIVER name, or a line in a block labelled or
 * placed as the recipient: under `Bill to` or `Rechnungsadresse`, beside a customer number);
 * `tied`: a seller label, a domain, a VAT or registration id or a bank account ties it to the issuer;
 * `placed`: only its place does: above the document's title (or beside it), the only name there;
 * `untied`: nothing does, or the page's lines do not show the name;
 * `domain`: no name was read, only the issuer's mail or web domain.
 */
export type VendorEvidence = 'customer' | 'tied' | 'placed' | 'untied' | 'domain';
/** The evidence of a name that is taken as the vendor's. */
export type NamedVendorEvidence = Exclude<VendorEvidence, 'customer'>;

export interface VendorFinding {
  readonly evidence: VendorEvidence;
  /** The ties found, when the name stands on the first page. */
  readonly ties: IssuerTies | null;
}

export function vendorEvidence(content: ExpenseContent, name: string): VendorFinding {
  const key = letters(name);
  const receiverFields = content.summary.filter(
    (f) => f.type.startsWith('RECEIVER_') || (f.type === 'NAME' && f.groups.includes('RECEIVER')),
  );
  const customerField = receiverFields.some((f) =>
    f.value.split(/\r?\n/u).some((part) => letters(part) === key),
  );
  const lines = content.lines.filter((l) => l.page === 1);
  const index = locate(
    lines.map((l) => l.text),
    key,
  );
  if (customerField || (index !== null && recipientLines(lines).has(index)))
    return { evidence: 'customer', ties: null };
  if (index === null) return { evidence: 'untied', ties: null };
  const page = pageContext(lines);
  const ties = issuerTies(lines, index, name, page);
  if (identityTies(ties) > 0) return { evidence: 'tied', ties };
  // Above the title, a name is the issuer's only when no other name is there too (a customer's, a band's).
  const placed = ties.aboveTitle && !rivalAboveTitle(lines, index, page);
  return { evidence: placed ? 'placed' : 'untied', ties };
}

/** Another line that could be a name, above the title, outside the name's block and the customer's. */
function rivalAboveTitle(lines: readonly TextLine[], index: number, page: PageContext): boolean {
  const own = new Set(page.blocks[index] ?? [index]);
  const recipients = recipientLines(lines);
  return lines.some(
    (line, i) =>
      !own.has(i) && !recipients.has(i) && isAboveTitle(line, page) && candidateName(line.text) !== null,
  );
}

/** The line that is the name, else the first that holds it (`ACME GmbH · Hauptstr. 5`). */
function locate(texts: readonly string[], key: string): number | null {
  if (key.length === 0) return null;
  const keys = texts.map(letters);
  const exact = keys.indexOf(key);
  if (exact >= 0) return exact;
  const holding = keys.findIndex((k) => k.includes(key));
  return holding >= 0 ? holding : null;
}

function letters(text: string): string {
  return normaliseLabel(text).replace(/[^\p{L}\p{N}]/gu, '');
}
